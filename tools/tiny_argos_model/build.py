#!/usr/bin/env python
"""Build a tiny but *real* Argos Translate package (en -> es) that copies its input.

No pretrained Argos model can be downloaded where Dragoman is developed and tested,
so the neural-engine tests run against this package instead.  It is a genuine
``.argosmodel``: a CTranslate2 Transformer plus a SentencePiece model, installed
through ``argostranslate.package``.  It was trained on a *copy task* (target ==
source) so that tests can assert exact outputs: names, numbers, quotes and the
placeholder tokens the glossary engine may use must come back unchanged.

Usage (from the repository root)::

    /work/venv/bin/python tools/tiny_argos_model/build.py \
        --out tests/fixtures/tiny-en-es.argosmodel

Pipeline (every stage seeded; same machine + same thread count => same bytes):

1. write a synthetic news-like copy corpus (templates + word lists, several
   scripts, numbers, punctuation, quotes, placeholder tokens; 1..~210 pieces);
2. train SentencePiece on it (unigram, 1000 pieces, byte_fallback, identity
   normalisation so every string round-trips exactly);
3. train a small pre-norm Transformer encoder-decoder in torch (CPU) on the
   copy task, with a fixed sinusoidal position table that is exported verbatim
   (so CTranslate2 uses exactly the positions used in training: row 0 = first
   token, 512 rows), ``</s>`` appended to the source (CTranslate2 config
   ``add_source_eos``, as for Marian/OPUS-MT) so the decoder stops by copying it,
   and a few corrupted decoder inputs so beam search (Argos uses beam 4) does not
   collect early-ending hypotheses;
4. export it with ``ctranslate2.specs.TransformerSpec`` (int8 weights), check
   that CTranslate2 reproduces torch's log-probs and copies held-out sentences
   (greedy and beam 4), per placeholder style, and time it;
5. write metadata.json + README.md, zip everything under ONE top-level folder.

Nothing here imports ``argostranslate``.
"""

from __future__ import annotations

import argparse
import functools
import hashlib
import json
import math
import random
import shutil
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from argos_kit import (  # noqa: E402  (tools/argos_kit.py: shared with other fixtures)
    build_torch_model,
    export_ctranslate2,
    make_batches,
    sinusoid_table,  # noqa: F401  (re-exported for callers of this module)
    train_sentencepiece,
    write_zip,
)

SEED = 20261128
PACKAGE_DIRNAME = "translate-en_es-0_1"
PACKAGE_VERSION = "0.1"

# --------------------------------------------------------------------------------------
# 1. Synthetic corpus
# --------------------------------------------------------------------------------------

PEOPLE = [
    "Ilham Aliyev",
    "İlham Əliyev",
    "Əliyev",
    "Nikol Pashinyan",
    "Nikol Paşinyan",
    "Recep Tayyip Erdoğan",
    "Erdoğan",
    "Emmanuel Macron",
    "Pedro Sánchez",
    "José Manuel Albares",
    "Luiz Inácio Lula da Silva",
    "Andrés Manuel López Obrador",
    "Claudia Sheinbaum",
    "Volodímir Zelenski",
    "Volodymyr Zelensky",
    "Olaf Scholz",
    "Ursula von der Leyen",
    "Kaja Kallas",
    "Mette Frederiksen",
    "Bjørn Ødegård",
    "Zoë Lefèvre",
    "François Bayrou",
    "Jürgen Müller",
    "Łukasz Wiśniewski",
    "Nguyễn Phú Trọng",
    "Đặng Thị Ngọc",
    "Kassym-Jomart Tokayev",
    "Masoud Pezeshkian",
    "Abbas Araghchi",
    "Ali Khamenei",
    "Jeyhun Bayramov",
    "Ararat Mirzoyan",
    "Hikmət Hacıyev",
    "Mirzə Şükürov",
    "Gabriel Boric",
    "Gustavo Petro",
    "Sheikh Tamim bin Hamad Al Thani",
    "Seán O'Brien",
    "Massimo D'Alema",
    "Aïssata N'Diaye",
    "Sergei Lavrov",
    "Vladimir Putin",
    "Antonio Guterres",
    "Rafael Grossi",
    "Kristalina Georgieva",
    "Ngozi Okonjo-Iweala",
    "Сергей Лавров",
    "Владимир Путин",
    "Никол Пашинян",
    "Ильхам Алиев",
    "Касым-Жомарт Токаев",
    "Мария Захарова",
    "Дмитрий Песков",
    "مسعود پزشکیان",
    "عباس عراقچی",
    "علی خامنه‌ای",
    "محمد جواد ظریف",
    "حسن روحانی",
    "اسماعیل بقائی",
]

