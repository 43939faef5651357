"""Data shared by the API tests."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from fastapi.testclient import TestClient

from scrutiny.api.app import create_app
from scrutiny.api.deps import PORTAL_ACCOUNT
from scrutiny.cases.params import load_params
from scrutiny.cases.service import CaseService
from scrutiny.cases.users import UserService
from scrutiny.cases.vocab import Role
from scrutiny.demands.model import Demand
from scrutiny.settings import Settings
from scrutiny.store.engine import Store

ROLES = ("intake", "reviewer", "legal_lead", "auditor", "admin")
PASSWORD = "correct horse battery staple"

COMPLETE_DEMAND: dict[str, object] = {
    "reference": "BKA-2026-0815",
    "date": "2026-03-02",
    "requester": {
        "authority": "Bundeskriminalamt", "authority_kind": "police", "country": "DE",
        "official_name": "K. Fischer", "official_title": "Kriminalhauptkommissarin",
        "official_contact": "k.fischer@bka.bund.de",
    },
    "addressee": "Example Platform Ireland Ltd",
    "demand_types": ["disclosure"],
    "actions": ["disclose_user_data"],
    "process_type": "court_order",
    "legal_bases": [{"text": "§ 100j StPO"}],
    "offence": {"text": "§ 263 StGB fraud", "max_penalty": "5 years"},
    "facts_summary": "An account was used to sell fake tickets to 40 victims in March 2026.",
    "necessity_statement": "Subscriber data is the only way to identify the seller.",
    "targets": [{"kind": "account", "value": "ticketdealer2026"},
                {"kind": "email", "value": "seller@example.org"}],
    "data_categories": ["subscriber"],
    "time_range": {"start": "2026-03-01", "end": "2026-03-31"},
    "redress_info": "Objection under § 98(2) StPO before the Amtsgericht.",
    "recipient_agency": "Bundeskriminalamt, SO 42",
    "languages": ["de"],
    "judicial_authorisation": {"present": True, "authorised_by": "court"},
}


@dataclass
class Env:
    """A running app and its people."""

    client: TestClient
    store: Store
    tokens: dict[str, str]
    cases: list[int]
    service: CaseService

    def auth(self, role: str) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.tokens[role]}"}


def make_env(url: str, tmp_path: Path) -> Env:
    store = Store(url)
    users = UserService(store)
    admin = None
    tokens: dict[str, str] = {}
    for role in ("admin", "intake", "reviewer", "legal_lead", "auditor"):
        name = role.replace("_", "")
        users.add(admin, name, [Role(role)], password=PASSWORD if role == "reviewer" else None)
        actor = users.actor(name)
        admin = admin or actor
        tokens[role] = users.create_token(actor, "test")[1]
    users.add(admin, "legal2", [Role.LEGAL_LEAD])
    tokens["legal2"] = users.create_token(users.actor("legal2"), "test")[1]
    users.add(admin, PORTAL_ACCOUNT, [Role.INTAKE])
    service = CaseService(store, load_params())
    intake = users.actor("intake")
    ids = []
    for n in range(3):
        data = json.loads(json.dumps(COMPLETE_DEMAND))
        data["reference"] = f"REF-{n}"
        ids.append(service.import_demand(intake, Demand.model_validate(data)).case_id)
    settings = Settings(database_url=url, secret_key="test-secret-key-0123456789abcdef",
                        max_upload_bytes=200_000)
    app = create_app(settings, store=store)
    return Env(TestClient(app, raise_server_exceptions=False), store, tokens, ids, service)
