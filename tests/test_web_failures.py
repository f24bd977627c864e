"""The workbench's error codes (the page maps codes, never English words), the year data and the Word copy
with review comments (/api/annotate)."""

from __future__ import annotations

import io
import re
import subprocess
import sys
import zipfile

import pytest
from conftest import FULL, PARTIAL, ROOT, spec_json
from fastapi.testclient import TestClient

import drafter
from drafter.web import Workbench
from drafter.web.app import create_app
from drafter.web.failures import CODES
from drafter.word.annotate import paragraph_texts

ZH = ROOT / "drafter" / "web" / "static" / "zh.js"


@pytest.fixture(scope="module")
def client():
    with TestClient(create_app(Workbench(), max_body=64 * 1024), raise_server_exceptions=False) as c:
        yield c


def coded(response, status: int, code: str) -> dict:
    assert response.status_code == status, response.text
    body = response.json()
    assert body["code"] == code, body
    assert body["error"] and isinstance(body["params"], dict)
    return body


# --- codes ------------------------------------------------------------------------------------


def test_every_code_the_server_sends_has_a_chinese_message_on_the_page():
    block = ZH.read_text(encoding="utf-8").split("export const CODE_MESSAGES = {", 1)[1].split("\n};", 1)[0]
    page = set(re.findall(r"^  (\w+): ", block, flags=re.M))
    assert set(CODES) <= page, set(CODES) - page
    assert page - set(CODES) == {"offline"}  # the one the page makes itself: no answer at all
    assert "zhErrorParts(e.message" not in "".join(p.read_text() for p in ZH.parent.glob("*.js"))


@pytest.mark.parametrize(
    ("url", "files", "status", "code", "params"),
    [
        ("/api/check", {"file": ("坏.docx", b"not a zip")}, 422, "docx_unreadable", {"name": "坏.docx"}),
        ("/api/check", {"file": ("a.pdf", b"%PDF")}, 422, "upload_type", {"name": "a.pdf"}),
        ("/api/check", {"file": ("a.txt", b"\xff\xfe\x00\xd8" * 3)}, 422, "text_encoding", {"name": "a.txt"}),
        ("/api/spec", {"file": ("county.yaml", b"meetings: [unclosed")}, 422, "spec_unreadable", {"format": "YAML"}),
        ("/api/spec", {"file": ("county.json", b"{")}, 422, "spec_unreadable", {"format": "JSON"}),
        ("/api/choices", {"file": ("mine.yaml", b"\xff\xfe")}, 422, "not_utf8", {"name": "mine.yaml"}),
        ("/api/choices", {"file": ("mine.yaml", b"choices: 3\n")}, 422, "choices_invalid", {"name": "mine.yaml"}),
        ("/api/spec", {"other": (None, "1")}, 422, "no_file", {}),
        ("/api/check", {"file": ("big.txt", "字".encode() * 30000)}, 413, "too_large", {"limit": 64 * 1024}),
    ],
)
def test_upload_refusals_carry_a_code_and_the_values_for_the_message(client, url, files, status, code, params):
    body = coded(client.post(url, files=files), status, code)
    assert params.items() <= body["params"].items()


def test_other_refusals_are_coded_by_their_class(client):
    coded(client.get("/api/schema/no-such-kind"), 404, "unknown_kind")
    coded(client.get("/api/variants/no.such.slot"), 404, "unknown_slot")
    body = coded(client.post("/api/draft", json={"spec": {"kind": "eight-point", "year": -1}}), 422, "spec_invalid")
    assert body["problems"]
    coded(client.post("/api/draft", json={"spec": spec_json(), "bogus": 1}), 422, "bad_request")
    coded(client.post("/api/download/exe", json={"document": drafter.draft(FULL).to_dict()}), 404, "unknown_format")
    coded(client.post("/api/draft", content=b"x", headers={"content-type": "text/plain"}), 415, "content_type")
    coded(client.get("/api/nothing-here"), 404, "not_found")
    s = next(s for s in drafter.draft(FULL).sentences() if s.slot == "tasks.meetings.figures")
    stale = client.post("/api/draft", json={"spec": spec_json(), "choices": {s.slot: "各项会议精简高效。"}})
    coded(stale, 422, "own_wording_stale")
    coded(
        client.post("/api/polish", json={"document": drafter.draft(FULL).to_dict(), "paragraph": 1}),
        503,
        "polish_unavailable",
    )


