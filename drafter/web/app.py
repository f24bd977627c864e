"""The workbench's HTTP face: FastAPI routes over Workbench, JSON errors, the static page."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any
from urllib.parse import quote

from fastapi import FastAPI, Query, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.exceptions import RequestValidationError
from fastapi.responses import FileResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from pydantic import BaseModel, ConfigDict, Field, StrictInt, StrictStr

from .. import __version__
from ..bank.kinds import DEFAULT_KIND
from ..document import Document
from ..errors import SpecError
from ..yamlio import json_loads
from .failures import WebError, install_error_handlers, spec_problems
from .middleware import DEFAULT_MAX_BODY, BodyLimit, CatchAll, ContentTypeCheck, HostCheck, SecurityHeaders
from .uploads import UploadRefused, choices_from_upload, jsonable, source_from_upload, spec_from_upload
from .workbench import DOWNLOADS, Workbench

if TYPE_CHECKING:
    from ..review.source import Source

__all__ = ["create_app"]

STATIC = Path(__file__).resolve().parent / "static"

Choices = dict[str, StrictInt | StrictStr]
PDF_MISSING = "本机没有安装 LibreOffice，无法导出 PDF：请先下载 Word 文件再自行转换（LibreOffice is not installed)"


def _document_json(doc: Document) -> dict[str, Any]:
    """The draft's JSON, plus `title_lines`: the title broken as the printed copy breaks it, for the page to show."""
    from ..word.profiles import GBT9704
    from ..zh.title_lines import break_title

    return {**doc.to_dict(), "title_lines": list(break_title(doc.title, GBT9704.title_chars_per_line).lines)}


class _Body(BaseModel):
    model_config = ConfigDict(extra="forbid")


class DraftRequest(_Body):
    spec: dict[str, Any]
    seed: StrictInt = 0
    choices: Choices = Field(default_factory=dict)


class VariantsRequest(_Body):
    kind: StrictStr | None = None
    spec: dict[str, Any] | None = None


class CheckRequest(_Body):
    text: StrictStr
    kind: StrictStr = DEFAULT_KIND
    name: StrictStr = "粘贴的文字"


class WordingRequest(_Body):
    spec: dict[str, Any]
    slot: StrictStr
    text: StrictStr


class FixSpan(_Body):
    rule_id: StrictStr
    start: StrictInt
    end: StrictInt


class FixRequest(_Body):
    text: StrictStr
    kind: StrictStr = DEFAULT_KIND
    name: StrictStr = "粘贴的文字"
    fixes: list[FixSpan]


class DocumentRequest(_Body):
    document: dict[str, Any]


class ParagraphRequest(_Body):
    document: dict[str, Any]
    paragraph: StrictInt


async def _upload(request: Request) -> tuple[str | None, bytes, dict[str, str]]:
    """The one file of a multipart request (field 'file') and its other text fields."""
    form = await request.form(max_files=1, max_fields=20)
    upload = form.get("file")
    if upload is None or isinstance(upload, str):
        raise UploadRefused("expected a file in the form field 'file'", "no_file")
    data = await upload.read()
    await form.close()
    return upload.filename, data, {k: v for k, v in form.items() if isinstance(v, str)}


def _is_multipart(request: Request) -> bool:
    return request.headers.get("content-type", "").startswith("multipart/form-data")


_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")


def safe_download_name(filename: str) -> str:
    """A download name: its last path component, no control characters or quotes, at most 120 characters."""
    name = _CONTROL.sub("", filename).replace("\\", "/").rsplit("/", 1)[-1]
    name = name.replace('"', "").strip(" .")[:120]
    suffix = Path(filename).suffix if re.fullmatch(r"\.[A-Za-z0-9]{1,8}", Path(filename).suffix) else ""
    return name if name and f".{name}" != suffix else f"draft{suffix}"


def _attachment(filename: str) -> str:
    """Content-Disposition with an ASCII fallback and the RFC 5987 UTF-8 name (no path, no CR/LF, no quotes)."""
    name = safe_download_name(filename)
    ascii_name = name if name.isascii() else "draft" + Path(name).suffix
    return f"attachment; filename=\"{ascii_name}\"; filename*=UTF-8''{quote(name, safe='')}"


