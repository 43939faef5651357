"""Submitting demands through the API: JSON, idempotency keys, review without storing, lists."""

from __future__ import annotations

from api_support import COMPLETE_DEMAND, Env


def test_json_submission_creates_a_reviewed_case(any_env: Env) -> None:
    env = any_env
    demand = {**COMPLETE_DEMAND, "reference": "NEW-1"}
    r = env.client.post("/api/v1/demands", json=demand, headers=env.auth("intake"))
    assert r.status_code == 201, r.text
    out = r.json()
    assert out["created"] is True and out["reference"] == f"SCR-{out['case_id']:06d}"
    assert r.headers["location"] == f"/api/v1/cases/{out['case_id']}"
    assert out["review"]["recommendation"] == out["recommendation"]
    assert {v["safeguard"] for v in out["review"]["verdicts"]} >= {"legality", "necessity"}
    again = env.client.post("/api/v1/demands", json=demand, headers=env.auth("intake"))
    assert again.status_code == 200 and again.json()["case_id"] == out["case_id"]
    assert again.json()["created"] is False


def test_idempotency_key(env: Env) -> None:
    headers = {**env.auth("intake"), "Idempotency-Key": "k-123"}
    first = env.client.post("/api/v1/demands", json={**COMPLETE_DEMAND, "reference": "I-1"},
                            headers=headers)
    assert first.status_code == 201
    retry = env.client.post("/api/v1/demands", json={**COMPLETE_DEMAND, "reference": "I-1"},
                            headers=headers)
    assert retry.status_code == 200 and retry.json()["case_id"] == first.json()["case_id"]
    other = env.client.post("/api/v1/demands", json={**COMPLETE_DEMAND, "reference": "I-2"},
                            headers=headers)
    assert other.status_code == 409
    assert other.json()["error"]["code"] == "idempotency.mismatch"


def test_review_without_storing(env: Env) -> None:
    before = len(env.client.get("/api/v1/cases", headers=env.auth("auditor")).json()["items"])
    r = env.client.post("/api/v1/reviews", json=COMPLETE_DEMAND, headers=env.auth("auditor"))
    assert r.status_code == 200
    assert r.json()["recommendation"] in {"comply", "comply_narrowed", "clarify", "reject",
                                          "escalate"}
    after = len(env.client.get("/api/v1/cases", headers=env.auth("auditor")).json()["items"])
    assert before == after


def test_completeness_check(env: Env) -> None:
    r = env.client.post("/api/v1/demands/check", json={"reference": "x"},
                        headers=env.auth("reviewer"))
    assert r.status_code == 200
    assert r.json()["complete"] is False
    assert r.json()["problems"][0]["field"] == "date"
    full = env.client.post("/api/v1/demands/check", json=COMPLETE_DEMAND,
                           headers=env.auth("reviewer"))
    assert full.json() == {"complete": True, "problems": []}


def test_list_filters_and_keyset_pages(env: Env) -> None:
    h = env.auth("reviewer")
    page1 = env.client.get("/api/v1/cases?limit=2", headers=h).json()
    assert [c["id"] for c in page1["items"]] == [3, 2] and page1["next_before"] == 2
    page2 = env.client.get(f"/api/v1/cases?limit=2&before={page1['next_before']}", headers=h)
    assert [c["id"] for c in page2.json()["items"]] == [1]
    assert page2.json()["next_before"] is None
    env.client.post("/api/v1/cases/1/start-review", headers=h)
    in_review = env.client.get("/api/v1/cases?state=in_review", headers=h).json()["items"]
    assert [c["id"] for c in in_review] == [1]
    assert env.client.get("/api/v1/cases?country=FR", headers=h).json()["items"] == []
    assert len(env.client.get("/api/v1/cases?country=DE&demand_type=disclosure",
                              headers=h).json()["items"]) == 3
    bad = env.client.get("/api/v1/cases?state=nonsense", headers=h)
    assert bad.status_code == 422 and bad.json()["error"]["location"].startswith("query:state")


