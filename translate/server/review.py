"""Routes of the editors' review page (``/``); filled in by the review-page work."""

from __future__ import annotations

from typing import Any


def routes() -> list[Any]:
    """Starlette routes for ``/``, its static assets and ``/v1/export``."""
    return []
