"""The shipped gni-baseline pack loads and encodes SAFEGUARDS.md §2 protectively."""

from __future__ import annotations

import datetime as dt

import pytest

from scrutiny.demands.vocab import AuthorityKind, DataCategory, DemandType, ProcessType
from scrutiny.errors import PolicyError
from scrutiny.policy import AuthLevel, Policy, Requirement, load_policy


@pytest.fixture(scope="module")
def policy() -> Policy:
    return load_policy("gni-baseline")


def test_auth_levels_are_ordered() -> None:
    assert AuthLevel.NONE < AuthLevel.ADMINISTRATIVE < AuthLevel.PROSECUTOR < AuthLevel.JUDICIAL
    assert max(AuthLevel) is AuthLevel.JUDICIAL
    assert AuthLevel.JUDICIAL.rank == 3 and AuthLevel.NONE.rank == 0
    assert sorted([AuthLevel.JUDICIAL, AuthLevel.NONE, AuthLevel.PROSECUTOR])[0] is AuthLevel.NONE


def test_identity(policy: Policy) -> None:
    assert policy.id == "gni-baseline"
    assert policy.chain == ("gni-baseline",)
    assert policy.home_country == "US"
    assert policy.in_force(dt.date(2026, 1, 1))
    assert not policy.in_force(dt.date(2000, 1, 1))
    with pytest.raises(PolicyError, match="covers 2001-11-23"):
        policy.ensure_in_force(dt.date(2000, 1, 1))


@pytest.mark.parametrize(
    ("key", "required"),
    [
        (DataCategory.SUBSCRIBER, AuthLevel.PROSECUTOR),
        (DataCategory.IDENTIFICATION, AuthLevel.PROSECUTOR),
        (DataCategory.TRAFFIC, AuthLevel.JUDICIAL),
        (DataCategory.CONTENT, AuthLevel.JUDICIAL),
        (DataCategory.RT_TRAFFIC, AuthLevel.JUDICIAL),
        (DataCategory.RT_CONTENT, AuthLevel.JUDICIAL),
        (DemandType.PRESERVATION, AuthLevel.PROSECUTOR),
        (DemandType.CONTENT_RESTRICTION, AuthLevel.JUDICIAL),
        (DemandType.ACCOUNT_ACTION, AuthLevel.JUDICIAL),
        (Requirement.INTERCEPTION, AuthLevel.JUDICIAL),
    ],
)
def test_required_levels(policy: Policy, key: object, required: AuthLevel) -> None:
    assert policy.required_level(key) is required  # type: ignore[arg-type]


def test_disclosure_is_not_a_requirement_key(policy: Policy) -> None:
    with pytest.raises(KeyError, match="no process-level requirement"):
        policy.required_level(DemandType.DISCLOSURE)