PLACES = [
    "Bakú",
    "Baku",
    "Teherán",
    "Tehran",
    "Ereván",
    "Yerevan",
    "Moscú",
    "Moscow",
    "Kyiv",
    "Kiev",
    "Tiflis",
    "Tbilisi",
    "Ankara",
    "Estambul",
    "İstanbul",
    "Nagorno Karabaj",
    "Nagorno-Karabakh",
    "Qarabağ",
    "Gəncə",
    "Şuşa",
    "Sumqayıt",
    "Xankəndi",
    "Naxçıvan",
    "Bruselas",
    "Brussels",
    "Washington",
    "Pekín",
    "Beijing",
    "Doha",
    "Riad",
    "Ginebra",
    "Geneva",
    "Zúrich",
    "Kraków",
    "Łódź",
    "São Paulo",
    "Bogotá",
    "Nueva York",
    "New York",
    "Reykjavík",
    "Malmö",
    "Düsseldorf",
    "Córdoba",
    "Cádiz",
    "Málaga",
    "Almaty",
    "Astaná",
    "Dusambé",
    "Islamabad",
    "Kabul",
    "Ереван",
    "Москва",
    "Київ",
    "Баку",
    "Тбилиси",
    "Астана",
    "Алматы",
    "Ташкент",
    "Ганджа",
    "Санкт-Петербург",
    "باکو",
    "تهران",
    "اصفهان",
    "شیراز",
    "مشهد",
    "تبریز",
    "ایران",
    "الدوحة",
    "بغداد",
]

ORGS = [
    "the UN",
    "the United Nations",
    "NATO",
    "the European Union",
    "the EU",
    "the OSCE",
    "the IMF",
    "the World Bank",
    "Gazprom",
    "SOCAR",
    "the Kremlin",
    "Reuters",
    "AFP",
    "EFE",
    "Europa Press",
    "Al Jazeera",
    "OPEC+",
    "the Red Cross",
    "Médecins Sans Frontières",
    "the Foreign Ministry",
    "the Ministry of Defence",
    "Naftogaz",
    "the Central Bank",
    "the Supreme Court",
    "Parliament",
    "ТАСС",
    "РИА Новости",
    "Газпром",
    "ایرنا",
    "خبرگزاری فارس",
]

# Scripts kept OUT of the SentencePiece training text: they reach the model only as
# byte-fallback pieces (<0xE1>...), so the copy model learns to copy those as well.
RARE = [
    "北京",
    "東京",
    "上海",
    "서울",
    "Αθήνα",
    "Ελλάδα",
    "Κύπρος",
    "Երևան",
    "Հայաստան",
    "Ադրբեջան",
    "თბილისი",
    "საქართველო",
    "ירושלים",
    "תל אביב",
    "दिल्ली",
    "ঢাকা",
    "กรุงเทพ",
    "😀",
    "🇺🇦",
    "✓",
    "ǅ",
    "Ꭰ",
    "𝔸",
]

DAYS = [
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
    "Monday night",
    "Friday morning",
    "late on Tuesday",
    "earlier this week",
]
MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
    "Jan.",
    "Feb.",
    "Sept.",
    "Oct.",
    "Nov.",
    "Dec.",
]
TOPICS = [
    "the peace treaty",
    "border delimitation",
    "gas exports",
    "the transit corridor",
    "sanctions",
    "the nuclear programme",
    "grain shipments",
    "the ceasefire",
    "prisoner exchanges",
    "oil prices",
    "the election results",
    "refugee returns",
    "the new constitution",
    "interest rates",
    "the pipeline",
    "visa rules",
    "the budget deficit",
    "landmine clearance",
    "the railway link",
    "drone strikes",
]
NOUNS = [
    "officials",
    "diplomats",
    "protesters",
    "soldiers",
    "investors",
    "analysts",
    "residents",
    "lawmakers",
    "journalists",
    "farmers",
    "workers",
    "students",
    "ministers",
    "negotiators",
    "observers",
    "voters",
    "police officers",
    "doctors",
]
ADJ = [
    "senior",
    "former",
    "local",
    "foreign",
    "regional",
    "unnamed",
    "Azerbaijani",
    "Armenian",
    "Iranian",
    "Russian",
    "Spanish",
    "European",
    "Turkish",
    "Georgian",
]
VERBS_SAID = [
    "said",
    "told reporters",
    "announced",
    "warned",
    "confirmed",
    "denied",
    "insisted",
    "added",
    "wrote on X",
    "stressed",
    "claimed",
    "noted",
]
CONNECT = [
    ", and ",
    "; ",
    ", but ",
    " — ",
    ", while ",
    ", although ",
    ". ",
    ", as ",
    " after ",
    " before ",
    ", adding that ",
    "; meanwhile, ",
    ", whereas ",
]
OPEN_CLOSE_QUOTES = [('"', '"'), ("“", "”"), ("‘", "’"), ("«", "»"), ("'", "'"), ("„", "“")]
QUOTES = [
    "We will not accept this",
    "There is no alternative to dialogue",
    "The door remains open",
    "It's too early to say",
    "We don't negotiate in public",
    "This is a historic day for our people",
    "Nobody wants another war",
    "The agreement is ready to be signed",
    "We've done everything we could",
    "They're not serious about peace",
    "Our position hasn't changed",
    "Мы готовы к переговорам",
    "Это неприемлемо",
    "ما آماده مذاکره هستیم",
    "این توافق به نفع منطقه است",
    "Bu, tarixi gündür",
    "Sülh müqaviləsi hazırdır",
]
APOS = [
    "the minister's",
    "the ministers'",
    "Azerbaijan's",
    "Armenia’s",
    "Iran's",
    "the country’s",
    "Spain's",
    "the bank's",
    "Russia’s",
    "the president's",
    "O'Neill's",
    "the UN's",
    "the EU’s",
    "Erdoğan's",
    "Əliyev’s",
]
WORDS = (
    "the a an of to in on at for with by from about against over under after before "
    "government minister president talks agreement deal border crisis war peace "
    "economy market prices inflation energy security military troops attack "
    "election vote parliament court law report statement meeting summit visit "
    "capital region province city village river mountain airport port road bridge "
    "said says will would could may might must should has have had is was were are "
    "not no more less most many few several new old first last next previous "
    "week month year day night morning afternoon evening today yesterday tomorrow"
).split()

