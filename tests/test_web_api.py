"""The workbench API with FastAPI's TestClient: the same model as the CLI, and every error path as a JSON message."""

from __future__ import annotations

import io
import json
import subprocess
import sys

import docx
import pytest
from conftest import FULL, PARTIAL, ROOT, spec_json
from fastapi.testclient import TestClient
from llm_server import FakeOpenAI

import drafter
import drafter.bank.kinds
from drafter import Workspace
from drafter.drafting.choices import choices_from_document
from drafter.errors import MissingExtra, install_hint
from drafter.review.source import parse_text
from drafter.web import Workbench, is_loopback
from drafter.web.app import create_app
from drafter.web.server import LOOPBACK_HOSTS


@pytest.fixture(scope="module")
def client():
    with TestClient(create_app(Workbench()), raise_server_exceptions=False) as c:
        yield c


def error_of(response, status: int) -> dict:
    assert response.status_code == status, response.text
    body = response.json()
    assert body["error"]
    assert "Traceback" not in response.text and 'File "' not in response.text
    return body


# --- the page ---------------------------------------------------------------------------------


def test_the_page_and_its_files_are_served_locally(client):
    page = client.get("/")
    assert page.status_code == 200
    assert "drafter" in page.text
    assert "default-src 'self'" in page.headers["content-security-policy"]
    static = sorted((ROOT / "drafter" / "web" / "static").iterdir())
    assert {p.suffix for p in static} == {".html", ".css", ".js"}
    for path in static:
        text = path.read_text(encoding="utf-8")
        # Nothing is fetched from elsewhere: no URL with a scheme or a protocol-relative one.
        assert "http://" not in text and "https://" not in text and 'src="//' not in text, path.name
        assert client.get(f"/static/{path.name}").status_code == 200


def test_the_openapi_schema_lists_the_api_and_no_cdn_page_is_served(client):
    paths = client.get("/api/openapi.json").json()["paths"]
    assert {"/api/draft", "/api/check", "/api/kinds", "/api/variants/{slot}", "/api/download/{fmt}"} <= set(paths)
    assert client.get("/api/docs").status_code == 404 and client.get("/docs").status_code == 404


def test_status_kinds_and_schema(client):
    status = client.get("/api/status").json()
    assert status["polish"]["available"] is False and "model" in status["polish"]["note"]
    kinds = {k["id"]: k["name"] for k in client.get("/api/kinds").json()}
    assert kinds == {k.id: k.name for k in drafter.bank.kinds.builtin_kinds().values()}
    schema = client.get("/api/schema/eight-point").json()
    groups = {g["id"]: g for g in schema["groups"]}
    meetings = groups["meetings"]["fields"][0]
    assert groups["meetings"]["label"] == "精简会议活动"
    assert meetings == {
        "name": "count",
        "path": "meetings.count",
        "type": "count",
        "unit": "次",
        "label": "会议次数",
        "compare": True,
        "optional": False,
        "sample": [86, 102],
    }
    assert groups["institutions"]["fields"][0]["type"] == "titles"
    assert schema["levels"][0] == {"id": "county", "label": "县"}


# --- drafting ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("seed", "choices"),
    [(0, {}), (7, {}), (3, {"study.heading": 1, "tasks.meetings.figures": 0})],
)
def test_draft_is_the_cli_document(client, seed, choices):
    response = client.post("/api/draft", json={"spec": spec_json(), "seed": seed, "choices": choices})
    assert response.status_code == 200, response.text
    expected = drafter.draft(FULL, seed=seed, choices=choices)
    # The title as the printed copy breaks it rides along for the page to show.
    assert response.json() == {
        **expected.to_dict(),
        "title_lines": ["青山县2025年贯彻落实", "中央八项规定精神情况工作总结"],
    }


def test_missing_figures_draft_as_placeholders(client):
    doc = client.post("/api/draft", json={"spec": {"organisation": {"level": "county"}}}).json()
    assert doc["title"].startswith("【待补充：单位名称】")


