"""The grammar of a term in one language: gender, number and the tags of its forms.

Enforcement needs it twice.  A carrier is chosen to match the term (a feminine place for
"Guardia Revolucionaria", a plural for "Países Bajos"), and after restoring, the
articles and contractions next to the term are made to agree with it.  The glossary may
declare everything (``gender``, ``number``, ``forms`` as a mapping of tags); what it does
not declare is derived here where a rule is reliable enough, and left unknown otherwise:
an unknown gender means "change nothing", never a guess that could break a right article.

Tags are written ``gender.number`` (``f.pl``), either part optional (``pl``, ``f``).
"""

from __future__ import annotations

from dataclasses import dataclass

import regex

from translate.glossary.model import GENDERS, NUMBERS, Concept, LangTerms, WordClass

# Languages whose articles agree in gender and number with the noun, and whose
# adjective/demonym endings the suffix rules below know.
GENDERED = ("es", "ca")

_FUNCTION_WORDS = frozenset("de del la las los el d' l' i y e a al per dels les els en".split())


@dataclass(frozen=True)
class Tag:
    gender: str | None = None
    number: str | None = None

    def __str__(self) -> str:
        return ".".join(p for p in (self.gender, self.number) if p)

    def fits(self, other: Tag) -> bool:
        """Whether nothing known in ``other`` contradicts this tag."""
        return (not other.gender or not self.gender or other.gender == self.gender) and (
            not other.number or not self.number or other.number == self.number
        )


def parse_tag(text: str) -> Tag | None:
    """``f.pl`` -> Tag('f', 'pl'); None when a part is neither a gender nor a number."""
    gender = number = None
    for part in text.strip().lower().replace("-", ".").split("."):
        if part in GENDERS and gender is None:
            gender = part
        elif part in NUMBERS and number is None:
            number = part
        else:
            return None
    return Tag(gender, number) if gender or number else None


def suffix_tag(word: str, lang: str) -> Tag:
    """Gender and number read off an adjective's or demonym's ending.

    Spanish armenio/armenia/armenios/armenias; Catalan armeni/armènia/armenis/armènies,
    georgià/georgiana/georgians/georgianes; English Armenian/Armenians (number only).
    Irregular forms (Catalan "rus", "azerbaidjanès") must be tagged in the glossary.
    """
    w = word.casefold().split()[-1] if word.split() else ""
    if lang == "es":
        if w.endswith("as"):
            return Tag("f", "pl")
        if w.endswith(("os", "es")):
            return Tag("m", "pl")
        if w.endswith("a"):
            return Tag("f", "sg")
        return Tag("m", "sg")
    if lang == "ca":
        if w.endswith(("es", "ues")):
            return Tag("f", "pl")
        if w.endswith("s"):
            return Tag("m", "pl")
        if w.endswith("a"):
            return Tag("f", "sg")
        return Tag("m", "sg")
    if lang == "en":
        return Tag(None, "pl" if w.endswith("s") and not w.endswith("ss") else "sg")
    return Tag()


def form_tag(terms: LangTerms, form: str, lang: str, demonym: bool) -> Tag:
    """The grammar of one rendering of a concept: declared, else derived for demonyms."""
    declared = terms.form_tags.get(form)
    if declared:
        parsed = parse_tag(declared)
        if parsed:
            return parsed
    if form == terms.preferred and (terms.gender or terms.number):
        return Tag(terms.gender, terms.number or "sg")
    if demonym and form == terms.preferred and terms.form_tags:
        # The lemma: singular, and masculine where the declared forms have gender
        # (Catalan "azerbaidjanès" ends in -s and is still singular).
        gendered = any((parse_tag(t) or Tag()).gender for t in terms.form_tags.values())
        return Tag("m" if gendered else None, "sg")
    if demonym:
        return suffix_tag(form, lang)
    return Tag()