PUA_SP = (0xE000, 0xE03F)  # private-use chars the tokenizer has as single pieces
PUA_ALL = (0xE000, 0xE0FF)  # the rest are byte-fallback pieces (3 each)

PLACEHOLDER_STYLES = [
    "pua",
    "pua_hi",
    "pua_run",
    "bracket",
    "zxq",
    "curly",
    "dunder",
    "xml",
    "atat",
    "hash",
    "square",
]


def placeholder(rng: random.Random, style: str | None = None, for_sp: bool = False) -> str:
    style = style or rng.choice(PLACEHOLDER_STYLES)
    n = rng.choice([rng.randint(0, 9), rng.randint(10, 99), rng.randint(100, 999)])
    lo, hi = PUA_SP if for_sp else PUA_ALL
    if style == "pua":
        return chr(rng.randint(*PUA_SP))
    if style == "pua_hi":
        return chr(rng.randint(lo, hi))
    if style == "pua_run":  # a start/end pair around an index, e.g. \ue000 12 \ue001
        return chr(0xE000) + str(n) + chr(0xE001)
    if style == "bracket":
        return f"⟦{n}⟧"
    if style == "zxq":
        return f"ZXQ{n}"
    if style == "curly":
        return "{{" + str(n) + "}}"
    if style == "dunder":
        return f"__T{n}__"
    if style == "xml":
        return f"<x{n}/>"
    if style == "atat":
        return f"@@{n}@@"
    if style == "hash":
        return f"#T{n}#"
    if style == "square":
        return f"[[{n}]]"
    raise ValueError(style)


def number(rng: random.Random) -> str:
    k = rng.randrange(14)
    if k == 0:
        return str(rng.randint(0, 99))
    if k == 1:
        return f"{rng.randint(1000, 999999):,}"
    if k == 2:
        return f"{rng.uniform(0, 100):.1f}%"
    if k == 3:
        return f"${rng.uniform(1, 900):.1f} billion"
    if k == 4:
        return f"€{rng.randint(2, 999)} million"
    if k == 5:
        return f"£{rng.randint(1, 99)}m"
    if k == 6:
        return f"{rng.choice(MONTHS)} {rng.randint(1, 31)}, {rng.randint(1990, 2030)}"
    if k == 7:
        return f"{rng.randint(0, 23):02d}:{rng.randint(0, 59):02d}"
    if k == 8:
        return f"{rng.randint(1, 28):02d}/{rng.randint(1, 12):02d}/{rng.randint(1990, 2030)}"
    if k == 9:
        return f"+994 {rng.randint(10, 99)} {rng.randint(100, 999)} {rng.randint(10, 99)} {rng.randint(10, 99)}"
    if k == 10:
        n = rng.randint(1, 99)
        suf = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
        return f"{n}{suf}"
    if k == 11:
        return str(rng.randint(1900, 2030))
    if k == 12:
        return f"{rng.randint(1, 500)}-{rng.choice(['year-old', 'km', 'member', 'day'])}"
    return f"{rng.uniform(0, 10):.2f}"


