"""Reusable pieces for building small, real Argos Translate packages for tests.

Used by ``tools/tiny_argos_model/build.py`` (the copy model) and
``tools/distilled_argos_model/build.py`` (the distilled en->es translator):

* :func:`train_sentencepiece` - SentencePiece trained from inside the work dir, so
  the model file stores no absolute path;
* :func:`sinusoid_table`, :func:`build_torch_model` - a pre-norm Transformer in torch
  that mirrors CTranslate2's ``TransformerSpec`` exactly (fixed sinusoidal position
  table exported verbatim, tied embeddings, ReLU FFN);
* :func:`make_batches` - length-bucketed batches;
* :func:`export_ctranslate2` - torch weights -> CTranslate2 model directory;
* :func:`write_zip` - a deterministic ``.argosmodel`` zip with one top-level folder.

Needs numpy; torch, sentencepiece and ctranslate2 are imported lazily.
"""

from __future__ import annotations

import math
import os
import random
import shutil
import zipfile
from pathlib import Path

import numpy as np

# --------------------------------------------------------------------------------------
# SentencePiece
# --------------------------------------------------------------------------------------

# The copy model's settings (lossless, byte fallback); callers override what differs.
SP_DEFAULTS = {
    "model_type": "unigram",
    "character_coverage": 1.0,
    "normalization_rule_name": "identity",  # lossless: no NFKC, keep every char
    "remove_extra_whitespaces": False,
    "split_digits": True,
    "unk_id": 0,
    "bos_id": 1,
    "eos_id": 2,
    "pad_id": 3,
    "num_threads": 1,
    "input_sentence_size": 0,
    "shuffle_input_sentence": False,
    "max_sentence_length": 8192,
    "minloglevel": 2,
}


def train_sentencepiece(
    sp_text: Path, prefix: Path, vocab_size: int, *, byte_fallback: bool, **overrides
) -> None:
    """Train ``prefix``.model/.vocab on ``sp_text`` (both in the same directory).

    SentencePiece stores the input path and model prefix inside the model file: train
    from inside the work dir with relative names so the bytes do not depend on where
    the build ran. ``overrides`` replace entries of :data:`SP_DEFAULTS` (e.g.
    ``normalization_rule_name="nmt_nfkc"``, ``character_coverage=0.9995``).
    """
    import sentencepiece as spm

    opts = {**SP_DEFAULTS, **overrides}
    cwd = os.getcwd()
    os.chdir(sp_text.parent)
    try:
        spm.SentencePieceTrainer.train(
            input=sp_text.name,
            model_prefix=prefix.name,
            vocab_size=vocab_size,
            byte_fallback=byte_fallback,
            **opts,
        )
    finally:
        os.chdir(cwd)


# --------------------------------------------------------------------------------------
# Model (mirrors CTranslate2's pre-norm Transformer exactly)
# --------------------------------------------------------------------------------------


