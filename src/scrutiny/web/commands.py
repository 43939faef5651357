"""``scrutiny serve``: run the web app and API (uvicorn), optionally on a fresh demo database."""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path
from typing import Annotated

import typer

__all__ = ["register", "serve"]


def serve(
    demo: Annotated[bool, typer.Option(
        "--demo", help="Seed a fresh demo database (cases from published demands, one user "
        "per role) and print the sign-in credentials.")] = False,
    host: Annotated[str | None, typer.Option(help="Address to listen on [SCRUTINY_HOST].")] = None,
    port: Annotated[int | None, typer.Option(help="Port [SCRUTINY_PORT].")] = None,
    workers: Annotated[int | None, typer.Option(
        min=1, help="Worker processes [SCRUTINY_WORKERS].")] = None,
    json_output: Annotated[bool, typer.Option(
        "--json", help="Print the demo credentials as JSON lines on stdout.")] = False,
) -> None:
    """Serve the reviewers' web app, the authority portal and the REST API."""
    import uvicorn

    from scrutiny.settings import get_settings

    settings = get_settings()
    if demo:
        from scrutiny.web.demo import print_credentials, seed_demo

        folder = Path(tempfile.mkdtemp(prefix="scrutiny-demo-"))
        url = f"sqlite:///{folder / 'demo.db'}"
        os.environ["SCRUTINY_DATABASE_URL"] = url
        get_settings.cache_clear()
        settings = get_settings()
        seeded = seed_demo(url, progress=not json_output)
        print_credentials(seeded, json_output=json_output)
        print(f"demo database: {folder / 'demo.db'}", file=sys.stderr)
    _ensure_portal_account(settings.database_url)
    host = host or settings.host
    port = port or settings.port
    workers = workers or settings.workers
    print(f"Scrutiny on http://{host}:{port}/  (API reference: http://{host}:{port}/docs)",
          file=sys.stderr)
    uvicorn.run(
        "scrutiny.api.app:app_from_settings",
        factory=True,
        host=host,
        port=port,
        workers=workers,
        proxy_headers=True,
        forwarded_allow_ips="127.0.0.1",
        server_header=False,
        log_level="warning",
        access_log=False,
    )


def _ensure_portal_account(url: str) -> None:
    """Create (and migrate) the store and the portal's service account before any worker."""
    from scrutiny.api.deps import PORTAL_ACCOUNT
    from scrutiny.cases.users import UserService
    from scrutiny.cases.vocab import Role
    from scrutiny.store.engine import Store, normalise_url

    store = Store(normalise_url(url))
    try:
        UserService(store).ensure_service_account(
            PORTAL_ACCOUNT, (Role.INTAKE,), name="Authority portal (service account)")
    finally:
        store.dispose()


def register(app: typer.Typer) -> None:
    """Add ``scrutiny serve``."""
    app.command("serve")(serve)
