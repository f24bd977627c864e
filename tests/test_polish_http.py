"""Polishing over HTTP: the real ChatOpenAI client against a local OpenAI-compatible test server."""

from __future__ import annotations

import json
import urllib.request

import pytest
from conftest import FULL
from llm_server import BEHAVIOURS, FakeOpenAI, expanded

import drafter


@pytest.fixture(scope="module")
def server():
    with FakeOpenAI() as s:
        yield s


@pytest.fixture(autouse=True)
def quick_backoff(isolated_user_state):
    """drafter.toml in the working folder: short backoff so retry tests stay fast."""
    (isolated_user_state / "drafter.toml").write_text("[llm]\nbackoff = 0.01\nbreaker = 5\n", encoding="utf-8")


@pytest.fixture
def polish(cli, server, tmp_path):
    """Run `drafter draft FULL --polish --llm openai:MODEL` against the test server; returns (result, doc, calls)."""

    def go(model: str, *extra: str, cache: str | None = None):
        out = tmp_path / f"{model}.json"
        before = server.calls[model]
        r = cli(
            "draft", FULL, "--polish", "--llm", f"openai:{model}", "--base-url", server.base_url,
            "--cache", cache or tmp_path / f"{model}.sqlite", "--timeout", "3", "--format", "json", "-o", out, *extra,
        )  # fmt: skip
        doc = drafter.Document.from_dict(json.loads(out.read_text(encoding="utf-8"))) if out.exists() else None
        return r, doc, server.calls[model] - before

    return go


def statuses(doc: drafter.Document) -> list[str]:
    return [p.polish.status for p in doc.paragraphs()]


def notes(doc: drafter.Document) -> int:
    """How many practices notes the draft carries (each is one note-prompt call before the paragraphs)."""
    return sum(1 for s in doc.sentences() if s.note)


def test_models_endpoint(server):
    with urllib.request.urlopen(f"{server.base_url}/models", timeout=5) as resp:
        assert {m["id"] for m in json.load(resp)["data"]} == set(BEHAVIOURS)


def test_faithful_rewrites_are_accepted_and_the_second_run_makes_no_calls(polish, cli, server, tmp_path):
    r, doc, calls = polish("faithful")
    n, k = len(doc.paragraphs()), notes(doc)
    assert r.code == 0 and statuses(doc) == ["accepted"] * n and calls == n + k and k == 1
    summary = (
        f"polish openai:faithful: {n} polished (0 cached), 0 kept as template, 1 of 1 notes expanded; {n + k} calls"
    )
    assert summary in r.err
    assert all(expanded(s.note) == s.text for s in doc.sentences() if s.note)
    again, doc2, calls2 = polish("faithful", cache=tmp_path / "faithful.sqlite")
    assert calls2 == 0 and statuses(doc2) == ["cached"] * n and f"{n + k} cache hits" in again.err
    # `drafter polish` on the polished JSON: the same paragraphs, so again no calls.
    before = server.calls["faithful"]
    p = cli("polish", tmp_path / "faithful.json", "--llm", "openai:faithful", "--base-url", server.base_url,
            "--cache", tmp_path / "faithful.sqlite", "--format", "md")  # fmt: skip
    assert p.code == 0 and server.calls["faithful"] == before and doc2.paragraphs()[3].text in p.out


@pytest.mark.parametrize(
    "model, reasons, calls_per_paragraph",
    [
        ("figure", {"figure_missing", "figure_new"}, 2),  # rejected, retried once, rejected again
        ("drop", {"term_missing"}, 2),
        ("babble", {"markdown", "english", "preamble", "length"}, 2),
        ("garbage", {"bad reply (JSONDecodeError)", "circuit open"}, 1),
    ],
)
def test_bad_rewrites_keep_the_template(polish, model, reasons, calls_per_paragraph):
    r, doc, calls = polish(model)
    template = drafter.draft(FULL)
    rejected = [p for p in doc.paragraphs() if p.polish.status == "rejected"]
    assert r.code == 0 and rejected and "kept as template" in r.err
    for p in rejected:
        assert p.text == p.template_text == p.polish.original
        assert reasons & {part.split(":")[0] for part in p.polish.reason.split("; ")} or p.polish.reason in reasons
    if model != "garbage":  # garbage trips the breaker after 5 failures; the rest are never sent
        # one call per note (no retry turn for a note), then the paragraphs
        assert calls == calls_per_paragraph * len(rejected) + (len(doc.paragraphs()) - len(rejected)) + notes(doc)
    kept = [i for i, p in enumerate(doc.paragraphs()) if p.polish.status == "rejected"]

    def drafted(p):  # a note's sentence may have been expanded; every other sentence is the template's
        return [s.text for s in p.sentences if not s.note]

    assert [drafted(doc.paragraphs()[i]) for i in kept] == [drafted(template.paragraphs()[i]) for i in kept]


