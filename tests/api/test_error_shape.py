"""The one JSON error shape, for every source of errors (after Datasette's test_error_shape).

Every error is ``{"error": {"code", "message", "location"?, "hint"?, "details"?}}`` with a
stable code, whatever raised it: a service (ScrutinyError), FastAPI's request validation,
Starlette's routing (404/405), the body limit (413), a rate limit (429) or an unexpected
exception (500, with no internal detail).
"""

from __future__ import annotations

from api_support import COMPLETE_DEMAND, Env

KEYS = {"code", "message", "location", "hint", "details"}


def _shape(response: object, status: int, code: str) -> dict[str, object]:
    assert response.status_code == status, response.text  # type: ignore[attr-defined]
    assert response.headers["content-type"].startswith("application/json")  # type: ignore[attr-defined]
    body = response.json()  # type: ignore[attr-defined]
    assert set(body) == {"error"}
    error: dict[str, object] = body["error"]
    assert set(error) <= KEYS and {"code", "message"} <= set(error)
    assert error["code"] == code
    assert "Traceback" not in response.text and 'File "' not in response.text  # type: ignore[attr-defined]
    return error


def test_unknown_path_is_404(env: Env) -> None:
    _shape(env.client.get("/api/v1/nothing-here"), 404, "not_found")


def test_wrong_method_is_405(env: Env) -> None:
    _shape(env.client.delete("/api/v1/cases", headers=env.auth("reviewer")), 405,
           "method.not_allowed")


def test_unknown_case_is_404(env: Env) -> None:
    error = _shape(env.client.get("/api/v1/cases/999999", headers=env.auth("reviewer")), 404,
                   "not_found")
    assert "999999" in str(error["message"])


def test_validation_error_names_the_field(env: Env) -> None:
    r = env.client.post("/api/v1/demands", json={"requester": {"country": "XX"}},
                        headers=env.auth("intake"))
    error = _shape(r, 422, "input.invalid")
    assert error["location"] == "body:requester.country"
    assert "ISO 3166" in str(error["message"])


def test_unknown_field_is_refused(env: Env) -> None:
    r = env.client.post("/api/v1/demands/check", json={"colour": "red"},
                        headers=env.auth("intake"))
    error = _shape(r, 422, "input.invalid")
    assert error["location"] == "body:colour"


def test_bad_json_is_422(env: Env) -> None:
    r = env.client.post("/api/v1/demands", content=b"{not json",
                        headers={**env.auth("intake"), "content-type": "application/json"})
    _shape(r, 422, "input.invalid")


def test_bad_path_parameter_is_422(env: Env) -> None:
    _shape(env.client.get("/api/v1/cases/abc", headers=env.auth("reviewer")), 422,
           "input.invalid")


def test_state_conflict_is_409(env: Env) -> None:
    r = env.client.post(f"/api/v1/cases/{env.cases[0]}/approve", json={"verdict": "approve"},
                        headers=env.auth("legal_lead"))
    error = _shape(r, 409, "state.invalid_transition")
    assert "hint" in error


def test_missing_permission_is_403(env: Env) -> None:
    r = env.client.get("/api/v1/audit/export", headers=env.auth("reviewer"))
    error = _shape(r, 403, "permission.denied")
    assert "audit.export" in str(error["message"])


def test_four_eyes_is_403(env: Env) -> None:
    demand = {**COMPLETE_DEMAND, "reference": "J-1", "target_profiles": ["journalist"]}
    created = env.client.post("/api/v1/demands", json=demand, headers=env.auth("intake"))
    assert created.status_code == 201, created.text
    assert created.json()["recommendation"] == "escalate"
    case = created.json()["case_id"]
    env.client.post(f"/api/v1/cases/{case}/start-review", headers=env.auth("legal_lead"))
    r = env.client.post(f"/api/v1/cases/{case}/decide", headers=env.auth("legal_lead"), json={
        "outcome": "reject", "reasons": ["The demand seeks a journalist's sources."],
        "override_reason": "Escalated and reviewed: the demand targets press freedom."})
    assert r.status_code == 200, r.text
    assert r.json()["state"] == "awaiting_approval"
    same = env.client.post(f"/api/v1/cases/{case}/approve", json={"verdict": "approve"},
                           headers=env.auth("legal_lead"))
    _shape(same, 403, "permission.four_eyes")
    other = env.client.post(f"/api/v1/cases/{case}/approve", json={"verdict": "approve"},
                            headers=env.auth("legal2"))
    assert other.status_code == 200 and other.json()["state"] == "rejected"


def test_body_over_limit_is_413(env: Env) -> None:
    big = b"x" * 300_000
    r = env.client.post("/api/v1/demands", content=big,
                        headers={**env.auth("intake"), "content-type": "application/json"})
    _shape(r, 413, "input.too_large")


def test_unexpected_exception_is_500_without_detail(env: Env) -> None:
    app = env.client.app

    @app.get("/api/v1/boom-for-test")  # type: ignore[attr-defined, untyped-decorator]
    def boom() -> None:
        raise RuntimeError("secret internal detail /etc/passwd")

    r = env.client.get("/api/v1/boom-for-test")
    _shape(r, 500, "internal")
    assert "secret" not in r.text and "RuntimeError" not in r.text


def test_browser_pages_get_html_errors(env: Env) -> None:
    r = env.client.get("/no-such-page", headers={"accept": "text/html"})
    assert r.status_code == 404
    assert r.headers["content-type"].startswith("text/html")
    assert "not_found" in r.text
