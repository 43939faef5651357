"""Docs are tested: every API route and every HTTP-layer error code is in docs/api.md, and the
serve command and the portal decision are in docs/web.md."""

from __future__ import annotations

import re
from pathlib import Path

from api_support import Env

from scrutiny.api.errors import HTTP_ERROR_CODES

DOCS = Path(__file__).resolve().parents[2] / "docs"


def test_every_route_is_documented(env: Env) -> None:
    text = (DOCS / "api.md").read_text(encoding="utf-8")
    spec = env.client.get("/openapi.json").json()
    missing = [f"{m.upper()} {p}" for p, item in spec["paths"].items() for m in item
               if f"`{m.upper()} {p}" not in text]
    assert not missing, f"routes missing from docs/api.md: {missing}"


def test_every_error_code_is_documented() -> None:
    text = (DOCS / "api.md").read_text(encoding="utf-8")
    source = "\n".join(p.read_text(encoding="utf-8")
                       for folder in ("api", "web")
                       for p in (Path(__file__).resolve().parents[2] / "src" / "scrutiny"
                                 / folder).rglob("*.py"))
    codes = set(re.findall(r'\bcode\s*=\s*"([a-z_]+(?:\.[a-z_]+)*)"', source))
    codes |= {code for code, _ in HTTP_ERROR_CODES.values()} | {"http.error"}
    missing = sorted(c for c in codes if f"`{c}`" not in text)
    assert not missing, f"error codes missing from docs/api.md: {missing}"


def test_web_docs_cover_serve_and_pages() -> None:
    text = (DOCS / "web.md").read_text(encoding="utf-8")
    for needle in ("`scrutiny serve", "--demo", "access code", "/queue", "/cases/{id}",
                   "/portal", "Content-Security-Policy", "benchmarks/api_load.py"):
        assert needle in text, needle
