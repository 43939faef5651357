"""Helpers for the browser tests (the live-server fixture is in conftest.py)."""

from __future__ import annotations

import socket
from dataclasses import dataclass

from scrutiny.store.engine import Store

PASSWORD = "e2e password long enough"
BROWSER_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run"]


@dataclass
class Live:
    """A running server."""

    base_url: str
    store: Store


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])
