"""Serve the studio with uvicorn on 127.0.0.1 only, and say (or open) its URL."""

from __future__ import annotations

import errno
import os
import secrets
import socket
import sys
import threading
import webbrowser
from collections.abc import Callable
from pathlib import Path

from ..errors import OutputError
from ..render.plan import RenderOptions
from .app import create_app
from .session import StudioSession

LOOPBACK = "127.0.0.1"


def bind(port: int) -> socket.socket:
    """A listening socket on the loopback address only (port 0: any free port)."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((LOOPBACK, port))
    except OSError as exc:
        sock.close()
        if exc.errno == errno.EADDRINUSE:
            raise OutputError(f"port {port} on {LOOPBACK} is in use; pass --port 0 for a "
                              "free one") from None
        raise OutputError(f"cannot listen on {LOOPBACK}:{port}: {exc.strerror or exc}") from None
    sock.listen(64)
    return sock


def can_open_browser() -> bool:
    """Whether there is a screen to open a browser on."""
    if sys.platform in ("darwin", "win32"):
        return True
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


def serve(script_path: Path, options: RenderOptions, port: int, open_browser: bool,
          announce: Callable[[str], None]) -> None:
    """Load the script, listen on 127.0.0.1:`port`, announce the URL, serve until Ctrl-C."""
    import uvicorn

    session = StudioSession(Path(script_path), options)  # a bad script fails before listening
    sock = bind(port)
    port = sock.getsockname()[1]
    token = secrets.token_urlsafe(24)
    url = f"http://{LOOPBACK}:{port}/?token={token}"
    if session.engine_note:
        announce(session.engine_note)
    announce(f"studio for {script_path}: {url}")
    announce("(Ctrl-C stops it)")
    if open_browser and can_open_browser():
        threading.Timer(0.3, webbrowser.open, [url]).start()
    config = uvicorn.Config(create_app(session, token, port), log_level="warning",
                            lifespan="off", timeout_graceful_shutdown=2, access_log=False)
    uvicorn.Server(config).run(sockets=[sock])
