"""Editors: variants, explain, choices files, overlays, diff — from the CLI and the API."""

from __future__ import annotations

import json

import pytest
import yaml
from conftest import FULL

from drafter import PhraseBankError, draft, get_kind, load_spec
from drafter.drafting.choices import ChoicesError, choices_from_document, load_choices
from drafter.drafting.drafter import Drafter, load_bank
from drafter.drafting.explain import diff_documents, explain_document

KIND = get_kind("eight-point")
SPEC = load_spec(FULL)


def write_overlay(folder, slots, name="org.yaml"):
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_text(yaml.safe_dump({"slots": slots}, allow_unicode=True), encoding="utf-8")
    return folder


# --- variants -----------------------------------------------------------------


def test_variants_table_lists_numbered_rendered_variants(cli):
    r = cli("variants", "tasks.meetings.figures")
    assert r.code == 0
    lines = r.out.splitlines()
    assert lines[0].startswith("tasks.meetings.figures  [meetings]")
    slot = load_bank(KIND).get("tasks.meetings.figures")
    numbered = [line for line in lines[1:] if line.startswith("  ")]
    assert [line.split()[0] for line in numbered] == [str(i) for i in range(len(slot.variants))]
    assert all("{{" not in line for line in numbered)  # rendered with the sample figures
    fitting = [line for line in numbered if "(for other figures)" not in line]
    assert fitting and all("86次" in line for line in fitting)


def test_variants_prefix_json_and_spec(cli, tmp_path, full_data):
    r = cli("variants", "tasks.meetings", "--format", "json")
    data = json.loads(r.out)
    assert [d["id"] for d in data] == ["tasks.meetings.lead", "tasks.meetings.practice", "tasks.meetings.figures"]
    full_data["meetings"]["count"] = {"current": 40, "previous": 50}
    spec = tmp_path / "s.yaml"
    spec.write_text(yaml.safe_dump(full_data, allow_unicode=True), encoding="utf-8")
    r = cli("variants", "tasks.meetings.figures", "--spec", spec)
    assert "40次" in r.out and "同比下降20.0%" in r.out


def test_variants_unknown_slot(cli):
    r = cli("variants", "tasks.meeting")
    assert r.code == 2 and "unknown slot 'tasks.meeting'; did you mean one of: tasks.meetings.lead" in r.err


# --- explain and diff -----------------------------------------------------------


def test_explain_lists_every_sentence_with_its_origin(cli, tmp_path):
    out = tmp_path / "d.json"
    cli("draft", FULL, "--seed", "4", "--format", "json", "-o", out)
    r = cli("explain", out)
    doc = draft(FULL, seed=4)
    for s in doc.sentences():
        assert f"{s.slot}#{s.variant}" in r.out
        assert s.full_text in r.out
    # a variant may state the change before the count; both figures are listed either way
    assert "meetings.count=86次" in r.out and "meetings.count.change=较上年同期减少16次，同比下降15.7%" in r.out


@pytest.mark.parametrize(
    "section,first,count", [("2", "tasks.heading", 27), ("tasks", "tasks.heading", 27), ("0", "preamble.stance", 4)]
)
def test_explain_one_section(cli, tmp_path, section, first, count):
    out = tmp_path / "d.json"
    cli("draft", FULL, "--format", "json", "-o", out)
    data = json.loads(cli("explain", out, "--section", section, "--format", "json").out)
    assert data[0]["slot"] == first and len(data) == count


def test_explain_errors(cli, tmp_path):
    out = tmp_path / "d.json"
    cli("draft", FULL, "--format", "json", "-o", out)
    r = cli("explain", out, "--section", "9")
    assert r.code == 2 and "no section '9' in this draft; sections: preamble, study (一、)" in r.err
    bad = tmp_path / "notes.json"
    bad.write_text("# 标题\n", encoding="utf-8")
    r = cli("explain", bad)
    assert r.code == 2 and "not a drafter JSON draft" in r.err
    r = cli("explain", tmp_path / "report.pdf")
    assert r.code == 2 and "can't read .pdf" in r.err


def test_diff_two_drafts(cli, tmp_path):
    a, b = tmp_path / "a.json", tmp_path / "b.json"
    cli("draft", FULL, "--seed", "1", "--format", "json", "-o", a)
    cli("draft", FULL, "--seed", "2", "--format", "json", "-o", b)
    r = cli("diff", a, b)
    changes = diff_documents(draft(FULL, seed=1), draft(FULL, seed=2))
    assert r.out.strip().endswith(f"{len(changes)} of 70 sentences changed")
    assert r.out.count("\n  - ") == len(changes) == r.out.count("\n  + ")
    same = cli("diff", a, a)
    assert same.out == "0 of 70 sentences changed\n"
    via_draft = cli("draft", FULL, "--seed", "1", "--diff-seed", "2")
    assert via_draft.out == r.out


