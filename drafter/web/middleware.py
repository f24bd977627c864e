"""ASGI middleware for the workbench: a request size limit (413) and security headers on every response."""

from __future__ import annotations

import json
import logging
from typing import Any

from starlette.exceptions import HTTPException

__all__ = [
    "DEFAULT_MAX_BODY",
    "SECURITY_HEADERS",
    "BodyLimit",
    "BodyTooLarge",
    "CatchAll",
    "ContentTypeCheck",
    "HostCheck",
    "SecurityHeaders",
]

DEFAULT_MAX_BODY = 10 * 1024 * 1024  # a long report as .docx is well under 1 MB; 10 MB leaves room for images

# Everything the page uses is served from here: no CDN, no inline script, no framing by other sites.
SECURITY_HEADERS = [
    (
        b"content-security-policy",
        b"default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; "
        b"object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'",
    ),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"x-frame-options", b"DENY"),
]


def too_large_message(limit: int) -> str:
    return f"request too large: the limit is {limit // 1024} KB ({limit} bytes); send a smaller file or text"


class BodyTooLarge(HTTPException):
    """Raised while a body without Content-Length streams past the limit; an HTTPException, so routes pass it on."""

    def __init__(self, limit: int):
        self.limit = limit
        super().__init__(413, too_large_message(limit))


class BodyLimit:
    """Refuse request bodies over `max_body` bytes: at once by Content-Length, or as soon as a stream passes it."""

    def __init__(self, app: Any, max_body: int = DEFAULT_MAX_BODY):
        self.app = app
        self.max_body = max_body

    async def __call__(self, scope: dict, receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        length = dict(scope.get("headers") or []).get(b"content-length")
        if length is not None and (not length.isdigit() or int(length) > self.max_body):
            await _send_413(send, self.max_body)
            return
        received = 0

        async def limited() -> dict:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.max_body:
                    raise BodyTooLarge(self.max_body)
            return message

        await self.app(scope, limited, send)


async def _send_json_error(send: Any, status: int, message: str, code: str, **params: Any) -> None:
    """The error answer every layer gives: {"error": the server's words, "code": what the page maps to its
    own message, "params": the values that message needs}."""
    body = json.dumps({"error": message, "code": code, "params": params}).encode("utf-8")
    headers = [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]
    await send({"type": "http.response.start", "status": status, "headers": headers + SECURITY_HEADERS})
    await send({"type": "http.response.body", "body": body})


async def _send_413(send: Any, limit: int) -> None:
    await _send_json_error(send, 413, too_large_message(limit), "too_large", limit=limit)


def _host_name(host: str) -> str:
    """The name in a Host header: 127.0.0.1:8765 → 127.0.0.1, [::1]:8765 → [::1]."""
    if host.startswith("["):
        return host[: host.find("]") + 1]
    return host.rsplit(":", 1)[0]


class HostCheck:
    """Answer only requests addressed to one of `allowed` hosts: a page elsewhere can't reach a loopback server
    by pointing its own domain name at 127.0.0.1 (DNS rebinding)."""

    def __init__(self, app: Any, allowed: list[str]):
        self.app = app
        self.allowed = {h.lower() for h in allowed}

    async def __call__(self, scope: dict, receive: Any, send: Any) -> None:
        if scope["type"] == "http":
            host = dict(scope.get("headers") or []).get(b"host", b"").decode("latin-1").lower()
            if _host_name(host) not in self.allowed:
                await _send_json_error(
                    send, 400, f"host {host!r} is not served here; open the address drafter printed", "bad_host"
                )
                return
        await self.app(scope, receive, send)


class SecurityHeaders:
    """Add SECURITY_HEADERS to every HTTP response."""

    def __init__(self, app: Any):
        self.app = app

    async def __call__(self, scope: dict, receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def with_headers(message: dict) -> None:
            if message["type"] == "http.response.start":
                names = {k.lower() for k, _ in message.get("headers", [])}
                extra = [(k, v) for k, v in SECURITY_HEADERS if k not in names]
                message = {**message, "headers": [*message.get("headers", []), *extra]}
            await send(message)

        await self.app(scope, receive, with_headers)


_POST_TYPES = (b"application/json", b"multipart/form-data")


class ContentTypeCheck:
    """POSTs to /api/* must say application/json or multipart/form-data (415 otherwise): a form on another
    site can send text/plain or urlencoded bodies without asking, but not these."""

    def __init__(self, app: Any):
        self.app = app

    async def __call__(self, scope: dict, receive: Any, send: Any) -> None:
        if scope["type"] == "http" and scope.get("method") == "POST" and scope.get("path", "").startswith("/api/"):
            ctype = dict(scope.get("headers") or []).get(b"content-type", b"").split(b";")[0].strip().lower()
            if ctype not in _POST_TYPES:
                shown = ctype.decode("latin-1")[:60] or "none"
                await _send_json_error(
                    send, 415, f"content type {shown!r} is not accepted; send application/json", "content_type"
                )
                return
        await self.app(scope, receive, send)


INTERNAL = "internal error: the server log has the details; please report what you did"


class CatchAll:
    """The last resort inside the app: an unexpected exception becomes a 500 JSON answer and a log entry, and is
    not raised on to the server (which would drop a kept-alive connection)."""

    def __init__(self, app: Any):
        self.app = app

    async def __call__(self, scope: dict, receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = False

        async def tracking(message: dict) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, receive, tracking)
        except Exception:
            logging.getLogger("drafter.web").exception(
                "unexpected error in %s %s", scope.get("method"), scope.get("path")
            )
            if started:
                raise
            await _send_json_error(send, 500, INTERNAL, "internal")