def create_app(
    workbench: Workbench | None = None,
    *,
    max_body: int = DEFAULT_MAX_BODY,
    allowed_hosts: list[str] | None = None,
) -> FastAPI:
    """The workbench app; `allowed_hosts` (e.g. the loopback names) refuses other Host headers (DNS rebinding)."""
    bench = workbench if workbench is not None else Workbench.from_config()
    # Swagger UI would load its scripts from a CDN: the page promises nothing leaves this machine, so only the schema.
    app = FastAPI(
        title="drafter workbench", version=__version__, docs_url=None, redoc_url=None, openapi_url="/api/openapi.json"
    )
    app.state.workbench = bench
    install_error_handlers(app)

    @app.get("/", include_in_schema=False)
    def index() -> FileResponse:
        return FileResponse(STATIC / "index.html", headers={"cache-control": "no-store"})

    @app.get("/api/status")
    def status() -> dict[str, Any]:
        return {"version": __version__, "polish": bench.polish_status(), "max_body": max_body}

    @app.get("/api/kinds")
    def kinds() -> list[dict[str, str]]:
        return bench.kinds()

    @app.get("/api/schema/{kind}")
    def schema(kind: str) -> dict[str, Any]:
        return bench.schema(kind)

    @app.post("/api/draft")
    def draft(body: DraftRequest) -> dict[str, Any]:
        """Spec JSON + seed + choices → the document JSON of `drafter draft --format json`."""
        return _document_json(bench.draft(body.spec, body.seed, body.choices))

    @app.get("/api/variants/{slot}")
    def variants(
        slot: str, kind: str | None = None, spec: Annotated[str | None, Query(description="a spec as JSON")] = None
    ) -> list[dict[str, Any]]:
        data = None
        if spec is not None:
            try:
                data = json_loads(spec)
            except json.JSONDecodeError as exc:
                raise SpecError("spec", [("", f"not valid JSON: {exc.msg}")]) from None
        return bench.variants(slot, kind, data)

    @app.post("/api/variants/{slot}")
    def variants_for_spec(slot: str, body: VariantsRequest) -> list[dict[str, Any]]:
        return bench.variants(slot, body.kind, body.spec)

    @app.post("/api/spec")
    async def upload_spec(request: Request) -> dict[str, Any]:
        """An uploaded spec file, parsed for the form, and what is wrong with it (the form shows both)."""
        filename, data, _ = await _upload(request)
        parsed = await run_in_threadpool(spec_from_upload, filename, data)
        problems: list[dict[str, Any]] = []
        try:
            bench.validate(parsed)
        except SpecError as exc:
            problems = spec_problems(exc)
        return {"spec": jsonable(parsed), "problems": problems}

    def checked(src: Any, kind: str) -> JSONResponse:
        # Checking, and writing the answer (a long document's runs to megabytes), in a worker thread: the
        # event loop goes on answering every other request meanwhile. Checkers are shared; no lock is held.
        return JSONResponse(bench.check(src, kind))

    async def reviewed(request: Request) -> tuple[Source, str, bytes | None]:
        """The document of a review request: {"text", "kind", "name"} or a multipart .docx/.md/.txt with
        "kind"; returns the source, the kind asked for, and the .docx bytes when a Word file came.
        Parsing runs in a worker thread (a long paste would stall the event loop)."""
        from ..review.source import parse_text

        if _is_multipart(request):
            filename, data, fields = await _upload(request)
            src = await run_in_threadpool(source_from_upload, filename, data)
            docx = data if (filename or "").lower().endswith(".docx") else None
            return src, fields.get("kind") or DEFAULT_KIND, docx
        try:
            raw = json_loads(await request.body())
        except (json.JSONDecodeError, UnicodeDecodeError) as exc:
            raise RequestValidationError([{"loc": ("body",), "msg": f"not valid JSON ({exc})"}]) from None
        try:
            body = CheckRequest.model_validate(raw)
        except ValueError as exc:
            raise RequestValidationError(exc.errors()) from None  # type: ignore[attr-defined]
        src = await run_in_threadpool(parse_text, body.text.replace("\r\n", "\n"), body.name)
        return src, body.kind, None

    @app.post("/api/check")
    async def check(request: Request) -> JSONResponse:
        """{"text": …} or a multipart .docx/.md/.txt → the check JSON (plus "text", the text its offsets index)."""
        src, kind, _ = await reviewed(request)
        return await run_in_threadpool(checked, src, kind)

    @app.post("/api/annotate")
    async def annotate(request: Request) -> Response:
        """As /api/check, but answers with the reviewed document as Word with a comment per finding and
        tracked changes for the safe fixes (`drafter check --annotate`): a copy of an uploaded .docx, or
        the text set as a plain Word document."""
        src, kind, docx = await reviewed(request)
        file = await run_in_threadpool(bench.annotate, src, kind, docx)
        return Response(
            file.data, media_type=file.media_type, headers={"content-disposition": _attachment(file.filename)}
        )

    @app.get("/api/year/{year}")
    def year(year: int) -> dict[str, Any]:
        """What a report on `year` studies and names (the year data): the form shows it beside the year."""
        return bench.year(year)

    @app.post("/api/wording")
    def wording(body: WordingRequest) -> dict[str, Any]:
        """An editor's own text for one slot, checked by the choices rule (it must keep the slot's figures)."""
        return bench.wording(body.spec, body.slot, body.text)

    @app.post("/api/choices")
    async def upload_choices(request: Request) -> dict[str, Any]:
        """An uploaded choices file (drafter's .choices.yaml) read back: {"kind", "choices"}."""
        filename, data, _ = await _upload(request)
        return choices_from_upload(filename, data)

    @app.post("/api/fix")
    def fix(body: FixRequest) -> JSONResponse:
        """Apply the chosen findings' safe fixes to the text; the check JSON of the new text, plus "applied"."""
        from ..review.source import parse_text

        src = parse_text(body.text.replace("\r\n", "\n"), body.name)
        # the answer written here, in the thread pool, not by FastAPI on the event loop
        return JSONResponse(bench.fix(src, body.kind, [(f.rule_id, f.start, f.end) for f in body.fixes]))

    @app.post("/api/download/{fmt}")
    def download(fmt: str, body: DocumentRequest) -> Response:
        if fmt not in DOWNLOADS:
            raise WebError(404, "unknown_format", f"unknown format {fmt!r}; expected one of {', '.join(DOWNLOADS)}")
        if fmt == "pdf":
            from ..word.preview import soffice_available

            if not soffice_available():
                raise WebError(501, "pdf_unavailable", PDF_MISSING)
        file = bench.download(Document.from_data(body.document), fmt)
        return Response(
            file.data, media_type=file.media_type, headers={"content-disposition": _attachment(file.filename)}
        )

    @app.post("/api/polish")
    def polish(body: ParagraphRequest) -> dict[str, Any]:
        """Polish one paragraph with the configured model; the guard's verdict is in the paragraph's polish."""
        state = bench.polish_status()
        if not state["available"]:
            raise WebError(503, "polish_unavailable", f"polishing is not available: {state['note']}")
        doc = Document.from_data(body.document)
        result = bench.polish(doc, body.paragraph)
        return {"document": _document_json(doc), **result}

    @app.post("/api/revert")
    def revert(body: ParagraphRequest) -> dict[str, Any]:
        doc = Document.from_data(body.document)
        bench.revert(doc, body.paragraph)
        return {"document": _document_json(doc), "paragraph": body.paragraph}

    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    app.add_middleware(CatchAll)  # innermost of ours: its 500 still gets the security headers
    app.add_middleware(SecurityHeaders)
    app.add_middleware(ContentTypeCheck)
    app.add_middleware(BodyLimit, max_body=max_body)
    if allowed_hosts is not None:
        app.add_middleware(HostCheck, allowed=allowed_hosts)
    return app