BAD_SPECS = [
    # (change to the full spec, expected field path, words in the message)
    (lambda d: d["meetings"]["count"].update(previous=-3), "meetings.count.previous", "≥ 0"),
    (lambda d: d["study"].update(lectures="七"), "study.lectures", "whole number"),
    (lambda d: d["frugality"].update(three_public=812.4), "frugality.three_public", "current"),
    (lambda d: d["organisation"].update(level="province"), "organisation.level", "one of"),
    (lambda d: d.update(extra=1), "extra", "unknown field"),
    (lambda d: d["institutions"]["titles"].append(""), "institutions.titles[5]", "empty"),
    (lambda d: d.update(kind="nope"), "kind", "unknown kind"),
]


@pytest.mark.parametrize(("change", "path", "words"), BAD_SPECS)
def test_bad_spec_is_422_with_field_paths(client, change, path, words):
    spec = spec_json()
    change(spec)
    body = error_of(client.post("/api/draft", json={"spec": spec}), 422)
    assert [p["path"] for p in body["problems"]] == [path]
    assert words in body["problems"][0]["message"]


def test_every_bad_field_is_reported_at_once(client):
    spec = spec_json()
    spec["meetings"]["count"]["previous"] = -3
    spec["year"] = "2025年"
    body = error_of(client.post("/api/draft", json={"spec": spec}), 422)
    assert {p["path"] for p in body["problems"]} == {"meetings.count.previous", "year"}


@pytest.mark.parametrize(
    ("body", "path"),
    [
        ({"spec": [], "seed": 0}, "body.spec"),
        ({"spec": {}, "seed": "x"}, "body.seed"),
        ({"spec": {}, "choices": {"study.heading": 1.5}}, "body.choices.study.heading"),
        ({"spec": {}, "colour": "red"}, "body.colour"),
    ],
)
def test_malformed_request_is_422_naming_the_field(client, body, path):
    error = error_of(client.post("/api/draft", json=body), 422)
    assert path in [p["path"].split("[")[0] for p in error["problems"]]


def test_not_json_is_422(client):
    response = client.post("/api/draft", content=b"{not json", headers={"content-type": "application/json"})
    error_of(response, 422)


@pytest.mark.parametrize(
    ("choices", "words"),
    [
        ({"study.nope": 0}, "unknown slot 'study.nope'"),
        ({"study.heading": 99}, "out of range"),
        ({"tasks.meetings.figures": "全年开会若干次。"}, "drops"),
    ],
)
def test_bad_choices_are_422_with_the_slot(client, choices, words):
    error = error_of(client.post("/api/draft", json={"spec": spec_json(), "choices": choices}), 422)
    assert words in error["error"]


def test_literal_text_stays_sandboxed(client):
    evil = "{{ ''.__class__.__mro__[1].__subclasses__() }}{{ meetings.count }}"
    error = error_of(client.post("/api/draft", json={"spec": spec_json(), "choices": {"study.heading": evil}}), 422)
    assert "study.heading" in error["error"]


def test_one_pick_with_everything_else_pinned_changes_one_sentence(client):
    before = client.post("/api/draft", json={"spec": spec_json()}).json()
    choices = choices_from_document(drafter.Document.from_dict(before))
    choices["tasks.meetings.figures"] = (choices["tasks.meetings.figures"] + 1) % 3
    after = client.post("/api/draft", json={"spec": spec_json(), "choices": choices}).json()
    a, b = drafter.Document.from_dict(before).sentences(), drafter.Document.from_dict(after).sentences()
    changed = [(x.slot, y.slot) for x, y in zip(a, b, strict=True) if x.text != y.text]
    assert changed == [("tasks.meetings.figures", "tasks.meetings.figures")]


# --- variants ---------------------------------------------------------------------------------


def test_variants_with_the_samples_and_with_a_spec(client):
    sample = client.get("/api/variants/tasks.meetings.figures").json()
    assert [v["id"] for v in sample] == ["tasks.meetings.figures"]
    assert all("86次" in v["text"] for v in sample[0]["variants"] if v["fits"])  # the rest are for other figures
    spec = spec_json()
    spec["meetings"]["count"] = {"current": 70, "previous": 100}
    for response in (
        client.get("/api/variants/tasks.meetings.figures", params={"spec": json.dumps(spec)}),
        client.post("/api/variants/tasks.meetings.figures", json={"spec": spec}),
    ):
        texts = [v["text"] for v in response.json()[0]["variants"] if v["fits"]]
        assert texts and all("70次" in t and "减少30次" in t and "30.0%" in t for t in texts)