@pytest.mark.parametrize(("model", "status"), [("figure", "rejected"), ("babble", "rejected"), ("down", "failed")])
def test_a_bad_note_expansion_keeps_the_drafted_sentence(polish, model, status):
    _r, doc, _calls = polish(model)
    template = {s.note: s.text for s in drafter.draft(FULL).sentences() if s.note}
    assert template and {s.note: s.text for s in doc.sentences() if s.note} == template


def test_a_retry_that_fixes_the_figure_is_accepted(polish, server):
    _r, doc, calls = polish("fixable")
    n = len(doc.paragraphs())
    assert statuses(doc).count("accepted") == n and calls > n
    retry = [body for body in server.requests if body["model"] == "fixable" and len(body["messages"]) == 4]
    # Plain max_tokens: compatible servers (llama.cpp) ignore OpenAI's newer max_completion_tokens.
    assert retry[0]["max_tokens"] == 1024 and "max_completion_tokens" not in retry[0]
    assert retry and "你的改写不符合要求" in retry[0]["messages"][3]["content"]
    assert retry[0]["messages"][0]["content"] == retry[-1]["messages"][0]["content"]


def test_429_then_success(polish):
    _r, doc, calls = polish("flaky429")
    n = len(doc.paragraphs())
    assert statuses(doc) == ["accepted"] * n and calls == 2 * (n + notes(doc))  # a note's 429 is retried too
    assert all(expanded(s.note) == s.text for s in doc.sentences() if s.note)


def test_slow_server_times_out_and_the_breaker_opens(polish):
    r, doc, calls = polish("slow", "--max-concurrency", "4", "--timeout", "0.15")
    reasons = {p.polish.reason for p in doc.paragraphs()}
    assert r.code == 0 and reasons == {"timeout", "circuit open"}
    assert calls <= 5 + 4  # breaker (5) plus what was in flight; timeouts are not retried
    assert doc.to_markdown() == drafter.draft(FULL).to_markdown()


def test_server_down_never_loses_the_draft(polish, cli, server):
    r, doc, calls = polish("down")
    assert r.code == 0 and {p.polish.reason for p in doc.paragraphs()} == {"HTTP 503", "circuit open"}
    assert calls <= (5 + 4) * 3  # breaker plus in-flight, each tried 3 times
    md = cli("draft", FULL, "--polish", "--llm", "openai:down", "--base-url", server.base_url, "--no-cache")
    assert md.code == 0 and md.out == cli("draft", FULL).out


def test_revert_on_the_command_line(polish, cli, tmp_path):
    polish("faithful")
    src = tmp_path / "faithful.json"
    r = cli("polish", src, "--revert", "2", "-o", tmp_path / "reverted.json")
    doc = drafter.Document.from_dict(json.loads((tmp_path / "reverted.json").read_text(encoding="utf-8")))
    p = doc.paragraphs()[1]
    assert r.code == 0 and p.text == p.template_text and p.polish.reason == "reverted by editor"
    bad = cli("polish", src, "--revert", "99")
    assert bad.code == 2 and "paragraphs 1 to" in bad.err


@pytest.mark.parametrize(
    "args, message",
    [
        (["--polish"], "polishing needs a model"),
        (["--polish", "--llm", "bard:x"], "expected PROVIDER:MODEL"),
        (["--polish", "--llm", "openai:x", "--api-key-env", "NO_SUCH_KEY_VAR"], "NO_SUCH_KEY_VAR"),
    ],
)
def test_polish_errors_are_one_line(cli, tmp_path, args, message):
    out = tmp_path / "x.md"
    r = cli("draft", FULL, *args, "-o", out)
    assert r.code == 2 and message in r.err and "Traceback" not in r.err and not out.exists()
