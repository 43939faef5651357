"""The strict YAML loader names file and key for every problem."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from pydantic import BaseModel, ConfigDict

from scrutiny.errors import PolicyError
from scrutiny.policy.yamlload import load_yaml_model


class _M(BaseModel):
    model_config = ConfigDict(extra="forbid")
    as_of: dt.date
    limit: int


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("as_of: 2024-01-01\nlimit: 3\nlimit: 4\n", "duplicate key 'limit'"),
        ("as_of: 2024-01-01\nlimit: 3\nextra: 1\n", "extra: unknown key"),
        ("as_of: 2024-13-45\nlimit: 3\n", "invalid value: month must be in 1..12"),
        ("as_of: 2024-01-01\nlimit: [\n", "invalid YAML"),
    ],
)
def test_errors_name_file_and_key(tmp_path: Path, text: str, expected: str) -> None:
    path = tmp_path / "pack.yaml"
    path.write_text(text)
    with pytest.raises(PolicyError) as info:
        load_yaml_model(path, _M)
    assert str(path) in str(info.value)
    assert expected in str(info.value)


def test_valid_file_loads(tmp_path: Path) -> None:
    path = tmp_path / "ok.yaml"
    path.write_text("as_of: 2024-01-01\nlimit: 3\n")
    assert load_yaml_model(path, _M).limit == 3
