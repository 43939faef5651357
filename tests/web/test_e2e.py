"""End to end in Debian's Chromium: portal → reviewer → legal lead → audit trail → verify.

An authority submits through the portal (first incomplete: refused field by field), a
reviewer opens the case, sees the letter with its highlighted values and the verdicts,
narrows and decides; a legal lead approves (four eyes); the audit trail shows each step and
the hash chain verifies. Screenshots of the queue and the case page go to ``artifacts/``.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect, sync_playwright
from web_support import BROWSER_ARGS, PASSWORD, Live

from scrutiny.audit.verify import verify_chain

pytestmark = pytest.mark.browser


def _sign_in(browser: Browser, base: str, username: str, width: int = 1280,
             height: int = 900) -> Page:
    page = browser.new_page(viewport={"width": width, "height": height})
    page.set_default_timeout(10_000)
    page.goto(f"{base}/signin")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url("**/queue")
    return page


def _submit_through_portal(page: Page, base: str) -> tuple[str, str]:
    page.goto(f"{base}/portal")
    page.get_by_label("Your reference number").fill("PR-2026-77")
    page.get_by_role("button", name="Submit the demand").click()
    summary = page.locator("#error-summary")
    expect(summary).to_be_visible()
    expect(page.locator("#f-requester-authority-error")).to_contain_text("issuing authority")
    expect(page.locator("#f-reference-error")).to_have_count(0)
    expect(page.get_by_label("Your reference number")).to_have_value("PR-2026-77")

    fill = {
        "Date issued": "2026-03-02",
        "Issuing authority": "Centre for Countering Extremism",
        "State (ISO country code)": "RU",
        "Responsible official": "I. Petrov",
        "Official's title or rank": "Head of division",
        "Verifiable contact": "+7 495 000 00 00",
        "Addressed to (legal entity)": "Example Platform Ltd",
        "Offence (provisions breached)": "Criminal Code art. 280.3",
        "Maximum penalty": "5 years",
        "Statement of reasons": "The account posted calls to protest against the war.",
        "Why the measure is necessary and proportionate": "To identify the author.",
        "Period from": "2026-02-01",
        "Period to": "2026-02-28",
        "Remedies open to the provider and the user": "Appeal to the Moscow City Court.",
        "Who receives the response": "Centre E, Moscow",
        "Language(s) of the demand": "ru",
    }
    for label, value in fill.items():
        page.get_by_label(label).first.fill(value)
    page.get_by_label("Kind of authority").select_option("police")
    page.get_by_label("Legal process").select_option("administrative_order")
    page.locator('input[name="demand_types"][value="disclosure"]').check()
    page.locator('input[name="actions"][value="disclose_user_data"]').check()
    page.locator('input[name="reason_categories"][value="political_expression"]').check()
    page.locator('input[name="data_categories"][value="subscriber"]').check()
    page.locator('input[name="data_categories"][value="traffic"]').check()
    page.locator("#f-legal-bases").fill("Federal Law 149-FZ art. 15.3")
    page.locator("#f-targets").fill("antiwar_moscow\nhttps://example.org/u/antiwar_moscow")
    page.get_by_role("button", name="Submit the demand").click()
    expect(page.get_by_role("heading", name="Demand received")).to_be_visible()
    ref = page.locator("#receipt-ref").inner_text()
    code = page.locator("#receipt-code").inner_text()
    assert re.fullmatch(r"SCR-\d{6}", ref)
    return ref, code


def test_portal_to_approved_decision(live: Live, chromium_path: str, artifacts_dir: Path) -> None:
    base = live.base_url
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=chromium_path, args=BROWSER_ARGS)
        try:
            authority = browser.new_page(viewport={"width": 1280, "height": 900})
            authority.set_default_timeout(10_000)
            ref, code = _submit_through_portal(authority, base)

            reviewer = _sign_in(browser, base, "reviewer")
            row_link = reviewer.get_by_role("link", name=ref)
            expect(row_link).to_be_visible()
            reviewer.screenshot(path=str(artifacts_dir / "web-queue.png"), full_page=True)
            row_link.click()
            expect(reviewer.locator("h1")).to_contain_text(ref)
            letter = reviewer.locator("#letter")
            expect(letter).to_contain_text("antiwar_moscow")
            expect(letter.locator('mark[data-fields~="targets[0]"]')).to_have_text(
                "antiwar_moscow")
            expect(letter.locator('mark[data-fields~="requester.authority"]')).to_have_text(
                "Centre for Countering Extremism")
            verdict = reviewer.locator('[data-safeguard="protected_expression"]')
            expect(verdict.locator(".status")).to_have_text("unmet")
            expect(verdict.locator(".sources")).to_contain_text("ICCPR")
            expect(reviewer.locator("#rec-value")).not_to_be_empty()

            reviewer.get_by_role("button", name="Start review").click()
            expect(reviewer.locator("#case-state")).to_have_text("in review")
            reviewer.get_by_label("Outcome").select_option("comply_narrowed")
            reviewer.locator("#release-0").check()
            reviewer.locator('input[name="cats_0"][value="subscriber"]').check()
            reviewer.get_by_label("Reasons (one per line)").fill(
                "Only subscriber data of the named account, for the stated month.")
            reviewer.get_by_label("Reason for departing from the recommendation").fill(
                "Narrowed to one account and subscriber data after senior review.")
            reviewer.get_by_role("button", name="Record decision").click()
            expect(reviewer.locator("#case-state")).to_have_text("awaiting approval")
            reviewer.screenshot(path=str(artifacts_dir / "web-case.png"), full_page=True)

            legal = _sign_in(browser, base, "legal")
            legal.goto(f"{base}/cases/{int(ref[4:])}")
            expect(legal.locator("#approval")).to_contain_text("comply narrowed")
            legal.get_by_label("Note", exact=True).fill("Approved: scope limited to one account.")
            legal.locator("#approve-submit").click()
            expect(legal.locator("#case-state")).to_have_text("decided")
            trail = legal.locator("#audit-trail li")
            events = [trail.nth(i).get_attribute("data-event") for i in range(trail.count())]
            assert events[:4] == ["case.imported", "case.review_started",
                                  "case.submitted_for_approval", "case.approved"]
            expect(legal.locator("#decision")).to_contain_text("Released: 0 (subscriber)")

            authority.goto(f"{base}/portal/case?ref={ref}&code={code}")
            expect(authority.locator("#status-state")).to_have_text("decided")

            auditor = _sign_in(browser, base, "auditor")
            auditor.goto(f"{base}/audit")
            expect(auditor.locator("#audit-ok")).to_be_visible()

            phone = _sign_in(browser, base, "reviewer", width=390, height=844)
            phone.screenshot(path=str(artifacts_dir / "web-queue-phone.png"), full_page=True)
            assert phone.evaluate("document.documentElement.scrollWidth") <= 390
            phone.goto(f"{base}/cases/{int(ref[4:])}")
            expect(phone.locator("#letter")).to_be_visible()
            phone.screenshot(path=str(artifacts_dir / "web-case-phone.png"))
            assert phone.evaluate("document.documentElement.scrollWidth") <= 390
        finally:
            browser.close()
    with live.store.engine.connect() as conn:
        assert verify_chain(conn).ok


def test_keyboard_only_sign_in(live: Live, chromium_path: str) -> None:
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=chromium_path, args=BROWSER_ARGS)
        try:
            page = browser.new_page()
            page.set_default_timeout(20_000)
            page.goto(f"{live.base_url}/signin")
            expect(page.locator("#f-username")).to_be_focused()  # autofocus
            page.keyboard.type("reviewer")
            page.keyboard.press("Tab")
            page.keyboard.type(PASSWORD)
            page.keyboard.press("Enter")
            page.wait_for_url("**/queue")
            expect(page.locator("h1")).to_have_text("Queue")
            page.keyboard.press("Tab")
            expect(page.locator("a.skip")).to_be_focused()
        finally:
            browser.close()


def test_clarification_round_trip(live: Live, chromium_path: str) -> None:
    """The reviewer asks; the authority answers in the portal; the reviewer reads and resumes."""
    base = live.base_url
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=chromium_path, args=BROWSER_ARGS)
        try:
            authority = browser.new_page()
            authority.set_default_timeout(10_000)
            ref, code = _submit_through_portal(authority, base)
            reviewer = _sign_in(browser, base, "reviewer")
            reviewer.goto(f"{base}/cases/{int(ref[4:])}")
            reviewer.get_by_role("button", name="Start review").click()
            reviewer.get_by_label("Questions (one per line)").fill(
                "Which court authorised this demand?\nWhat harm did the posts cause?")
            reviewer.get_by_role("button", name="Send questions").click()
            expect(reviewer.locator("#case-state")).to_have_text("awaiting clarification")

            authority.goto(f"{base}/portal")
            authority.get_by_label("Reference", exact=True).fill(ref)
            authority.get_by_label("Access code").fill(code)
            authority.get_by_role("button", name="Open").click()
            expect(authority.locator("#portal-questions li")).to_have_count(2)
            authority.get_by_label("Your answers").fill("No court; the order is administrative.")
            authority.get_by_role("button", name="Send answers").click()
            expect(authority.locator("#answer-sent")).to_be_visible()

            reviewer.reload()
            expect(reviewer.locator("#answer-1")).to_have_text(
                "No court; the order is administrative.")
            reviewer.get_by_label("Summary of the answer").fill(
                "Authority confirms there was no judicial authorisation.")
            reviewer.get_by_role("button", name="Resume review").click()
            expect(reviewer.locator("#case-state")).to_have_text("in review")
        finally:
            browser.close()
