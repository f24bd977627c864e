"""Issue 17 through the web: one request can't freeze the server, errors are 4xx JSON, SIGTERM stops `serve`."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.request

import pytest
from conftest import ROOT, spec_json
from fastapi.testclient import TestClient

from drafter.web import Workbench
from drafter.web.app import create_app

FREEZE = "{% for i in range(99999) %}{% for j in range(99999) %}{% endfor %}{% endfor %}"


@pytest.fixture(scope="module")
def client():
    with TestClient(create_app(Workbench()), raise_server_exceptions=False) as c:
        yield c


def test_the_freezing_request_is_refused_and_the_server_keeps_answering(client):
    start = time.monotonic()
    r = client.post("/api/draft", json={"spec": spec_json(), "choices": {"tasks.meetings.figures": FREEZE}})
    assert r.status_code == 422 and "tasks.meetings.figures" in r.json()["error"]
    assert time.monotonic() - start < 10
    assert client.post("/api/draft", json={"spec": spec_json()}).status_code == 200


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_sigterm_stops_serve_even_during_a_hostile_render():
    port = _free_port()
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    proc = subprocess.Popen(
        [sys.executable, "-m", "drafter", "serve", "--port", str(port)],
        env=env,
        stderr=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        cwd=ROOT,
    )
    try:
        for _ in range(200):
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/api/status", timeout=1):
                    break
            except OSError:
                time.sleep(0.05)
        body = json.dumps({"spec": spec_json(), "choices": {"tasks.meetings.figures": FREEZE}}).encode()
        req = urllib.request.Request(
            f"http://127.0.0.1:{port}/api/draft", body, {"content-type": "application/json"}, method="POST"
        )
        threading.Thread(target=_post, args=(req,), daemon=True).start()
        time.sleep(0.3)
        proc.send_signal(signal.SIGTERM)
        assert proc.wait(timeout=15) is not None
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()


def _post(req) -> None:
    try:
        with urllib.request.urlopen(req, timeout=30) as r:
            r.read()
    except OSError:
        pass


def test_a_500_keeps_the_connection_alive():
    import http.client

    from drafter.web.server import running

    bench = Workbench()
    app = create_app(bench)

    def boom():
        raise RuntimeError("secret detail")

    bench.kinds = boom
    with running(app) as url:
        conn = http.client.HTTPConnection(url.removeprefix("http://"), timeout=10)
        try:
            conn.request("GET", "/api/kinds")
            r = conn.getresponse()
            body = r.read()
            assert r.status == 500 and b"internal error" in body and b"secret" not in body
            assert r.getheader("x-content-type-options") == "nosniff"
            conn.request("GET", "/api/status")  # the same connection
            r = conn.getresponse()
            assert r.status == 200 and json.loads(r.read())["version"]
        finally:
            conn.close()


def test_a_small_check_is_never_queued_behind_a_big_one():
    """A long document (reading it, checking it, writing its answer) holds no lock and never the event loop:
    a small check of the same kind, posted once the big one is being checked, is answered first."""
    import http.client

    from drafter.review.source import parse_text
    from drafter.web.server import running

    bench = Workbench()
    started, order = threading.Event(), []
    check = bench.check

    def watched(src, kind="eight-point"):
        if len(src.text) > 100_000:
            started.set()
        return check(src, kind)

    bench.check = watched
    report = (ROOT / "corpora" / "review" / "flawed-2025.txt").read_text(encoding="utf-8")
    big = "\n\n".join(f"{report}\n第{i}份。" for i in range(120))  # ~500,000 characters
    bench.check(parse_text(report), "eight-point")  # checkers built before the race

    def post(name: str, text: str, host: str) -> None:
        conn = http.client.HTTPConnection(host, timeout=300)
        try:
            body = json.dumps({"text": text, "kind": "eight-point"})
            conn.request("POST", "/api/check", body, {"Content-Type": "application/json"})
            response = conn.getresponse()
            response.read()
        finally:
            conn.close()
        assert response.status == 200
        order.append(name)

    with running(create_app(bench)) as url:
        host = url.removeprefix("http://")
        big_thread = threading.Thread(target=post, args=("big", big, host))
        big_thread.start()
        assert started.wait(120)
        post("small", report, host)
        big_thread.join(300)
    assert order == ["small", "big"]
