"""Access and limits of the desk server: API keys, the per-key rate limit, and the
body size cap.  Each is small and has no state outside one worker process (a rate
limit of N per minute with W workers lets at most N x W through; the README says so)."""

from __future__ import annotations

import threading
import time
from collections import deque
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from translate.errors import UserError
from translate.i18n import _

__all__ = ["read_api_keys", "RateLimiter", "BodyLimit", "BodyTooLarge"]

_MAX_KEYS_FILE = 1 << 20


def read_api_keys(path: str | Path) -> frozenset[str]:
    """One key per line (blank lines and ``#`` comments skipped), as LibreTranslate's
    ``--api-keys`` database holds them, but in a file an operator can edit."""
    file = Path(path)
    try:
        if file.stat().st_size > _MAX_KEYS_FILE:
            raise UserError(_("API keys file is larger than 1 MiB"), path=file)
        text = file.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise UserError(_("API keys file not found"), path=file) from None
    except (OSError, UnicodeDecodeError) as err:
        raise UserError(
            _("cannot read the API keys file: {reason}").format(reason=err), path=file
        ) from None
    keys = set()
    for line in text.splitlines():
        key = line.split("#", 1)[0].strip()
        if key:
            keys.add(key)
    if not keys:
        raise UserError(_("no API keys in the file"), path=file, hint=_("write one key per line"))
    return frozenset(keys)


class RateLimiter:
    """At most ``per_minute`` requests per key in any 60 seconds (a sliding window)."""

    def __init__(self, per_minute: int, *, clock: Any = time.monotonic) -> None:
        self.per_minute = per_minute
        self._clock = clock
        self._seen: dict[str, deque[float]] = {}
        self._lock = threading.Lock()

    def allow(self, key: str) -> bool:
        """Count one request for ``key``; False when it is over the limit."""
        if self.per_minute <= 0:
            return True
        now = self._clock()
        with self._lock:
            seen = self._seen.setdefault(key, deque())
            while seen and seen[0] <= now - 60:
                seen.popleft()
            if len(seen) >= self.per_minute:
                return False
            seen.append(now)
            if len(self._seen) > 10_000:  # forget idle keys so memory stays bounded
                for idle in [k for k, v in self._seen.items() if not v or v[-1] <= now - 60]:
                    del self._seen[idle]
            return True


class BodyTooLarge(Exception):
    """A request body went past the server's limit while it was being read."""


class BodyLimit:
    """ASGI middleware: a request body larger than ``limit`` bytes is answered 413
    (from its Content-Length before reading, else as soon as the stream passes it)."""

    def __init__(self, app: Any, limit: int, exempt: Iterable[str] = ()) -> None:
        self.app = app
        self.limit = limit
        self.exempt = tuple(exempt)

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        if scope["type"] != "http" or self.limit <= 0:
            await self.app(scope, receive, send)
            return
        for name, value in scope.get("headers", ()):
            if name == b"content-length":
                try:
                    size = int(value)
                except ValueError:
                    size = 0
                if size > self.limit:
                    await self._refuse(send)
                    return
        read = 0
        started = False

        async def limited_receive() -> Any:
            nonlocal read
            message = await receive()
            if message["type"] == "http.request":
                read += len(message.get("body", b""))
                if read > self.limit:
                    raise BodyTooLarge
            return message

        async def tracking_send(message: Any) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, limited_receive, tracking_send)
        except BodyTooLarge:
            if not started:
                await self._refuse(send)

    async def _refuse(self, send: Any) -> None:
        import json

        message = _("request body too large: the limit is {size} bytes").format(size=self.limit)
        body = json.dumps({"error": message}).encode("utf-8")
        await send(
            {
                "type": "http.response.start",
                "status": 413,
                "headers": [
                    (b"content-type", b"application/json"),
                    (b"content-length", str(len(body)).encode()),
                    (b"connection", b"close"),
                ],
            }
        )
        await send({"type": "http.response.body", "body": body})
