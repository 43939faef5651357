"""Fixtures for policy-pack tests: a writer for small packs in a temporary folder."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from scrutiny.settings import get_settings


@pytest.fixture(autouse=True)
def _fresh_settings(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Each test reads the environment afresh (settings are cached per process)."""
    monkeypatch.delenv("SCRUTINY_POLICY", raising=False)
    monkeypatch.delenv("SCRUTINY_HOME_COUNTRY", raising=False)
    get_settings.cache_clear()
    yield
    get_settings.cache_clear()


PACK_HEAD = (
    "id: acme\ntitle: ACME policy\nversion: '1'\nextends: gni-baseline\n"
    "effective_from: 2024-01-01\n"
)


@pytest.fixture
def make_pack(tmp_path: Path) -> Callable[..., Path]:
    """Write a pack folder: ``make_pack(name, {"file.yaml": text, ...})``."""

    def make(name: str = "acme", files: dict[str, str] | None = None,
             pack: str | None = PACK_HEAD) -> Path:
        folder = tmp_path / name
        folder.mkdir(parents=True, exist_ok=True)
        if pack is not None:
            (folder / "pack.yaml").write_text(pack, encoding="utf-8")
        for fname, text in (files or {}).items():
            (folder / fname).write_text(text, encoding="utf-8")
        return folder

    return make
