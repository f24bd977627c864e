"""Issue 17, bounded parsing: the one YAML/JSON reader refuses aliases, deep nesting and duplicate keys; values in
messages are short; a .docx is checked before it is unpacked."""

from __future__ import annotations

import io
import json
import time
import zipfile

import pytest
import yaml
from conftest import FULL

from drafter.errors import DocxReadError
from drafter.yamlio import MAX_DEPTH, json_loads, safe_load, short_repr

LAUGHS = 'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n' + "".join(
    f"{n}: &{n} [{', '.join([f'*{p}'] * 9)}]\n" for p, n in zip("abcdefgh", "bcdefghi", strict=True)
)


def test_alias_bomb_is_refused_at_once():
    start = time.monotonic()
    with pytest.raises(yaml.YAMLError, match="aliases"):
        safe_load(LAUGHS + "year: [*i, *i, *i, *i, *i, *i, *i, *i, *i]\n")
    assert time.monotonic() - start < 1


def test_plain_yaml_still_reads():
    assert safe_load("a: 1\nb: [x, {c: 2026-01-02}]\n") == {
        "a": 1,
        "b": ["x", {"c": __import__("datetime").date(2026, 1, 2)}],
    }


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("a: 1\nb: 2\na: 3\n", "key 'a' is given twice"),
        ("x:\n  y: 1\n  y: 2\n", "key 'y' is given twice"),
        ("date: 2026-13-45\n", "month must be in 1..12"),
        ("n: " + "9" * 5000 + "\n", "Exceeds the limit"),
        ("a: " + "[" * 200 + "]" * 200 + "\n", "nested more than"),
        ("a: &x 1\nb: *x\n", "aliases"),
    ],
)
def test_strict_yaml_refusals(text, words):
    with pytest.raises(yaml.YAMLError, match=words) as info:
        safe_load(text)
    assert len(str(info.value)) < 600


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ('{"a": 1, "a": 2}', "given twice"),
        ("[" * 100_000 + "]" * 100_000, "nested more than"),
        ("[" * (MAX_DEPTH + 1) + "]" * (MAX_DEPTH + 1), "nested more than"),
        ('{"n": ' + "9" * 5000 + "}", "Exceeds the limit"),
    ],
)
def test_strict_json_refusals(text, words):
    with pytest.raises(json.JSONDecodeError, match=words):
        json_loads(text)


def test_short_repr_is_short():
    assert len(short_repr("x" * 10**6)) < 80
    assert len(short_repr(list(range(10**5)))) < 80
    assert len(short_repr(10**5000)) < 80


def _spec_with(tmp_path, name: str, text: str):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("name", "text", "words"),
    [
        ("bomb.yaml", LAUGHS + "kind: [*i, *i, *i]\n", "aliases"),
        ("dup.yaml", FULL.read_text(encoding="utf-8") + "\nyear: 2024\n", "key 'year' is given twice"),
        ("date.yaml", FULL.read_text(encoding="utf-8").replace("date: 2026-01-16", "date: 2026-13-45"), "line 8"),
        ("deep.json", '{"organisation": ' + "[" * 5000 + "]" * 5000 + "}", "nested more than"),
        ("deep.toml", "a = " + "[" * 5000 + "]" * 5000 + "\n", "nested too deeply"),
        ("dup.json", '{"year": 2025, "year": 2024}', "given twice"),
        ("kind.yaml", "kind: " + "x" * 100_000 + "\n", "unknown kind"),
    ],
)
def test_bad_specs_are_one_short_line(cli, tmp_path, name, text, words):
    r = cli("draft", _spec_with(tmp_path, name, text))
    assert r.code == 2 and words in r.err and "Traceback" not in r.err
    assert r.err.count("\n") == 1 and len(r.err) < 400, r.err[:500]


def test_duplicate_keys_refused_in_choices_overlays_and_kinds(cli, tmp_path):
    choices = _spec_with(tmp_path, "c.yaml", "kind: eight-point\nchoices:\n  study.heading: 1\n  study.heading: 2\n")
    r = cli("draft", FULL, "--choices", choices)
    assert r.code == 2 and "given twice" in r.err
    overlay = tmp_path / "bank"
    overlay.mkdir()
    (overlay / "x.yaml").write_text("slots:\n  - id: study.heading\n    id: study.heading\n    variants: [a]\n")
    r = cli("draft", FULL, "--bank", overlay)
    assert r.code == 2 and "given twice" in r.err and str(overlay / "x.yaml") in r.err


def test_binary_choices_file_is_one_line(cli, tmp_path):
    path = tmp_path / "c.yaml"
    path.write_bytes(b"\x00\xff\xfe\x89PNG" * 100)
    r = cli("draft", FULL, "--choices", path)
    assert r.code == 2 and "not UTF-8" in r.err and r.err.count("\n") == 1


def _zip(members: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    return buf.getvalue()


def test_zip_bomb_docx_is_refused_before_unpacking(tmp_path, cli):
    from drafter.word.reader import read_docx

    bomb = _zip({"[Content_Types].xml": b"<x/>", "word/document.xml": b"\0" * (64 * 2**20)})
    assert len(bomb) < 200_000
    start = time.monotonic()
    with pytest.raises(DocxReadError, match="zip bomb"):
        read_docx(bomb)
    path = tmp_path / "bomb.docx"
    path.write_bytes(bomb)
    for args in (("check", path), ("learn", path, "-o", tmp_path / "k"), ("explain", path)):
        r = cli(*args)
        assert r.code == 2 and "bomb.docx" in r.err and "zip bomb" in r.err, (args, r.err)
    assert time.monotonic() - start < 10


def test_too_many_members_is_refused():
    from drafter.word.zipguard import MAX_MEMBERS, check_docx_zip

    many = _zip({f"m{i}": b"" for i in range(MAX_MEMBERS + 1)})
    with pytest.raises(DocxReadError, match="parts in the zip"):
        check_docx_zip(many, "many.docx")


def test_zip_bomb_upload_is_a_4xx():
    from fastapi.testclient import TestClient

    from drafter.web import Workbench
    from drafter.web.app import create_app

    bomb = _zip({"word/document.xml": b"\0" * (64 * 2**20)})
    with TestClient(create_app(Workbench()), raise_server_exceptions=False) as client:
        r = client.post("/api/check", files={"file": ("x.docx", bomb)})
        assert r.status_code == 422 and "zip bomb" in r.json()["error"]
        deep = '{"text": ' + "[" * 5000 + "]" * 5000 + "}"
        r = client.post("/api/check", content=deep, headers={"content-type": "application/json"})
        assert r.status_code == 422 and "nested" in r.json()["error"]
        r = client.post(
            "/api/draft", content=deep.replace("text", "spec"), headers={"content-type": "application/json"}
        )
        assert 400 <= r.status_code < 500 and r.json()["error"], r.text
        r = client.post("/api/check", content="text=x", headers={"content-type": "text/plain"})
        assert r.status_code == 415