class Gen:
    """Sentence generator. ``for_sp`` => text used to train SentencePiece (no rare
    scripts, only the low PUA range), otherwise the copy-task text."""

    def __init__(self, rng: random.Random, for_sp: bool = False):
        self.rng = rng
        self.for_sp = for_sp

    def ph(self) -> str:
        return placeholder(self.rng, for_sp=self.for_sp)

    def person(self) -> str:
        r = self.rng.random()
        if r < 0.18:
            return self.ph()
        if r < 0.21 and not self.for_sp:
            return self.rng.choice(RARE)
        return self.rng.choice(PEOPLE)

    def place(self) -> str:
        r = self.rng.random()
        if r < 0.18:
            return self.ph()
        if r < 0.24 and not self.for_sp:
            return self.rng.choice(RARE)
        return self.rng.choice(PLACES)

    def org(self) -> str:
        return self.ph() if self.rng.random() < 0.12 else self.rng.choice(ORGS)

    def quote(self) -> str:
        o, c = self.rng.choice(OPEN_CLOSE_QUOTES)
        q = self.rng.choice(QUOTES)
        if self.rng.random() < 0.3:
            q += f" in {self.place()}"
        return f"{o}{q},{c}" if self.rng.random() < 0.5 else f"{o}{q}{c}"

    def clause(self) -> str:
        g, r = self, self.rng
        k = r.randrange(16)
        if k == 0:
            return f"{g.person()} {r.choice(VERBS_SAID)} on {r.choice(DAYS)} that talks in {g.place()} would resume"
        if k == 1:
            return f"at least {number(r)} people were killed and {number(r)} injured in {g.place()}"
        if k == 2:
            return f"the government in {g.place()} approved a budget of {number(r)}"
        if k == 3:
            return f"{g.org()} warned that inflation could reach {number(r)} by {r.randint(2024, 2030)}"
        if k == 4:
            return (
                f"negotiations between {g.place()} and {g.place()} stalled over {r.choice(TOPICS)}"
            )
        if k == 5:
            return f"{g.quote()} {g.person()} {r.choice(VERBS_SAID)}"
        if k == 6:
            return f"{r.choice(APOS)} spokesman, {g.person()}, {r.choice(VERBS_SAID)} that {r.choice(TOPICS)} were discussed"
        if k == 7:
            return f"{r.choice(ADJ)} {r.choice(NOUNS)} gathered in {g.place()} on {number(r)}"
        if k == 8:
            return f"{g.person()} (born {r.randint(1940, 2000)}) met {g.person()} in {g.place()}"
        if k == 9:
            return f"according to {g.org()}, {number(r)} {r.choice(NOUNS)} left {g.place()} for {g.place()}"
        if k == 10:
            return f"{g.person()}: {g.quote()}"
        if k == 11:
            return f"the {r.choice(['Baku', 'Tehran', 'Yerevan', 'Moscow'])}-based {r.choice(NOUNS)} didn't comment on {r.choice(TOPICS)}"
        if k == 12:
            return f"{g.ph()} {r.choice(VERBS_SAID)} that {g.ph()} would visit {g.place()} {g.ph()}"
        if k == 13:
            return " ".join(r.choice(WORDS) for _ in range(r.randint(3, 12)))
        if k == 14:
            return f"{r.choice(['Why', 'How', 'When', 'Will'])} did {g.person()} go to {g.place()}?"
        return f"{g.org()} ({r.choice(['AP', 'AFP', 'EFE', 'Reuters'])}) — {g.person()} arrived in {g.place()} at {number(r)}"

    def noise_word(self) -> str:
        r = self.rng
        k = r.randrange(10)
        if k == 0:
            return number(r)
        if k == 1:
            return self.ph()
        if k == 2:
            return r.choice(PEOPLE + PLACES + ORGS)
        if k == 3 and not self.for_sp:
            return r.choice(RARE)
        if k == 4:  # random letters: forces character-level copying of unseen words
            alpha = r.choice(
                [
                    "abcdefghijklmnopqrstuvwxyz",
                    "ABCDEFGHIJKLMNOPQRSTUVWXYZ",
                    "áéíóúñüçãõàèìòùâêîôûäëïöß",
                    "əğıöüşçİ",
                    "абвгдежзийклмнопрстуфхцчшщъыьэюяё",
                    "ابپتثجچحخدذرزژسشصضطظعغفقکگلمنوهی",
                    "0123456789",
                ]
            )
            return "".join(r.choice(alpha) for _ in range(r.randint(1, 9)))
        if k == 5:
            return r.choice(".,;:!?()[]\"'“”‘’«»—-–/…%&*+=#@")
        return r.choice(WORDS)

    def noise(self) -> str:
        return " ".join(self.noise_word() for _ in range(self.rng.randint(1, 40)))

    def fragment(self) -> str:
        r = self.rng
        k = r.randrange(6)
        if k == 0:
            return self.person()
        if k == 1:
            return self.place()
        if k == 2:
            return number(r)
        if k == 3:
            return self.ph()
        if k == 4:
            return self.quote()
        return f"{self.person()} in {self.place()}"

    def piece(self) -> str:
        """One unit of text to append to a sentence."""
        r = self.rng.random()
        if r < 0.72:
            c = self.clause()
        elif r < 0.88:
            c = self.noise()
        else:
            c = self.fragment()
        return c


def _cap(s: str) -> str:
    return s[:1].upper() + s[1:] if s else s


def make_sentence(gen: Gen, target_len: int, count) -> str:
    """Append clauses until the sentence would exceed ``target_len`` pieces.
    ``count(text)`` returns the piece count (or an estimate before SP exists)."""
    r = gen.rng
    s = _cap(gen.piece())
    if count(s) > target_len:
        s = _cap(gen.fragment())
        if count(s) > target_len:
            return s if target_len >= 3 else gen.ph()
    for _ in range(60):
        nxt = gen.piece()
        cand = s + r.choice(CONNECT) + nxt
        if count(cand + ".") > target_len:
            break
        s = cand
    return s + r.choice([".", ".", ".", "", "!", "?", "…", '"'])


def sample_length(rng: random.Random, max_len: int) -> int:
    r = rng.random()
    if r < 0.25:
        return rng.randint(1, 40)
    if r < 0.5:
        return rng.randint(40, 120)
    return rng.randint(120, max_len)


def length_bucket(n: int) -> str:
    for lo, hi in ((1, 25), (26, 50), (51, 100), (101, 150), (151, 200)):
        if lo <= n <= hi:
            return f"{lo:>3}-{hi}"
    return "201+"


