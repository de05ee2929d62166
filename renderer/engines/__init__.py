"""The engine registry, and `auto`: edge when the service answers, else the best offline engine."""

from __future__ import annotations

import importlib
import socket
from dataclasses import dataclass
from pathlib import Path

from ..errors import EngineUnavailableError
from .base import Engine

# name → "module:class"; offline engines in order of preference
REGISTRY = {
    "edge": "renderer.engines.edge:EdgeEngine",
    "kokoro": "renderer.engines.kokoro:KokoroEngine",
    "espeak": "renderer.engines.espeak:EspeakEngine",
}
OFFLINE_PREFERENCE = ["kokoro", "espeak"]


@dataclass(frozen=True)
class EngineOptions:
    """Options some engines take (the others ignore them)."""

    proxy: str | None = None
    connect_timeout: int = 10
    receive_timeout: int = 60
    # where an engine that speaks sentence by sentence keeps them (beside the clip cache)
    sentence_dir: Path | None = None


def names() -> list[str]:
    """Engine names a user can ask for (plus `auto`)."""
    return ["auto", *REGISTRY]


def create(name: str, options: EngineOptions | None = None) -> Engine:
    """An engine instance by name."""
    options = options or EngineOptions()
    if name not in REGISTRY:
        raise EngineUnavailableError(f"unknown engine {name!r} (engines: {', '.join(names())})")
    module_name, class_name = REGISTRY[name].split(":")
    try:
        cls = getattr(importlib.import_module(module_name), class_name)
    except ImportError as exc:
        raise EngineUnavailableError(f"engine {name!r} is not installed: {exc}") from None
    engine: Engine
    if name == "edge":
        engine = cls(proxy=options.proxy, connect_timeout=options.connect_timeout,
                     receive_timeout=options.receive_timeout)
    elif name == "kokoro":
        engine = cls(sentence_dir=options.sentence_dir)
    else:
        engine = cls()
    return engine


def reachable(host: str, port: int, timeout: float = 3.0) -> tuple[bool, str]:
    """Whether a TCP connection to host:port opens; with the reason when it does not."""
    try:
        with socket.create_connection((host, port), timeout=timeout):
            return True, ""
    except socket.gaierror as exc:
        return False, f"cannot resolve {host} ({exc.strerror or exc})"
    except OSError as exc:
        return False, f"cannot connect to {host}:{port} ({exc.strerror or exc})"


def resolve(name: str, options: EngineOptions | None = None) -> tuple[Engine, str | None]:
    """The engine to use for `name`; for `auto`, also the sentence saying which and why."""
    if name != "auto":
        return create(name, options), None
    from .edge import service_address

    host, port = service_address()
    ok, why = reachable(host, port)
    if ok:
        return create("edge", options), None
    for offline in OFFLINE_PREFERENCE:
        try:
            engine = create(offline, options)
            engine.version()
        except EngineUnavailableError:
            continue
        return engine, f"edge-tts service unreachable: {why}; using the offline engine {offline}"
    raise EngineUnavailableError(f"edge-tts service unreachable ({why}) and no offline engine "
                                 "is installed")
