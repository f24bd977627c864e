"""Serving the workbench with uvicorn: on loopback by default, or in a background thread (tests, screenshots)."""

from __future__ import annotations

import errno
import ipaddress
import socket
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any, TextIO

from ..errors import DrafterError, MissingExtra

__all__ = ["LOOPBACK_HOSTS", "is_loopback", "require_web", "running", "serve"]

LOOPBACK_HOSTS = ["127.0.0.1", "localhost", "::1", "[::1]"]


def require_web() -> None:
    """FastAPI, uvicorn and python-multipart, or a DrafterError saying what to install."""
    try:
        import fastapi  # noqa: F401
        import python_multipart  # noqa: F401
        import uvicorn  # noqa: F401
    except ImportError as exc:
        raise MissingExtra(f"the web workbench needs {exc.name}", "web", exc.name) from None


def is_loopback(host: str) -> bool:
    """True for 127.0.0.0/8, ::1 and localhost: addresses no other machine can reach."""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def _config(app: Any, host: str, port: int, log_level: str) -> Any:
    import uvicorn

    # No websockets (the page doesn't use them) and no lifespan events (the app has none).
    return uvicorn.Config(app, host=host, port=port, log_level=log_level, ws="none", lifespan="off", access_log=False)


def serve(host: str = "127.0.0.1", port: int = 8765, stderr: TextIO | None = None) -> None:
    """Run the workbench until interrupted; warn when the address is reachable from other machines."""
    require_web()
    import uvicorn

    from .app import create_app

    err = stderr or sys.stderr
    loopback = is_loopback(host)
    if not loopback:
        print(
            f"drafter: warning: serving on {host}, reachable from other machines; the workbench has no login. "
            "Use the default --host 127.0.0.1 unless you trust everyone on this network.",
            file=err,
        )
    app = create_app(allowed_hosts=LOOPBACK_HOSTS if loopback else None)
    sock = _bind(host, port)  # before the URL is printed: a busy port is the one line the user sees
    shown = f"[{host}]" if ":" in host else host
    print(f"drafter workbench: http://{shown}:{port}/  (Ctrl-C to stop)", file=err)
    try:
        uvicorn.Server(_config(app, host, port, "warning")).run(sockets=[sock])
    finally:
        sock.close()


def _bind(host: str, port: int) -> socket.socket:
    """A listening socket on host:port, or a DrafterError saying the port is busy (or the address unusable)."""
    try:
        infos = socket.getaddrinfo(host.strip("[]"), port, type=socket.SOCK_STREAM)
        family, _, _, _, addr = infos[0]
        sock = socket.socket(family, socket.SOCK_STREAM)
    except (OSError, IndexError) as exc:
        raise DrafterError(f"can't serve on {host}:{port}: {getattr(exc, 'strerror', None) or exc}") from None
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind(addr)
        sock.listen(2048)
    except OSError as exc:
        sock.close()
        if exc.errno == errno.EADDRINUSE:
            raise DrafterError(
                f"port {port} on {host} is busy; another program (or drafter) uses it: try --port"
            ) from None
        raise DrafterError(f"can't serve on {host}:{port}: {exc.strerror or exc}") from None
    sock.set_inheritable(True)
    return sock


@contextmanager
def running(app: Any, host: str = "127.0.0.1") -> Iterator[str]:
    """Serve `app` on a free port in a background thread; yields the base URL, stops on exit."""
    import uvicorn

    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind((host, 0))
    port = sock.getsockname()[1]
    server = uvicorn.Server(_config(app, host, port, "error"))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    try:
        for _ in range(500):  # up to 5 s
            if server.started or not thread.is_alive():
                break
            threading.Event().wait(0.01)
        if not server.started:
            raise DrafterError(f"the workbench did not start on {host}:{port}")
        yield f"http://{host}:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)
        sock.close()