def test_diff_reports_added_and_removed_sentences():
    a = draft(FULL)
    b = draft(FULL)
    removed = b.sections[1].paragraphs[0].sentences.pop(1)
    changes = diff_documents(a, b)
    assert len(changes) == 1 and changes[0].before == removed.full_text and changes[0].after is None


# --- choices --------------------------------------------------------------------


def test_saved_choices_reproduce_the_draft_byte_for_byte(cli, tmp_path):
    choices = tmp_path / "choices.yaml"
    original = cli("draft", FULL, "--seed", "5", "--save-choices", choices).out
    assert cli("draft", FULL, "--seed", "0", "--choices", choices).out == original
    data = yaml.safe_load(choices.read_text(encoding="utf-8"))
    assert data["kind"] == "eight-point" and len(data["choices"]) == 70


def test_changing_one_choice_changes_exactly_that_sentence(tmp_path):
    base = draft(FULL, seed=5)
    choices = choices_from_document(base)
    slot = "tasks.documents.practice"
    choices[slot] = (choices[slot] + 1) % 3
    changed = Drafter(KIND).draft(SPEC, seed=5, choices=choices)
    diff = diff_documents(base, changed)
    assert [c.slot for c in diff] == [slot]


def test_literal_text_keeps_figures_and_is_recorded(tmp_path, cli):
    text = "全年召开各类会议{{ meetings.count }}，{{ meetings.count.change }}，会风持续好转。"
    doc = Drafter(KIND).draft(SPEC, choices={"tasks.meetings.figures": text})
    s = next(s for s in doc.sentences() if s.slot == "tasks.meetings.figures")
    assert s.text == "全年召开各类会议86次，较上年同期减少16次，同比下降15.7%，会风持续好转。"
    assert s.custom == text and s.variant is None
    assert {f["name"] for f in s.figures} == {"meetings.count", "meetings.count.change"}
    # typed figures are accepted too, as long as every figure is there
    typed = "全年召开会议86次，较上年同期减少16次，同比下降15.7%。"
    assert typed in Drafter(KIND).draft(SPEC, choices={"tasks.meetings.figures": typed}).to_text()
    # and the literal survives a save / load round trip
    choices = tmp_path / "c.yaml"
    choices.write_text(
        yaml.safe_dump({"choices": {"tasks.meetings.figures": text}}, allow_unicode=True), encoding="utf-8"
    )
    assert "会风持续好转" in cli("draft", FULL, "--choices", choices).out


def test_literal_text_that_drops_a_figure_is_refused():
    with pytest.raises(PhraseBankError, match=r"tasks.meetings.figures: the text drops meetings.count.change"):
        Drafter(KIND).draft(SPEC, choices={"tasks.meetings.figures": "全年召开会议{{ meetings.count }}。"})


@pytest.mark.parametrize(
    "choices,words",
    [
        ({"study.nope": 1}, "unknown slot 'study.nope'; did you mean one of: study.heading"),
        ({"study.effect": 7}, "slot study.effect: variant 7 is out of range; valid variants: 0, 1, 2"),
        ({"study.effect": True}, "choices.study.effect: must be a variant number or text"),
    ],
)
def test_bad_choices_files(cli, tmp_path, choices, words):
    f = tmp_path / "c.yaml"
    f.write_text(yaml.safe_dump({"kind": "eight-point", "choices": choices}), encoding="utf-8")
    out = tmp_path / "out.md"
    r = cli("draft", FULL, "--choices", f, "-o", out)
    assert r.code == 2 and words in r.err and not out.exists()


def test_choices_file_format_errors(tmp_path):
    f = tmp_path / "c.yaml"
    f.write_text("kind: other\nchoices: {}\n", encoding="utf-8")
    with pytest.raises(ChoicesError, match="choices are for kind 'other'"):
        load_choices(f, "eight-point")
    f.write_text("- 1\n", encoding="utf-8")
    with pytest.raises(ChoicesError, match="expected a mapping"):
        load_choices(f)


# --- overlays -------------------------------------------------------------------

ORG_VARIANT = "本单位坚持学用结合、知行合一，把作风建设要求落实到每一项具体工作之中。"


def test_overlay_extends_disables_replaces_and_adds(tmp_path):
    overlay = write_overlay(
        tmp_path / "org",
        [
            {"id": "study.effect", "mode": "extend", "variants": [ORG_VARIANT], "disable": [0, 1, 2, 3, 4]},
            {"id": "tasks.heading", "mode": "replace", "variants": ["坚持真抓实干，推动规定落地"]},
            {"id": "org.motto", "variants": ["务实为民。"]},
        ],
    )
    bank = load_bank(KIND, [overlay])
    effect = bank.get("study.effect")
    assert effect.variants[-1] == ORG_VARIANT and effect.enabled == [5, 6]
    assert bank.get("tasks.heading").variants == ("坚持真抓实干，推动规定落地",)
    assert "org.motto" in bank
    drafter = Drafter(KIND, bank)
    chosen = {
        drafter.draft(SPEC, seed=s).sentences()[0].slot
        and next(x.variant for x in drafter.draft(SPEC, seed=s).sentences() if x.slot == "study.effect")
        for s in range(12)
    }
    assert chosen <= {5, 6} and 6 in chosen
    with pytest.raises(PhraseBankError, match="variant 0 is disabled by an overlay; valid: 5, 6"):
        drafter.draft(SPEC, choices={"study.effect": 0})
    assert "二、坚持真抓实干，推动规定落地" in drafter.draft(SPEC).to_text()


