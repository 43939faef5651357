"""The analysis page opened in Debian's Chromium (optional: skipped without Chromium)."""

from __future__ import annotations

from pathlib import Path

import pytest
from instr_helpers import shipped_analysis

from scrutiny.instruments.render import analysis_html


@pytest.mark.browser
def test_analysis_page_in_chromium(tmp_path: Path, chromium_path: str) -> None:
    from playwright.sync_api import sync_playwright

    page_file = tmp_path / "budapest.html"
    page_file.write_text(analysis_html(shipped_analysis("budapest-convention-ets185")),
                         encoding="utf-8")
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium_path, args=["--no-sandbox"])
        try:
            page = browser.new_page()
            errors: list[str] = []
            page.on("pageerror", lambda exc: errors.append(str(exc)))
            page.goto(page_file.as_uri())
            assert page.locator("mark").count() > 0
            first = page.locator("a.ref").first
            target = first.get_attribute("href")
            assert target and target.startswith("#finding-")
            first.click()
            assert page.evaluate("location.hash") == target
            assert page.locator(target).is_visible()
            underline = page.evaluate(
                "getComputedStyle(document.querySelector('mark')).textDecorationLine")
            assert "underline" in underline
            assert not errors
        finally:
            browser.close()
