"""Every kind of bad pack or reference file gives a PolicyError naming the file and key."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from scrutiny.errors import PolicyError
from scrutiny.policy import load_policy, load_reference
from scrutiny.policy.pack import PACKS_DIR
from scrutiny.policy.reference import REFERENCE_DIR, REFERENCE_FILES

P5 = '  sources: [{instrument: NP, provision: "P5"}]\n'


def _error(folder: Path) -> str:
    with pytest.raises(PolicyError) as info:
        load_policy(folder)
    assert info.value.exit_code == 2
    return str(info.value)


@pytest.mark.parametrize(
    ("fname", "text", "expected"),
    [
        ("proportionality.yaml",
         "as_of: 2025-01-01\nmax_acounts_before_concern:\n  value: 3\n" + P5,
         "max_acounts_before_concern: unknown key"),
        ("proportionality.yaml",
         "as_of: 2025-01-01\nmax_items_before_concern:\n  value: 3\n  value: 4\n" + P5,
         "duplicate key 'value'"),
        ("proportionality.yaml",
         "as_of: 2025-13-45\n", "invalid value"),
        ("process_levels.yaml",
         "as_of: 2025-01-01\nrequirements:\n  traffic:\n    required: magistrate\n",
         "requirements.traffic.required"),
        ("expression.yaml",
         "as_of: 2025-01-01\nreasons:\n  gossip:\n    class: protected\n" + P5,
         "reasons.gossip"),
        ("expression.yaml",
         "as_of: 2025-01-01\nreasons:\n  drugs:\n    class: banned\n",
         "reasons.drugs.class"),
        ("proportionality.yaml",
         "as_of: 2025-01-01\nmax_accounts_before_concern:\n  value: 3\n  sources: []\n",
         "max_accounts_before_concern.sources"),
        ("safeguards.yaml",
         "as_of: 2025-01-01\nblocking:\n  value: [legality, vibes]\n" + P5,
         "unknown safeguard id(s) vibes"),
        ("proportionality.yaml",
         "as_of: 2025-01-01\nmax_accounts_before_concern:\n  value: 3\n"
         "  sources: [{instrument: NOPE, provision: x}]\n",
         "max_accounts_before_concern.sources[0].instrument: unknown instrument key 'NOPE'"),
        ("process_levels.yaml",
         "as_of: 2025-01-01\nrequirements:\n  traffic:\n    required: prosecutor\n"
         "    floor: judicial\n",
         "floor is above required"),
    ],
)
def test_bad_pack_file(make_pack: Callable[..., Path], fname: str, text: str,
                       expected: str) -> None:
    folder = make_pack(files={fname: text})
    message = _error(folder)
    assert str(folder / fname) in message
    assert expected in message


def test_bad_pack_yaml(make_pack: Callable[..., Path]) -> None:
    folder = make_pack(pack="id: x\ntitle: X\nversion: '1'\nextends: gni-baseline\n"
                            "effective_from: 2025-01-01\nhome_country: Narnia\n")
    message = _error(folder)
    assert str(folder / "pack.yaml") in message and "home_country" in message


def test_pack_missing_required_identity(make_pack: Callable[..., Path]) -> None:
    folder = make_pack(pack="extends: gni-baseline\n")
    message = _error(folder)
    assert "pack.yaml" in message and "id: Field required" in message


def test_missing_file_without_extends(make_pack: Callable[..., Path], tmp_path: Path) -> None:
    folder = tmp_path / "full"
    shutil.copytree(PACKS_DIR / "gni-baseline", folder)
    (folder / "expression.yaml").unlink()
    message = _error(folder)
    assert str(folder) in message and "expression.yaml is missing" in message


def test_missing_pack_yaml(make_pack: Callable[..., Path]) -> None:
    folder = make_pack(pack=None, files={"proportionality.yaml": "as_of: 2025-01-01\n"})
    assert "pack.yaml is missing" in _error(folder)


def test_missing_folder(tmp_path: Path) -> None:
    assert "not found" in _error(tmp_path / "nowhere")


def test_unknown_file_in_pack(make_pack: Callable[..., Path]) -> None:
    folder = make_pack(files={"thresholds.yaml": "as_of: 2025-01-01\n"})
    message = _error(folder)
    assert str(folder / "thresholds.yaml") in message and "unknown policy file" in message


def test_unknown_parent(make_pack: Callable[..., Path]) -> None:
    folder = make_pack(pack="id: x\ntitle: X\nversion: '1'\nextends: no-such-pack\n"
                            "effective_from: 2025-01-01\n")
    assert "extends: pack 'no-such-pack' not found" in _error(folder)


# --- reference data ------------------------------------------------------------------


def _copy_reference(tmp_path: Path) -> Path:
    folder = tmp_path / "reference"
    folder.mkdir()
    for name in REFERENCE_FILES:
        shutil.copy(REFERENCE_DIR / name, folder / name)
    return folder


@pytest.mark.parametrize(
    ("fname", "old", "new", "expected"),
    [
        ("jurisdictions.yaml", "\n  US:\n", "\n  XX:\n", "not ISO 3166-1 alpha-2 codes: XX"),
        ("jurisdictions.yaml", "source: us-2006", "source: nowhere",
         "US.BUD.source: unknown source id 'nowhere'"),
        ("jurisdictions.yaml", "status: party", "status: member", "status"),
        ("jurisdictions.yaml", "ratified: 2006-09-29", "ratified: 2006-09-31", "invalid value"),
        ("offences.yaml", "copyright: [copyright_infringement]",
         "copyright: [piracy]", "reason_conducts.copyright: unknown conduct(s) piracy"),
        ("offences.yaml", "  csam:\n    title:", "  csam:\n    titel:", "conducts.csam.titel"),
        ("instruments.yaml", "  ICCPR:\n    title:", "  ICCPR:\n    title: x\n    title:",
         "duplicate key 'title'"),
        ("instruments.yaml", "kind: treaty", "kind: rumour", "kind"),
    ],
)
def test_bad_reference_file(tmp_path: Path, fname: str, old: str, new: str,
                            expected: str) -> None:
    folder = _copy_reference(tmp_path)
    path = folder / fname
    text = path.read_text(encoding="utf-8")
    assert old in text, f"fixture text {old!r} not in {fname}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    with pytest.raises(PolicyError) as info:
        load_reference(folder)
    assert str(path) in str(info.value)
    assert expected in str(info.value)


def test_missing_reference_file(tmp_path: Path) -> None:
    folder = _copy_reference(tmp_path)
    (folder / "offences.yaml").unlink()
    with pytest.raises(PolicyError, match=r"offences\.yaml"):
        load_reference(folder)
