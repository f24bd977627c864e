"""The workbench endpoints behind the page's actions: own wording, choices files read back, safe fixes, PDF export."""

from __future__ import annotations

import shutil

import pytest
from conftest import FULL, spec_json
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import drafter
from drafter.drafting.choices import choices_yaml
from drafter.web import Workbench
from drafter.web.app import create_app


@pytest.fixture(scope="module")
def client():
    with TestClient(create_app(Workbench()), raise_server_exceptions=False) as c:
        yield c


def figure_sentence(doc: drafter.Document):
    """The first sentence that states one of the kind's figures (a count, not just the year or the year data)."""
    for s in doc.sentences():
        if s.slot and any(f["name"].split(".")[0] not in ("org", "year", "era") for f in s.figures):
            return s
    raise AssertionError("no sentence with figures")


# --- own wording ------------------------------------------------------------------------------


def test_own_wording_that_keeps_the_figures_is_accepted_and_drafts(client):
    doc = drafter.draft(FULL)
    s = figure_sentence(doc)
    own = "本人改写：" + s.text
    body = client.post("/api/wording", json={"spec": spec_json(), "slot": s.slot, "text": own}).json()
    assert body == {"ok": True, "text": own, "dropped": []}
    drafted = client.post("/api/draft", json={"spec": spec_json(), "choices": {s.slot: own}}).json()
    texts = [x["text"] for sec in drafted["sections"] for p in sec["paragraphs"] for x in p["sentences"]]
    assert own in texts


def test_own_wording_that_drops_a_figure_names_it_in_chinese(client):
    s = figure_sentence(drafter.draft(FULL))
    body = client.post("/api/wording", json={"spec": spec_json(), "slot": s.slot, "text": "各项工作稳步推进。"}).json()
    assert body["ok"] is False and body["dropped"]
    for d in body["dropped"]:
        assert d["text"] and not d["label"].isascii()  # 会议次数, not meetings.count
    # The same text through the draft is refused by the same rule.
    response = client.post("/api/draft", json={"spec": spec_json(), "choices": {s.slot: "各项工作稳步推进。"}})
    assert response.status_code == 422 and "drops" in response.json()["error"]


@pytest.mark.parametrize(("slot", "text", "status"), [("no.such.slot", "x", 422), ("preamble.stance", "   ", 200)])
def test_own_wording_bad_requests(client, slot, text, status):
    response = client.post("/api/wording", json={"spec": spec_json(), "slot": slot, "text": text})
    assert response.status_code == status
    if status == 200:
        assert response.json()["ok"] is False


# --- choices files ----------------------------------------------------------------------------


def test_a_downloaded_choices_file_reads_back(client):
    doc = drafter.draft(FULL, seed=3)
    data = choices_yaml(doc).encode("utf-8")
    body = client.post("/api/choices", files={"file": ("草稿.choices.yaml", data)}).json()
    assert body["kind"] == "eight-point"
    again = drafter.draft(FULL, choices=body["choices"])
    assert again.to_text() == doc.to_text()


@pytest.mark.parametrize(
    ("name", "content", "words"),
    [
        ("a.yaml", b"colour: red\n", "expected a mapping with 'choices"),
        ("a.yaml", b"choices: {x: [1]}\n", "choices.x: must be a variant number"),
        ("a.txt", b"choices: {}\n", "can't read .txt"),
        ("a.yaml", b"\xff\xfe", "not UTF-8"),
    ],
)
def test_bad_choices_uploads_are_422_naming_the_upload(client, name, content, words):
    response = client.post("/api/choices", files={"file": (name, content)})
    assert response.status_code == 422
    assert words in response.json()["error"] and "/tmp" not in response.json()["error"]


# --- safe fixes -------------------------------------------------------------------------------

TEXT = "青山县2025年党风廉政建设工作总结\n\n今年,我们召开会议3次,开展专项检查.\n"


def fixable(check: dict) -> list[dict]:
    return [
        {"rule_id": f["rule_id"], "start": f["location"]["start"], "end": f["location"]["end"]}
        for f in check["findings"]
        if f["fixable"]
    ]


def test_check_carries_the_kind_fit_and_auto_picks_the_best(client):
    body = client.post("/api/check", json={"text": TEXT, "kind": "auto"}).json()
    fits = body["kind_fit"]
    assert body["kind"] == fits[0]["kind"] and {f["kind"] for f in fits} >= {"eight-point", "discipline-summary"}


def test_apply_chosen_fixes_and_get_the_new_check(client):
    check = client.post("/api/check", json={"text": TEXT}).json()
    fixes = fixable(check)
    assert len(fixes) == 3
    one = client.post("/api/fix", json={"text": TEXT, "fixes": fixes[:1]}).json()
    assert one["applied"] == 1 and one["text"].count("，") == 1
    assert len(fixable(one)) == 2  # the new text's own check
    every = client.post("/api/fix", json={"text": TEXT, "fixes": fixes}).json()
    assert every["applied"] == 3 and "今年，我们召开会议3次，开展专项检查。" in every["text"]
    assert fixable(every) == []


def test_a_stale_fix_is_not_applied(client):
    check = client.post("/api/check", json={"text": TEXT}).json()
    moved = [{**f, "start": f["start"] + 1, "end": f["end"] + 1} for f in fixable(check)]
    body = client.post("/api/fix", json={"text": TEXT, "fixes": moved}).json()
    assert body["applied"] == 0 and body["text"] == TEXT


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(alphabet="今年我们召开会议3次,.;:!?，。（）()开展工作\n", max_size=60), st.data())
def test_fixes_never_change_a_figure(client, text, data):
    check = client.post("/api/check", json={"text": text}).json()
    fixes = fixable(check)
    chosen = data.draw(st.lists(st.sampled_from(fixes), unique_by=lambda f: f["start"])) if fixes else []
    body = client.post("/api/fix", json={"text": text, "fixes": chosen}).json()
    assert body["applied"] <= len(chosen)
    digits = lambda t: [c for c in t if c.isdigit()]  # noqa: E731
    assert digits(body["text"]) == digits(text.replace("\r\n", "\n"))


# --- PDF --------------------------------------------------------------------------------------


def test_pdf_without_libreoffice_is_501_in_chinese(client, monkeypatch):
    monkeypatch.setattr(shutil, "which", lambda name, *a, **k: None)
    response = client.post("/api/download/pdf", json={"document": drafter.draft(FULL).to_dict()})
    assert response.status_code == 501 and "LibreOffice" in response.json()["error"]
    assert "无法导出 PDF" in response.json()["error"]


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_pdf_export_through_libreoffice(client):
    response = client.post("/api/download/pdf", json={"document": drafter.draft(FULL).to_dict()})
    assert response.status_code == 200, response.text
    assert response.headers["content-type"] == "application/pdf" and response.content.startswith(b"%PDF")
