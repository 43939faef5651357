"""The time budget holds inside third-party parsers: a crafted PDF on which pdfminer loops
(found by atheris) ends with input.too_large at the budget, in the main thread or another."""

from __future__ import annotations

import base64
import threading
import time

import pytest

from scrutiny.errors import LimitError
from scrutiny.intake.limits import Budget, Limits, call_with_deadline
from scrutiny.intake.readers import read_bytes

_LOOPING_PDF = base64.b64decode(
    "JVBERi0xLjMKJenr8b8KMSAwIG9iago8PAovQ291bnQgMQovS2lkcyBbMyAwIFJdCi9NZWRpYUJveGVkaWFCb3ggWzAgMCA1OTUuMjggODQxLjg5XQovVHlwZSAvUGFnZXMKPj4KZW5kb29iago8PAovT3BlbkFjdGlvbiBbMyAwIFIgL0ZpdEggbnVsbF0KL1BhZ2VMYXlvdXQgL09uZUNvbHVtbgovUGFnZXMgMSAwIFIKL1R5cGUgL0NhdGFiago8PAovQ291bnQgMQovS2lkcyBbMyAwIFJdCi9NZWRpYUJveCBbMCAwIDU5NS4yOCA4NDEuODldCi9UeXBlIC9QYWdlcwo+PgplbmRvYmoKMiAwIG9iago8PAovT3BlbkFjdGlvbiBbMyAwIFIgL0ZpdEggbnVsbF0KL1BhZ2VMYXlvdXQgL09uZUNvbHVtbgovUGFnZXMgMSAwIFIKL1R5cGUgL0NhdGFsb2cKPj4KZW5kb2JqCjMgMCBvYmoKPDwKL0NvbgplbmRzdHJlYW0KZW5kb2JqCjUgMCBvYmo3OSAwMDAwMCBuIAowMDAwMDAwNTc2IDAwMDAwIG4gCjAwMDAwMDA2NjMgMDAwMDAgbiAKdHJhaWxlcgo8PAovU2l6ZSA4Ci9Sb290IDIgMCBSCi9JbmZvIDcgMCBSCi9JRCBbPDkwQUQyQ0I2NkU1NUFFM0U3MDFFQzZFM0IwRjI0MTBEPjw5MEFEMkNCNjZFNTVBRTNFNzAxRUM2RTNCMEYyNDEwRD5dCj4+CnN0YXJ0eHJlZgo3MTgKJSVFT0YK"
)


def test_looping_pdf_stops_at_the_budget() -> None:
    start = time.monotonic()
    with pytest.raises(LimitError, match="longer than 1 s"):
        read_bytes(_LOOPING_PDF, "crafted.pdf", Limits(seconds=1.0))
    assert time.monotonic() - start < 20


def _spin() -> int:
    n = 0
    while True:
        n += 1


def test_call_with_deadline_in_another_thread() -> None:
    errors: list[BaseException] = []

    def work() -> None:
        try:
            call_with_deadline(_spin, Budget(0.3, "x"), "spinning")
        except LimitError as exc:
            errors.append(exc)

    t = threading.Thread(target=work)
    t.start()
    t.join(10)
    assert not t.is_alive()
    assert len(errors) == 1 and "spinning" in str(errors[0])


def test_call_with_deadline_returns_and_does_not_fire_later() -> None:
    assert call_with_deadline(lambda: 42, Budget(0.2, "x"), "quick") == 42
    time.sleep(0.4)  # the cancelled watchdog must not interrupt later code
    assert sum(range(1000)) == 499500