def test_full_workflow_through_the_api(any_env: Env) -> None:
    env = any_env
    h = env.auth("reviewer")
    case = env.cases[1]
    assert env.client.post(f"/api/v1/cases/{case}/start-review", headers=h).status_code == 200
    decided = env.client.post(f"/api/v1/cases/{case}/decide", headers=h, json={
        "outcome": "comply_narrowed", "reasons": ["Only the account is adequately linked."],
        "override_reason": "Scope narrowed to the account named in the court order.",
        "scope": [{"target": 0, "data_categories": ["subscriber"]}]})
    assert decided.status_code == 200, decided.text
    state = decided.json()["state"]
    if state == "awaiting_approval":
        ok = env.client.post(f"/api/v1/cases/{case}/approve", json={"verdict": "approve"},
                             headers=env.auth("legal_lead"))
        assert ok.status_code == 200
    detail = env.client.get(f"/api/v1/cases/{case}", headers=h).json()
    assert detail["state"] == "decided"
    scope = detail["decisions"][-1]["scope"]
    assert [s["release"] for s in scope] == [True, False]
    assert env.client.post(f"/api/v1/cases/{case}/execute", json={}, headers=h).status_code == 200
    for target in (0, 1):
        assert env.client.post(f"/api/v1/cases/{case}/notices", json={"target_index": target},
                               headers=h).status_code == 201
    closed = env.client.post(f"/api/v1/cases/{case}/close", json={"note": "done"}, headers=h)
    assert closed.status_code == 200 and closed.json()["state"] == "closed"
    verify = env.client.get("/api/v1/audit/verify", headers=env.auth("auditor")).json()
    assert verify["ok"] is True
    export = env.client.get("/api/v1/audit/export", headers=env.auth("auditor"))
    lines = export.text.strip().splitlines()
    assert export.headers["content-type"].startswith("application/x-ndjson")
    assert '"kind": "head"' in lines[-1] and '"verified": true' in lines[-1]


def test_reports_and_instruments(env: Env) -> None:
    h = env.auth("auditor")
    public = env.client.get("/api/v1/reports?period=2026", headers=h)
    assert public.status_code == 200 and public.json()["audience"] == "public"
    internal = env.client.get("/api/v1/reports?period=2026&audience=internal", headers=h)
    assert internal.json()["audience"] == "internal"
    bad = env.client.get("/api/v1/reports?period=someday", headers=h)
    assert bad.status_code == 422 and bad.json()["error"]["location"] == "query:period"
    names = [i["name"] for i in env.client.get("/api/v1/instruments", headers=h).json()]
    assert names and all("path" not in i for i in
                         env.client.get("/api/v1/instruments", headers=h).json())
    analysis = env.client.get(f"/api/v1/instruments/{names[0]}/analysis", headers=h)
    assert analysis.status_code == 200 and "/" not in str(analysis.json()["instrument"].get(
        "path", ""))
    missing = env.client.get("/api/v1/instruments/etc-passwd/analysis", headers=h)
    assert missing.status_code == 404 and missing.json()["error"]["code"] == "not_found"


def test_letter_upload(env: Env) -> None:
    from scrutiny.web.demo import DEMO_DIR

    letter = next(iter(sorted((DEMO_DIR / "letters").glob("Spain*.md"))))
    content = letter.read_bytes()
    h = env.auth("intake")
    r = env.client.post("/api/v1/demands/letter", headers=h,
                        files={"file": (letter.name, content, "text/markdown")})
    assert r.status_code == 201, r.text
    case = r.json()["case_id"]
    detail = env.client.get(f"/api/v1/cases/{case}", headers=h).json()
    body = detail["demand"]["body"]
    assert body["raw_text"] and body["provenance"]
    assert any(a["kind"] for a in detail["attachments"])
    again = env.client.post("/api/v1/demands/letter", headers=h,
                            files={"file": (letter.name, content, "text/markdown")})
    assert again.status_code == 200 and again.json()["case_id"] == case
    odd = env.client.post("/api/v1/demands/letter", headers=h,
                          files={"file": ("letter.exe", b"MZ\x90\x00", "application/octet-stream")})
    assert odd.status_code == 415 and odd.json()["error"]["code"] == "input.unsupported"
    empty = env.client.post("/api/v1/demands/letter", headers=h,
                            files={"file": ("letter.txt", b"", "text/plain")})
    assert empty.status_code == 422


def test_list_by_deadline_pages_and_total(any_env: Env) -> None:
    env = any_env
    h = env.auth("reviewer")
    everything = env.client.get("/api/v1/cases?order=deadline&limit=100&total=true",
                                headers=h).json()
    ids = [c["id"] for c in everything["items"]]
    assert everything["total"] == len(ids) >= 2 and everything["next_after"] is None
    keys = [(c["deadline_at"] or "~", c["risk"] != "high", c["id"]) for c in everything["items"]]
    assert keys == sorted(keys)
    paged: list[int] = []
    after: str | None = None
    while True:
        params: dict[str, str | int] = {"order": "deadline", "limit": 1}
        if after:
            params["after"] = after
        page = env.client.get("/api/v1/cases", params=params, headers=h).json()
        paged += [c["id"] for c in page["items"]]
        after = page["next_after"]
        assert page["next_before"] is None
        if after is None:
            break
    assert paged == ids
    bad = env.client.get("/api/v1/cases?order=deadline&after=x", headers=h)
    assert bad.status_code == 422