def term_tag(terms: LangTerms, lang: str) -> Tag:
    """Gender and number of the preferred form of a name or common-noun phrase.

    Declared values win.  Otherwise, in Spanish and Catalan, a phrase of several words
    takes the grammar of its head (first) word: plural when it and the next word end in
    -s ("Países Bajos", "Emiratos Árabes Unidos"; "Caucas Meridional" is singular,
    "Islas Marshall" unknown), feminine when it ends in -a, -ión, -dad, -tad or -tud
    ("Guardia Revolucionaria", "Organización ..."), masculine when it ends in -o or -or.
    A single word is left unknown ("París", "Honduras" and "Atenas" end in -s and are
    singular), and so is a head like "cumbre" (f), "mar" (m) or Catalan "estat" (m).
    """
    gender, number = terms.gender, terms.number
    if lang not in GENDERED or (gender and number):
        return Tag(gender, number)
    words = [w for w in terms.preferred.split() if w.casefold() not in _FUNCTION_WORDS]
    if len(words) < 2:
        return Tag(gender, number)
    head = words[0].casefold()
    if number is None:
        # "Países Bajos", "Estats Units": head and its adjective both plural; "Caucas
        # Meridional" is singular; "Islas Marshall" cannot be told, and stays unknown.
        second = words[1].casefold()
        if not head.endswith("s"):
            number = "sg"
        elif second.endswith("s"):
            number = "pl"
    if gender is None:
        if number is None:
            return Tag(gender, None)
        stem = head[:-1] if number == "pl" and head.endswith("s") else head
        consonant_plural = number == "pl" and stem.endswith("e") and lang == "es"
        if consonant_plural:  # "países", "uniones": the singular ends in a consonant
            stem = stem[:-1]
        if stem.endswith(("a", "ión", "ió", "dad", "tad", "tud")):
            gender = "f"
        elif stem.endswith(("o", "or")) or consonant_plural:
            gender = "m"
        # Anything else ("cumbre", "mar", "Cos") is left unknown: declare it.
    return Tag(gender, number)


def forms_by_tag(terms: LangTerms, lang: str, demonym: bool) -> dict[str, str]:
    """Tag (as text) -> the concept's form with that grammar; the preferred form first."""
    out: dict[str, str] = {}
    for form in [terms.preferred, *terms.forms]:
        tag = form_tag(terms, form, lang, demonym)
        if str(tag):
            out.setdefault(str(tag), form)
    return out


def pick_form(terms: LangTerms, lang: str, wanted: Tag, demonym: bool) -> str:
    """The declared form that best fits ``wanted``, else the preferred form.

    "Armenians" (plural) gives es "armenios", not the preferred singular "armenio"; an
    engine's feminine plural carrier ("italianas") gives "armenias".
    """
    best, best_score = terms.preferred, -1
    for form in [terms.preferred, *terms.forms]:
        tag = form_tag(terms, form, lang, demonym)
        if not tag.fits(wanted):
            continue
        score = (tag.number == wanted.number and wanted.number is not None) * 2 + (
            tag.gender == wanted.gender and wanted.gender is not None
        )
        if score > best_score:
            best, best_score = form, score
    return best


_DEMONYM = regex.compile(r"^\p{Lu}\p{Ll}+(?:an|ian|ean|i|ish|ese)s?$")


def word_class(concept: Concept, source: str, target: str) -> WordClass:
    """The declared class, else ``demonym`` for an untyped pair like a TSV line
    "Armenians<TAB>armenios": one capitalised source word with a demonym's ending and a
    lower-case target word (names keep their capital: "Tehran", "Teherán")."""
    declared = concept.word_class_in(target)
    if declared != "proper" or concept.type != "other":
        return declared
    src, tgt = concept.terms.get(source), concept.terms.get(target)
    if src is None or tgt is None or " " in src.preferred or " " in tgt.preferred:
        return declared
    if _DEMONYM.match(src.preferred) and tgt.preferred[:1].islower():
        return "demonym"
    return declared
