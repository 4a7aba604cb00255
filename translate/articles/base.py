"""The article format protocol: decoded text in, a segmented :class:`Document` out.

An article format is a small class with a ``name``, ``aliases`` (other names
``--input-format`` accepts), its ``extensions`` and ``parse``; the formats are listed
once, in :data:`translate.articles.ARTICLE_FORMATS`.  Reading the file and decoding it
is not a format's job (:func:`translate.articles.load_article` does it for all).
"""

from __future__ import annotations

from typing import Protocol

from translate.document import Document

__all__ = ["ArticleFormat"]


class ArticleFormat(Protocol):
    @property
    def name(self) -> str: ...

    @property
    def aliases(self) -> tuple[str, ...]: ...

    @property
    def extensions(self) -> tuple[str, ...]: ...

    def parse(self, text: str, lang: str, name: str = "article") -> Document:
        """Segment ``text`` (kept as is: offsets index it) in language ``lang``; ``name``
        is what the document is called in reports."""
        ...
