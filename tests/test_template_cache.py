"""Compiled templates cached between runs: used when fresh, never stale, silent when the folder is unwritable."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from drafter.bank.kinds import data_root

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "corpora" / "examples" / "county-2025.yaml"


def _draft(tmp: Path, cache: Path, *extra: str) -> str:
    env = {**os.environ, "XDG_CACHE_HOME": str(cache), "PYTHONPATH": str(ROOT)}
    env.pop("DRAFTER_NO_CACHE", None)
    out = subprocess.run(
        [sys.executable, "-m", "drafter", "draft", str(EXAMPLE), "--format", "txt", *extra],
        env=env,
        cwd=tmp,
        capture_output=True,
        text=True,
        check=True,
    )
    return out.stdout


@pytest.fixture()
def kind_copy(tmp_path: Path) -> Path:
    """The eight-point kind copied as a user kind that shadows nothing (same id, so only via its folder)."""
    target = tmp_path / "kinds" / "eight-point-copy"
    shutil.copytree(data_root() / "eight-point", target)
    kind_yaml = target / "kind.yaml"
    kind_yaml.write_text(kind_yaml.read_text(encoding="utf-8").replace("id: eight-point", "id: eight-copy", 1))
    return target


def test_cached_run_gives_the_same_draft_and_fills_the_cache(tmp_path: Path):
    cache = tmp_path / "cache"
    first = _draft(tmp_path, cache)
    entries = list((cache / "drafter").glob("jinja-*/*"))
    assert len(entries) > 50  # sections and variants
    assert _draft(tmp_path, cache) == first
    env = {**os.environ, "DRAFTER_NO_CACHE": "1", "PYTHONPATH": str(ROOT)}
    uncached = subprocess.run(
        [sys.executable, "-m", "drafter", "draft", str(EXAMPLE), "--format", "txt"],
        env=env,
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=True,
    )
    assert uncached.stdout == first


def test_an_edited_overlay_shows_in_the_next_draft(tmp_path: Path):
    cache = tmp_path / "cache"
    overlay = tmp_path / "overlay"
    overlay.mkdir()
    slot = "slots:\n  - {id: closing.results, mode: replace, variants: ['{{ org.name }}第一种开头{{ year }}。']}\n"
    (overlay / "o.yaml").write_text(slot, encoding="utf-8")
    assert "第一种开头" in _draft(tmp_path, cache, "--bank", str(overlay))
    (overlay / "o.yaml").write_text((overlay / "o.yaml").read_text().replace("第一种", "第二种"), encoding="utf-8")
    text = _draft(tmp_path, cache, "--bank", str(overlay))
    assert "第二种开头" in text and "第一种开头" not in text


def test_an_edited_section_template_shows_in_the_next_draft(tmp_path: Path, kind_copy: Path):
    cache = tmp_path / "cache"
    spec = tmp_path / "spec.yaml"
    spec.write_text("kind: eight-copy\n" + EXAMPLE.read_text(encoding="utf-8").replace("kind: eight-point\n", ""))
    template = sorted((kind_copy / "templates").glob("*.j2"))[0]

    def draft() -> str:
        env = {**os.environ, "XDG_CACHE_HOME": str(cache), "PYTHONPATH": str(ROOT)}
        cmd = [sys.executable, "-m", "drafter", "draft", str(spec), "--format", "txt"]
        cmd += ["--kinds-dir", str(kind_copy.parent)]
        return subprocess.run(cmd, env=env, cwd=tmp_path, capture_output=True, text=True, check=True).stdout

    before = draft()
    template.write_text(template.read_text(encoding="utf-8") + "\n\n模板里新加的一句。\n", encoding="utf-8")
    after = draft()
    assert "模板里新加的一句" in after and "模板里新加的一句" not in before


def test_an_unwritable_cache_folder_is_no_cache(tmp_path: Path):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    assert _draft(tmp_path, blocker) == _draft(tmp_path, tmp_path / "fine")