# --- the year data ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("year", "study", "campaign"),
    [
        (2025, "二十届三中、四中全会", "深入贯彻中央八项规定精神学习教育"),
        (2021, "十九届五中、六中全会", "党史学习教育"),
        (2026, "二十届四中全会", None),
    ],
)
def test_the_year_says_what_its_report_studies_and_its_campaign(client, year, study, campaign):
    body = client.get(f"/api/year/{year}").json()
    assert body["known"] is True and study in body["study"]
    assert body["campaign"] == campaign


def test_a_year_outside_the_data_says_so(client):
    body = client.get("/api/year/2090").json()
    assert body["known"] is False and body["study"] == "" and body["covered"][0] < body["covered"][1] < 2090
    coded(client.get("/api/year/abc"), 422, "bad_request")


# --- the Word copy with comments --------------------------------------------------------------

MESSY = "青山县2025年党风廉政建设工作总结\n\n今年,我们召开会议3次,开展专项检查。\n"


def comments_of(data: bytes) -> list[str]:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        xml = z.read("word/comments.xml").decode("utf-8")
    return re.findall(r"<w:t[^>]*>([^<]*)</w:t>", xml)


def test_annotate_pasted_text_gives_word_with_comments_and_tracked_fixes(client):
    response = client.post("/api/annotate", json={"text": MESSY, "kind": "discipline-summary", "name": "青山县总结"})
    assert response.status_code == 200, response.text
    assert "attachment" in response.headers["content-disposition"]
    assert "%E5%AE%A1%E6%A0%B8%E6%84%8F%E8%A7%81" in response.headers["content-disposition"]  # 审核意见
    assert any("标点" in c for c in comments_of(response.content))
    with zipfile.ZipFile(io.BytesIO(response.content)) as z:
        assert "<w:ins " in z.read("word/document.xml").decode("utf-8")  # the , → ， fix as a tracked change
    assert paragraph_texts(response.content)[0] == "青山县2025年党风廉政建设工作总结"


def test_annotate_an_uploaded_docx_keeps_its_paragraphs_as_the_cli_does(client, tmp_path):
    doc = drafter.draft(PARTIAL)  # open placeholders: findings to comment on
    source = tmp_path / "县总结.docx"
    source.write_bytes(drafter.docx_bytes(doc))
    response = client.post(
        "/api/annotate", files={"file": ("县总结.docx", source.read_bytes())}, data={"kind": "eight-point"}
    )
    assert response.status_code == 200, response.text
    out = tmp_path / "cli.docx"
    subprocess.run(
        [sys.executable, "-m", "drafter", "check", str(source), "--kind", "eight-point", "--annotate", str(out)],
        check=False,
        capture_output=True,
        cwd=ROOT,
    )
    assert paragraph_texts(response.content) == paragraph_texts(out.read_bytes())
    comments = comments_of(response.content)
    assert comments and comments == comments_of(out.read_bytes())


def test_annotate_refuses_what_check_refuses(client):
    coded(client.post("/api/annotate", files={"file": ("坏.docx", b"not a zip")}), 422, "docx_unreadable")
    coded(client.post("/api/annotate", json={"text": 3}), 422, "bad_request")
    coded(client.post("/api/annotate", files={"file": ("big.md", b"a" * 70000)}), 413, "too_large")


# --- no template syntax on the page -----------------------------------------------------------


@pytest.mark.parametrize("kind", ["eight-point", "discipline-summary", "self-inspection"])
def test_slot_notes_reach_the_page_without_template_syntax(kind):
    bench = Workbench()
    tops = sorted({s.id.split(".")[0] for s in bench.workspace.drafter(kind).bank})
    notes = [v["note"] for top in tops for v in bench.variants(top, kind) if v["note"]]
    assert notes and not [n for n in notes if "{" in n or "}" in n]
