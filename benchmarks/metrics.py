"""Metrics of the quality benchmark (benchmarks/quality.py), as plain functions.

Everything here works on strings, bitexts and a glossary; nothing runs an engine, so
each metric can be tested on a hand-made bitext (tests/test_benchmark_metrics.py).
The references are paragraph-aligned with the source: the same blocks (blank-line
separated paragraphs for text, the same Markdown blocks), in the same order.

Target forms
    The forms of a concept that count in a target text are its *accepted* forms in that
    language (``LangTerms.accepted()``: the preferred form and the declared word forms),
    each also with its first letter capitalised (a sentence start: "Mar Caspio") and in
    capitals (a dateline: "TEHERÁN"); demonyms and common-noun phrases (``word_class``
    demonym/common) also with a lower-case first letter.  Proper nouns do not get a
    lower-case variant: "china", "chile" and "granada" are ordinary Spanish words.

Term success
    Source term occurrences are found by the source matcher in each aligned source
    segment (occurrences inside verbatim spans, of keep-as-is entries and of concepts
    without a target form are left out).  An occurrence is *expected* when a target form
    of its concept is in the reference paragraph; otherwise it is counted as *not a
    term* ("turkey" the bird, "Georgia" a given name, a name the reference translator
    rephrased) and excluded.  Success is
    ``min(found, expected)`` per concept and segment, where ``found`` is the number of
    occurrences of the concept's target forms in the aligned target segment
    (:func:`translate.glossary.matcher.find_terms`, one concept at a time).

False positives
    ``FP = sum over paragraphs and concepts of max(0, hyp_count - max(ref_count,
    source_count))``: glossary forms the output has where the source had no such term
    (the issue's definition), paragraph by paragraph.  ``source_count`` counts the
    concept's occurrences in the source paragraph as ``translate check`` does (negative
    contexts applied, keep-as-is phrases and first names such as "Chad Ferris" left out),
    so a reference that rephrases a term ("ministros de Armenia" for "Armenian
    ministers") does not turn the output's faithful rendering into a false positive,
    while "Turquía" for "Turkey sandwiches" or "Txad" for Chad Ferris still counts.
    Counting is leftmost-longest over all concepts at once (a target-language
    :class:`~translate.glossary.matcher.Matcher` of the target forms), so "Bakú" inside
    "oleoducto Bakú-Tiflis-Ceyhan" is one mention of the pipeline, not also of Baku.
    Where two concepts share a form ("Turquía" for the CLDR country and the desk's
    Turkey) the matcher's tie rule picks one, the same way in hypothesis and reference.

Agreement errors (es, ca)
    For each occurrence of a target form whose grammar is known (``grammar.term_tag`` for
    the preferred form of a name or common-noun phrase, ``grammar.form_tag`` for declared
    forms and demonyms), the word right before it, if it is an article or a contraction
    of one, must agree in gender and number: "el Unión Europea", "los Reino Unido" are
    errors.  Catalan elision is checked for every form, with or without known grammar:
    "el", "del", "al", "pel" before a vowel-initial term (should be "l'", "de l'", "a l'",
    "per l'"), "la" before a term starting with a, e, o or a stressed vowel, "l'" or "d'"
    before a consonant-initial term, "de" before a vowel-initial one, and "l'" before a
    feminine term starting with unstressed i/u ("la Unió Europea").  A semivowel start
    (i/u/hi/hu before a vowel: "Iowa", "Huelva") is not judged.  Demonyms after a noun
    ("el gobierno armenia") are not checked.  The same forms are looked for in raw
    output and in Dragoman output.  Where a human reference itself "disagrees" ("la
    cumbre del Caspio" against a derived masculine, "els Estats Units" against a derived
    feminine), the derivation is wrong, not the reference: that property (gender or
    number) of that concept is not checked (:func:`untrusted_grammar`), and the benchmark
    lists such concepts so the glossary can declare their grammar.  An untagged
    preferred demonym whose -s ending the grammar reads as plural (ca "rus") is given the
    slot its declared forms leave free (see :func:`form_grammar`).

chrF
    sacrebleu's CHRF (default: character 6-grams, beta 2) on the whole document against
    the whole reference; corpus chrF over all documents of an engine and language.
"""

from __future__ import annotations

