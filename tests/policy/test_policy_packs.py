"""Company packs: inheritance from the baseline, overrides, settings, bad input."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from scrutiny.errors import PolicyError
from scrutiny.policy import load_policy
from scrutiny.policy.pack import PACKS_DIR

OVERRIDE = """\
as_of: 2025-01-01
max_accounts_before_concern:
  value: 3
  sources: [{instrument: NP, provision: "P5"}]
"""


def test_partial_pack_overrides_one_value(make_pack: Callable[..., Path]) -> None:
    folder = make_pack(files={"proportionality.yaml": OVERRIDE})
    policy = load_policy(folder)
    base = load_policy("gni-baseline")
    assert policy.id == "acme" and policy.chain == ("acme", "gni-baseline")
    assert policy.proportionality.max_accounts_before_concern.value == 3
    # untouched keys of the same file and other files are inherited
    assert (policy.proportionality.max_time_range_days
            == base.proportionality.max_time_range_days)
    assert policy.process_levels == base.process_levels
    assert policy.home_country == "US"
    assert policy.files["proportionality.yaml"][0] == str(folder / "proportionality.yaml")
    assert policy.files["expression.yaml"][0].startswith(str(PACKS_DIR))


def test_pack_overrides_a_level_and_home_country(make_pack: Callable[..., Path]) -> None:
    pack = ("id: strict\ntitle: Strict\nversion: '2'\nextends: gni-baseline\n"
            "effective_from: 2025-01-01\nhome_country: DE\n")
    levels = ("as_of: 2025-01-01\nrequirements:\n  subscriber:\n    required: judicial\n"
              "    floor: prosecutor\n    sources: [{instrument: NP, provision: P6}]\n")
    policy = load_policy(make_pack("strict", {"process_levels.yaml": levels}, pack=pack))
    assert policy.home_country == "DE"
    assert policy.required_level("subscriber") == "judicial"
    assert policy.level_status("subscriber", policy.level_of("police", "subpoena"), "police") \
        == "unmet"
    assert policy.required_level("traffic") == "judicial"  # inherited


def test_pack_accepts_vetted_regulators(make_pack: Callable[..., Path]) -> None:
    levels = ("as_of: 2025-01-01\nrequirements:\n  content_restriction:\n"
              "    accepted_authority_kinds: [regulator]\n")
    policy = load_policy(make_pack(files={"process_levels.yaml": levels}))
    admin = policy.level_of("regulator", "administrative_order")
    assert policy.level_status("content_restriction", admin, "regulator") == "met"
    assert policy.level_status("content_restriction", admin, "ministry") == "unmet"
    assert policy.level_status("account_action", admin, "regulator") == "unmet"  # untouched


def test_pack_extending_a_pack_by_path(make_pack: Callable[..., Path], tmp_path: Path) -> None:
    make_pack("acme", {"proportionality.yaml": OVERRIDE})
    child = ("id: acme-eu\ntitle: ACME EU\nversion: '1'\nextends: ../acme\n"
             "effective_from: 2025-06-01\neffective_to: 2026-12-31\n")
    policy = load_policy(make_pack("acme-eu", pack=child))
    assert policy.chain == ("acme-eu", "acme", "gni-baseline")
    assert policy.proportionality.max_accounts_before_concern.value == 3
    assert str(policy.effective_to) == "2026-12-31"


def test_circular_extends(make_pack: Callable[..., Path]) -> None:
    a = make_pack("a", pack="id: a\ntitle: A\nversion: '1'\nextends: ../b\n"
                            "effective_from: 2025-01-01\n")
    make_pack("b", pack="id: b\ntitle: B\nversion: '1'\nextends: ../a\n"
                        "effective_from: 2025-01-01\n")
    with pytest.raises(PolicyError, match="circular"):
        load_policy(a)


def test_settings_choose_pack_and_home_country(make_pack: Callable[..., Path],
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    folder = make_pack(files={"proportionality.yaml": OVERRIDE})
    monkeypatch.setenv("SCRUTINY_POLICY", str(folder))
    monkeypatch.setenv("SCRUTINY_HOME_COUNTRY", "nl")
    policy = load_policy()
    assert policy.id == "acme"
    assert policy.home_country == "NL"
    assert load_policy(folder, home_country="FR").home_country == "FR"


def test_bad_home_country_setting(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SCRUTINY_HOME_COUNTRY", "XX")
    with pytest.raises(PolicyError) as info:
        load_policy()
    assert "SCRUTINY_HOME_COUNTRY" in str(info.value)
    assert "home_country" in str(info.value)


def test_default_is_the_baseline() -> None:
    assert load_policy().id == "gni-baseline"


def test_loaded_policy_is_reused_until_a_file_changes(make_pack: Callable[..., Path]) -> None:
    import os

    folder = make_pack(files={"proportionality.yaml": OVERRIDE})
    first = load_policy(folder)
    assert load_policy(folder) is first
    assert load_policy(folder, home_country="DE") is not first
    path = folder / "proportionality.yaml"
    path.write_text(OVERRIDE.replace("value: 3", "value: 7"), encoding="utf-8")
    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))
    second = load_policy(folder)
    assert second is not first
    assert second.proportionality.max_accounts_before_concern.value == 7
