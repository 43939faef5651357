"""CLI commands of this area (registered by ``scrutiny.cli``)."""

from __future__ import annotations

import typer


def register(app: typer.Typer) -> None:
    """Add this area's commands to the ``scrutiny`` app (filled in by the area's work)."""