import unicodedata
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from translate.document import Bitext, Document
from translate.glossary.ambiguity import given_name_surname
from translate.glossary.grammar import Tag, form_tag, parse_tag, term_tag
from translate.glossary.matcher import Matcher, find_terms
from translate.glossary.model import NUMBERS, Concept, LangTerms
from translate.languages import upper

__all__ = [
    "TargetForms",
    "TermScore",
    "Agreement",
    "paragraph_texts",
    "hypothesis_paragraphs",
    "source_terms",
    "term_success",
    "false_positives",
    "agreement_errors",
    "form_grammar",
    "untrusted_grammar",
    "doubted",
    "chrf",
    "corpus_chrf",
    "DETERMINERS",
]

_APOSTROPHES = "'\u2019\u02bc\u2018`\u00b4"

# -- target forms ----------------------------------------------------------------------


def _first_upper(text: str) -> str:
    return text[:1].upper() + text[1:]


def _first_lower(text: str) -> str:
    return text[:1].lower() + text[1:]


@dataclass(frozen=True)
class Occurrence:
    """A target form found in a text: offsets, the concept, and which accepted form."""

    start: int
    end: int
    concept: str
    form: str
    """The accepted form (as the glossary spells it) that this occurrence is a variant of."""
    surface: str


class TargetForms:
    """The accepted target forms of every concept of a glossary in one language."""

    def __init__(self, glossary: Iterable[Concept], lang: str) -> None:
        self.lang = lang
        self.concepts: dict[str, Concept] = {}
        self.terms: dict[str, LangTerms] = {}
        self._variants: dict[str, list[str]] = {}
        self._base: dict[tuple[str, str], str] = {}
        stripped: list[Concept] = []
        for concept in glossary:
            terms = concept.terms.get(lang)
            if concept.keep or terms is None or not terms.preferred:
                continue
            self.concepts[concept.id] = concept
            self.terms[concept.id] = terms
            variants: list[str] = []
            for form in terms.accepted():
                if not form:
                    continue
                spellings = [form, _first_upper(form), upper(form, lang)]
                if concept.word_class_in(lang) != "proper":
                    spellings.append(_first_lower(form))
                for spelling in spellings:
                    self._base.setdefault((concept.id, spelling), form)
                    if spelling not in variants:
                        variants.append(spelling)
            self._variants[concept.id] = variants
            stripped.append(
                Concept(
                    id=concept.id,
                    type=concept.type,
                    terms={lang: LangTerms(preferred=variants[0], forms=variants[1:])},
                    case_sensitive=concept.case_sensitive,
                    word_class=concept.word_class_in(lang),
                )
            )
        self.matcher = Matcher(stripped, lang)

    def variants(self, concept_id: str) -> list[str]:
        """Every spelling of the concept that counts (see the module docstring)."""
        return self._variants.get(concept_id, [])

    def count_concept(self, text: str, concept_id: str) -> int:
        """Occurrences of one concept's forms in ``text`` (that concept's forms only)."""
        concept = self.concepts.get(concept_id)
        if concept is None:
            return 0
        return len(
            find_terms(text, self.variants(concept_id), concept.case_sensitive, lang=self.lang)
        )

    def find(self, text: str) -> list[Occurrence]:
        """Every target form in ``text``, leftmost-longest over all concepts."""
        out = []
        for match in self.matcher.find(text):
            cid = match.concept.id
            form = self._base.get((cid, match.term), match.term)
            out.append(Occurrence(match.start, match.end, cid, form, match.surface))
        return out

    def count(self, text: str) -> Counter[str]:
        """Concept id -> occurrences in ``text`` (leftmost-longest over all concepts)."""
        return Counter(o.concept for o in self.find(text))


# -- paragraphs ------------------------------------------------------------------------


def paragraph_texts(document: Document) -> list[str]:
    """The text of each paragraph of a segmented document, in order."""
    return ["".join(s.source + s.after for s in p.segments).strip() for p in document.paragraphs]


def hypothesis_paragraphs(bitext: Bitext) -> list[str]:
    """The translation of each paragraph of the bitext's document, in order."""
    parts: dict[int, list[str]] = {p.index: [] for p in bitext.document.paragraphs}
    for aligned in bitext:
        parts.setdefault(aligned.segment.paragraph, []).append(
            aligned.target + aligned.segment.after
        )
    return ["".join(parts[p.index]).strip() for p in bitext.document.paragraphs]