def sinusoid_table(n: int, d: int) -> np.ndarray:
    """[sin | cos] halves, position 0 = first token (this table is exported as-is)."""
    pos = np.arange(n, dtype=np.float64)[:, None]
    inv = np.exp(-math.log(10000.0) * np.arange(d // 2, dtype=np.float64) / (d // 2 - 1))
    ang = pos * inv[None, :]
    return np.concatenate([np.sin(ang), np.cos(ang)], axis=1).astype(np.float32)


def build_torch_model(cfg: dict):
    import torch
    import torch.nn as nn
    import torch.nn.functional as F

    d, h, ff, eps = cfg["d_model"], cfg["heads"], cfg["ffn"], cfg["eps"]

    class SelfAttn(nn.Module):
        def __init__(self):
            super().__init__()
            self.ln = nn.LayerNorm(d, eps=eps)
            self.qkv = nn.Linear(d, 3 * d)
            self.out = nn.Linear(d, d)

        def forward(self, x, key_pad=None, causal=False):
            B, T, _ = x.shape
            q, k, v = self.qkv(self.ln(x)).view(B, T, 3, h, d // h).permute(2, 0, 3, 1, 4)
            mask = None
            if key_pad is not None:
                mask = (~key_pad)[:, None, None, :]
            y = F.scaled_dot_product_attention(q, k, v, attn_mask=mask, is_causal=causal)
            return x + self.out(y.transpose(1, 2).reshape(B, T, d))

    class CrossAttn(nn.Module):
        def __init__(self):
            super().__init__()
            self.ln = nn.LayerNorm(d, eps=eps)
            self.q = nn.Linear(d, d)
            self.kv = nn.Linear(d, 2 * d)
            self.out = nn.Linear(d, d)

        def forward(self, x, mem, mem_pad):
            B, T, _ = x.shape
            S = mem.shape[1]
            q = self.q(self.ln(x)).view(B, T, h, d // h).transpose(1, 2)
            k, v = self.kv(mem).view(B, S, 2, h, d // h).permute(2, 0, 3, 1, 4)
            y = F.scaled_dot_product_attention(q, k, v, attn_mask=(~mem_pad)[:, None, None, :])
            return x + self.out(y.transpose(1, 2).reshape(B, T, d))

    class FFN(nn.Module):
        def __init__(self):
            super().__init__()
            self.ln = nn.LayerNorm(d, eps=eps)
            self.l0 = nn.Linear(d, ff)
            self.l1 = nn.Linear(ff, d)

        def forward(self, x):
            return x + self.l1(F.relu(self.l0(self.ln(x))))

    class EncLayer(nn.Module):
        def __init__(self):
            super().__init__()
            self.sa, self.ffn = SelfAttn(), FFN()

        def forward(self, x, pad):
            return self.ffn(self.sa(x, key_pad=pad))

    class DecLayer(nn.Module):
        def __init__(self):
            super().__init__()
            self.sa, self.ca, self.ffn = SelfAttn(), CrossAttn(), FFN()

        def forward(self, y, mem, mem_pad):
            return self.ffn(self.ca(self.sa(y, causal=True), mem, mem_pad))

    class Seq2Seq(nn.Module):
        def __init__(self):
            super().__init__()
            self.emb = nn.Embedding(cfg["vocab"], d)  # shared: encoder, decoder, output
            nn.init.normal_(self.emb.weight, std=d**-0.5)
            self.register_buffer("pe", torch.from_numpy(sinusoid_table(cfg["max_pos"], d)))
            self.enc = nn.ModuleList(EncLayer() for _ in range(cfg["enc_layers"]))
            self.dec = nn.ModuleList(DecLayer() for _ in range(cfg["dec_layers"]))
            self.enc_ln = nn.LayerNorm(d, eps=eps)
            self.dec_ln = nn.LayerNorm(d, eps=eps)
            self.out_bias = nn.Parameter(torch.zeros(cfg["vocab"]))

        def embed(self, ids):
            return self.emb(ids) * math.sqrt(d) + self.pe[: ids.shape[1]]

        def encode(self, src, src_pad):
            x = self.embed(src)
            for layer in self.enc:
                x = layer(x, src_pad)
            return self.enc_ln(x)

        def forward(self, src, src_pad, tgt_in):
            mem = self.encode(src, src_pad)
            y = self.embed(tgt_in)
            for layer in self.dec:
                y = layer(y, mem, src_pad)
            return F.linear(self.dec_ln(y), self.emb.weight, self.out_bias)

    return Seq2Seq()


def make_batches(examples, max_tokens: int, rng: random.Random, length=len):
    """Bucket by length: sort, cut into batches of <= max_tokens padded tokens.
    ``length(example)`` gives the padded length of one example (default ``len``)."""
    order = sorted(range(len(examples)), key=lambda i: (length(examples[i]), rng.random()))
    batches, cur, cur_max = [], [], 0
    for i in order:
        n = length(examples[i]) + 1
        if cur and max(cur_max, n) * (len(cur) + 1) > max_tokens:
            batches.append(cur)
            cur, cur_max = [], 0
        cur.append(i)
        cur_max = max(cur_max, n)
    if cur:
        batches.append(cur)
    rng.shuffle(batches)
    return batches


# --------------------------------------------------------------------------------------
# CTranslate2 export
# --------------------------------------------------------------------------------------


def export_ctranslate2(
    model,
    cfg,
    vocab,
    out_dir: Path,
    quantization: str | None,
    *,
    alignment_layer: int = -1,
    alignment_heads: int = 1,
):
    """Write ``model`` (from :func:`build_torch_model`) as a CTranslate2 model directory.

    ``alignment_layer``/``alignment_heads`` choose the decoder cross-attention that
    ``translate_batch(..., return_attention=True)`` returns (the first
    ``alignment_heads`` heads of that layer, averaged)."""
    import ctranslate2.specs as cs

    sd = {k: v.detach().float().numpy().copy() for k, v in model.state_dict().items()}
    spec = cs.TransformerSpec.from_config(
        (cfg["enc_layers"], cfg["dec_layers"]),
        cfg["heads"],
        pre_norm=True,
        activation=cs.common_spec.Activation.RELU,
        alignment_layer=alignment_layer,
        alignment_heads=alignment_heads,
    )
    spec.config.layer_norm_epsilon = cfg["eps"]
    spec.config.add_source_eos = True

    def lin(s, prefix):
        s.weight = sd[prefix + ".weight"]
        s.bias = sd[prefix + ".bias"]

    def ln(s, prefix):
        s.gamma = sd[prefix + ".weight"]
        s.beta = sd[prefix + ".bias"]

    emb = sd["emb.weight"]
    pe = sd["pe"]
    enc, dec = spec.encoder, spec.decoder
    enc.embeddings[0].weight = emb
    enc.position_encodings.encodings = pe
    ln(enc.layer_norm, "enc_ln")
    for i, ls in enumerate(enc.layer):
        p = f"enc.{i}"
        ln(ls.self_attention.layer_norm, p + ".sa.ln")
        lin(ls.self_attention.linear[0], p + ".sa.qkv")
        lin(ls.self_attention.linear[1], p + ".sa.out")
        ln(ls.ffn.layer_norm, p + ".ffn.ln")
        lin(ls.ffn.linear_0, p + ".ffn.l0")
        lin(ls.ffn.linear_1, p + ".ffn.l1")
    dec.embeddings.weight = emb
    dec.position_encodings.encodings = pe
    ln(dec.layer_norm, "dec_ln")
    dec.projection.weight = emb
    dec.projection.bias = sd["out_bias"]
    for i, ls in enumerate(dec.layer):
        p = f"dec.{i}"
        ln(ls.self_attention.layer_norm, p + ".sa.ln")
        lin(ls.self_attention.linear[0], p + ".sa.qkv")
        lin(ls.self_attention.linear[1], p + ".sa.out")
        ln(ls.attention.layer_norm, p + ".ca.ln")
        lin(ls.attention.linear[0], p + ".ca.q")
        lin(ls.attention.linear[1], p + ".ca.kv")
        lin(ls.attention.linear[2], p + ".ca.out")
        ln(ls.ffn.layer_norm, p + ".ffn.ln")
        lin(ls.ffn.linear_0, p + ".ffn.l0")
        lin(ls.ffn.linear_1, p + ".ffn.l1")
    spec.register_source_vocabulary(vocab)
    spec.register_target_vocabulary(vocab)
    spec.validate()
    spec.optimize(quantization=quantization)
    if out_dir.exists():
        shutil.rmtree(out_dir)
    out_dir.mkdir(parents=True)
    spec.save(str(out_dir))


# --------------------------------------------------------------------------------------
# Packaging
# --------------------------------------------------------------------------------------


def write_zip(src_dir: Path, out: Path, top: str) -> None:
    """Deterministic zip: sorted entries, fixed timestamps, one top-level folder."""
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_suffix(".tmp")
    with zipfile.ZipFile(tmp, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        dirs = sorted({p for p in src_dir.rglob("*") if p.is_dir()} | {src_dir})
        for d in dirs:
            rel = d.relative_to(src_dir).as_posix()
            name = f"{top}/" if rel == "." else f"{top}/{rel}/"
            zi = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
            zi.external_attr = (0o40755 << 16) | 0x10
            z.writestr(zi, b"")
        for f in sorted(p for p in src_dir.rglob("*") if p.is_file()):
            zi = zipfile.ZipInfo(
                f"{top}/{f.relative_to(src_dir).as_posix()}", date_time=(1980, 1, 1, 0, 0, 0)
            )
            zi.external_attr = 0o100644 << 16
            zi.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(zi, f.read_bytes(), compresslevel=9)
    tmp.replace(out)
