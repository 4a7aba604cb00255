"""Language detection for ``source: "auto"`` and ``POST /detect``, with py3langid
(langid.py's maintained fork; its model ships inside the package, nothing is
downloaded).  Detection is restricted to the languages the server can translate from,
which is both faster and more accurate than choosing among all 97 of the model's."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from translate.errors import UserError
from translate.i18n import _

__all__ = ["Detector", "available"]


def available() -> bool:
    """Whether py3langid is installed (it comes with the ``server`` extra)."""
    try:
        import py3langid  # noqa: F401
    except ImportError:
        return False
    return True


class Detector:
    """Ranks the candidate languages for a text; read-only once made, so threads share it."""

    def __init__(self, languages: Sequence[str]) -> None:
        from py3langid.langid import MODEL_FILE, LanguageIdentifier

        from translate.languages import base

        self._identifier = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
        known = set(self._identifier.labels)
        # the model's codes are ISO 639-1; the server's may carry a script or region
        self._codes: dict[str, str] = {}
        for code in languages:
            self._codes.setdefault(base(code), code)
        wanted = [c for c in self._codes if c in known]
        if not wanted:
            raise UserError(_("none of the server's source languages can be detected"))
        self._identifier.set_languages(wanted)

    def detect(self, text: str, best: int = 3) -> list[dict[str, Any]]:
        """LibreTranslate's ``/detect`` answer: ``[{"confidence", "language"}]``, the
        likeliest first, confidence in percent."""
        if not text.strip():
            raise UserError(_("Invalid request: missing {name} parameter").format(name="q"))
        ranked = self._identifier.rank(text)[:best]
        return [
            {"confidence": round(float(p) * 100, 1), "language": self._codes[code]}
            for code, p in ranked
        ]
