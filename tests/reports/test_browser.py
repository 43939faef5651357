"""The HTML report in Debian's Chromium: charts render, no console errors, no requests."""

from __future__ import annotations

from pathlib import Path

import pytest
from test_golden import params

from scrutiny.reports.export import make_report, write_report
from scrutiny.store.engine import Store

ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]


@pytest.mark.browser
@pytest.mark.parametrize("audience", ["public", "internal"])
def test_html_report_in_chromium(fixed_sqlite: Store, chromium_path: str, artifacts_dir: Path,
                                 tmp_path: Path, audience: str) -> None:
    from playwright.sync_api import sync_playwright

    report = make_report(fixed_sqlite.engine, params(audience, band=3))
    files = write_report(report, params().period, tmp_path, ["html"], charts_files=False)
    html = files[0]
    errors: list[str] = []
    requests: list[str] = []
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=chromium_path, args=ARGS)
        try:
            page = browser.new_page(viewport={"width": 1280, "height": 900})
            page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
            page.on("pageerror", lambda e: errors.append(str(e)))
            page.on("request", lambda r: requests.append(r.url))
            page.goto(html.as_uri())
            page.wait_for_load_state("load")
            charts = page.locator("figure svg[role=img]")
            assert charts.count() == 4
            for i in range(4):
                svg = charts.nth(i)
                box = svg.bounding_box()
                assert box is not None and box["width"] > 200 and box["height"] > 100
                assert svg.get_attribute("aria-label")
                assert svg.locator("path, rect").count() > 3
            assert page.locator("table caption").count() == page.locator("table").count()
            assert page.locator("th[scope=col]").count() > 50
            if audience == "public":
                assert page.locator("td.banded").count() > 0
                assert page.locator("#overrides").count() == 0
            else:
                assert page.locator("#overrides").count() == 1
            page.screenshot(path=str(artifacts_dir / f"report-{audience}.png"), full_page=True)
        finally:
            browser.close()
    assert errors == []
    assert [u for u in requests if not u.startswith(("file:", "data:"))] == []