# -- term success ----------------------------------------------------------------------


def source_terms(
    source: str, keep: Sequence[tuple[int, int]], matcher: Matcher, forms: TargetForms
) -> Counter[str]:
    """Concept id -> term occurrences in a source segment that have a target form.

    Keep-as-is entries, concepts without a target form, occurrences overlapping a
    verbatim span and first names ("Chad Ferris", as ``translate check`` reads them)
    are left out."""
    found: Counter[str] = Counter()
    for match in matcher.find(source):
        if match.concept.keep or match.concept.id not in forms.concepts:
            continue
        if any(match.start < e and s < match.end for s, e in keep):
            continue
        if given_name_surname(source, match, match.concept.terms.get(matcher.lang), matcher):
            continue
        found[match.concept.id] += 1
    return found


def source_paragraph_terms(
    document: Document, matcher: Matcher, forms: TargetForms
) -> list[Counter[str]]:
    """Per paragraph: concept id -> term occurrences in the source (:func:`source_terms`)."""
    out = []
    for paragraph in document.paragraphs:
        counts: Counter[str] = Counter()
        for segment in paragraph.segments:
            counts.update(source_terms(segment.source, segment.keep, matcher, forms))
        out.append(counts)
    return out


@dataclass
class TermScore:
    ok: int = 0
    expected: int = 0
    not_a_term: int = 0
    misses: list[tuple[int, str]] = field(default_factory=list)
    """(segment index, concept id) of expected occurrences not found in the target."""

    @property
    def rate(self) -> float:
        return self.ok / self.expected if self.expected else 1.0

    def __iadd__(self, other: TermScore) -> TermScore:
        self.ok += other.ok
        self.expected += other.expected
        self.not_a_term += other.not_a_term
        self.misses += other.misses
        return self


def term_success(
    bitext: Bitext, matcher: Matcher, forms: TargetForms, references: Sequence[str]
) -> TermScore:
    """Term success of a bitext against paragraph-aligned reference paragraphs."""
    score = TermScore()
    for aligned in bitext:
        segment = aligned.segment
        paragraph = references[segment.paragraph] if segment.paragraph < len(references) else ""
        for cid, count in source_terms(segment.source, segment.keep, matcher, forms).items():
            if forms.count_concept(paragraph, cid) == 0:
                score.not_a_term += count
                continue
            found = forms.count_concept(aligned.target, cid)
            score.ok += min(found, count)
            score.expected += count
            score.misses += [(segment.index, cid)] * max(0, count - found)
    return score


# -- false positives -------------------------------------------------------------------


def false_positives(
    hypotheses: Sequence[str],
    references: Sequence[str],
    forms: TargetForms,
    sources: Sequence[Counter[str]] | None = None,
) -> Counter[str]:
    """Concept id -> target forms beyond what the reference and the source account for,
    summed over paragraphs.

    ``sum(false_positives(...).values())`` is the FP count of the module docstring."""
    if len(hypotheses) != len(references):
        raise ValueError(
            f"{len(hypotheses)} hypothesis paragraphs, {len(references)} reference paragraphs"
        )
    if sources is not None and len(sources) != len(hypotheses):
        sources = None  # not paragraph-aligned: the reference alone decides
    extra: Counter[str] = Counter()
    for n_par, (hyp, ref) in enumerate(zip(hypotheses, references, strict=True)):
        in_ref = forms.count(ref)
        in_source = sources[n_par] if sources is not None else Counter()
        for cid, n in forms.count(hyp).items():
            allowed = max(in_ref[cid], in_source[cid])
            if n > allowed:
                extra[cid] += n - allowed
    return extra


# -- agreement -------------------------------------------------------------------------

