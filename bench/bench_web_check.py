"""Load test of the workbench's /api/check: 2,000 requests, 8 at a time, against `drafter serve`.

The server runs as a user starts it (`python -m drafter serve --port P`, its own process); each of 8
client threads keeps one connection open and posts {"text": …, "kind": "auto"} with a report of genre
length (drafts of the bundled examples, 20 different texts). Reported: requests per second, median and
99th-percentile latency, and the same for GET /api/kinds (no work: the server's own ceiling, measured
in the same run). Then one long document (4 MB) is posted together with small ones: the small ones'
latencies while it runs show whether anything queues behind it.

Run: make bench-web   (or python bench/bench_web_check.py [REQUESTS] [CONCURRENCY])
"""

from __future__ import annotations

import http.client
import json
import os
import socket
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def texts(n: int = 20) -> list[str]:
    from drafter import Workspace

    ws = Workspace()
    specs = [ws.load_spec(p) for p in sorted((ROOT / "corpora" / "examples").glob("*.yaml"))]
    return [ws.draft(specs[i % len(specs)], seed=i).to_text() for i in range(n)]


def start_server(port: int) -> subprocess.Popen:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    proc = subprocess.Popen(
        [sys.executable, "-m", "drafter", "serve", "--port", str(port)], env=env, stderr=subprocess.DEVNULL
    )
    for _ in range(600):
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.2):
                return proc
        except OSError:
            time.sleep(0.05)
    proc.kill()
    raise SystemExit("the server did not start")


def call(conn: http.client.HTTPConnection, method: str, path: str, body: bytes | None = None) -> float:
    start = time.perf_counter()
    headers = {"Content-Type": "application/json", "Host": "127.0.0.1"} if body is not None else {"Host": "127.0.0.1"}
    conn.request(method, path, body=body, headers=headers)
    response = conn.getresponse()
    data = response.read()
    if response.status != 200:
        raise SystemExit(f"{method} {path}: HTTP {response.status}: {data[:200]!r}")
    return time.perf_counter() - start


def load(port: int, requests: int, concurrency: int, method: str, path: str, bodies: list[bytes | None]):
    """(requests per second, latencies) of `requests` calls spread over `concurrency` connections."""
    latencies: list[float] = []
    lock = threading.Lock()
    counter = iter(range(requests))

    def client() -> None:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
        mine = []
        while True:
            with lock:
                i = next(counter, None)
            if i is None:
                break
            mine.append(call(conn, method, path, bodies[i % len(bodies)]))
        conn.close()
        with lock:
            latencies.extend(mine)

    threads = [threading.Thread(target=client) for _ in range(concurrency)]
    start = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return requests / (time.perf_counter() - start), latencies


def summary(name: str, rate: float, latencies: list[float]) -> str:
    ordered = sorted(latencies)
    p99 = ordered[min(len(ordered) - 1, int(len(ordered) * 0.99))]
    return (
        f"  {name:<26} {rate:7.1f} req/s   p50 {statistics.median(ordered) * 1000:6.0f} ms   p99 {p99 * 1000:6.0f} ms"
    )


def big_with_small(port: int, small: bytes, big: bytes) -> str:
    """Latencies of small checks posted one after another while one long document is being checked."""
    done = threading.Event()
    big_time: list[float] = []

    def post_big() -> None:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=600)
        big_time.append(call(conn, "POST", "/api/check", big))
        done.set()

    threading.Thread(target=post_big, daemon=True).start()
    time.sleep(0.5)
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
    smalls = []
    while not done.is_set():
        smalls.append(call(conn, "POST", "/api/check", small))
    done.wait()
    if not smalls:
        return "  the long document finished before a small one was sent"
    return (
        f"  4 MB check took {big_time[0]:.1f} s; meanwhile {len(smalls)} small checks answered, "
        f"median {statistics.median(smalls) * 1000:.0f} ms, slowest {max(smalls) * 1000:.0f} ms"
    )


def main() -> None:
    requests = int(sys.argv[1]) if len(sys.argv) > 1 else 2000
    concurrency = int(sys.argv[2]) if len(sys.argv) > 2 else 8
    bodies: list[bytes | None] = [json.dumps({"text": t, "kind": "auto"}).encode() for t in texts()]
    port = free_port()
    server = start_server(port)
    try:
        warm = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
        for b in bodies:
            call(warm, "POST", "/api/check", b)
        chars = statistics.mean(len(json.loads(b)["text"]) for b in bodies if b)
        print(f"{requests} requests, {concurrency} at a time; reports of {chars:,.0f} characters on average")
        print(f"  load average {os.getloadavg()[0]:.1f} at the start ({os.cpu_count()} processors, shared)")
        print(summary("GET /api/kinds (baseline)", *load(port, requests, concurrency, "GET", "/api/kinds", [None])))
        print(summary("POST /api/check", *load(port, requests, concurrency, "POST", "/api/check", bodies)))
        big_path = ROOT / "build" / "bench" / "check-4mb.txt"
        if big_path.exists():
            big = json.dumps({"text": big_path.read_text(encoding="utf-8"), "kind": "eight-point"}).encode()
            print(big_with_small(port, bodies[0] or b"", big))
        else:
            print("  (no build/bench/check-4mb.txt: run bench/bench_check_large.py once for the long-document test)")
        print(f"  load average {os.getloadavg()[0]:.1f} at the end")
    finally:
        server.terminate()
        server.wait(timeout=30)


if __name__ == "__main__":
    main()
