"""Kinds of your own: `kind new`, `kind lint`, `kinds`, --kinds-dir and [kinds] dirs, broken kind folders."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
import yaml

from drafter import KindError, draft, get_kind
from drafter.authoring.kind_lint import lint_kind
from drafter.authoring.scaffold import new_kind
from drafter.bank.kinds import data_root, find_kinds
from drafter.config import ConfigError, load_config

BUILTIN = ["discipline-summary", "eight-point", "self-inspection"]
FILLED = {"organisation": {"name": "白河镇", "level": "township"}, "year": 2025}
FIGURES = {"work": {"meetings": {"current": 21, "previous": 28}, "trainings": 4}}


@pytest.fixture
def kinds(tmp_path) -> Path:
    """A folder of user kinds holding one fresh `kind new` kind."""
    new_kind("annual", tmp_path / "kinds" / "annual")
    return tmp_path / "kinds"


def _spec(tmp_path: Path, kind_id: str = "annual") -> Path:
    path = tmp_path / "my.yaml"
    path.write_text(yaml.safe_dump({"kind": kind_id, **FILLED, **FIGURES}, allow_unicode=True), encoding="utf-8")
    return path


def test_kind_new_scaffolds_a_kind_that_lints_clean_and_drafts(cli, tmp_path):
    r = cli("kind", "new", "annual", "-o", tmp_path / "annual")
    assert r.code == 0, r.err
    folder = tmp_path / "annual"
    assert {p.name for p in folder.iterdir()} == {"kind.yaml", "themes.yaml", "slots", "templates"}
    lint = cli("kind", "lint", folder)
    assert lint.code == 0 and lint.out == "" and "0 problem(s)" in lint.err
    template = cli("spec-template", "annual", "--kinds-dir", folder)
    assert template.code == 0 and "meetings: {current: ~, previous: ~, reason: ~}" in template.out
    spec = tmp_path / "blank.yaml"
    spec.write_text(template.out, encoding="utf-8")
    blank = cli("draft", spec, "--kinds-dir", folder)
    assert blank.code == 0 and "【待补充：召开工作会议次数】" in blank.out
    filled = cli("draft", _spec(tmp_path), "--kinds-dir", folder, "--format", "txt")
    assert filled.code == 0, filled.err
    assert filled.out.startswith("白河镇2025年工作总结\n")
    assert "21次，较上年同期减少7次，同比下降25.0%" in filled.out and "4场" in filled.out
    assert set(re.findall(r"【待补充：(.+?)】", filled.out)) == {
        "落款单位",
        "成文日期",
    }  # this spec has no issuer or date


def test_kind_new_defaults_to_a_folder_named_after_the_kind(cli, isolated_user_state):
    assert cli("kind", "new", "weekly").code == 0
    assert (isolated_user_state / "weekly" / "kind.yaml").is_file()


@pytest.mark.parametrize(
    ("name", "message"),
    [("Weekly Report", "ASCII lowercase"), ("eight-point", "is a built-in kind"), ("taken", "not empty")],
)
def test_kind_new_refuses(cli, tmp_path, name, message):
    (tmp_path / name).mkdir()
    (tmp_path / name / "notes.txt").write_text("mine", encoding="utf-8")
    r = cli("kind", "new", name, "-o", tmp_path / name)
    assert r.code == 2 and message in r.err
    assert (tmp_path / name / "notes.txt").read_text(encoding="utf-8") == "mine"


@pytest.mark.parametrize("where", ["folder of kinds", "kind folder"])
def test_kinds_lists_builtin_and_user_kinds(cli, kinds, where):
    folder = kinds if where == "folder of kinds" else kinds / "annual"
    r = cli("kinds", "--kinds-dir", folder)
    assert r.code == 0 and r.err == ""
    rows = [line.split("\t") for line in r.out.splitlines()]
    assert [row[0] for row in rows] == [*BUILTIN, "annual"]
    assert rows[-1][1:] == ["年度工作总结", str((kinds / "annual").absolute())]


def test_kinds_dirs_come_from_drafter_toml_too(cli, kinds, tmp_path, monkeypatch):
    config = tmp_path / "drafter.toml"
    config.write_text('[kinds]\ndirs = ["kinds"]\n', encoding="utf-8")  # relative to the file
    monkeypatch.setenv("DRAFTER_CONFIG", str(config))
    assert load_config().kinds_dirs == (kinds.resolve(),)
    assert "annual\t" in cli("kinds").out
    assert cli("draft", _spec(tmp_path)).code == 0


@pytest.mark.parametrize(
    ("toml", "message"),
    [('[kinds]\ndirs = "kinds"\n', "kinds.dirs must be a list"), ("[kinds]\nfolders = []\n", "unknown keys")],
)
def test_bad_kinds_config_is_refused(tmp_path, monkeypatch, toml, message):
    config = tmp_path / "drafter.toml"
    config.write_text(toml, encoding="utf-8")
    monkeypatch.setenv("DRAFTER_CONFIG", str(config))
    with pytest.raises(ConfigError, match=message):
        load_config()


def _break_yaml(k: Path) -> None:
    (k / "kind.yaml").write_text("id: broken\nname: [unclosed\n", encoding="utf-8")


def _drop_template(k: Path) -> None:
    (k / "templates" / "main.j2").unlink()


def _bad_id(k: Path) -> None:
    text = (k / "kind.yaml").read_text(encoding="utf-8")
    (k / "kind.yaml").write_text(text.replace("id: broken", "id: Broken Kind"), encoding="utf-8")


def _no_slots(k: Path) -> None:
    shutil.rmtree(k / "slots")


def _no_sections(k: Path) -> None:
    text = (k / "kind.yaml").read_text(encoding="utf-8")
    (k / "kind.yaml").write_text(text.replace("sections:", "parts:"), encoding="utf-8")


def _builtin_id(k: Path) -> None:
    text = (k / "kind.yaml").read_text(encoding="utf-8")
    (k / "kind.yaml").write_text(text.replace("id: broken", "id: eight-point"), encoding="utf-8")


# How a kind folder is broken → what the report says about it.
BROKEN = [
    (_break_yaml, "kind.yaml: not valid YAML"),
    (_drop_template, "template 'main.j2' not found"),
    (_bad_id, "id 'Broken Kind' must be ASCII"),
    (_no_slots, "no slots/ folder"),
    (_no_sections, "malformed kind definition (KeyError: 'sections')"),
    (_builtin_id, "id 'eight-point' is already used by"),
]


@pytest.mark.parametrize(("breaks", "message"), BROKEN)
def test_a_broken_kind_is_reported_and_the_others_still_listed(cli, kinds, breaks, message):
    new_kind("broken", kinds / "broken")
    breaks(kinds / "broken")
    r = cli("kinds", "--kinds-dir", kinds)
    assert r.code == 1
    assert [line.split("\t")[0] for line in r.out.splitlines()] == [*BUILTIN, "annual"]
    assert r.err.startswith(f"drafter: broken kind: {(kinds / 'broken').absolute()}")
    assert message in r.err
    catalog = find_kinds([kinds])
    assert [p.path.name for p in catalog.problems] == ["broken"]


@pytest.mark.parametrize(("breaks", "message"), [b for b in BROKEN if b[0] is not _builtin_id])
def test_drafting_a_spec_of_a_broken_kind_names_the_folder_and_problem(cli, tmp_path, kinds, breaks, message):
    new_kind("broken", kinds / "broken")
    breaks(kinds / "broken")
    r = cli("draft", _spec(tmp_path, "broken"), "--kinds-dir", kinds)
    assert r.code == 2
    assert "kind 'broken' can't be loaded" in r.err and str((kinds / "broken").absolute()) in r.err
    assert message in r.err


def test_a_user_kind_needs_its_folder(cli, tmp_path, kinds):
    r = cli("draft", _spec(tmp_path))
    assert r.code == 2 and "unknown kind 'annual'" in r.err and "--kinds-dir" in r.err
    missing = cli("kinds", "--kinds-dir", tmp_path / "nowhere")
    assert missing.code == 1 and "kinds folder not found" in missing.err
    empty = tmp_path / "empty"
    empty.mkdir()
    assert "no kind in it" in cli("kinds", "--kinds-dir", empty).err


def test_the_api_takes_kinds_dirs(kinds, tmp_path):
    kind = get_kind("annual", [kinds])
    assert get_kind("annual", [kinds]) is kind  # loaded once while the folder is unchanged
    doc = draft({"kind": "annual", **FILLED, **FIGURES}, kinds_dirs=[kinds])
    assert doc.kind == "annual" and "21次" in doc.to_text()
    assert draft(_spec(tmp_path), kinds_dirs=[kinds]).to_text() == doc.to_text()
    with pytest.raises(KindError, match="unknown kind 'annual'"):
        get_kind("annual")


def test_an_edited_kind_is_reloaded(kinds):
    before = get_kind("annual", [kinds])
    path = kinds / "annual" / "kind.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("name: 年度工作总结", "name: 年度总结"), "utf-8")
    after = get_kind("annual", [kinds])
    assert after is not before and after.name == "年度总结"


def test_check_and_variants_find_user_kinds(cli, kinds, tmp_path):
    out = tmp_path / "draft.txt"
    assert cli("draft", _spec(tmp_path), "--kinds-dir", kinds, "--format", "txt", "-o", out).code == 0
    r = cli("check", out, "--kind", "annual", "--kinds-dir", kinds, "--no-terms")
    assert r.code == 0 and "themes: 2/2 required found" in r.out
    v = cli("variants", "main.meetings", "--kind", "annual", "--kinds-dir", kinds)
    assert v.code == 0 and "24次" in v.out


def _write(path: Path, text: str) -> None:
    path.write_text(text, encoding="utf-8")


def _missing_slot(k: Path) -> None:
    t = k / "templates" / "main.j2"
    _write(t, t.read_text(encoding="utf-8") + "\n{{ say('main.closing') }}\n")


def _unused_slot(k: Path) -> None:
    t = k / "templates" / "main.j2"
    _write(t, t.read_text(encoding="utf-8").replace("{{ say('main.trainings') }}", ""))


def _few_variants(k: Path) -> None:
    slots = k / "slots" / "main.yaml"
    data = yaml.safe_load(slots.read_text(encoding="utf-8"))
    data["slots"][1]["variants"] = data["slots"][1]["variants"][:1]
    _write(slots, yaml.safe_dump(data, allow_unicode=True))


def _untagged_theme(k: Path) -> None:
    _write(
        k / "themes.yaml",
        (k / "themes.yaml").read_text(encoding="utf-8") + "  - {id: study, name: 学习, aliases: [学习]}\n",
    )


def _template_syntax(k: Path) -> None:
    _write(k / "templates" / "main.j2", "{{ heading('main.heading') }\n")


def _no_sample(k: Path) -> None:
    _write(k / "kind.yaml", (k / "kind.yaml").read_text(encoding="utf-8").replace(", sample: [24, 30]", ""))


def _bank_defect(k: Path) -> None:
    slots = k / "slots" / "main.yaml"
    _write(slots, slots.read_text(encoding="utf-8").replace("取得了新的进展。", "取得了新的进展."))


# How a kind folder is wrong → the lint rule that says so.
DEFECTS = [
    (_missing_slot, "missing-slot"),
    (_unused_slot, "unused-slot"),
    (_few_variants, "few-variants"),
    (_untagged_theme, "untagged-theme"),
    (_template_syntax, "template"),
    (_no_sample, "sample"),
    (_bank_defect, "half-width"),
    (_break_yaml, "load"),
]


@pytest.mark.parametrize(("defect", "rule"), DEFECTS)
def test_kind_lint_catches_each_defect(cli, kinds, defect, rule):
    folder = kinds / "annual"
    defect(folder)
    assert rule in {f.rule for f in lint_kind(folder)}
    r = cli("kind", "lint", folder)
    assert r.code == 1 and f": {rule}: " in r.out


@pytest.mark.parametrize("kind_id", BUILTIN)
def test_builtin_kinds_pass_kind_lint(kind_id):
    assert lint_kind(data_root() / kind_id) == []


def test_a_draft_of_a_user_kind_can_be_polished(cli, kinds, tmp_path):
    from llm_server import FakeOpenAI

    out = tmp_path / "polished.json"
    with FakeOpenAI() as server:
        r = cli(
            "draft", _spec(tmp_path), "--kinds-dir", kinds, "--polish", "--llm", "openai:faithful",
            "--base-url", server.base_url, "--no-cache", "--format", "json", "-o", out,
        )  # fmt: skip
    assert r.code == 0, r.err
    statuses = [p["polish"]["status"] for s in json.loads(out.read_text("utf-8"))["sections"] for p in s["paragraphs"]]
    assert statuses == ["accepted"]


def test_a_broken_builtin_folder_is_reported_not_raised(cli, tmp_path, monkeypatch):
    import drafter.bank.kinds as kinds_module

    root = tmp_path / "phrasebank"
    shutil.copytree(data_root() / "eight-point", root / "eight-point")
    shutil.copytree(data_root() / "shared", root / "shared")  # the slot folders eight-point names in shared_slots
    new_kind("broken", root / "broken")
    _break_yaml(root / "broken")
    monkeypatch.setattr(kinds_module, "data_root", lambda: root)
    kinds_module._builtin.cache_clear()
    try:
        assert list(kinds_module.builtin_kinds()) == ["eight-point"]
        r = cli("kinds")
        assert r.code == 1 and r.out.startswith("eight-point\t") and "broken" in r.err
        with pytest.raises(KindError, match=r"kind 'broken' can't be loaded: .*not valid YAML"):
            get_kind("broken")
    finally:
        kinds_module._builtin.cache_clear()
