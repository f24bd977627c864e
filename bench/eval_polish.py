"""Polish the example draft with a real local model and report what the guard let through.

Starts llama-cpp-python's OpenAI-compatible server on a GGUF (by default the
Gemma 3 270M that `make eval-polish` assembles), polishes the example draft
twice through the whole path (ChatOpenAI over HTTP, guard, retry, cache) and
prints accepted/rejected counts with reasons, model calls, cache hits and wall
time. The second run must make zero calls. Not part of the test suite.

Run: make eval-polish
     (or: .venv/bin/python bench/eval_polish.py --server-python build/eval-venv/bin/python --model FILE.gguf)
"""

from __future__ import annotations

import argparse
import json
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

import drafter
from drafter.polish import PolishSettings, polish_document

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "corpora" / "examples" / "county-2025.yaml"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_ready(base_url: str, proc: subprocess.Popen, seconds: float) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise SystemExit(f"the model server exited with code {proc.returncode}; see its log")
        try:
            with urllib.request.urlopen(f"{base_url}/models", timeout=2):
                return
        except OSError:
            time.sleep(0.5)
    raise SystemExit(f"the model server did not answer within {seconds:.0f} s")


def run(settings: PolishSettings, out: Path) -> dict:
    doc = drafter.draft(EXAMPLE)
    report = polish_document(doc, settings)
    out.write_text(doc.to_json(), encoding="utf-8")
    print(report.summary())
    return report.to_dict()


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--server-python", required=True, help="a Python with llama-cpp-python[server] installed")
    ap.add_argument("--model", required=True, help="the GGUF file to serve")
    ap.add_argument("--chat-format", default="gemma", help="llama.cpp chat format (default gemma)")
    ap.add_argument("--timeout", type=float, default=180, help="seconds per model call")
    ap.add_argument("--out", default=str(ROOT / "build" / "eval-polish"), help="folder for the polished drafts")
    args = ap.parse_args()
    # A terminated run still stops the server it started (the finally below).
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))

    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    port = free_port()
    base_url = f"http://127.0.0.1:{port}/v1"
    name = Path(args.model).stem
    log = (out / "server.log").open("w")
    cmd = [args.server_python, "-m", "llama_cpp.server", "--model", args.model, "--model_alias", name]
    cmd += ["--chat_format", args.chat_format, "--n_ctx", "4096", "--host", "127.0.0.1", "--port", str(port)]
    proc = subprocess.Popen(cmd, stdout=log, stderr=subprocess.STDOUT)
    try:
        wait_ready(base_url, proc, 120)
        with tempfile.TemporaryDirectory() as tmp:
            settings = PolishSettings(
                model=f"openai:{name}",
                base_url=base_url,
                timeout=args.timeout,
                max_concurrency=2,  # llama-cpp-python's server answers one request at a time anyway
                temperature=0.2,
                cache=str(Path(tmp) / "cache.sqlite"),
            )
            first = run(settings, out / "first.json")
            second = run(settings, out / "second.json")
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
        log.close()
    result = {"model": name, "first": first, "second": second}
    (out / "result.json").write_text(json.dumps(result, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    print(json.dumps(result, ensure_ascii=False, indent=2))
    if second["calls"] != 0:
        print("FAIL: the second run made model calls; the cache did not hold", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
