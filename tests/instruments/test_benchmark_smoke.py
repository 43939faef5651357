"""Smoke test of benchmarks/instruments.py (no timing assertions)."""

from __future__ import annotations

import importlib.util
import re
from pathlib import Path
from types import ModuleType

from scrutiny.instruments import parse_document

BENCH = Path(__file__).resolve().parents[2] / "benchmarks" / "instruments.py"


def _module() -> ModuleType:
    spec = importlib.util.spec_from_file_location("bench_instruments", BENCH)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_generated_law_is_one_numbered_law() -> None:
    text = _module().generate_law(120_000)
    assert len(text.encode("utf-8")) >= 120_000
    doc = parse_document(text, name="generated")
    assert doc.style == "numbered"
    numbers = [p.number for p in doc.provisions()]
    assert numbers == [str(n) for n in range(1, len(numbers) + 1)]
    assert len(numbers) >= 150


def test_measure_reports_analysis_floor_and_ratio(tmp_path: Path) -> None:
    path = tmp_path / "law.txt"
    path.write_text(_module().generate_law(20_000), encoding="utf-8")
    result = _module().measure(path, runs=1)
    assert set(result) == {"text", "bytes", "provisions", "findings", "analysis_s", "floor_s",
                           "ratio"}
    assert result["provisions"] and re.match(r"law\.txt", str(result["text"]))
