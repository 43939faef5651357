"""A self-contained API reference page rendered from the OpenAPI document.

FastAPI's Swagger UI and ReDoc load JavaScript from a CDN; Scrutiny runs offline and its
Content-Security-Policy allows nothing from another origin. So ``/docs`` is plain HTML
generated here from ``app.openapi()``: every operation with its parameters, request body,
responses and the schemas they use. No script at all.
"""

from __future__ import annotations

import re
from typing import Any

from markupsafe import Markup, escape

__all__ = ["inline_markdown", "operations", "schema_summary"]

_METHODS = ("get", "post", "put", "patch", "delete")


def inline_markdown(text: str) -> Markup:
    """Escape ``text``, then render its inline `code` and **bold** (nothing else)."""
    html = str(escape(text))
    html = re.sub(r"`([^`]+)`", r"<code>\1</code>", html)
    html = re.sub(r"\*\*([^*]+)\*\*", r"<strong>\1</strong>", html)
    return Markup(html)  # built from escaped text only


def _ref_name(schema: dict[str, Any]) -> str | None:
    ref = schema.get("$ref")
    return ref.rsplit("/", 1)[-1] if isinstance(ref, str) else None


def schema_summary(schema: dict[str, Any] | None) -> str:
    """A short type expression for a schema: ``CaseList``, ``array of Target``, ``string``."""
    if not schema:
        return ""
    name = _ref_name(schema)
    if name:
        return name
    if "anyOf" in schema:
        parts = [schema_summary(s) for s in schema["anyOf"]]
        return " | ".join(p for p in parts if p)
    kind = schema.get("type")
    if kind == "array":
        return f"array of {schema_summary(schema.get('items', {}))}"
    if "enum" in schema:
        return " | ".join(repr(v) for v in schema["enum"][:12])
    fmt = schema.get("format")
    return f"{kind} ({fmt})" if fmt and kind else str(kind or "object")


def operations(spec: dict[str, Any]) -> list[dict[str, Any]]:
    """Flatten the spec's paths into display rows, grouped by their first tag (stable order)."""
    rows: list[dict[str, Any]] = []
    for path, item in spec.get("paths", {}).items():
        for method in _METHODS:
            op = item.get(method)
            if not op:
                continue
            params = [
                {
                    "name": p.get("name"),
                    "in": p.get("in"),
                    "required": bool(p.get("required")),
                    "type": schema_summary(p.get("schema")),
                    "description": p.get("description") or p.get("schema", {}).get("description")
                    or "",
                }
                for p in op.get("parameters", [])
            ]
            body = []
            for media, content in op.get("requestBody", {}).get("content", {}).items():
                body.append({"media": media, "type": schema_summary(content.get("schema"))})
            responses = []
            for status, resp in op.get("responses", {}).items():
                kinds = [schema_summary(c.get("schema")) for c in resp.get("content", {}).values()]
                responses.append({"status": status, "description": resp.get("description", ""),
                                  "type": ", ".join(k for k in kinds if k)})
            rows.append({
                "tag": (op.get("tags") or ["other"])[0],
                "method": method.upper(),
                "path": path,
                "id": op.get("operationId", f"{method}-{path}"),
                "summary": op.get("summary", ""),
                "description": op.get("description", ""),
                "parameters": params,
                "body": body,
                "responses": responses,
                "security": bool(op.get("security", spec.get("security"))),
            })
    return rows
