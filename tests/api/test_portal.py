"""The requesting-authority portal: field-by-field refusal, receipt, status, answers."""

from __future__ import annotations

import re

from api_support import COMPLETE_DEMAND, Env


def _csrf(html: str) -> str:
    match = re.search(r'name="csrf_token" value="([^"]+)"', html)
    assert match
    return match.group(1)


def test_incomplete_api_submission_is_refused_field_by_field(env: Env) -> None:
    demand = {k: v for k, v in COMPLETE_DEMAND.items()
              if k not in {"necessity_statement", "redress_info"}}
    demand["requester"] = {**COMPLETE_DEMAND["requester"], "official_contact": None}  # type: ignore[dict-item]
    r = env.client.post("/api/v1/portal/demands", json=demand)
    assert r.status_code == 422
    error = r.json()["error"]
    assert error["code"] == "demand.incomplete"
    fields = [e["field"] for e in error["details"]["errors"]]
    assert fields == ["requester.official_contact", "necessity_statement", "redress_info"]
    assert all(e["sources"] for e in error["details"]["errors"])
    before = env.client.get("/api/v1/cases", headers=env.auth("reviewer")).json()["items"]
    assert len(before) == len(env.cases)  # nothing reached the reviewers


def test_conditional_fields(env: Env) -> None:
    demand = {**COMPLETE_DEMAND, "emergency_claimed": True, "confidentiality_requested": True}
    r = env.client.post("/api/v1/portal/demands", json=demand)
    fields = [e["field"] for e in r.json()["error"]["details"]["errors"]]
    assert fields == ["emergency_justification", "confidentiality_basis",
                      "confidentiality_until"]


def test_complete_submission_gets_a_receipt_and_a_case(env: Env) -> None:
    r = env.client.post("/api/v1/portal/demands", json=COMPLETE_DEMAND)
    assert r.status_code == 201, r.text
    receipt = r.json()
    assert re.fullmatch(r"SCR-\d{6}", receipt["reference"])
    assert re.fullmatch(r"[A-Z2-7]{5}(-[A-Z2-7]{5}){3}", receipt["access_code"])
    case_id = int(receipt["reference"][4:])
    detail = env.client.get(f"/api/v1/cases/{case_id}", headers=env.auth("reviewer")).json()
    demand = detail["demand"]["body"]
    assert demand["channel"] == "portal"
    raw = demand["raw_text"]
    for field, spans in demand["provenance"].items():
        for span in spans:
            assert raw[span["start"]:span["end"]].strip(), field
    start = demand["provenance"]["targets[0]"][0]
    assert raw[start["start"]:start["end"]] == "ticketdealer2026"
    assert detail["history"][0]["actor"] == "portal"


def test_status_and_answers_with_access_code(env: Env) -> None:
    receipt = env.client.post("/api/v1/portal/demands", json=COMPLETE_DEMAND).json()
    ref, code = receipt["reference"], receipt["access_code"]
    wrong = env.client.get(f"/api/v1/portal/cases/{ref}", headers={"X-Access-Code": "AAAAA"})
    assert wrong.status_code == 404
    other = env.client.get("/api/v1/portal/cases/SCR-000001", headers={"X-Access-Code": code})
    assert other.status_code == 404
    status = env.client.get(f"/api/v1/portal/cases/{ref}", headers={"X-Access-Code": code})
    assert status.status_code == 200 and status.json()["state"] == "received"
    assert status.json()["questions"] == []
    no_questions = env.client.post(f"/api/v1/portal/cases/{ref}/answers",
                                   json={"answers": "x"}, headers={"X-Access-Code": code})
    assert no_questions.status_code == 409
    case_id = int(ref[4:])
    env.client.post(f"/api/v1/cases/{case_id}/start-review", headers=env.auth("reviewer"))
    asked = env.client.post(f"/api/v1/cases/{case_id}/clarification",
                            json={"questions": ["Which judge signed the order?"]},
                            headers=env.auth("reviewer"))
    assert asked.status_code == 200 and asked.json()["state"] == "awaiting_clarification"
    status = env.client.get(f"/api/v1/portal/cases/{ref}", headers={"X-Access-Code": code})
    assert status.json()["questions"] == ["Which judge signed the order?"]
    assert status.json()["answered"] is False
    answered = env.client.post(f"/api/v1/portal/cases/{ref}/answers",
                               json={"answers": "Judge A. Weber, Amtsgericht Köln."},
                               headers={"X-Access-Code": code})
    assert answered.status_code == 200 and answered.json()["answered"] is True
    history = env.client.get(f"/api/v1/cases/{case_id}/history",
                             headers=env.auth("reviewer")).json()
    assert history[-1]["type"] == "attachment.added" and history[-1]["actor"] == "portal"
    page = env.client.get("/signin")
    env.client.post("/signin", data={"username": "reviewer", "password":
                                     "correct horse battery staple",
                                     "csrf_token": _csrf(page.text)})
    html = env.client.get(f"/cases/{case_id}").text
    assert "Judge A. Weber, Amtsgericht Köln." in html