DETERMINERS: dict[str, dict[str, Tag]] = {
    "es": {
        "el": Tag("m", "sg"),
        "la": Tag("f", "sg"),
        "los": Tag("m", "pl"),
        "las": Tag("f", "pl"),
        "del": Tag("m", "sg"),
        "al": Tag("m", "sg"),
        "un": Tag("m", "sg"),
        "una": Tag("f", "sg"),
        "unos": Tag("m", "pl"),
        "unas": Tag("f", "pl"),
    },
    "ca": {
        "el": Tag("m", "sg"),
        "la": Tag("f", "sg"),
        "l'": Tag(None, "sg"),
        "els": Tag("m", "pl"),
        "les": Tag("f", "pl"),
        "del": Tag("m", "sg"),
        "dels": Tag("m", "pl"),
        "al": Tag("m", "sg"),
        "als": Tag("m", "pl"),
        "pel": Tag("m", "sg"),
        "pels": Tag("m", "pl"),
        "un": Tag("m", "sg"),
        "una": Tag("f", "sg"),
        "uns": Tag("m", "pl"),
        "unes": Tag("f", "pl"),
        "d'": Tag(),
        "de": Tag(),
    },
}
"""Articles and contractions checked before a term, with their gender and number."""

_VOWELS = set("aeiouàáâèéêìíîïòóôöùúûü")
_STRESSED_IU = set("íìúù")


def _base_letter(ch: str) -> str:
    return unicodedata.normalize("NFD", ch)[:1].lower()


def _vowel_start(term: str) -> tuple[bool, bool, bool]:
    """(vowel-initial, semivowel start, starts with unstressed i/u) of a term, ignoring h."""
    letters = term.lower()
    if letters[:1] == "h":
        letters = letters[1:]
    first = letters[:1]
    if not first or first not in _VOWELS:
        return False, False, False
    semivowel = (
        _base_letter(first) in "iu" and first not in _STRESSED_IU and letters[1:2] in _VOWELS
    )
    unstressed_iu = _base_letter(first) in "iu" and first not in _STRESSED_IU
    return True, semivowel, unstressed_iu


def _word_before(text: str, start: int) -> str | None:
    """The word right before ``start``: "l'"/"d'" when elided onto it, else the word
    separated by spaces only (no punctuation, no paragraph break); lower case."""
    i = start
    if i > 0 and text[i - 1] in _APOSTROPHES:
        j = i - 1
        while j > 0 and text[j - 1].isalpha():
            j -= 1
        word = text[j : i - 1]
        return (word + "'").lower() if word else None
    j = i
    while j > 0 and text[j - 1] in " \t\u00a0\n":
        j -= 1
    if j == i or "\n\n" in text[j:i]:
        return None
    k = j
    while k > 0 and text[k - 1].isalpha():
        k -= 1
    if k == j or (k > 0 and text[k - 1] in _APOSTROPHES):
        return None
    return text[k:j].lower()


@dataclass(frozen=True)
class Agreement:
    """One agreement error: the determiner, the term as written, why."""

    start: int
    determiner: str
    surface: str
    concept: str
    reason: str

    @property
    def properties(self) -> set[str]:
        """What disagrees: some of "gender", "number", "elision"."""
        out = set()
        for reason in self.reason.split("; "):
            if reason.startswith("number"):
                out.add("number")
            elif reason.startswith(("gender", "l' before a feminine")):
                out.add("gender")
            else:
                out.add("elision")
        return out

    def __str__(self) -> str:
        return f"{self.determiner} {self.surface} ({self.reason})"


def form_grammar(forms: TargetForms, concept_id: str, form: str) -> Tag:
    """Gender and number of one accepted form, as far as the glossary and
    :mod:`translate.glossary.grammar` know them.

    The preferred form of a name or common-noun phrase takes ``term_tag``; declared forms
    and demonyms take ``form_tag``.  One correction: an untagged preferred demonym whose
    ending-derived tag is already declared for another form (Catalan "rus",
    "azerbaidjanès" read as plurals by the -s rule, while "russos" is the declared m.pl)
    takes the one gender-number slot no declared form holds; and where no declared tag
    has a gender (es "iraní", forms ``{pl: iraníes}``), the preferred form has none
    either."""
    concept = forms.concepts[concept_id]
    terms = forms.terms[concept_id]
    lang = forms.lang
    demonym = concept.word_class_in(lang) == "demonym"
    if not demonym and form == terms.preferred:
        return term_tag(terms, lang)
    tag = form_tag(terms, form, lang, demonym)
    if demonym and form == terms.preferred and form not in terms.form_tags:
        declared = [parse_tag(terms.form_tags[f]) for f in terms.forms if f in terms.form_tags]
        declared = [t for t in declared if t]
        if declared and not any(t.gender for t in declared):
            tag = Tag(None, tag.number)
        if tag in declared:
            free = [Tag(g, n) for n in NUMBERS for g in ("m", "f") if Tag(g, n) not in declared]
            tag = free[0] if len(free) == 1 else Tag()
    return tag


