"""The whole intake: raw_text unmodified, provenance pointing at the words, unknown left unknown."""

from __future__ import annotations

from pathlib import Path

import pytest

from scrutiny.demands.model import Demand
from scrutiny.intake import extract, read_letter

CORPUS = Path(__file__).resolve().parents[3] / "shared" / "corpus" / "demands-dev" / "takedowns"

RU_NOTICE = (
    "Уведомление\n\nВ соответствии с частью 7 статьи 15.1 Федерального закона от 27.07.2006 "
    "№ 149-ФЗ «Об информации, информационных технологиях и о защите информации» уведомляем, "
    "что указатель страницы сайта в сети \"Интернет\" https://example.github.io/page/ включен в "
    "реестр в связи с тем, что содержит информацию о способах совершения самоубийства.\n"
    "В случае отказа владельца сайта провайдер хостинга обязан ограничить доступ к такому сайту "
    "в течение суток с момента получения настоящего уведомления. В случае непринятия указанных "
    "мер доступ к нему будет ограничен.\n\nС уважением,\nРоскомнадзор\n"
)


def test_raw_text_is_the_letter_unchanged() -> None:
    demand = extract(RU_NOTICE)
    assert demand.raw_text == RU_NOTICE


def test_russian_notice_fields_and_provenance() -> None:
    d = extract(RU_NOTICE)
    assert d.requester.country == "RU"
    assert d.requester.authority_kind is not None
    assert [(b.instrument, b.provision) for b in d.legal_bases] == [
        ("RU Federal Law 149-FZ", "art 15.1")]
    assert [t.value for t in d.targets] == ["https://example.github.io/page"]
    assert {a.value for a in d.actions} == {"restrict_in_country"}
    assert [r.value for r in d.reason_categories] == ["suicide"]
    assert d.deadline is not None and d.deadline.hours == 24
    assert d.threat_of_sanction is True
    assert d.languages == ["ru"]
    raw = d.raw_text or ""
    assert "example.github.io" in _text(d, "targets[0]", raw)
    assert "149-ФЗ" in _text(d, "legal_bases[0]", raw) or "15.1" in _text(d, "legal_bases[0]", raw)
    assert "суток" in _text(d, "deadline", raw)
    assert "самоубийства" in _text(d, "reason_categories[0]", raw)


def _text(demand: Demand, field: str, raw: str) -> str:
    spans = demand.provenance[field]
    return " ".join(raw[s.start:s.end] for s in spans)


def test_every_provenance_span_is_inside_raw_text() -> None:
    for path in sorted(CORPUS.glob("*.md"))[:8]:
        d = read_letter(path)
        assert d.raw_text == path.read_text(encoding="utf-8")
        for field, spans in d.provenance.items():
            assert spans, field
            for span in spans:
                assert 0 <= span.start < span.end <= len(d.raw_text)
                assert span.extractor


def test_a_letter_that_says_nothing_leaves_everything_unknown() -> None:
    d = extract("Hello,\n\nplease see the attached file.\n\nThanks\n")
    assert d.requester.authority is None
    assert d.requester.country is None
    assert d.legal_bases == []
    assert d.targets == []
    assert d.actions == []
    assert d.reason_categories == []
    assert d.deadline is None
    assert d.date is None
    assert d.judicial_authorisation.present is None
    assert d.process_type is None


def test_unknowns_lead_review_to_clarify() -> None:
    review = pytest.importorskip("scrutiny.safeguards").review
    d = extract("Hello,\n\nplease delete https://github.com/someone/repo as soon as "
                "possible.\n\nThanks\n")
    assert d.requester.authority is None and d.legal_bases == []
    result = review(d)
    assert result.recommendation.value in {"clarify", "reject", "escalate"}
    assert result.recommendation.value != "comply"


def test_every_extracted_value_has_provenance() -> None:
    skip = {"in_writing", "raw_text", "provenance", "requester", "judicial_authorisation"}
    for path in sorted(CORPUS.glob("*.md")):
        d = read_letter(path)
        data = d.model_dump()
        for field, value in data.items():
            if field in skip or value in (None, [], {}, False):
                continue
            assert field in d.provenance or f"{field}[0]" in d.provenance, (path.name, field)
        for field, value in data["requester"].items():
            if value is not None:
                assert f"requester.{field}" in d.provenance, (path.name, field)
        if d.judicial_authorisation.present:
            assert "judicial_authorisation.present" in d.provenance


def test_extract_stays_the_function_after_read_letter(tmp_path: Path) -> None:
    # the pipeline module is also named "extract": loading it must not replace the function
    import scrutiny.intake as intake_pkg
    import scrutiny.intake.extract  # noqa: F401

    letter = tmp_path / "l.txt"
    letter.write_text("Please remove https://github.com/a/b within 24 hours.", encoding="utf-8")
    intake_pkg.read_letter(letter)
    assert callable(intake_pkg.extract)
    assert intake_pkg.extract("Please remove https://github.com/a/b").targets
