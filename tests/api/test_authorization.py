"""The authorisation matrix: every API route × every role, expected allow or deny, as data.

"allow" means the request got past authentication and the guards (any status but 401/403:
a 409 for a transition the case's state does not allow still proves the permission was
granted); "deny" means exactly 403 with ``permission.denied`` in the one error shape.
Without a token every route answers 401 ``auth.required``.
"""

from __future__ import annotations

import pytest
from api_support import COMPLETE_DEMAND, ROLES, Env

IN, R, L, A, D = "intake", "reviewer", "legal_lead", "auditor", "admin"
ALL = frozenset(ROLES)

# (method, path, JSON body or None, roles allowed) — written out, not derived from the code.
MATRIX: list[tuple[str, str, object, frozenset[str]]] = [
    ("GET", "/api/v1/cases", None, ALL),
    ("GET", "/api/v1/cases/{case}", None, ALL),
    ("GET", "/api/v1/cases/{case}/review", None, ALL),
    ("GET", "/api/v1/cases/{case}/history", None, ALL),
    ("POST", "/api/v1/demands", COMPLETE_DEMAND, frozenset({IN})),
    ("POST", "/api/v1/demands/check", COMPLETE_DEMAND, ALL),
    ("POST", "/api/v1/reviews", COMPLETE_DEMAND, ALL),
    ("POST", "/api/v1/cases/{case}/start-review", None, frozenset({R, L})),
    ("POST", "/api/v1/cases/{case}/clarification", {"questions": ["Which court?"]},
     frozenset({R, L})),
    ("POST", "/api/v1/cases/{case}/resume", {"answer": "The authority answered in full."},
     frozenset({R, L})),
    ("POST", "/api/v1/cases/{case}/decide",
     {"outcome": "reject", "reasons": ["No valid legal process was provided."]},
     frozenset({R, L})),
    ("POST", "/api/v1/cases/{case}/approve", {"verdict": "approve"}, frozenset({L})),
    ("POST", "/api/v1/cases/{case}/execute", {}, frozenset({R, L})),
    ("POST", "/api/v1/cases/{case}/notices", {"target_index": 0}, frozenset({R, L})),
    ("POST", "/api/v1/cases/{case}/notices/defer",
     {"target_index": 0, "reason": "gag_order", "legal_basis": "Court order 12/2026 s. 4"},
     frozenset({R, L})),
    ("POST", "/api/v1/cases/{case}/appeals",
     {"by": "company", "grounds": "The order lacks a legal basis under local law."},
     frozenset({R, L})),
    ("POST", "/api/v1/cases/{case}/withdraw", {"note": "Withdrawn by the authority."},
     frozenset({IN, R, L})),
    ("POST", "/api/v1/cases/{case}/close", {}, frozenset({R, L})),
    ("GET", "/api/v1/audit/verify", None, frozenset({L, A, D})),
    ("GET", "/api/v1/audit/export", None, frozenset({A, D})),
    ("GET", "/api/v1/reports?period=2026", None, ALL),
    ("GET", "/api/v1/instruments", None, ALL),
    ("GET", "/api/v1/instruments/{instrument}/analysis", None, ALL),
]


def _call(env: Env, method: str, path: str, body: object, headers: dict[str, str]) -> object:
    url = path.format(case=env.cases[0], instrument="budapest-convention")
    return env.client.request(method, url, json=body if body is not None else None,
                              headers=headers)


@pytest.mark.parametrize(("method", "path", "body", "allowed"), MATRIX,
                         ids=[f"{m} {p}" for m, p, _, _ in MATRIX])
def test_matrix(env: Env, method: str, path: str, body: object, allowed: frozenset[str]) -> None:
    for role in ROLES:
        response = _call(env, method, path, body, env.auth(role))
        status = response.status_code  # type: ignore[attr-defined]
        if role in allowed:
            assert status not in (401, 403), (role, method, path, response.text)  # type: ignore[attr-defined]
            assert status < 500, (role, method, path, response.text)  # type: ignore[attr-defined]
        else:
            assert status == 403, (role, method, path, status)
            error = response.json()["error"]  # type: ignore[attr-defined]
            assert error["code"] == "permission.denied"
            assert set(error) <= {"code", "message", "location", "hint", "details"}


@pytest.mark.parametrize(("method", "path", "body", "allowed"), MATRIX,
                         ids=[f"{m} {p}" for m, p, _, _ in MATRIX])
def test_without_token_is_401(env: Env, method: str, path: str, body: object,
                              allowed: frozenset[str]) -> None:
    response = _call(env, method, path, body, {})
    assert response.status_code == 401  # type: ignore[attr-defined]
    assert response.json()["error"]["code"] == "auth.required"  # type: ignore[attr-defined]
    bad = _call(env, method, path, body, {"Authorization": "Bearer scr_not-a-real-token"})
    assert bad.status_code == 401  # type: ignore[attr-defined]


def test_every_api_route_is_in_the_matrix(env: Env) -> None:
    spec = env.client.get("/openapi.json").json()
    routes = {(m.upper(), p) for p, item in spec["paths"].items() for m in item
              if not p.startswith("/api/v1/portal") and p != "/api/v1/demands/letter"}
    covered = {(m, p.replace("{case}", "{case_id}").replace("{instrument}", "{name}")
                .split("?")[0]) for m, p, _, _ in MATRIX}
    assert routes == covered


def test_letter_upload_needs_import_permission(env: Env) -> None:
    files = {"file": ("letter.txt", b"Dear Sir, please remove https://example.org/x", "text/plain")}
    for role in ROLES:
        r = env.client.post("/api/v1/demands/letter", files=files, headers=env.auth(role))
        if role == "intake":
            assert r.status_code not in (401, 403)
        else:
            assert r.status_code == 403
