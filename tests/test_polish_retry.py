"""The reply cache knows a model by its name and its server; --retry-rejected re-asks what the cache would replay."""

from __future__ import annotations

import json

import pytest
from conftest import FULL
from llm_server import FakeOpenAI, expanded

import drafter
from drafter.polish import PolishSettings


@pytest.fixture(autouse=True)
def quick_backoff(isolated_user_state):
    (isolated_user_state / "drafter.toml").write_text("[llm]\nbackoff = 0.01\nbreaker = 50\n", encoding="utf-8")


@pytest.fixture
def servers():
    """Two local servers, both serving a model called qwen2.5: on A it breaks figures, on B it is faithful."""
    with FakeOpenAI(aliases={"qwen2.5": "figure"}) as a, FakeOpenAI(aliases={"qwen2.5": "faithful"}) as b:
        yield a, b


def _notes() -> int:
    """The example's practices notes: each one is a note-prompt call (A adds a figure, so rejected; B expands)."""
    return sum(1 for s in drafter.draft(FULL).sentences() if s.note)


def _doc(tmp_path, name: str) -> drafter.Document:
    return drafter.Document.from_dict(json.loads((tmp_path / f"{name}.json").read_text(encoding="utf-8")))


def _run(cli, tmp_path, server, *extra, name="out"):
    out = tmp_path / f"{name}.json"
    before = server.calls["qwen2.5"]
    r = cli(
        "draft", FULL, "--polish", "--llm", "openai:qwen2.5", "--base-url", server.base_url,
        "--cache", tmp_path / "shared.sqlite", "--timeout", "2", "--format", "json", "-o", out, *extra,
    )  # fmt: skip
    assert r.code == 0, r.err
    doc = drafter.Document.from_dict(json.loads(out.read_text(encoding="utf-8")))
    return [p.polish.status for p in doc.paragraphs()], server.calls["qwen2.5"] - before


def test_the_same_model_name_on_two_servers_is_two_models(cli, tmp_path, servers):
    a, b = servers
    on_a, calls_a = _run(cli, tmp_path, a, name="a")
    rejected = on_a.count("rejected")
    k = _notes()
    # paragraphs with figures: asked, retried, rejected; the note asked once
    assert rejected >= 10 and k == 1 and calls_a == len(on_a) + rejected + k
    on_b, calls_b = _run(cli, tmp_path, b, name="b")  # same cache file, same model name, other server
    assert calls_b == len(on_b) + k and set(on_b) == {"accepted"}  # A's rejected replies are not replayed for B
    again_a, calls = _run(cli, tmp_path, a, name="a2")
    assert calls == 0 and again_a.count("rejected") == rejected  # each server's replies stay its own
    again_b, calls = _run(cli, tmp_path, b, name="b2")
    assert calls == 0 and set(again_b) == {"cached"}


def test_a_trailing_slash_is_the_same_endpoint():
    one = PolishSettings(model="openai:m", base_url="http://h/v1")
    assert one.endpoint == PolishSettings(model="openai:m", base_url="http://h/v1/").endpoint
    assert PolishSettings(model="openai:m").endpoint != one.endpoint
    assert PolishSettings(model="ollama:m").endpoint != PolishSettings(model="openai:m").endpoint


def test_retry_rejected_asks_again_instead_of_replaying_the_rejection(cli, tmp_path, servers):
    a, _b = servers
    first, calls = _run(cli, tmp_path, a, name="1")
    rejected = first.count("rejected")
    k = _notes()
    assert rejected >= 10 and calls == len(first) + rejected + k
    a.aliases["qwen2.5"] = "faithful"  # the server now answers well (a fixed model, a new prompt on its side)
    replayed, calls = _run(cli, tmp_path, a, name="2")
    assert calls == 0 and replayed.count("rejected") == rejected  # by default the cache replays the rejection
    retried, calls = _run(cli, tmp_path, a, "--retry-rejected", name="3")
    assert calls == rejected + k  # one fresh call per rejected paragraph and rejected note, now accepted
    assert [s for s, f in zip(retried, first, strict=True) if f == "rejected"] == ["accepted"] * rejected
    assert [s for s, f in zip(retried, first, strict=True) if f != "rejected"] == ["cached"] * (len(first) - rejected)
    drafted = {s.note: s.text for s in drafter.draft(FULL).sentences() if s.note}
    assert {s.note: s.text for s in _doc(tmp_path, "2").sentences() if s.note} == drafted  # rejection replayed
    assert {s.note: s.text for s in _doc(tmp_path, "3").sentences() if s.note} == {n: expanded(n) for n in drafted}
    cached, calls = _run(cli, tmp_path, a, name="4")
    assert calls == 0 and set(cached) == {"cached"}  # the accepted replies replaced the rejected ones


def test_retry_rejected_from_drafter_toml_and_a_fresh_reply_still_guarded(cli, tmp_path, servers, isolated_user_state):
    a, _b = servers
    first, _calls = _run(cli, tmp_path, a, name="1")
    rejected = first.count("rejected")
    (isolated_user_state / "drafter.toml").write_text(
        "[llm]\nbackoff = 0.01\nbreaker = 50\nretry_rejected = true\n", encoding="utf-8"
    )
    still_bad, calls = _run(cli, tmp_path, a, name="2")  # asked afresh (first turn and retry turn), still wrong
    same = [s == "rejected" for s in still_bad] == [f == "rejected" for f in first]
    assert same and calls == 2 * rejected + _notes()  # the note's rejected reply is asked afresh too
    assert PolishSettings.from_sources({"retry_rejected": True}).retry_rejected
    assert PolishSettings.from_sources({"retry_rejected": True}, retry_rejected=None).retry_rejected