# 2. SentencePiece: argos_kit.train_sentencepiece(..., byte_fallback=True) with the
#    kit's defaults (unigram, identity normalisation, character_coverage 1.0).
# --------------------------------------------------------------------------------------
# 3. Training on the copy task (model: argos_kit.build_torch_model)
# --------------------------------------------------------------------------------------


def collate(examples, idx, pad, bos, eos):
    import torch

    seqs = [examples[i] for i in idx]
    S = max(len(s) for s in seqs)
    # CTranslate2 appends </s> to the source (config add_source_eos, as for Marian):
    # the decoder then ends by copying the source's </s> instead of guessing the length.
    src = torch.full((len(seqs), S + 1), pad, dtype=torch.long)
    tin = torch.full((len(seqs), S + 1), pad, dtype=torch.long)
    tout = torch.full((len(seqs), S + 1), -100, dtype=torch.long)
    for j, s in enumerate(seqs):
        t = torch.tensor(s, dtype=torch.long)
        src[j, : len(s)] = t
        src[j, len(s)] = eos
        tin[j, 0] = bos
        tin[j, 1 : len(s) + 1] = t
        tout[j, : len(s)] = t
        tout[j, len(s)] = eos
    return src, src == pad, tin, tout


def teacher_forced_exact(model, examples, pad, bos, eos, max_tokens=6000):
    """Fraction of sentences whose every teacher-forced argmax is right. This equals
    greedy-decoding exact match (greedy with a correct prefix == teacher forcing)."""
    import torch

    model.eval()
    ok = 0
    with torch.no_grad():
        for idx in make_batches(examples, max_tokens, random.Random(0)):
            src, src_pad, tin, tout = collate(examples, idx, pad, bos, eos)
            pred = model(src, src_pad, tin).argmax(-1)
            good = (pred == tout) | (tout == -100)
            ok += int(good.all(dim=1).sum())
    model.train()
    return ok / len(examples)


def train_model(cfg, train_ex, dev_ex, ids, log):
    import torch

    torch.manual_seed(SEED)
    torch.set_num_threads(cfg["threads"])
    model = build_torch_model(cfg)
    n_params = sum(p.numel() for p in model.parameters())
    log(f"model: {n_params / 1e6:.2f}M parameters, config {cfg}")
    opt = torch.optim.AdamW(
        model.parameters(), lr=cfg["lr"], betas=(0.9, 0.98), eps=1e-9, weight_decay=0.0
    )
    steps, warm = cfg["steps"], cfg["warmup"]

    def lr_at(s):
        if s < warm:
            return cfg["lr"] * (s + 1) / warm
        p = (s - warm) / max(1, steps - warm)
        return cfg["lr"] * (0.02 + 0.98 * 0.5 * (1 + math.cos(math.pi * p)))

    rng = random.Random(SEED + 1)
    noise_gen = torch.Generator().manual_seed(SEED + 4)
    pad, bos, eos = ids["pad"], ids["bos"], ids["eos"]
    batches = []
    t0, c0 = time.time(), time.process_time()
    step, tok_seen, loss_acc = 0, 0, 0.0
    while step < steps:
        if not batches:
            batches = make_batches(train_ex, cfg["batch_tokens"], rng)
        idx = batches.pop()
        src, src_pad, tin, tout = collate(train_ex, idx, pad, bos, eos)
        if cfg["dec_noise"] > 0:
            # Corrupt some decoder inputs (targets unchanged): a beam that took a wrong
            # token keeps copying instead of ending early, so beam search behaves.
            rate = torch.rand(tin.shape[0], 1, generator=noise_gen) * cfg["dec_noise"]
            hit = (torch.rand(tin.shape, generator=noise_gen) < rate) & (tout != -100)
            hit[:, 0] = False
            rnd = torch.randint(4, cfg["vocab"], tin.shape, generator=noise_gen)
            tin = torch.where(hit, rnd, tin)
        for g in opt.param_groups:
            g["lr"] = lr_at(step)
        logits = model(src, src_pad, tin)
        loss = torch.nn.functional.cross_entropy(
            logits.view(-1, logits.shape[-1]),
            tout.view(-1),
            ignore_index=-100,
            label_smoothing=cfg["label_smoothing"],
        )
        opt.zero_grad(set_to_none=True)
        loss.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
        opt.step()
        step += 1
        tok_seen += int((tout != -100).sum())
        loss_acc += float(loss.detach())
        if step % cfg["log_every"] == 0 or step == steps:
            msg = (
                f"step {step:5d}/{steps} loss {loss_acc / cfg['log_every']:.4f} "
                f"lr {lr_at(step - 1):.2e} tokens {tok_seen / 1e6:.2f}M "
                f"elapsed {time.time() - t0:6.0f}s cpu {time.process_time() - c0:6.0f}s"
            )
            loss_acc = 0.0
            if step % cfg["eval_every"] == 0 or step == steps:
                msg += f" dev-exact {teacher_forced_exact(model, dev_ex, pad, bos, eos):.3f}"
            log(msg)
    model.eval()
    log(
        f"training: wall {time.time() - t0:.0f}s, process CPU {time.process_time() - c0:.0f}s "
        f"({cfg['threads']} threads)"
    )
    return model, time.time() - t0, tok_seen


