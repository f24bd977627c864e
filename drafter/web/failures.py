"""How the workbench reports a failure: {"error", "code", "params"} (plus "problems" for fields), never a traceback.

`error` is the server's own words (English, for the log and the 详情 line); `code` names what went wrong so
the page can say it in Chinese without reading the words (static/zh.js maps every code below); `params` holds
the values that message needs (a file name, a limit). Codes come from the exception's class, or from the
raise site (WebError, UploadRefused), never from message text.
"""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException

from ..errors import (
    ChoicesError,
    DocxReadError,
    DrafterError,
    KindError,
    MissingExtra,
    PhraseBankError,
    PolishError,
    PreviewError,
    SpecError,
    UnknownSlot,
    UploadError,
    problem_code,
)
from .middleware import INTERNAL, BodyTooLarge

__all__ = ["CODES", "WebError", "error_response", "install_error_handlers", "spec_problems"]

_UNION_TAGS = frozenset({"int", "str", "float", "bool", "none"})

# Every code the server sends (the page has a Chinese message for each; tests hold the two lists together).
CODES = (
    "bad_host",
    "bad_input",
    "bad_request",
    "choices_invalid",
    "content_type",
    "docx_unreadable",
    "internal",
    "missing_extra",
    "no_file",
    "not_found",
    "not_utf8",
    "own_wording_stale",
    "pdf_failed",
    "pdf_unavailable",
    "polish_failed",
    "polish_unavailable",
    "spec_invalid",
    "spec_unreadable",
    "text_encoding",
    "too_deep",
    "too_large",
    "unknown_format",
    "unknown_kind",
    "unknown_slot",
    "upload_type",
)


class WebError(Exception):
    """A refusal made by the web layer itself, with its HTTP status and code."""

    def __init__(self, status: int, code: str, message: str, **params: Any):
        super().__init__(message)
        self.status, self.code, self.params = status, code, params


def error_response(
    status: int, message: str, code: str, params: dict[str, Any] | None = None, problems: list | None = None
) -> JSONResponse:
    body: dict[str, Any] = {"error": message, "code": code, "params": params or {}}
    if problems is not None:
        body["problems"] = problems
    return JSONResponse(body, status_code=status)


def _loc(loc: tuple[Any, ...]) -> str:
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else ("." if out else "") + str(part)
    return out


def _drafter_code(exc: DrafterError, request: Request) -> tuple[int, str, dict[str, Any]]:
    """Status, code and params of a DrafterError, by its class (and where it was raised)."""
    if isinstance(exc, UploadError):
        return 422, getattr(exc, "code", "bad_input"), dict(getattr(exc, "params", {}))
    if isinstance(exc, UnknownSlot):
        # a slot named in the URL doesn't exist (404); one named inside a body (choices) spoils the body (422)
        in_url = request.path_params.get("slot") == exc.slot
        return (404 if in_url else 422), "unknown_slot", {"slot": exc.slot}
    if isinstance(exc, KindError):
        return 404, "unknown_kind", {"kind": exc.kind}
    if isinstance(exc, PhraseBankError) and exc.slot:
        # a chosen text the slot can no longer take (own wording that lost a figure the form changed)
        return 422, "own_wording_stale", {"slot": exc.slot}
    if isinstance(exc, ChoicesError):
        return 422, "choices_invalid", {}
    if isinstance(exc, DocxReadError):
        return 422, "docx_unreadable", {}
    if isinstance(exc, PreviewError):
        return 500, "pdf_failed", {}
    if isinstance(exc, PolishError):
        return 422, "polish_failed", {}
    return (404 if isinstance(exc, LookupError) else 422), "bad_input", {}


def spec_problems(exc: SpecError) -> list[dict[str, Any]]:
    """A SpecError's problems for the page: {"path", "message" (the CLI's words), "code", "params"}; the page
    words a known code in Chinese (static/zh.js FIELD) and shows the message when the code is "" or new to it."""
    out = []
    for path, message in exc.problems:
        code, params = problem_code(message)
        out.append({"path": path, "message": str(message), "code": code, "params": params})
    return out


def install_error_handlers(app: FastAPI) -> None:
    """Every error reaches the client as {"error", "code", "params"} (plus "problems" for fields)."""

    @app.exception_handler(WebError)
    async def web_error(request: Request, exc: WebError) -> JSONResponse:
        return error_response(exc.status, str(exc), exc.code, exc.params)

    @app.exception_handler(SpecError)
    async def spec_error(request: Request, exc: SpecError) -> JSONResponse:
        return error_response(422, str(exc), "spec_invalid", {}, spec_problems(exc))

    @app.exception_handler(MissingExtra)
    async def missing_extra(request: Request, exc: MissingExtra) -> JSONResponse:
        return error_response(501, f"this server lacks an optional part: {exc}", "missing_extra", {"extra": exc.extra})

    @app.exception_handler(DrafterError)
    async def drafter_error(request: Request, exc: DrafterError) -> JSONResponse:
        status, code, params = _drafter_code(exc, request)
        return error_response(status, str(exc), code, params)

    @app.exception_handler(RequestValidationError)
    async def request_error(request: Request, exc: RequestValidationError) -> JSONResponse:
        merged: dict[str, str] = {}
        for e in exc.errors():
            # A union reports once per member, tagged with the member's type: one line per field is enough.
            path = _loc(tuple(p for p in e.get("loc", ()) if p not in _UNION_TAGS))
            merged[path] = f"{merged[path]}; or {e.get('msg')}" if path in merged else e.get("msg", "invalid")
        problems = [{"path": path, "message": message} for path, message in merged.items()]
        summary = "; ".join(f"{p['path']}: {p['message']}" for p in problems[:5])
        return error_response(422, f"bad request: {summary}", "bad_request", {}, problems)

    @app.exception_handler(HTTPException)
    async def http_error(request: Request, exc: HTTPException) -> JSONResponse:
        if isinstance(exc, BodyTooLarge):
            return error_response(413, str(exc.detail), "too_large", {"limit": exc.limit})
        code = "not_found" if exc.status_code in (404, 405) else "bad_request"
        return error_response(exc.status_code, str(exc.detail), code)

    @app.exception_handler(RecursionError)
    async def too_deep(request: Request, exc: RecursionError) -> JSONResponse:
        return error_response(422, "bad request: the JSON nests too deeply", "too_deep")

    @app.exception_handler(Exception)
    async def internal_error(request: Request, exc: Exception) -> JSONResponse:
        # The traceback goes to the server's log (uvicorn prints it), never to the client.
        return error_response(500, INTERNAL, "internal")