def _disagreements(det: str, tag: Tag, surface: str, lang: str) -> list[str]:
    """Every rule the determiner ``det`` before ``surface`` breaks (reasons)."""
    wanted = DETERMINERS[lang][det]
    reasons = []
    if wanted.gender and tag.gender and wanted.gender != tag.gender:
        reasons.append(f"gender {wanted.gender}≠{tag.gender}")
    if wanted.number and tag.number and wanted.number != tag.number:
        reasons.append(f"number {wanted.number}≠{tag.number}")
    if lang != "ca":
        return reasons
    vowel, semivowel, unstressed_iu = _vowel_start(surface)
    if det in ("el", "del", "al", "pel", "de") and vowel and not semivowel:
        reasons.append("no elision before a vowel")
    elif det == "la" and vowel and not semivowel and not unstressed_iu:
        reasons.append("no elision before a vowel")
    elif det in ("l'", "d'") and not vowel:
        reasons.append("elision before a consonant")
    elif det in ("l'", "d'") and semivowel:
        reasons.append("elision before a semivowel")
    elif det == "l'" and tag.gender == "f" and unstressed_iu:
        reasons.append("l' before a feminine unstressed i/u")
    return reasons


def agreement_errors(
    text: str, forms: TargetForms, untrusted: Mapping[str, Iterable[str]] | None = None
) -> list[Agreement]:
    """Determiner-term disagreements in ``text`` (es and ca; empty for other languages).

    ``untrusted``: concept id -> the properties ("gender", "number") of its derived
    grammar that a reference contradicts (see :func:`untrusted_grammar`); those are not
    checked for that concept."""
    lang = forms.lang
    if lang not in DETERMINERS:
        return []
    skip = {cid: set(props) for cid, props in (untrusted or {}).items()}
    errors = []
    for occ in forms.find(text):
        det = _word_before(text, occ.start)
        if det is None:
            continue
        if det not in DETERMINERS[lang]:
            continue
        tag = form_grammar(forms, occ.concept, occ.form)
        doubted = skip.get(occ.concept, ())
        tag = Tag(
            None if "gender" in doubted else tag.gender, None if "number" in doubted else tag.number
        )
        reasons = _disagreements(det, tag, occ.surface, lang)
        if reasons:
            errors.append(Agreement(occ.start, det, occ.surface, occ.concept, "; ".join(reasons)))
    return errors


def untrusted_grammar(references: Iterable[str], forms: TargetForms) -> dict[str, list[Agreement]]:
    """Concepts whose grammar the human references contradict, with the evidence.

    A reference that writes "la cumbre del Caspio" shows that the derived masculine of
    "cumbre del Caspio" is wrong, not the reference: that property (gender here) is
    not checked for the concept, in hypotheses and references alike.  Pass
    :func:`doubted` of the result to :func:`agreement_errors`."""
    out: dict[str, list[Agreement]] = {}
    for reference in references:
        for error in agreement_errors(reference, forms):
            if error.properties & {"gender", "number"}:
                out.setdefault(error.concept, []).append(error)
    return out


def doubted(untrusted: Mapping[str, Sequence[Agreement]]) -> dict[str, set[str]]:
    """Concept id -> the properties its evidence contradicts."""
    return {
        cid: {p for e in evidence for p in e.properties} - {"elision"}
        for cid, evidence in untrusted.items()
    }


# -- chrF ------------------------------------------------------------------------------


def chrf(hypothesis: str, reference: str) -> float:
    """sacrebleu chrF of one document against its reference."""
    from sacrebleu.metrics import CHRF

    return CHRF().corpus_score([hypothesis], [[reference]]).score


def corpus_chrf(hypotheses: Sequence[str], references: Sequence[str]) -> float:
    """sacrebleu corpus chrF over documents (each document one "sentence")."""
    from sacrebleu.metrics import CHRF

    if not hypotheses:
        return 0.0
    return CHRF().corpus_score(list(hypotheses), [list(references)]).score
