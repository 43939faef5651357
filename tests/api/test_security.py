"""Security: headers, session cookie flags, CSRF on every form post, rate limits, sign-in."""

from __future__ import annotations

import re

from api_support import PASSWORD, Env


def _csrf(html: str) -> str:
    match = re.search(r'name="csrf_token" value="([^"]+)"', html)
    assert match, "form without a CSRF token"
    return match.group(1)


def test_security_headers_everywhere(env: Env) -> None:
    for path in ("/signin", "/portal", "/docs", "/openapi.json", "/api/v1/cases", "/nope"):
        r = env.client.get(path)
        csp = r.headers["content-security-policy"]
        assert "unsafe-eval" not in csp and "unsafe-inline" not in csp
        assert "frame-ancestors 'none'" in csp and "default-src 'self'" in csp
        assert r.headers["x-content-type-options"] == "nosniff"
        assert r.headers["referrer-policy"] == "same-origin"
        assert r.headers["x-frame-options"] == "DENY"


def test_docs_page_loads_nothing_from_elsewhere(env: Env) -> None:
    html = env.client.get("/docs").text
    assert "cdn" not in html.lower()
    assert not re.search(r'(src|href)="https?://', html.split("<main", 1)[0])
    spec = env.client.get("/openapi.json").json()
    for path in spec["paths"]:
        assert path in html


def test_session_cookie_flags_and_sign_in(env: Env) -> None:
    page = env.client.get("/signin")
    cookie = page.headers["set-cookie"].lower()
    assert "httponly" in cookie and "samesite=lax" in cookie and "secure" not in cookie
    r = env.client.post("/signin", data={"username": "reviewer", "password": PASSWORD,
                                         "csrf_token": _csrf(page.text), "next": "/queue"},
                        follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"] == "/queue"
    assert env.client.get("/queue").status_code == 200


def test_secure_cookie_over_https(env: Env) -> None:
    r = env.client.get("https://testserver/signin")
    assert "secure" in r.headers["set-cookie"].lower()
    assert "strict-transport-security" in r.headers


def test_wrong_password_is_refused(env: Env) -> None:
    page = env.client.get("/signin")
    r = env.client.post("/signin", data={"username": "reviewer", "password": "nope",
                                         "csrf_token": _csrf(page.text)})
    assert r.status_code == 401
    assert "wrong password" in r.text
    assert env.client.get("/queue", headers={"accept": "text/html"},
                          follow_redirects=False).status_code == 303


def test_form_post_without_csrf_token_is_refused(env: Env) -> None:
    env.client.get("/signin")
    r = env.client.post("/signin", data={"username": "reviewer", "password": PASSWORD})
    assert r.status_code == 403
    assert "csrf.invalid" in r.text
    r = env.client.post("/portal", data={"reference": "x"}, headers={"accept": "application/json"})
    assert r.status_code == 403


def test_cross_origin_post_is_refused(env: Env) -> None:
    page = env.client.get("/signin")
    r = env.client.post("/signin", data={"username": "reviewer", "password": PASSWORD,
                                         "csrf_token": _csrf(page.text)},
                        headers={"origin": "https://evil.example"})
    assert r.status_code == 403


def test_sign_in_is_rate_limited(env: Env) -> None:
    page = env.client.get("/signin")
    token = _csrf(page.text)
    statuses = [env.client.post("/signin", data={"username": "reviewer", "password": "x",
                                                 "csrf_token": token}).status_code
                for _ in range(12)]
    assert statuses[:10] == [401] * 10
    assert statuses[10] == 429


def test_pages_need_sign_in(env: Env) -> None:
    for path in ("/queue", f"/cases/{env.cases[0]}", "/audit"):
        r = env.client.get(path, headers={"accept": "text/html"}, follow_redirects=False)
        assert r.status_code == 303 and r.headers["location"].startswith("/signin")
