"""Portal references and access codes.

A requesting authority has no account. Its receipt carries Scrutiny's reference
(``SCR-000042``) and an access code derived from the server's secret key:
``HMAC-SHA256(secret, "portal-access:" + case id)``, base32, 20 characters in groups of 5.
Nothing is stored; the code is checked by recomputing it in constant time. Rotating the
secret key revokes every code at once (documented in docs/web.md).
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import re

from scrutiny.errors import InputError, NotFoundError

__all__ = ["access_code", "case_reference", "check_access", "parse_reference"]

_REF = re.compile(r"^\s*SCR-?(\d{1,12})\s*$", re.IGNORECASE)


def case_reference(case_id: int) -> str:
    """Scrutiny's reference for a case: ``SCR-000042``."""
    return f"SCR-{case_id:06d}"


def parse_reference(text: str) -> int:
    """The case id in a reference.

    Raises:
        InputError: not a reference of the form ``SCR-000042``.
    """
    match = _REF.match(text or "")
    if not match:
        raise InputError(f"{text!r} is not a Scrutiny reference", location="reference",
                         hint="references look like SCR-000042 (see your receipt)")
    return int(match.group(1))


def access_code(secret: str, case_id: int) -> str:
    """The portal access code of a case."""
    mac = hmac.new(secret.encode(), f"portal-access:{case_id}".encode(), hashlib.sha256)
    raw = base64.b32encode(mac.digest()).decode()[:20]
    return "-".join(raw[i:i + 5] for i in range(0, 20, 5))


def check_access(secret: str, reference: str, code: str) -> int:
    """The case id if ``code`` opens ``reference``.

    Raises:
        NotFoundError: wrong reference or code — the same answer for both, so a caller
            cannot probe which references exist.
    """
    try:
        case_id = parse_reference(reference)
    except InputError:
        case_id = -1
    given = re.sub(r"[\s-]", "", code or "").upper()
    expected = access_code(secret, max(case_id, 0)).replace("-", "")
    if case_id < 0 or not hmac.compare_digest(given.encode(), expected.encode()):
        raise NotFoundError("no demand with this reference and access code",
                            location="reference",
                            hint="check the reference and access code on your receipt")
    return case_id