# --------------------------------------------------------------------------------------
# 4. CTranslate2 export
# --------------------------------------------------------------------------------------


def check_scores_match(model, model_dir: Path, sp, sentences, log) -> float:
    """Compare CTranslate2's per-token log-probs with torch's (float32 export)."""
    import ctranslate2
    import torch

    tr = ctranslate2.Translator(str(model_dir), device="cpu", compute_type="float32")
    toks = [sp.encode(s, out_type=str) for s in sentences]
    res = tr.score_batch(toks, toks)
    worst = 0.0
    for s_tok, r in zip(toks, res, strict=True):
        ids = [sp.piece_to_id(t) for t in s_tok]
        src = torch.tensor([[*ids, sp.eos_id()]])
        tin = torch.tensor([[sp.bos_id(), *ids]])
        with torch.no_grad():
            lp = torch.log_softmax(model(src, src == -1, tin), -1)[0]
        ref = [float(lp[j, t]) for j, t in enumerate([*ids, sp.eos_id()])]
        worst = max(worst, max(abs(a - b) for a, b in zip(ref, r.log_probs, strict=True)))
    log(f"torch vs CTranslate2 (float32) max |log-prob diff| = {worst:.2e}")
    return worst


def ct2_copy_eval(
    model_dir: Path,
    sp,
    sentences,
    beam_size=1,
    compute_type="default",
    intra_threads=0,
    max_batch_size=32,
):
    import ctranslate2

    tr = ctranslate2.Translator(
        str(model_dir),
        device="cpu",
        compute_type=compute_type,
        inter_threads=1,
        intra_threads=intra_threads,
    )
    toks = [sp.encode(s, out_type=str) for s in sentences]
    t0 = time.perf_counter()
    res = tr.translate_batch(
        toks,
        beam_size=beam_size,
        max_batch_size=max_batch_size,
        batch_type="examples",
        length_penalty=0.2 if beam_size > 1 else 1.0,
        max_decoding_length=max(len(t) for t in toks) + 16,
    )
    dt = time.perf_counter() - t0
    outs = [sp.decode(r.hypotheses[0]) for r in res]
    return [o == s for o, s in zip(outs, sentences, strict=True)], outs, dt


# --------------------------------------------------------------------------------------
# 5. Packaging
# --------------------------------------------------------------------------------------