@pytest.mark.parametrize(
    ("kind", "process", "judicial", "level"),
    [
        (AuthorityKind.POLICE, ProcessType.SUBPOENA, False, AuthLevel.ADMINISTRATIVE),
        (AuthorityKind.PROSECUTOR, ProcessType.SUBPOENA, False, AuthLevel.PROSECUTOR),
        (AuthorityKind.POLICE, ProcessType.COURT_ORDER, False, AuthLevel.JUDICIAL),
        (AuthorityKind.POLICE, ProcessType.INFORMAL_LETTER, False, AuthLevel.NONE),
        (AuthorityKind.COURT, ProcessType.INFORMAL_LETTER, False, AuthLevel.NONE),
        (AuthorityKind.MINISTRY, ProcessType.ADMINISTRATIVE_ORDER, True, AuthLevel.JUDICIAL),
        (AuthorityKind.REGULATOR, ProcessType.ADMINISTRATIVE_ORDER, False,
         AuthLevel.ADMINISTRATIVE),
        (None, ProcessType.SEARCH_WARRANT, False, AuthLevel.JUDICIAL),
        (None, ProcessType.NATIONAL_SECURITY_LETTER, None, AuthLevel.ADMINISTRATIVE),
        (None, ProcessType.SUBPOENA, False, None),
        (None, None, None, None),
        (AuthorityKind.OTHER, ProcessType.ADMINISTRATIVE_ORDER, False, None),
        ("prosecutor", "mlat", False, AuthLevel.PROSECUTOR),
    ],
)
def test_level_of(policy: Policy, kind: object, process: object, judicial: bool | None,
                  level: AuthLevel | None) -> None:
    assert policy.level_of(kind, process, judicial) == level  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("key", "level", "kind", "status"),
    [
        ("subscriber", AuthLevel.PROSECUTOR, None, "met"),
        ("subscriber", AuthLevel.ADMINISTRATIVE, "police", "concern"),
        ("subscriber", AuthLevel.NONE, "police", "unmet"),
        ("traffic", AuthLevel.PROSECUTOR, "prosecutor", "concern"),
        ("traffic", AuthLevel.ADMINISTRATIVE, "police", "unmet"),
        ("content", AuthLevel.PROSECUTOR, "prosecutor", "unmet"),
        ("content", AuthLevel.JUDICIAL, "court", "met"),
        ("content_restriction", AuthLevel.ADMINISTRATIVE, "regulator", "unmet"),
        ("content_restriction", AuthLevel.ADMINISTRATIVE, "ministry", "unmet"),
        ("content_restriction", AuthLevel.PROSECUTOR, "prosecutor", "concern"),
        ("content_restriction", AuthLevel.JUDICIAL, "court", "met"),
        ("account_action", AuthLevel.ADMINISTRATIVE, "police", "unmet"),
        ("account_action", AuthLevel.PROSECUTOR, "prosecutor", "concern"),
        ("content_restriction", AuthLevel.NONE, "regulator", "unmet"),
        ("content_restriction", None, "regulator", None),
    ],
)
def test_level_status(policy: Policy, key: str, level: AuthLevel | None, kind: str | None,
                      status: str | None) -> None:
    assert policy.level_status(key, level, kind) == status


def test_expression_classes(policy: Policy) -> None:
    assert policy.expression_class("political_expression") == "protected"
    assert policy.expression_class("religious_expression") == "protected"
    for reason in ("defamation_insult", "misinformation", "hate_speech", "extremism_terrorism",
                   "other"):
        assert policy.expression_class(reason) == "contested", reason
    for reason in ("child_safety", "fraud_scam"):
        assert policy.expression_class(reason) == "legitimate", reason
    gc34 = [s for s in policy.expression_rule("political_expression").sources
            if s.instrument == "GC34"]
    assert any("38" in s.provision for s in gc34)


def test_emergency_and_thresholds(policy: Policy) -> None:
    em = policy.emergency
    assert set(em.qualifying_harms.value) == {"death", "serious_physical_injury"}
    assert DataCategory.CONTENT not in em.allowed_data_categories.value
    assert em.follow_up_days.value > 0 and em.follow_up_days.sources
    assert policy.proportionality.min_penalty_years_for_content.value == 3
    assert policy.notification.deferral_review_days.value == 90
    assert policy.reporting.band_size.value > 0
    assert policy.deadline_hours("emergency_disclosure") == 8
    assert all(policy.deadline_hours(t) > 0 for t in DemandType)


def test_safeguard_lists(policy: Policy) -> None:
    assert policy.blocking_safeguards == {
        "legality", "requester_authenticity", "independent_authorisation",
        "emergency_validity", "protected_expression", "system_integrity"}
    assert policy.high_risk_safeguards == {
        "legality", "independent_authorisation", "protected_expression", "emergency_validity"}


def test_every_value_carries_sources(policy: Policy) -> None:
    refs = policy.source_refs()
    assert len(refs) > 50
    sections = {path.split(".", 1)[0] for path, _ in refs}
    assert sections >= {"process_levels", "expression", "emergency", "proportionality",
                        "notification", "reporting", "deadlines", "safeguards"}


def test_every_pack_key_is_documented() -> None:
    from pathlib import Path

    from scrutiny.policy.model import PackFile
    from scrutiny.policy.pack import SECTION_FILES

    docs = (Path(__file__).resolve().parents[2] / "docs" / "policy.md").read_text(encoding="utf-8")
    for fname, model in [("pack.yaml", PackFile), *SECTION_FILES.values()]:
        assert f"`{fname}`" in docs, fname
        for field in model.model_fields:
            if field != "as_of":
                assert f"`{field}" in docs or f", {field}" in docs or f" {field}`" in docs, \
                    f"{fname}: {field} not documented in docs/policy.md"