def test_variants_of_a_prefix_list_every_slot(client):
    ids = [v["id"] for v in client.get("/api/variants/study").json()]
    assert len(ids) > 3 and all(i.startswith("study.") for i in ids)


@pytest.mark.parametrize(
    ("url", "status", "words"),
    [
        ("/api/variants/nope.slot", 404, "unknown slot 'nope.slot'"),
        ("/api/variants/study.heading?kind=nope", 404, "unknown kind 'nope'"),
        ("/api/variants/study.heading?spec=%7Bnot", 422, "not valid JSON"),
        ("/api/schema/nope", 404, "unknown kind 'nope'"),
        ("/api/nothing-here", 404, "Not Found"),
    ],
)
def test_unknown_things_are_404_or_422_with_a_message(client, url, status, words):
    assert words in error_of(client.get(url), status)["error"]


def test_variants_with_a_bad_spec_name_the_field(client):
    spec = spec_json()
    spec["meetings"]["count"]["current"] = -1
    body = error_of(client.post("/api/variants/tasks.meetings.figures", json={"spec": spec}), 422)
    assert body["problems"][0]["path"] == "meetings.count.current"


# --- uploading a spec -------------------------------------------------------------------------


def _spec_files() -> dict[str, bytes]:
    data = spec_json()
    toml = (
        'kind = "eight-point"\nyear = 2025\n[organisation]\nname = "青山县"\nlevel = "county"\ndate = 2026-01-16\n'
        "[meetings.count]\ncurrent = 86\nprevious = 102\n"
    )
    return {
        "county.yaml": FULL.read_bytes(),
        "county.json": json.dumps(data, ensure_ascii=False).encode("utf-8"),
        "county.toml": toml.encode("utf-8"),
    }


@pytest.mark.parametrize("name", ["county.yaml", "county.json", "county.toml"])
def test_upload_a_spec_to_fill_the_form(client, name):
    response = client.post("/api/spec", files={"file": (name, _spec_files()[name])})
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["problems"] == []
    assert body["spec"]["organisation"]["date"] == "2026-01-16"
    assert body["spec"]["meetings"]["count"] == {"current": 86, "previous": 102}


def test_an_uploaded_spec_with_bad_fields_comes_back_with_its_problems(client):
    data = spec_json()
    data["meetings"]["count"]["previous"] = -3
    data["colour"] = "red"
    body = client.post("/api/spec", files={"file": ("bad.json", json.dumps(data).encode())}).json()
    assert {p["path"] for p in body["problems"]} == {"meetings.count.previous", "colour"}
    assert body["spec"]["meetings"]["count"]["previous"] == -3


@pytest.mark.parametrize(
    ("name", "content", "words"),
    [
        ("spec.yaml", b"meetings: [unclosed", "not valid YAML"),
        ("spec.json", b"{", "not valid JSON"),
        ("spec.toml", b"x = ", "not valid TOML"),
        ("spec.yaml", b"\xff\xfe\x00", "not UTF-8"),
        ("spec.exe", b"MZ", "use .yaml"),
        ("../../etc/passwd", b"root:x:0:0", "use .yaml"),
    ],
)
def test_unreadable_spec_uploads_are_422_naming_the_upload(client, name, content, words):
    error = error_of(client.post("/api/spec", files={"file": (name, content)}), 422)
    assert words in error["error"]
    assert "/etc" not in error["error"] and "drafter-web-" not in error["error"]  # neither path leaks


def test_an_upload_needs_a_file(client):
    assert "file" in error_of(client.post("/api/spec", files={"x": (None, "1")}), 422)["error"]


# --- checking ---------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def partial_text() -> str:
    return drafter.draft(PARTIAL).to_text()


def test_check_text_is_the_check_json(client, partial_text):
    body = client.post("/api/check", json={"text": partial_text}).json()
    expected = Workspace().checker("eight-point").check(parse_text(partial_text, "粘贴的文字")).to_dict()
    assert body["schema"] == 1
    assert body["text"] == partial_text
    assert body["themes"] == expected["themes"]
    assert body["findings"] == expected["findings"]
    placeholder = next(f for f in body["findings"] if f["rule"] == "placeholder")
    loc = placeholder["location"]
    assert partial_text[loc["start"] : loc["end"]] == placeholder["text"]


