"""Law profiles, rule data, shipped texts and the documentation of codes."""

from __future__ import annotations

import hashlib
import shutil
from datetime import UTC, datetime
from pathlib import Path

import pytest
from instr_helpers import shipped_analysis

from scrutiny.errors import PolicyError
from scrutiny.instruments import build_profile, load_profile, load_rules, shipped_instruments
from scrutiny.instruments.profiles import dump_profile
from scrutiny.instruments.rules import RULES_DIR
from scrutiny.policy.yamlload import DATA_DIR

PROFILES = DATA_DIR / "reference" / "law_profiles"
DOCS = Path(__file__).resolve().parents[2] / "docs" / "instruments.md"


def test_profile_of_the_philippine_act() -> None:
    profile = build_profile(shipped_analysis("ph-cybercrime-prevention-act-2012"), "ph",
                            datetime(2026, 1, 1, tzinfo=UTC))
    assert profile.jurisdiction == "PH"
    realtime = profile.power("realtime")
    assert realtime is not None and realtime.authorisation == "none"
    assert realtime.source.provision == "s 12" and "with due cause" in realtime.source.text
    production = profile.power("production")
    assert production is not None and production.court_order_required
    access = next(o for o in profile.offences if o.source.provision == "s 4(a)(1)")
    assert access.title == "Illegal Access" and not access.requires_intent
    assert "illegal_access" in access.conducts
    assert profile.offences_for("defamation")[0].source.provision == "s 4(c)(4)"


def test_profile_round_trip(tmp_path: Path) -> None:
    profile = build_profile(shipped_analysis("zw-interception-of-communications-act-2007"), "ZW",
                            datetime(2026, 1, 1, tzinfo=UTC))
    path = tmp_path / "ZW.yaml"
    path.write_text(dump_profile(profile), encoding="utf-8")
    assert load_profile(path) == profile
    interception = profile.power("interception")
    assert interception is not None and interception.authorisation == "executive"


@pytest.mark.parametrize("iso", ["PH", "KE", "SG", "ZW"])
def test_shipped_profiles_load_and_match_the_shipped_text(iso: str) -> None:
    profile = load_profile(PROFILES / f"{iso}.yaml")
    inst = next(i for i in shipped_instruments() if i.jurisdiction == iso)
    assert profile.instrument == inst.name
    assert profile.instrument_sha256 == inst.sha256
    text = inst.path.read_text(encoding="utf-8")
    for entry in [*profile.powers, *profile.offences]:
        start, end = entry.source.span
        assert " ".join(text[start:end].split()).startswith(entry.source.text[:80])


def test_profile_loader_is_strict(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text((PROFILES / "ZW.yaml").read_text(encoding="utf-8") + "unexpected: 1\n",
                   encoding="utf-8")
    with pytest.raises(PolicyError, match="unknown key"):
        load_profile(bad)


def test_shipped_texts_are_the_corpus_texts(corpus_dir: Path) -> None:
    for inst in shipped_instruments():
        data = inst.path.read_bytes()
        assert hashlib.sha256(data).hexdigest() == inst.sha256
        assert data == (corpus_dir / "instruments" / inst.file).read_bytes()


def test_every_code_has_catalogued_sources() -> None:
    rules = load_rules()
    assert len(rules.codes) >= 20
    for code in rules.codes:
        sources = rules.sources(code)
        assert sources, code
        for s in sources:
            assert s.instrument in rules.catalogue.sources and s.provision


def test_sources_agree_with_the_reference_registry() -> None:
    from scrutiny.policy import load_reference

    registry = load_reference().instruments
    catalogue = load_rules().catalogue.sources
    missing = {key for key in catalogue if key not in registry}
    assert not missing, f"detector sources missing from reference/instruments.yaml: {missing}"
    for key, entry in catalogue.items():
        if key in registry:
            assert entry.url == registry[key].url, key


def test_every_code_and_detector_is_documented() -> None:
    text = DOCS.read_text(encoding="utf-8")
    rules = load_rules()
    for code in rules.codes:
        assert f"`{code}`" in text, code
    for name in ("analyze", "compare", "diff", "instruments"):
        assert f"scrutiny {name}" in text


@pytest.mark.parametrize(("file", "edit", "message"), [
    ("intent.yaml", lambda s: s + "unknown_key: 1\n", "unknown key"),
    ("intent.yaml", lambda s: s.replace("key: GNI-UNCC", "key: NOPE", 1), "unknown source"),
    ("discretion.yaml", lambda s: s.replace("- as appropriate", "- as (appropriate", 1),
     "does not compile"),
    ("scope.yaml", lambda s: s.replace("detector: scope", "detector: other"), "expected"),
])
def test_rule_data_is_loaded_strictly(tmp_path: Path, file: str, edit: object,
                                      message: str) -> None:
    folder = tmp_path / "rules"
    shutil.copytree(RULES_DIR, folder)
    path = folder / file
    path.write_text(edit(path.read_text(encoding="utf-8")), encoding="utf-8")  # type: ignore[operator]
    with pytest.raises(PolicyError, match=message):
        load_rules(folder)
