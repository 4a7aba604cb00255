"""Quality check of an existing translation (a person's or a machine's) against glossaries.

No engine is involved: the source and its translation are aligned, and in each aligned
*unit* every glossary term of the source must appear in the target in its preferred
form (or a declared word form), as many times as in the source; deprecated renderings
must not appear at all.  Names in the source that no glossary knows are listed for the
desk to add (they are not violations).

A plain source and translation (text or Markdown, read with :mod:`translate.articles`)
are aligned by paragraph, then by sentence where that is safe
(:mod:`translate.qa.align`); a bitext (JSONL, TMX, XLIFF, PO) is aligned already: each
of its segments is a unit.

The package:

* :mod:`translate.qa.checker`: :class:`Checker` and :func:`check_texts`, the entry points;
* :mod:`translate.qa.results`: :class:`CheckResult`, :class:`Unit`, :class:`Violation`
  and their JSON and text renderings;
* :mod:`translate.qa.align`: paragraph and sentence alignment;
* :mod:`translate.qa.violations`: counting terms in a unit, the violations that follow;
* :mod:`translate.qa.names`: :func:`unknown_names`, with its word lists in
  ``translate/qa/data/``.
"""

from __future__ import annotations

from translate.qa.checker import Checker, check_texts
from translate.qa.names import unknown_names
from translate.qa.results import CheckResult, Unit, Violation

__all__ = [
    "Checker",
    "CheckResult",
    "Unit",
    "Violation",
    "check_texts",
    "unknown_names",
]
