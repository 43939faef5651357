"""The shipped reference data: loads, is internally consistent, answers by date."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

from scrutiny.demands.vocab import ReasonCategory
from scrutiny.policy import Reference, load_reference
from scrutiny.policy.jurisdictions import TreatyKey
from scrutiny.policy.reference import REFERENCE_DIR, REFERENCE_FILES
from scrutiny.policy.yamlload import DATA_DIR

D = dt.date


@pytest.fixture(scope="module")
def ref() -> Reference:
    return load_reference()


def test_shipped_files_load(ref: Reference) -> None:
    assert len(ref.instruments) >= 25
    assert len(ref.jurisdictions) >= 80
    assert len(ref.offence_countries()) >= 30
    assert load_reference() is ref  # cached


REQUIRED_KEYS = {"ICCPR", "GC34", "NP", "GNI-P", "GNI-IG", "RDR", "SCP", "DSA", "EEV", "SCA",
                 "CLOUD", "BUD", "SAP", "UNCC", "OHCHR-14", "OHCHR-18", "MANILA", "RABAT",
                 "GNI-UNCC", "FBI-EDR", "WIRETAP", "PENREG"}


def test_registry_has_the_citation_keys(ref: Reference) -> None:
    assert set(ref.instruments) >= REQUIRED_KEYS
    assert not ref.instruments["UNCC"].verified  # SAFEGUARDS.md §6
    assert all(i.url is None or i.url.startswith("http") for i in ref.instruments.values())


def test_every_source_key_in_the_data_is_registered(ref: Reference) -> None:
    """Policy packs and the offence map cite only registered instruments (other areas' data
    files, e.g. law_profiles/, use `instrument:` for their own document ids)."""
    pattern = re.compile(r"instrument:\s*['\"]?([A-Za-z0-9&-]+)")
    used: dict[str, str] = {}
    owned = [*sorted((Path(DATA_DIR) / "policy").rglob("*.yaml")),
             *(REFERENCE_DIR / name for name in REFERENCE_FILES)]
    for path in owned:
        for key in pattern.findall(path.read_text(encoding="utf-8")):
            used.setdefault(key, str(path))
    assert used, "no instrument keys found: the pattern is wrong"
    unknown = {k: v for k, v in used.items() if k not in ref.instruments}
    assert not unknown, f"instrument keys not in instruments.yaml: {unknown}"
    for conduct in ref.conducts.values():
        for s in conduct.sources:
            assert s.instrument in ref.instruments


def test_recorded_entry_dates_follow_the_treaty_rule(ref: Reference) -> None:
    """Where the chart gives both dates, Arts 36(4)/37(2) reproduce entry into force."""
    info = ref.jurisdictions_file.treaties[TreatyKey.BUD]
    checked = 0
    for code, j in ref.jurisdictions.items():
        st = j.treaties.get(TreatyKey.BUD)
        if st and st.ratified and st.in_force and not st.in_force_derived:
            assert info.entry_for_state(st.ratified) == st.in_force, code
            checked += 1
    assert checked >= 10


@pytest.mark.parametrize(
    ("country", "treaty", "when", "expected"),
    [
        ("US", "BUD", D(2006, 12, 31), False),   # ratified 29 Sep 2006, in force 1 Jan 2007
        ("US", "BUD", D(2007, 1, 1), True),
        ("us", TreatyKey.BUD, D(2020, 5, 5), True),
        ("BR", "BUD", D(2023, 2, 28), False),    # acceded 30 Nov 2022, derived 1 Mar 2023
        ("BR", "BUD", D(2023, 3, 1), True),
        ("AL", "BUD", D(2003, 1, 1), False),     # ratified 2002, convention in force 2004
        ("AL", "BUD", D(2004, 7, 1), True),
        ("DE", "BUD", D(2001, 1, 1), False),     # before the treaty opened
        ("CN", "BUD", D(2024, 1, 1), False),     # not on the CoE list as checked (2024-06-20)
        ("CN", "BUD", D(2026, 6, 1), None),      # after the check: cannot say
        ("JP", "SAP", D(2025, 1, 1), False),     # ratified, but the Protocol is not in force
        ("RU", "UNCC", D(2025, 12, 1), False),   # signed; the Convention is not in force
        ("RU", "UNCC", D(2026, 11, 1), None),    # beyond what the data can say
        ("AQ", "BUD", D(2020, 1, 1), None),      # state not recorded
    ],
)
def test_party_to_by_date(ref: Reference, country: str, treaty: str, when: dt.date,
                          expected: bool | None) -> None:
    assert ref.party_to(country, treaty, when) is expected


@pytest.mark.parametrize(
    ("country", "treaty", "when", "expected"),
    [
        ("JP", "SAP", D(2025, 1, 1), "ratified"),
        ("JP", "SAP", D(2022, 1, 1), "none"),
        ("US", "SAP", D(2023, 1, 1), "signed"),
        ("US", "BUD", D(2010, 1, 1), "party"),
        ("RU", "UNCC", D(2025, 11, 1), "signed"),
        ("DE", "UNCC", D(2025, 10, 26), "none"),
        ("BR", "BUD", D(2023, 1, 1), "ratified"),
        ("AQ", "BUD", D(2020, 1, 1), None),
    ],
)
def test_treaty_status(ref: Reference, country: str, treaty: str, when: dt.date,
                       expected: str | None) -> None:
    assert ref.treaty_status(country, treaty, when) == expected


def test_eu_membership(ref: Reference) -> None:
    gb, fr, ch = ref.jurisdictions["GB"], ref.jurisdictions["FR"], ref.jurisdictions["CH"]
    assert gb.eu_member(D(2019, 1, 1)) and not gb.eu_member(D(2021, 1, 1))
    assert fr.eu_member(D(2026, 1, 1)) and not ch.eu_member(D(2026, 1, 1))
    assert sum(1 for j in ref.jurisdictions.values() if j.eu_member(D(2026, 1, 1))) == 27


def test_norway_is_a_country_not_a_boolean(ref: Reference) -> None:
    assert ref.jurisdictions["NO"].name == "Norway"


def test_offence_map(ref: Reference) -> None:
    assert ref.criminal("DE", "blasphemy") is True
    assert ref.criminal("US", "blasphemy") is False
    assert ref.criminal("AQ", "blasphemy") is None
    with pytest.raises(KeyError):
        ref.criminal("DE", "jaywalking")
    big = {"RU", "CN", "TR", "IN", "BR", "VN", "ID", "PK", "SA", "AE", "IR", "BY", "KZ", "EG",
           "NG", "TH", "US", "GB", "DE", "FR"}
    assert big <= set(ref.offence_countries())
    for conduct, meta in ref.conducts.items():
        if meta.protected:
            assert meta.speech, conduct
        assert meta.sources


def test_criminal_as_of_respects_since(ref: Reference) -> None:
    assert ref.criminal("TR", "false_news") is True
    assert ref.criminal("TR", "false_news", D(2023, 1, 1)) is True
    assert ref.criminal("TR", "false_news", D(2021, 1, 1)) is None  # art 217/A from 2022-10-18
    assert ref.criminal("US", "blasphemy", D(1990, 1, 1)) is False   # no `since`: as recorded


def test_offence_entries_cite_a_provision(ref: Reference) -> None:
    for code, j in ref.offences_file.jurisdictions.items():
        assert j.source.startswith("http"), code
        for conduct, entry in j.offences.items():
            if entry.criminal:
                assert entry.provision, (code, conduct)


def test_reason_conducts(ref: Reference) -> None:
    assert "insult_head_of_state" in ref.conducts_for_reason(ReasonCategory.DEFAMATION_INSULT)
    assert ref.conducts_for_reason("circumvention_tools") == ["circumvention_tools"]
    assert ref.conducts_for_reason("gambling") == ["illegal_gambling"]
    assert ref.conducts_for_reason("weapons_explosives") == []
    speech = {c for c, m in ref.conducts.items() if m.speech and m.protected}
    covered = {c for r in ReasonCategory for c in ref.conducts_for_reason(r)}
    assert speech <= covered


def test_offence_map_states_are_known_jurisdictions(ref: Reference) -> None:
    assert set(ref.offence_countries()) <= set(ref.jurisdictions)
    order = list(ref.conducts)
    for code, j in ref.offences_file.jurisdictions.items():
        listed = [order.index(c) for c in j.offences]
        assert listed == sorted(listed), f"{code}: keep conducts in the order of `conducts`"