def _without_closing(path=FULL) -> drafter.Document:
    doc = drafter.draft(path)
    doc.sections = [s for s in doc.sections if s.id != "closing"]
    return doc


@pytest.mark.parametrize("suffix", [".docx", ".md", ".txt"])
def test_check_an_uploaded_file(client, suffix):
    doc = _without_closing()
    content = drafter.docx_bytes(doc) if suffix == ".docx" else doc.render(suffix[1:]).encode("utf-8")
    body = client.post("/api/check", files={"file": ("报告" + suffix, content)}, data={"kind": "eight-point"}).json()
    themes = {t["id"]: t for t in body["themes"]}
    assert themes["meetings"]["found"] and not themes["next_steps"]["found"]
    assert themes["next_steps"]["suggestion"]
    hit = themes["meetings"]["hits"][0]
    assert body["text"][hit["start"] : hit["end"]] == hit["text"]
    assert body["file"] == "报告" + suffix


@pytest.mark.parametrize(
    ("files", "words"),
    [
        ({"file": ("a.docx", b"not a zip")}, "not a readable .docx"),
        ({"file": ("a.txt", bytes(range(128, 256)) * 10)}, "neither UTF-8 nor GB18030"),
        ({"file": ("a.pdf", b"%PDF")}, "use .docx"),
    ],
)
def test_unreadable_documents_are_422(client, files, words):
    assert words in error_of(client.post("/api/check", files=files), 422)["error"]


@pytest.mark.parametrize(
    ("body", "status", "words"),
    [
        ({"text": "正文", "kind": "nope"}, 404, "unknown kind"),
        ({"txt": "正文"}, 422, "text"),
        ({"text": 5}, 422, "text"),
    ],
)
def test_bad_check_requests(client, body, status, words):
    assert words in error_of(client.post("/api/check", json=body), status)["error"]


# --- size limits ------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def small():
    with TestClient(create_app(Workbench(), max_body=4096), raise_server_exceptions=False) as c:
        yield c


def test_oversize_upload_is_413(small):
    error = error_of(small.post("/api/check", files={"file": ("big.txt", "字".encode() * 5000)}), 413)
    assert "4 KB" in error["error"]


def test_oversize_json_is_413(small):
    error_of(small.post("/api/check", json={"text": "字" * 5000}), 413)


def test_oversize_stream_without_length_is_413(small):
    def chunks():
        for _ in range(10):
            yield b'{"text": "' + b"x" * 1000

    response = small.post("/api/check", content=chunks(), headers={"content-type": "application/json"})
    error_of(response, 413)


def test_under_the_limit_is_served(small):
    assert small.post("/api/check", json={"text": "青山县2025年工作总结\n全年召开会议86次。"}).status_code == 200


# --- downloads --------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def full_doc() -> dict:
    return drafter.draft(FULL, seed=2).to_dict()


@pytest.mark.parametrize("fmt", ["md", "txt", "json"])
def test_download_text_formats(client, full_doc, fmt):
    response = client.post(f"/api/download/{fmt}", json={"document": full_doc})
    assert response.status_code == 200
    assert response.content.decode("utf-8") == drafter.Document.from_dict(full_doc).render(fmt)
    disposition = response.headers["content-disposition"]
    assert disposition.startswith("attachment;") and f'filename="draft.{fmt}"' in disposition
    assert "filename*=UTF-8''%E9%9D%92" in disposition  # 青山县… percent-encoded


def test_download_docx_opens_in_python_docx(client, full_doc):
    response = client.post("/api/download/docx", json={"document": full_doc})
    assert response.headers["content-type"].startswith("application/vnd.openxmlformats")
    paragraphs = [p.text for p in docx.Document(io.BytesIO(response.content)).paragraphs if p.text]
    assert paragraphs[0].replace("\n", "") == full_doc["title"]  # a long title is broken onto lines


def test_download_choices_reproduce_the_draft(client, full_doc, tmp_path):
    response = client.post("/api/download/choices", json={"document": full_doc})
    path = tmp_path / "choices.yaml"
    path.write_bytes(response.content)
    from drafter.drafting.choices import load_choices

    again = drafter.draft(FULL, seed=0, choices=load_choices(path))
    assert again.to_text() == drafter.Document.from_dict(full_doc).to_text()