def test_portal_form_shows_each_problem_next_to_its_input(env: Env) -> None:
    page = env.client.get("/portal")
    assert page.status_code == 200
    r = env.client.post("/portal", data={"csrf_token": _csrf(page.text), "reference": "R-1",
                                         "requester.country": "ZZ",
                                         "demand_types": ["disclosure"]})
    assert r.status_code == 422
    html = r.text
    assert 'id="f-requester-country-error"' in html and "ISO 3166" in html
    assert 'aria-describedby="f-requester-country-help f-requester-country-error"' in html
    assert 'id="f-necessity-statement-error"' in html
    assert 'id="f-data-categories-error"' in html  # required for a disclosure
    assert 'id="f-reference-error"' not in html  # given
    assert 'value="R-1"' in html  # what was typed is kept
    assert 'id="f-territorial-scope-error"' not in html  # not required for a disclosure


def test_portal_form_submission_and_status_page(env: Env) -> None:
    page = env.client.get("/portal")
    form = {
        "csrf_token": _csrf(page.text), "reference": "BKA-1", "date": "2026-03-02",
        "requester.authority": "Bundeskriminalamt", "requester.authority_kind": "police",
        "requester.country": "de", "requester.official_name": "K. Fischer",
        "requester.official_title": "KHK", "requester.official_contact": "k@bka.bund.de",
        "addressee": "Example Ltd", "demand_types": ["disclosure"],
        "actions": ["disclose_user_data"], "process_type": "court_order",
        "legal_bases": "§ 100j StPO\n§ 94 StPO", "offence.text": "§ 263 StGB",
        "offence.max_penalty": "5 years", "facts_summary": "Ticket fraud <script>x</script>",
        "necessity_statement": "Only way to identify the seller.",
        "targets": "ticketdealer2026\nseller@example.org\n203.0.113.9",
        "data_categories": ["subscriber"], "time_range.start": "2026-03-01",
        "time_range.end": "2026-03-31", "redress_info": "§ 98(2) StPO",
        "recipient_agency": "BKA SO 42", "languages": "de, en",
    }
    r = env.client.post("/portal", data=form)
    assert r.status_code == 201, r.text[:3000]
    ref = re.search(r'id="receipt-ref">([^<]+)<', r.text).group(1)  # type: ignore[union-attr]
    code = re.search(r'id="receipt-code">([^<]+)<', r.text).group(1)  # type: ignore[union-attr]
    detail = env.client.get(f"/api/v1/cases/{int(ref[4:])}", headers=env.auth("reviewer")).json()
    body = detail["demand"]["body"]
    assert [t["kind"] for t in body["targets"]] == ["account", "email", "ip"]
    assert body["requester"]["country"] == "DE" and body["languages"] == ["de", "en"]
    assert [b["text"] for b in body["legal_bases"]] == ["§ 100j StPO", "§ 94 StPO"]
    status = env.client.get(f"/portal/case?ref={ref}&code={code}")
    assert status.status_code == 200 and "received" in status.text


def test_portal_submission_is_rate_limited(env: Env) -> None:
    codes = [env.client.post("/api/v1/portal/demands", json={"reference": f"x{i}"}).status_code
             for i in range(21)]
    assert codes[:20] == [422] * 20
    assert codes[20] == 429


def test_case_page_escapes_the_letter(env: Env) -> None:
    demand = {**COMPLETE_DEMAND, "facts_summary": "<script>alert(1)</script> & more"}
    created = env.client.post("/api/v1/demands", json=demand, headers=env.auth("intake")).json()
    page = env.client.get("/signin")
    env.client.post("/signin", data={"username": "reviewer", "password":
                                     "correct horse battery staple",
                                     "csrf_token": _csrf(page.text)})
    html = env.client.get(f"/cases/{created['case_id']}").text
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; more" in html
    assert re.search(r'<mark id="m-\d+" data-fields="facts_summary"', html)


def test_intake_uploads_a_letter_in_the_web_app(env: Env) -> None:
    from scrutiny.cases.users import UserService

    users = UserService(env.store)
    users.set_password(users.actor("admin"), "intake", "intake password long")
    page = env.client.get("/signin")
    env.client.post("/signin", data={"username": "intake", "password": "intake password long",
                                     "csrf_token": _csrf(page.text)})
    queue = env.client.get("/queue")
    assert 'action="/demands/upload"' in queue.text
    letter = b"Dear Sir,\nPlease remove https://example.org/x under Article 15.1 of Law 149-FZ.\n"
    r = env.client.post("/demands/upload", data={"csrf_token": _csrf(queue.text)},
                        files={"letter": ("notice.txt", letter, "text/plain")},
                        follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"].startswith("/cases/")
    bad = env.client.post("/demands/upload", data={"csrf_token": _csrf(queue.text)},
                          files={"letter": ("x.exe", b"MZ", "application/octet-stream")})
    assert bad.status_code == 415 and "input.unsupported" in bad.text
    nocsrf = env.client.post("/demands/upload", files={"letter": ("n.txt", letter, "text/plain")})
    assert nocsrf.status_code == 403