def test_overlay_from_cli_and_config(cli, tmp_path, isolated_user_state):
    overlay = write_overlay(tmp_path / "org", [{"id": "study.effect", "mode": "extend", "variants": [ORG_VARIANT]}])
    r = cli("draft", FULL, "--bank", overlay, "--pick", "study.effect=6")
    assert r.code == 0 and ORG_VARIANT in r.out
    (isolated_user_state / "drafter.toml").write_text(f'[bank]\noverlays = ["{overlay}"]\n', encoding="utf-8")
    assert ORG_VARIANT in cli("draft", FULL, "--pick", "study.effect=6").out
    assert "6  " + ORG_VARIANT in cli("variants", "study.effect").out


def test_bad_config_is_reported(cli, isolated_user_state):
    (isolated_user_state / "drafter.toml").write_text("[bank]\noverlay = []\n", encoding="utf-8")
    r = cli("draft", FULL)
    assert r.code == 2 and "drafter.toml: [bank] unknown keys ['overlay']" in r.err


@pytest.mark.parametrize(
    "first,second,words",
    [
        (
            [{"id": "study.effect", "mode": "replace", "variants": ["甲。"]}],
            [{"id": "study.effect", "mode": "replace", "variants": ["乙。"]}],
            "slot study.effect: replace conflicts with replace in",
        ),
        (
            [{"id": "study.effect", "mode": "extend", "variants": ["甲。"]}],
            [{"id": "study.effect", "mode": "replace", "variants": ["乙。"]}],
            "slot study.effect: replace conflicts with extend in",
        ),
        ([{"id": "study.effect", "variants": ["甲。"]}], [], "already in the bank; say mode: extend or mode: replace"),
        (
            [{"id": "study.nothing", "mode": "extend", "variants": ["甲。"]}],
            [],
            "not in the bank, so it can't be extended",
        ),
        ([{"id": "study.effect", "mode": "extend", "disable": [9]}], [], "cannot disable [9]; it has variants 0..5"),
        ([{"id": "study.effect", "mode": "extend", "disable": [0, 1, 2, 3, 4, 5]}], [], "would disable every variant"),
    ],
)
def test_overlay_conflicts_are_reported(tmp_path, cli, first, second, words):
    a = write_overlay(tmp_path / "a", first)
    dirs = [a] + ([write_overlay(tmp_path / "b", second)] if second else [])
    with pytest.raises(PhraseBankError) as info:
        load_bank(KIND, dirs)
    assert words in str(info.value)
    r = cli("draft", FULL, *[x for d in dirs for x in ("--bank", d)])
    assert r.code == 2 and "overlay conflicts" in r.err


def test_explain_document_api_matches_cli_sections():
    refs = explain_document(draft(FULL), "measures")
    assert refs[0].place == "三、 标题" and refs[1].place == "三、 ¶1.1" and refs[1].sentence.prefix == "一是"


def test_explain_a_word_file_matches_sentences_back_to_the_bank(cli, tmp_path):
    from drafter import docx_bytes
    from drafter.drafting.drafter import Drafter as _Drafter
    from drafter.drafting.explain import explain_source, traceable
    from drafter.review.source import parse_text
    from drafter.word.profiles import get_profile

    doc = draft(FULL, seed=6)
    path = tmp_path / "d.docx"
    path.write_bytes(docx_bytes(doc, get_profile("gbt9704")))
    r = cli("explain", path, "--format", "json")
    assert r.code == 0, r.err
    got = [(s["slot"], s["variant"]) for s in json.loads(r.out) if s.get("slot")]
    bank = _Drafter(KIND).bank
    # a sentence that is nothing but the spec's own fact (a problem as the writer gave it) has no variant to match
    own = {s.full_text for s in doc.sentences() if s.slot and not traceable(bank.get(s.slot), s.variant)}
    assert got == [(s.slot, s.variant) for s in doc.sentences() if s.full_text not in own]
    # an editor's change to one sentence shows as the one sentence without a slot
    text = doc.to_text().replace("二是", "二是认真", 1)
    refs = explain_source(parse_text(text, "edited.txt"), _Drafter(KIND))
    unmatched = [r.sentence.full_text for r in refs if r.sentence.slot is None and r.sentence.full_text not in own]
    assert unmatched[0].startswith("二是认真") and unmatched[1:] == doc.signature
