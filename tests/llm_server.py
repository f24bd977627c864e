"""A small OpenAI-compatible server on 127.0.0.1 for tests and the polish benchmark.

The requested model name picks the behaviour, so one server serves every test:
faithful, figure, fixable, drop, slow, flaky429, down, garbage, babble. A request with the note
prompt (a <记录> block: a practices note to expand) gets the behaviour's answer for a note.
`server.calls` counts requests per model (what the cache tests assert on).
"""

from __future__ import annotations

import json
import re
import threading
import time
from collections import Counter
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

__all__ = ["BEHAVIOURS", "NOTE", "FakeOpenAI", "expanded", "faithful"]

PARAGRAPH = re.compile(r"<原文>\n(.*)\n</原文>", re.S)
NOTE = re.compile(r"<记录>\n(.*)\n</记录>", re.S)
# Terms the "drop" behaviour deletes: theme aliases that occur in the example draft.
DROPPED = ("“三公”经费", "三公经费", "“四风”", "会议", "调研", "公务用车", "公车", "办公用房", "问责", "学习")

Reply = tuple[int, str]  # (HTTP status, assistant text or raw body for non-200)


def faithful(paragraph: str) -> str:
    """A harmless rewrite the guard must accept: one word made a little more formal."""
    for old, new in (
        ("坚持", "始终坚持"),
        ("严格", "从严"),
        ("全年", "全年度"),
        ("进一步", "更进一步"),
        ("有效", "切实有效"),
        ("开展", "组织开展"),
        ("召开", "组织召开"),
    ):
        if old in paragraph:
            return paragraph.replace(old, new, 1)
    return paragraph


def expanded(note: str) -> str:
    """A faithful expansion of a practices note: the note said as a sentence, nothing added the guard forbids."""
    return f"{note}，推动相关工作规范有序开展。"


def _change_figure(paragraph: str) -> str:
    return re.sub(r"\d+", lambda m: str(int(m.group()) + 1), paragraph, count=1)


def _drop(paragraph: str) -> str:
    for term in DROPPED:
        paragraph = paragraph.replace(term, "")
    return paragraph


class _State:
    def __init__(self) -> None:
        self.seen: set[str] = set()
        self.lock = threading.Lock()

    def first_time(self, key: str) -> bool:
        with self.lock:
            new = key not in self.seen
            self.seen.add(key)
            return new


def _behaviours() -> dict[str, Callable[[str, list[dict], _State], Reply]]:
    return {
        "faithful": lambda p, msgs, st: (200, faithful(p)),
        "figure": lambda p, msgs, st: (200, _change_figure(faithful(p))),
        # Wrong the first time, right after the retry message says what broke.
        "fixable": lambda p, msgs, st: (200, faithful(p) if len(msgs) > 2 else _change_figure(p)),
        "drop": lambda p, msgs, st: (200, _drop(p)),
        "slow": lambda p, msgs, st: (time.sleep(1.0), (200, faithful(p)))[1],
        "flaky429": lambda p, msgs, st: (
            (429, '{"error": {"message": "rate limited"}}') if st.first_time(p) else (200, faithful(p))
        ),
        "down": lambda p, msgs, st: (503, '{"error": {"message": "overloaded"}}'),
        "garbage": lambda p, msgs, st: (-200, "<html>this is not json"),
        "babble": lambda p, msgs, st: (200, "Sure! 以下是润色后的段落：\n\n**" + p[:20] + "**"),
    }


def _note_behaviours() -> dict[str, Callable[[str, _State], Reply]]:
    """What each behaviour answers to the note prompt: the faithful ones expand, the broken ones break."""
    return {
        "faithful": lambda n, st: (200, expanded(n)),
        "figure": lambda n, st: (200, f"{n}，涉及3个环节。"),
        "fixable": lambda n, st: (200, expanded(n)),
        "drop": lambda n, st: (200, _drop(expanded(n))),
        "slow": lambda n, st: (time.sleep(1.0), (200, expanded(n)))[1],
        "flaky429": lambda n, st: (
            (429, '{"error": {"message": "rate limited"}}') if st.first_time(n) else (200, expanded(n))
        ),
        "down": lambda n, st: (503, '{"error": {"message": "overloaded"}}'),
        "garbage": lambda n, st: (-200, "<html>this is not json"),
        "babble": lambda n, st: (200, "Sure! 以下是扩写：\n\n**" + n + "**"),
    }


BEHAVIOURS = tuple(_behaviours())


class FakeOpenAI:
    """Start with `with FakeOpenAI() as server:`; `server.base_url` ends in /v1. `delay` seconds per call."""

    def __init__(self, delay: float = 0.0, aliases: dict[str, str] | None = None):
        self.delay = delay
        self.aliases = dict(aliases or {})  # model name served -> behaviour (two servers, one name, two models)
        self.calls: Counter[str] = Counter()
        self.requests: list[dict[str, Any]] = []
        self._lock = threading.Lock()
        self._state = _State()
        self._behaviours = _behaviours()
        self._notes = _note_behaviours()
        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self.httpd.daemon_threads = True
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.httpd.server_address[1]}/v1"

    def __enter__(self) -> FakeOpenAI:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()
        self.thread.join(timeout=5)

    def reply(self, body: dict[str, Any]) -> Reply:
        model, messages = body.get("model", ""), body.get("messages", [])
        with self._lock:
            self.calls[model] += 1
            self.requests.append(body)
        human = next((m["content"] for m in messages if m.get("role") == "user"), "")
        human = human if isinstance(human, str) else ""
        match = PARAGRAPH.search(human)
        model = self.aliases.get(model, model)
        note = NOTE.search(human)
        if note and model in self._notes:
            time.sleep(self.delay)
            return self._notes[model](note.group(1), self._state)
        if model not in self._behaviours or not match:
            return 404, json.dumps({"error": {"message": f"unknown model {model!r} or no <原文> or <记录> block"}})
        time.sleep(self.delay)
        return self._behaviours[model](match.group(1), messages, self._state)

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args: object) -> None:  # keep test output clean
                pass

            def _send(self, status: int, body: str, content_type: str = "application/json") -> None:
                data = body.encode("utf-8")
                self.send_response(status)
                self.send_header("Content-Type", content_type)
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                try:
                    self.wfile.write(data)
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the client gave up (a timeout test); nothing to tell it

            def do_GET(self) -> None:
                if self.path.rstrip("/") == "/v1/models":
                    models = [{"id": m, "object": "model", "owned_by": "tests"} for m in server._behaviours]
                    self._send(200, json.dumps({"object": "list", "data": models}))
                else:
                    self._send(404, '{"error": {"message": "not found"}}')

            def do_POST(self) -> None:
                body = json.loads(self.rfile.read(int(self.headers.get("Content-Length", 0))) or b"{}")
                if self.path.rstrip("/") != "/v1/chat/completions":
                    self._send(404, '{"error": {"message": "not found"}}')
                    return
                status, text = server.reply(body)
                if status == -200:  # a 200 whose body is not JSON at all
                    self._send(200, text, "application/json")
                elif status != 200:
                    self._send(status, text)
                else:
                    message = {"role": "assistant", "content": text}
                    choice = {"index": 0, "message": message, "finish_reason": "stop"}
                    usage = {"prompt_tokens": 1, "completion_tokens": 1, "total_tokens": 2}
                    out = {"id": "chatcmpl-test", "object": "chat.completion", "created": 0, "model": body["model"]}
                    self._send(200, json.dumps({**out, "choices": [choice], "usage": usage}, ensure_ascii=False))

        return Handler
