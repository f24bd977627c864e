"""The built-in phrase bank: size, validity, theme tags, and the templates that use it."""

from __future__ import annotations

import re

import pytest
import yaml

from drafter import PhraseBankError, get_kind, validate_spec
from drafter.bank.phrasebank import load_phrasebank
from drafter.drafting.drafter import Drafter
from drafter.drafting.figures import build_context

KIND = get_kind("eight-point")
BANK = load_phrasebank(KIND.slot_dirs)
DRAFTER = Drafter(KIND, BANK)


def _sample_spec():
    data: dict = {"organisation": {"name": "样例县", "level": "county"}, "year": 2025}
    for f in KIND.figures:
        value = {"current": f.sample[0], "previous": f.sample[1]} if f.compare else f.sample
        data.setdefault(f.group, {})[f.name] = value
    return validate_spec(data)


SAMPLE = build_context(KIND, _sample_spec())
EMPTY = build_context(KIND, validate_spec({"organisation": {"level": "township"}}))


def _norm(text: str) -> str:
    return re.sub(r"[\s“”「」\"'‘’]", "", text)


def test_bank_size():
    assert len(BANK) >= 40
    assert all(len(slot.variants) >= 3 for slot in BANK), [s.id for s in BANK if len(s.variants) < 3]


@pytest.mark.parametrize("slot", list(BANK), ids=lambda s: s.id)
def test_every_variant_renders_with_samples_and_with_placeholders(slot):
    for i in range(len(slot.variants)):
        if DRAFTER.fits(slot, i, SAMPLE):  # a variant written for other classes is tested by bank lint
            text, figures = DRAFTER.render_variant(slot, i, SAMPLE)
            assert text and "{" not in text and "None" not in text
            assert not re.search(r"[,;:()?!]", text), f"half-width punctuation in {slot.id}[{i}]: {text}"
            assert {f.name for f in figures} <= {f.name for f in figures if not f.missing}
        if not DRAFTER.fits(slot, i, EMPTY):
            continue
        empty_text, empty_figures = DRAFTER.render_variant(slot, i, EMPTY)
        # with no figures given, every figure shows as a placeholder and nothing else does
        assert ("【待补充" in empty_text) == any(f.missing for f in empty_figures)
        # (the unit's own facts and stand-ins for them are not figures)
        assert all(f.missing for f in empty_figures if f.name.split(".")[0] in KIND.groups)


@pytest.mark.parametrize("slot", list(BANK), ids=lambda s: s.id)
def test_variants_of_a_slot_use_the_same_figures(slot):
    used = [
        frozenset(f.name for f in DRAFTER.render_variant(slot, i, SAMPLE)[1] if f.name.split(".")[0] in KIND.groups)
        for i in range(len(slot.variants))
        if DRAFTER.fits(slot, i, SAMPLE)
    ]
    assert len(set(used)) == 1, used


@pytest.mark.parametrize("slot", [s for s in BANK if s.themes], ids=lambda s: s.id)
def test_theme_tags_are_backed_by_the_text(slot):
    themes = {t.id: t for t in KIND.themes}
    for theme in slot.themes:
        assert theme in themes, f"{slot.id}: unknown theme {theme}"
        for i in range(len(slot.variants)):
            if not DRAFTER.fits(slot, i, SAMPLE):
                continue
            text = _norm(DRAFTER.render_variant(slot, i, SAMPLE)[0])
            assert any(_norm(a) in text for a in themes[theme].aliases), f"{slot.id}[{i}] lacks {theme}"


def test_every_theme_is_tagged_somewhere():
    tagged = {t for s in BANK for t in s.themes}
    assert {t.id for t in KIND.themes} <= tagged


def test_templates_and_bank_agree():
    used, prefixes = set(), []
    for sec in KIND.sections:
        text = (KIND.template_dir / sec.template).read_text()
        for slot_id, after in re.findall(r"(?:say|heading)\('([\w.]+)'\s*(\)|,|~)", text):
            # say('closing.problem.' ~ p.source, p): every slot under the prefix
            (prefixes.append(slot_id) if after == "~" else used.add(slot_id))
    used |= {s for s in BANK.slots if s.startswith(tuple(prefixes))}
    assert prefixes and used == set(BANK.slots), (used - set(BANK.slots), set(BANK.slots) - used)


def _bank_dir(tmp_path, slots):
    d = tmp_path / "bank"
    d.mkdir()
    (d / "x.yaml").write_text(yaml.safe_dump({"slots": slots}, allow_unicode=True), encoding="utf-8")
    return d


def test_unknown_figure_name_is_rejected(tmp_path):
    bank = load_phrasebank([_bank_dir(tmp_path, [{"id": "x.y", "variants": ["召开会议{{ meetings.cnt }}。"]}])])
    with pytest.raises(PhraseBankError, match=r"slot x.y variant 0: unknown figure meetings.cnt \(known: count\)"):
        DRAFTER.render_variant(bank.get("x.y"), 0, SAMPLE)


def test_unknown_top_level_name_is_rejected(tmp_path):
    bank = load_phrasebank([_bank_dir(tmp_path, [{"id": "x.y", "variants": ["{{ meeting.count }}。"]}])])
    with pytest.raises(PhraseBankError, match="unknown name 'meeting'"):
        DRAFTER.render_variant(bank.get("x.y"), 0, SAMPLE)


@pytest.mark.parametrize(
    "slots,words",
    [
        ([{"id": "a.b", "variants": ["甲。"]}, {"id": "a.b", "variants": ["乙。"]}], "duplicate slot id 'a.b'"),
        ([{"id": "A-b", "variants": ["甲。"]}], "must be ASCII snake_case"),
        ([{"id": "a.b", "variants": []}], "variants must be a non-empty list"),
        ([{"id": "a.b", "variants": ["甲。"], "colour": 1}], "unknown keys ['colour']"),
    ],
)
def test_malformed_banks(tmp_path, slots, words):
    with pytest.raises(PhraseBankError) as info:
        load_phrasebank([_bank_dir(tmp_path, slots)])
    assert words in str(info.value)


def test_unknown_slot_suggests_neighbours():
    with pytest.raises(
        PhraseBankError, match=r"unknown slot 'study.leaders'; did you mean one of: .*study.leaders_lead"
    ):
        BANK.get("study.leaders")


def test_sandbox_blocks_unsafe_variants(tmp_path):
    bank = load_phrasebank([_bank_dir(tmp_path, [{"id": "x.y", "variants": ["{{ year.__class__.__mro__ }}"]}])])
    with pytest.raises(PhraseBankError):
        DRAFTER.render_variant(bank.get("x.y"), 0, SAMPLE)