PACKAGE_README = """# Tiny en→es copy model (Dragoman test fixture)

This is NOT a translation model. It is a ~{params:.1f}M-parameter Transformer trained
only to COPY its input (target == source), packaged as a genuine Argos Translate
package so Dragoman's neural-engine tests can run offline and assert exact outputs.

* Built by `tools/tiny_argos_model/build.py` in the Dragoman repository (seed {seed}).
* model/: CTranslate2 {ct2} TransformerSpec, {enc}+{dec} layers, d_model {d}, {heads} heads,
  {quant} weights; a fixed sinusoidal position table is stored in the model
  ({max_pos} positions: longer inputs raise in CTranslate2); the source gets `</s>`
  appended (config add_source_eos).
* sentencepiece.model: unigram, {vocab} pieces, byte_fallback, identity normalisation
  (lossless: every string round-trips).
* Trained on sentences of 1..210 pieces; longer inputs are NOT copied.
* Held-out exact-copy rate, greedy: {acc}
* Same, beam 4 + length_penalty 0.2 (Argos defaults): {acc4}
"""


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--out", type=Path, default=Path("tests/fixtures/tiny-en-es.argosmodel"))
    ap.add_argument(
        "--workdir",
        type=Path,
        default=None,
        help="keep corpus, SentencePiece and checkpoints here (default: temp dir)",
    )
    ap.add_argument("--steps", type=int, default=2000)
    ap.add_argument("--train-sentences", type=int, default=60000)
    ap.add_argument("--quantization", default="int8")
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--d-model", type=int, default=256)
    ap.add_argument("--ffn", type=int, default=512)
    ap.add_argument(
        "--dec-noise",
        type=float,
        default=0.08,
        help="max per-sentence rate of corrupted decoder inputs",
    )
    ap.add_argument("--layers", type=int, nargs=2, default=(2, 2), metavar=("ENC", "DEC"))
    ap.add_argument("--batch-tokens", type=int, default=4096)
    ap.add_argument("--lr", type=float, default=1e-3)
    ap.add_argument(
        "--reuse-checkpoint",
        action="store_true",
        help="skip training if WORKDIR/model.pt exists (for iterating on export)",
    )
    args = ap.parse_args(argv)

    import ctranslate2
    import sentencepiece as spm
    import torch

    t_start = time.time()
    work = args.workdir or Path(tempfile.mkdtemp(prefix="tiny-argos-"))
    work.mkdir(parents=True, exist_ok=True)
    logf = open(work / "build.log", "a", encoding="utf-8")

    def log(msg):
        line = f"[{time.time() - t_start:7.1f}s] {msg}"
        print(line, flush=True)
        logf.write(line + "\n")
        logf.flush()

    log(
        f"workdir {work}; torch {torch.__version__}, ctranslate2 {ctranslate2.__version__}, "
        f"sentencepiece {spm.__version__}"
    )
    max_len = 210

    # ---- 1+2: SentencePiece corpus and model
    rng = random.Random(SEED)
    gen_sp = Gen(rng, for_sp=True)
    approx = lambda s: len(s) // 3 + 1  # noqa: E731  (chars per piece before SP exists)
    sp_lines = [make_sentence(gen_sp, sample_length(rng, max_len), approx) for _ in range(30000)]
    # make sure every low-PUA char and digit/punctuation is in the SP vocabulary
    sp_lines += ["".join(chr(c) for c in range(PUA_SP[0], PUA_SP[1] + 1))] * 3
    (work / "sp_corpus.txt").write_text("\n".join(sp_lines) + "\n", encoding="utf-8")
    train_sentencepiece(work / "sp_corpus.txt", work / "sentencepiece", 1000, byte_fallback=True)
    sp = spm.SentencePieceProcessor(model_file=str(work / "sentencepiece.model"))
    vocab = [sp.id_to_piece(i) for i in range(sp.get_piece_size())]
    log(
        f"sentencepiece: {len(vocab)} pieces, md5 "
        f"{hashlib.md5((work / 'sentencepiece.model').read_bytes()).hexdigest()}"
    )

    # ---- copy-task corpus (train / dev / held-out, disjoint)
    count = lambda s: len(sp.encode(s))  # noqa: E731
    rng = random.Random(SEED + 2)
    gen = Gen(rng)
    seen: set[str] = set()

    def draw(n, lengths):
        out = []
        while len(out) < n:
            s = make_sentence(gen, lengths(), count)
            if s in seen or not s.strip() or sp.decode(sp.encode(s)) != s:
                continue
            seen.add(s)
            out.append(s)
        return out

    # held-out test: 40 per length bucket; dev: 300 mixed (teacher-forced monitoring)
    heldout = []
    for lo, hi in ((1, 25), (26, 50), (51, 100), (101, 150), (151, 200)):
        bucket = []
        while len(bucket) < 40:
            s = draw(1, functools.partial(rng.randint, lo, hi))[0]
            if lo <= count(s) <= hi:
                bucket.append(s)
        heldout += bucket
    dev = draw(300, lambda: sample_length(rng, max_len))
    train = draw(args.train_sentences, lambda: sample_length(rng, max_len))
    for name, lines in (("train", train), ("dev", dev), ("heldout", heldout)):
        (work / f"{name}.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
    train_ids = [sp.encode(s) for s in train]
    dev_ids = [sp.encode(s) for s in dev]
    lens = np.array([len(x) for x in train_ids])
    log(
        f"corpus: train {len(train)} sentences / {lens.sum() / 1e6:.2f}M pieces "
        f"(mean {lens.mean():.0f}, max {lens.max()}, >=150: {(lens >= 150).mean():.0%}), "
        f"dev {len(dev)}, held-out {len(heldout)}"
    )

    # ---- 3: train
    cfg = {
        "vocab": len(vocab),
        "d_model": args.d_model,
        "heads": 4,
        "ffn": args.ffn,
        "enc_layers": args.layers[0],
        "dec_layers": args.layers[1],
        "eps": 1e-6,
        "max_pos": 512,
        "steps": args.steps,
        "warmup": 150,
        "lr": args.lr,
        "batch_tokens": args.batch_tokens,
        "label_smoothing": 0.0,
        "dec_noise": args.dec_noise,
        "threads": args.threads,
        "log_every": 50,
        "eval_every": 300,
    }
    ids = {"pad": sp.pad_id(), "bos": sp.bos_id(), "eos": sp.eos_id()}
    ckpt = work / "model.pt"
    if args.reuse_checkpoint and ckpt.exists():
        torch.set_num_threads(args.threads)
        model = build_torch_model(cfg)
        model.load_state_dict(torch.load(ckpt))
        model.eval()
        train_secs, tok_seen = float("nan"), 0
        log("reused checkpoint")
    else:
        model, train_secs, tok_seen = train_model(cfg, train_ids, dev_ids, ids, log)
        torch.save(model.state_dict(), ckpt)
        log(f"training done in {train_secs:.0f}s ({tok_seen / 1e6:.2f}M target tokens)")
    n_params = sum(p.numel() for p in model.parameters())

    # ---- 4: export + verify
    f32_dir = work / "ct2-float32"
    export_ctranslate2(model, cfg, vocab, f32_dir, None)
    check_scores_match(model, f32_dir, sp, heldout[::10], log)
    pkg_root = work / "package" / PACKAGE_DIRNAME
    if pkg_root.exists():
        shutil.rmtree(pkg_root)
    pkg_root.mkdir(parents=True)
    model_dir = pkg_root / "model"
    export_ctranslate2(model, cfg, vocab, model_dir, args.quantization)

    buckets = [length_bucket(count(s)) for s in heldout]
    results = {}
    for label, mdir in (("float32", f32_dir), (args.quantization, model_dir)):
        for beam in (1, 4):
            ok, outs, dt = ct2_copy_eval(mdir, sp, heldout, beam_size=beam)
            results[(label, beam)] = ok
            by_b = {}
            for b, k in zip(buckets, ok, strict=True):
                by_b.setdefault(b, []).append(k)
            detail = ", ".join(f"{b}: {sum(v)}/{len(v)}" for b, v in sorted(by_b.items()))
            log(f"held-out exact copy [{label}, beam {beam}]: {sum(ok)}/{len(ok)} ({detail})")
            if label == args.quantization:
                for s, o, k in zip(heldout, outs, ok, strict=True):
                    if not k:
                        log(f"  MISS ({count(s)} pieces)\n    in : {s!r}\n    out: {o!r}")

    def by_bucket(oks):
        acc = {}
        for b, k in zip(buckets, oks, strict=True):
            acc.setdefault(b, []).append(k)
        return "; ".join(f"{b} pieces: {sum(v)}/{len(v)}" for b, v in sorted(acc.items()))

    q_ok, q_ok4 = results[(args.quantization, 1)], results[(args.quantization, 4)]

    # placeholder styles: each style in 30 fresh carrier sentences of mixed length
    prng = random.Random(SEED + 3)
    for style in PLACEHOLDER_STYLES:
        sents = []
        while len(sents) < 30:
            base = make_sentence(gen, prng.randint(10, 160), count).split(" ")
            for _ in range(prng.randint(1, 3)):
                base.insert(prng.randrange(len(base) + 1), placeholder(prng, style))
            s = " ".join(base)
            if s not in seen and sp.decode(sp.encode(s)) == s:
                sents.append(s)
        ok1, _, _ = ct2_copy_eval(model_dir, sp, sents)
        ok4, _, _ = ct2_copy_eval(model_dir, sp, sents, beam_size=4)
        log(
            f"placeholder style {style:8s} e.g. {placeholder(random.Random(1), style)!r:14} "
            f"-> copied exactly: greedy {sum(ok1)}/{len(ok1)}, beam4 {sum(ok4)}/{len(ok4)}"
        )

    edge = [
        "x",
        ".",
        "A",
        "¿Qué?",
        "\ue000",
        "ZXQ1",
        "⟦1⟧",
        "1",
        "2025",
        "Bakú",
        "Ереван",
        "باکو",
        "a a a a a a a a",
        "ZXQ1 ZXQ1 ZXQ1",
        "\ue000\ue000\ue000",
        "  double  spaces  ",
        "tab\there",
        "東京",
    ]
    for beam in (1, 4):
        ok, outs, _ = ct2_copy_eval(model_dir, sp, edge, beam_size=beam)
        log(
            f"edge cases beam {beam}: {sum(ok)}/{len(ok)}; misses: "
            + ", ".join(f"{e!r}->{o!r}" for e, o, k in zip(edge, outs, ok, strict=True) if not k)
        )

    # speed: batched greedy decoding of the 200 held-out sentences
    for threads in (1, 0):
        _, _, dt = ct2_copy_eval(model_dir, sp, heldout, intra_threads=threads)
        log(
            f"speed intra_threads={threads or 'default'}: {dt:.2f}s for {len(heldout)} "
            f"sentences = {1000 * dt / len(heldout):.1f} ms/sentence (batch 32, greedy)"
        )

    # ---- 5: package
    shutil.copy(work / "sentencepiece.model", pkg_root / "sentencepiece.model")
    metadata = {
        "package_version": PACKAGE_VERSION,
        "argos_version": "1.11.0",
        "code": "translate-en_es",
        "type": "translate",
        "package_type": "translate",
        "from_code": "en",
        "from_name": "English",
        "to_code": "es",
        "to_name": "Spanish",
        "links": [],
        "description": "Dragoman test fixture: tiny copy model (output == input), not a real translator",
        "dragoman_fixture": {
            "task": "copy",
            "seed": SEED,
            "heldout_exact_copy_greedy": f"{sum(q_ok)}/{len(q_ok)}",
            "heldout_exact_copy_beam4": f"{sum(q_ok4)}/{len(q_ok4)}",
            "max_input_pieces": max_len,
            "parameters": n_params,
        },
    }
    (pkg_root / "metadata.json").write_text(
        json.dumps(metadata, indent=2, ensure_ascii=False) + "\n", encoding="utf-8"
    )
    (pkg_root / "README.md").write_text(
        PACKAGE_README.format(
            params=n_params / 1e6,
            seed=SEED,
            ct2=ctranslate2.__version__,
            enc=cfg["enc_layers"],
            dec=cfg["dec_layers"],
            d=cfg["d_model"],
            heads=cfg["heads"],
            quant=args.quantization,
            max_pos=cfg["max_pos"],
            vocab=len(vocab),
            acc=by_bucket(q_ok),
            acc4=by_bucket(q_ok4),
        ),
        encoding="utf-8",
    )
    write_zip(pkg_root, args.out, PACKAGE_DIRNAME)
    for f in ("model/model.bin", "sentencepiece.model"):
        log(f"{f}: md5 {hashlib.md5((pkg_root / f).read_bytes()).hexdigest()}")
    size = args.out.stat().st_size
    log(
        f"wrote {args.out} ({size / 1e6:.2f} MB, md5 {hashlib.md5(args.out.read_bytes()).hexdigest()}); "
        f"total build time {time.time() - t_start:.0f}s"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
