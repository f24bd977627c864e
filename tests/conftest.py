"""Shared fixtures: example specs, and the CLI run in-process."""

from __future__ import annotations

import copy
import os
import tempfile
from pathlib import Path

import pytest
import yaml

from drafter.cli import main

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "corpora" / "examples"
FULL = EXAMPLES / "county-2025.yaml"
PARTIAL = EXAMPLES / "county-2025-partial.yaml"


def spec_json(path: Path = FULL) -> dict:
    """A spec file as the web page sends it (dates as ISO text)."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    if "date" in data["organisation"]:
        data["organisation"]["date"] = data["organisation"]["date"].isoformat()
    return data


@pytest.fixture(autouse=True)
def isolated_user_state(tmp_path_factory, monkeypatch):
    """No test sees the developer's drafter.toml: config lookups start in an empty folder."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.delenv("DRAFTER_CONFIG", raising=False)
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / "config"))
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.chdir(home)
    return home


@pytest.fixture
def full_data() -> dict:
    """The complete example spec as a fresh, mutable mapping."""
    return copy.deepcopy(yaml.safe_load(FULL.read_text(encoding="utf-8")))


class CliResult:
    def __init__(self, code: int, out: str, err: str):
        self.code, self.out, self.err = code, out, err


@pytest.fixture
def cli(capsys):
    """Run `drafter ARGS...` in-process; returns exit code, stdout and stderr."""

    def run(*args: str) -> CliResult:
        try:
            code = main([str(a) for a in args])
        except SystemExit as exc:  # argparse usage errors
            code = exc.code if isinstance(exc.code, int) else 1
        captured = capsys.readouterr()
        return CliResult(code, captured.out, captured.err)

    return run


# Caches drafter keeps between runs (compiled templates) go to a throwaway folder, never the real home.
os.environ["XDG_CACHE_HOME"] = tempfile.mkdtemp(prefix="drafter-test-cache-")
