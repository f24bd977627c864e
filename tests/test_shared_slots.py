"""Shared slot folders (phrasebank/shared/NAME, named in kind.yaml's shared_slots): one copy of slots several
kinds say, seen by drafting, bank lint, kind lint and `drafter bank`/`variants`; bad names fail clearly."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
import yaml

from drafter import KindError
from drafter.authoring.bank_lint import lint_bank
from drafter.authoring.kind_lint import lint_kind
from drafter.authoring.scaffold import new_kind
from drafter.bank.kinds import data_root, get_kind, load_kind, shared_root
from drafter.bank.phrasebank import load_phrasebank, read_slot_dir

SHARED = {
    "eight-point": ["campaign", "cases"],
    "discipline-summary": ["campaign", "cases"],
    "self-inspection": ["campaign"],
}


@pytest.mark.parametrize("kind_id", sorted(SHARED))
def test_builtin_kinds_load_their_shared_folders_after_their_own(kind_id):
    kind = get_kind(kind_id)
    assert kind.slot_dirs == (kind.path / "slots", *(shared_root() / name for name in SHARED[kind_id]))
    bank = load_phrasebank(kind.slot_dirs)
    assert "campaign.year" in bank and ("cases.exposed" in bank) == ("cases" in SHARED[kind_id])


def test_each_shared_slot_has_one_copy_in_the_bank():
    """No kind's own slots/ repeats a slot a shared folder holds."""
    shared = {e.slot.id for d in shared_root().iterdir() if d.is_dir() for e in read_slot_dir(d)}
    assert {"campaign.year", "campaign.frugality_rules", "cases.exposed"} <= shared
    for kind_id in SHARED:
        own = {e.slot.id for e in read_slot_dir(data_root() / kind_id / "slots")}
        assert not own & shared, kind_id


def test_a_kind_that_never_says_a_shared_slot_is_not_told_it_is_unused():
    """discipline-summary shares the campaign folder but has no frugality-rules sentence."""
    kind = get_kind("discipline-summary")
    templates = " ".join(p.read_text(encoding="utf-8") for p in kind.template_dir.glob("*.j2"))
    assert "campaign.frugality_rules" not in templates
    assert "campaign.frugality_rules" in load_phrasebank(kind.slot_dirs)
    assert lint_kind(kind.path) == []


@pytest.fixture
def user_kind(tmp_path) -> Path:
    folder = tmp_path / "kinds" / "annual"
    new_kind("annual", folder)
    return folder


def _share(folder: Path, value) -> None:
    path = folder / "kind.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("\nsections:", f"\nshared_slots: {value}\nsections:", 1), encoding="utf-8")


def test_a_user_kind_may_name_a_builtin_shared_folder(user_kind, cli):
    _share(user_kind, "[cases]")
    kind = load_kind(user_kind)
    assert kind.slot_dirs[1:] == (shared_root() / "cases",)
    assert "cases.exposed" in load_phrasebank(kind.slot_dirs)
    assert lint_kind(user_kind) == []  # shared slots it does not say are not "unused"
    r = cli("variants", "cases.exposed", "--kind", "annual", "--kinds-dir", user_kind.parent)
    assert r.code == 0 and "cases.exposed" in r.out


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("[../eight-point/slots]", r"shared_slots: '\.\./eight-point/slots' is not a folder name under .*no paths"),
        ("[/etc]", r"shared_slots: '/etc' is not a folder name"),
        ("[nope]", r"shared_slots: no shared slot folder 'nope'; known: campaign, cases"),
        ("cases", r"shared_slots must be a list of folder names"),
        ("[cases, cases]", r"shared_slots: 'cases' is named twice"),
        ("[1]", r"shared_slots must be a list of folder names"),
    ],
)
def test_a_bad_shared_folder_name_fails_the_kind_in_one_line(user_kind, cli, tmp_path, value, message):
    _share(user_kind, value)
    with pytest.raises(KindError, match=message):
        load_kind(user_kind)
    lint = cli("kind", "lint", user_kind)
    assert lint.code == 1 and re.search(message, lint.out) and "Traceback" not in lint.out + lint.err
    spec = tmp_path / "my.yaml"
    spec.write_text(yaml.safe_dump({"kind": "annual", "organisation": {"name": "白河镇", "level": "township"}}))
    r = cli("draft", spec, "--kinds-dir", user_kind.parent)
    assert r.code == 2 and "shared_slots" in r.err and len(r.err.strip().splitlines()) == 1


def _private_root(tmp_path: Path, monkeypatch) -> Path:
    """A copy of the built-in phrase bank root the test may change (data_root points at it)."""
    import drafter.bank.kinds as kinds_module

    root = tmp_path / "phrasebank"
    shutil.copytree(data_root(), root)
    monkeypatch.setattr(kinds_module, "data_root", lambda: root)
    return root


def test_a_link_out_of_the_shared_folder_is_refused(user_kind, tmp_path, monkeypatch):
    root = _private_root(tmp_path, monkeypatch)
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    (root / "shared" / "escape").symlink_to(outside, target_is_directory=True)
    _share(user_kind, "[escape]")
    with pytest.raises(KindError, match="no shared slot folder 'escape'"):
        load_kind(user_kind)


def test_bank_lint_lints_the_shared_slots_and_a_slot_defined_twice(tmp_path, monkeypatch):
    root = _private_root(tmp_path, monkeypatch)
    cases = root / "shared" / "cases" / "cases.yaml"
    cases.write_text(cases.read_text(encoding="utf-8").replace('。"', '."', 1), encoding="utf-8")
    kind = load_kind(root / "eight-point")
    assert any(f.rule == "half-width" and f.slot.startswith("cases.") for f in lint_bank(kind))
    shutil.copy(root / "shared" / "campaign" / "campaign.yaml", root / "eight-point" / "slots" / "campaign.yaml")
    assert "duplicate-id" in {f.rule for f in lint_bank(load_kind(root / "eight-point"))}
