"""The reviewers' web app and the requesting-authority portal (server-rendered pages).

``views`` holds the page routers (a few lines per handler; every change goes through the case
services), ``session`` the signed cookie sessions and CSRF tokens, ``portal_form`` the portal
form built from the Demand model, ``highlight`` the letter segments, ``demo`` the
``scrutiny serve --demo`` seed, ``commands`` the ``scrutiny serve`` command.
"""

from __future__ import annotations

__all__: list[str] = []