@pytest.mark.parametrize(
    ("fmt", "document", "status", "words"),
    [
        ("odt", None, 404, "unknown format 'odt'"),
        ("md", {"kind": "eight-point"}, 422, "not a drafter JSON draft"),
        ("md", {"kind": "eight-point", "title": "x", "sections": [{"paragraphs": []}]}, 422, "not a drafter JSON"),
    ],
)
def test_bad_downloads(client, full_doc, fmt, document, status, words):
    body = {"document": full_doc if document is None else document}
    assert words in error_of(client.post(f"/api/download/{fmt}", json=body), status)["error"]


# --- polishing --------------------------------------------------------------------------------


def test_polish_without_a_model_is_503_with_the_reason(client, full_doc):
    error = error_of(client.post("/api/polish", json={"document": full_doc, "paragraph": 1}), 503)
    assert "drafter.toml" in error["error"]


@pytest.fixture(scope="module")
def llm():
    with FakeOpenAI() as server:
        yield server


def polishing_client(llm, model: str) -> TestClient:
    bench = Workbench(llm={"model": f"openai:{model}", "base_url": llm.base_url, "cache": False, "backoff": 0.01})
    return TestClient(create_app(bench), raise_server_exceptions=False)


def test_polish_a_paragraph_then_revert_it(llm, full_doc):
    with polishing_client(llm, "faithful") as c:
        assert c.get("/api/status").json()["polish"] == {"available": True, "model": "openai:faithful", "note": ""}
        body = c.post("/api/polish", json={"document": full_doc, "paragraph": 5}).json()
        doc = drafter.Document.from_dict(body["document"])
        polished = doc.paragraphs()[4]
        assert polished.polish.status == "accepted" and polished.text != polished.template_text
        assert [p.polish for i, p in enumerate(doc.paragraphs()) if i != 4] == [None] * (len(doc.paragraphs()) - 1)
        assert body["report"]["accepted"] == 1
        reverted = c.post("/api/revert", json={"document": body["document"], "paragraph": 5}).json()
        p = drafter.Document.from_dict(reverted["document"]).paragraphs()[4]
        assert p.text == p.template_text and p.polish.reason == "reverted by editor"


def test_a_rewrite_that_changes_a_figure_is_rejected(llm, full_doc):
    with polishing_client(llm, "figure") as c:
        body = c.post("/api/polish", json={"document": full_doc, "paragraph": 5}).json()
        p = drafter.Document.from_dict(body["document"]).paragraphs()[4]
        assert p.polish.status == "rejected" and p.text == p.template_text
        assert p.polish.candidate and p.polish.reason


@pytest.mark.parametrize(
    ("url", "paragraph", "words"),
    [
        ("/api/polish", 0, "paragraphs 1 to"),
        ("/api/polish", 999, "paragraphs 1 to"),
        ("/api/revert", 1, "not polished"),
    ],
)
def test_bad_polish_requests(llm, full_doc, url, paragraph, words):
    with polishing_client(llm, "faithful") as c:
        assert words in error_of(c.post(url, json={"document": full_doc, "paragraph": paragraph}), 422)["error"]


def test_the_workbench_reads_drafter_toml(isolated_user_state, llm):
    (isolated_user_state / "drafter.toml").write_text(
        f'[llm]\nmodel = "openai:faithful"\nbase_url = "{llm.base_url}"\ncache = false\n', encoding="utf-8"
    )
    assert Workbench.from_config().polish_status()["available"] is True


def test_user_kinds_from_their_folders_are_served(tmp_path):
    import shutil

    folder = tmp_path / "kinds" / "my-summary"
    shutil.copytree(ROOT / "phrasebank" / "eight-point", folder)
    kind_yaml = folder / "kind.yaml"
    kind_yaml.write_text(kind_yaml.read_text(encoding="utf-8").replace("id: eight-point", "id: my-summary", 1), "utf-8")
    with TestClient(create_app(Workbench(kinds_dirs=[tmp_path / "kinds"]))) as c:
        assert "my-summary" in [k["id"] for k in c.get("/api/kinds").json()]
        assert c.get("/api/schema/my-summary").json()["id"] == "my-summary"
        spec = {**spec_json(), "kind": "my-summary"}
        assert c.post("/api/draft", json={"spec": spec}).json()["kind"] == "my-summary"
        assert c.get("/api/variants/study.heading", params={"kind": "my-summary"}).status_code == 200
        assert c.post("/api/check", json={"text": "正文", "kind": "my-summary"}).status_code == 200


