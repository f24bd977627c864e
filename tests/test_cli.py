"""The command line, run in-process (and once as a real process)."""

from __future__ import annotations

import json
import subprocess
import sys

import yaml
from conftest import FULL, PARTIAL, ROOT

from drafter import Document, validate_spec
from drafter.errors import install_hint

HEAVY = ("jieba", "spacy", "langchain", "langchain_core", "docx", "fastapi", "torch")


def test_kinds(cli):
    r = cli("kinds")
    assert r.code == 0 and "eight-point\t贯彻落实中央八项规定精神情况工作总结\n" in r.out


def test_spec_template_round_trip(cli, tmp_path):
    r = cli("spec-template", "eight-point")
    assert r.code == 0 and "#" in r.out
    data = yaml.safe_load(r.out)
    spec = validate_spec(data)  # the blank template is itself a valid spec
    assert spec.meetings.count.current is None
    blank = tmp_path / "my.yaml"
    blank.write_text(r.out, encoding="utf-8")
    d = cli("draft", blank)
    assert d.code == 0 and d.out.count("【待补充：") >= 30


def test_spec_template_unknown_kind(cli):
    r = cli("spec-template", "weekly")
    assert r.code == 2 and "unknown kind 'weekly'; known kinds: " in r.err and "eight-point" in r.err


def test_draft_formats(cli, tmp_path):
    md = cli("draft", FULL).out
    txt = cli("draft", FULL, "--format", "txt").out
    out = tmp_path / "draft.json"
    r = cli("draft", FULL, "--seed", "7", "--format", "json", "-o", out)
    assert r.code == 0 and r.out == ""
    assert md.startswith("# 青山县2025年") and "\n## 一、" in md
    assert txt.startswith("青山县2025年") and "\n一、" in txt and "\n\u3000\u3000" in txt
    doc = Document.from_dict(json.loads(out.read_text(encoding="utf-8")))
    assert doc.seed == 7 and doc.to_json() == out.read_text(encoding="utf-8")
    assert list(tmp_path.iterdir()) == [out]


def test_output_into_missing_folder_is_an_error(cli, tmp_path):
    r = cli("draft", FULL, "-o", tmp_path / "no" / "draft.md")
    assert r.code == 2 and "does not exist" in r.err


def test_pick_on_the_command_line(cli):
    a = cli("draft", FULL, "--format", "json", "--pick", "study.effect=1").out
    sentences = [s for sec in json.loads(a)["sections"] for p in sec["paragraphs"] for s in p["sentences"]]
    assert [s["variant"] for s in sentences if s.get("slot") == "study.effect"] == [1]
    bad = cli("draft", FULL, "--pick", "study.effect")
    assert bad.code == 2 and "expected SLOT=N" in bad.err


def test_partial_example_drafts(cli):
    r = cli("draft", PARTIAL)
    assert r.code == 0 and "【待补充：上年会议次数】" in r.out


def test_python_dash_m_and_no_heavy_imports(tmp_path):
    code = (
        "import sys, drafter.cli as c; rc = c.main(['draft', sys.argv[1], '-o', sys.argv[2]]); "
        f"heavy = [m for m in {HEAVY!r} if m in sys.modules]; print(rc, heavy)"
    )
    out = tmp_path / "d.md"
    r = subprocess.run([sys.executable, "-c", code, str(FULL), str(out)], capture_output=True, text=True, cwd=ROOT)
    assert r.stdout.strip() == "0 []", r.stderr
    m = subprocess.run([sys.executable, "-m", "drafter", "draft", str(FULL)], capture_output=True, text=True, cwd=ROOT)
    assert m.returncode == 0 and m.stdout == out.read_text(encoding="utf-8")
    bad = subprocess.run([sys.executable, "-m", "drafter", "draft", "nope.yaml"], capture_output=True, text=True)
    assert bad.returncode == 2 and "Traceback" not in bad.stderr


def test_a_missing_extra_is_a_clear_error(cli, tmp_path, monkeypatch):
    report = tmp_path / "r.txt"
    report.write_text("某县2025年工作总结\n全年召开会议12次。\n", encoding="utf-8")
    monkeypatch.setitem(sys.modules, "ahocorasick", None)  # as if drafter[check] weren't installed
    r = cli("check", report)
    assert r.code == 2 and install_hint("check") in r.err and "Traceback" not in r.err
    monkeypatch.setitem(sys.modules, "docx", None)
    r = cli("draft", FULL, "--format", "docx", "-o", tmp_path / "r.docx")
    assert r.code == 2 and install_hint("docx") in r.err and not (tmp_path / "r.docx").exists()


def test_install_hints_name_our_distribution(monkeypatch):  # issue 17: PyPI's "drafter" is someone else's
    import drafter.errors as errors

    assert errors.DIST == "gongwen-drafter"
    assert 'name = "gongwen-drafter"' in (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    assert errors.install_hint("docx") == f"pip install -e '.[docx]' (in {ROOT})"  # tests run from the checkout
    monkeypatch.setattr(errors, "_checkout", lambda: None)
    assert errors.install_hint("docx") == "pip install 'gongwen-drafter[docx]'"
