"""Issue 17, files as users expect: modes follow the umask, temp files don't linger, download names are safe,
`serve` reports a busy port before printing a URL."""

from __future__ import annotations

import os
import shutil
import socket
import stat
import time

import pytest
from conftest import FULL

from drafter.output import STALE_SECONDS, atomic_write


@pytest.fixture
def umask_022():
    old = os.umask(0o022)
    yield
    os.umask(old)


def _mode(path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_output_files_follow_the_umask(tmp_path, umask_022, cli):
    out = tmp_path / "d.md"
    assert cli("draft", FULL, "-o", out).code == 0
    assert _mode(out) == 0o644
    out.chmod(0o664)
    assert cli("draft", FULL, "-o", out).code == 0
    assert _mode(out) == 0o664  # an overwritten file keeps its mode
    os.umask(0o077)
    fresh = tmp_path / "e.md"
    atomic_write(fresh, "x")
    assert _mode(fresh) == 0o600


def test_learned_folders_follow_the_umask(tmp_path, umask_022, cli):
    pytest.importorskip("jieba")
    report = tmp_path / "r.txt"
    report.write_text("某县2025年工作总结\n\n一、会议\n\n今年召开会议12次，较上年减少3次。\n", encoding="utf-8")
    r = cli("learn", report, "-o", tmp_path / "k")
    assert r.code == 0, r.err
    assert _mode(tmp_path / "k") == 0o755


def test_stale_temp_files_are_swept_and_fresh_ones_kept(tmp_path):
    out = tmp_path / "out.md"
    stale, fresh = tmp_path / ".out.md.abc123.tmp", tmp_path / ".out.md.def456.tmp"
    stale.write_text("half")
    fresh.write_text("in progress")
    old = time.time() - STALE_SECONDS - 10
    os.utime(stale, (old, old))
    atomic_write(out, "x")
    assert not stale.exists() and fresh.exists() and out.read_text() == "x"


def _age(path, seconds: float) -> None:
    old = time.time() - seconds
    os.utime(path, (old, old))


def test_a_killed_learn_leaves_nothing_that_breaks_the_next_run(tmp_path, cli):
    """learn writes .learn-XXXX then renames it; a run killed outright leaves that folder: a kinds folder
    never reads it as a kind (it would take the finished kind's id), and the next learn sweeps it once stale."""
    pytest.importorskip("jieba")
    report = tmp_path / "r.txt"
    report.write_text("某县2025年工作总结\n\n一、会议\n\n今年召开会议12次，较上年减少3次。\n", encoding="utf-8")
    kinds = tmp_path / "kinds"
    assert cli("learn", report, "-o", kinds / "mine").code == 0
    stale, fresh = kinds / ".learn-abc123", kinds / ".learn-def456"
    for left in (stale, fresh):
        shutil.copytree(kinds / "mine", left)  # a killed run gets as far as a whole kind folder
    _age(stale, STALE_SECONDS + 10)
    listed = cli("kinds", "--kinds-dir", kinds)
    assert listed.code == 0 and str(kinds / "mine") in listed.out and ".learn-" not in listed.out + listed.err
    assert cli("draft", kinds / "mine" / "example.yaml", "--kinds-dir", kinds).code == 0
    assert cli("learn", report, "-o", kinds / "again").code == 0
    assert not stale.exists() and fresh.exists()  # a young one may be another learn still running


def test_the_user_cache_sweeps_a_killed_runs_temp_files(tmp_path):
    from drafter.output import write_cache

    stale, fresh = tmp_path / "rules-x.123.tmp", tmp_path / "rules-y.456.tmp"
    stale.write_text("half")
    fresh.write_text("in progress")
    _age(stale, STALE_SECONDS + 10)
    write_cache(tmp_path / "rules-z.json", "[]")
    assert not stale.exists() and fresh.exists() and (tmp_path / "rules-z.json").read_text() == "[]"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["rules-y.456.tmp", "rules-z.json"]


def test_a_cache_write_that_fails_leaves_no_temp_file(tmp_path, monkeypatch):
    from drafter import output

    def boom(src, dst):
        raise KeyboardInterrupt

    monkeypatch.setattr(output.os, "replace", boom)
    with pytest.raises(KeyboardInterrupt):
        output.write_cache(tmp_path / "c.json", "[]")
    assert list(tmp_path.iterdir()) == []


def test_a_failed_write_leaves_no_temp_file(tmp_path, monkeypatch):
    def fail(*a, **k):
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "replace", fail)
    with pytest.raises(KeyboardInterrupt):
        atomic_write(tmp_path / "o.md", "x")
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(
    ("raw", "ascii_name"),
    [
        ("../../../etc/passwd", "passwd"),
        ("标题\r\nSet-Cookie: x=1.docx", "draft.docx"),
        ('a"b.md', "ab.md"),
        ("..\\..\\win.ini", "win.ini"),
        ("\r\n.md", "draft.md"),
    ],
)
def test_download_names_are_sanitised(raw, ascii_name):
    from drafter.web.app import _attachment

    value = _attachment(raw)
    assert f'filename="{ascii_name}"' in value
    assert "\r" not in value and "\n" not in value and "/" not in value.split("filename*=")[1]
    value.encode("latin-1")  # a header value


def test_a_download_with_a_hostile_title_keeps_the_connection(tmp_path):
    from fastapi.testclient import TestClient

    from drafter import Workspace
    from drafter.web import Workbench
    from drafter.web.app import create_app

    doc = Workspace().draft(FULL).to_dict()
    doc["title"] = "../../x\r\nSet-Cookie: a=1"
    with TestClient(create_app(Workbench()), raise_server_exceptions=False) as client:
        r = client.post("/api/download/md", json={"document": doc})
        assert r.status_code == 200 and "set-cookie" not in r.headers
        assert "/" not in r.headers["content-disposition"].split("filename=")[1].split(";")[0]


def test_serve_reports_a_busy_port_before_any_url(capsys):
    from drafter.cli import main

    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen(1)
        port = busy.getsockname()[1]
        code = main(["serve", "--port", str(port)])
    err = capsys.readouterr().err
    assert code == 2 and f"port {port} on 127.0.0.1 is busy" in err and "http://" not in err