# --- safety -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("exc", "status", "words"),
    [
        (RuntimeError("secret detail in /home/someone/file.py"), 500, "internal error"),
        (ImportError("No module named 'secret'"), 500, "internal error"),
        (MissingExtra("drafter check needs pyahocorasick", "check", "ahocorasick"), 501, "[check]"),
    ],
)
def test_an_internal_error_is_a_message_not_a_traceback(monkeypatch, exc, status, words):
    bench = Workbench()

    def boom(*args, **kwargs):
        raise exc

    monkeypatch.setattr(bench, "check", boom)
    with TestClient(create_app(bench), raise_server_exceptions=False) as c:
        error = error_of(c.post("/api/check", json={"text": "正文"}), status)
    assert "secret" not in error["error"] and words in error["error"]


@pytest.mark.parametrize(
    ("host", "status"),
    [
        *[("127.0.0.1:8765", 200), ("localhost:8765", 200), ("[::1]:8765", 200), ("localhost", 200)],
        *[("evil.example", 400), ("evil.example:8765", 400), ("127.0.0.1.evil.example", 400), ("", 400)],
    ],
)
def test_other_hosts_are_refused_when_bound_to_loopback(host, status):
    with TestClient(create_app(Workbench(), allowed_hosts=LOOPBACK_HOSTS)) as c:
        response = c.get("/api/kinds", headers={"host": host})
    assert response.status_code == status
    if status == 400:
        assert "not served here" in error_of(response, 400)["error"]


@pytest.mark.parametrize(
    ("host", "loopback"),
    [
        *[("127.0.0.1", True), ("127.1.2.3", True), ("localhost", True), ("::1", True), ("[::1]", True)],
        *[("0.0.0.0", False), ("192.168.1.5", False), ("::", False), ("example.org", False)],
    ],
)
def test_loopback_addresses(host, loopback):
    assert is_loopback(host) is loopback


# --- the command ------------------------------------------------------------------------------


@pytest.fixture
def fake_uvicorn(monkeypatch):
    """Run `drafter serve` without listening: record the config uvicorn would get."""
    import uvicorn

    seen = {}

    class Server:
        def __init__(self, config):
            seen["config"] = config

        def run(self, sockets=None):
            seen["ran"] = True

    class Socket:
        def close(self):
            pass

    monkeypatch.setattr(uvicorn, "Server", Server)
    monkeypatch.setattr("drafter.web.server._bind", lambda host, port: Socket())
    return seen


def test_serve_binds_loopback_by_default(cli, fake_uvicorn):
    result = cli("serve")
    assert result.code == 0 and fake_uvicorn["ran"]
    assert (fake_uvicorn["config"].host, fake_uvicorn["config"].port) == ("127.0.0.1", 8765)
    assert "http://127.0.0.1:8765/" in result.err and "warning" not in result.err


def test_serve_warns_when_bound_elsewhere(cli, fake_uvicorn):
    result = cli("serve", "--host", "0.0.0.0", "--port", "9000")
    assert result.code == 0
    assert (fake_uvicorn["config"].host, fake_uvicorn["config"].port) == ("0.0.0.0", 9000)
    assert "warning" in result.err and "reachable from other machines" in result.err


def test_serve_without_the_web_extra_says_what_to_install(cli, monkeypatch):
    monkeypatch.setitem(sys.modules, "fastapi", None)  # import fastapi now raises ImportError
    result = cli("serve")
    assert result.code == 2 and install_hint("web") in result.err


def test_importing_drafter_imports_no_web_framework():
    code = "import sys, drafter, drafter.cli; drafter.cli.build_parser(); print(sorted(m for m in ('fastapi', 'uvicorn', 'starlette') if m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


def test_a_gbk_text_upload_is_read_like_a_file(client):  # issue 17: decoded as `drafter check FILE` decodes
    r = client.post("/api/check", files={"file": ("a.txt", "青山县工作总结".encode("gbk"))})
    assert r.status_code == 200 and r.json()["text"] == "青山县工作总结"
