"""Fields of a demand's particulars, as tables (text → expected), including texts yielding nothing:
data categories and items, time range, offence and penalty, reference numbers, signature block,
emergency justification, confidentiality end date."""

from __future__ import annotations

import datetime as dt

import pytest

from scrutiny.intake import extract
from scrutiny.intake.document import make_view
from scrutiny.intake.extractors.actions import action_hits
from scrutiny.intake.extractors.data import extract_data, extract_time_range
from scrutiny.intake.extractors.particulars import extract_offence, extract_references

DATA: list[tuple[str, str, set[str], set[str]]] = [
    ("en", "Please provide the subscriber information, IP logs with timestamps and the private "
           "messages of the account.", {"subscriber", "traffic", "content"},
     {"registration", "ip_logs", "messages"}),
    ("en", "We request disclosure of the billing information and the IP address used at "
           "registration.", {"subscriber"}, {"billing", "ip_at_registration"}),
    ("en", "Please provide real-time interception of the communications of the account.",
     {"rt_content"}, {"interception"}),
    ("ru", "Просим предоставить регистрационные данные пользователя и IP-адреса с датой и "
           "временем подключения.", {"subscriber", "traffic"}, {"registration", "ip_logs"}),
    ("zh", "请提供该账号的注册信息和登录日志。", {"subscriber", "traffic"},
     {"registration", "ip_logs"}),
    ("es", "Solicitamos facilitar los datos de registro del titular y los registros de "
           "conexión.", {"subscriber", "traffic"}, {"registration", "ip_logs"}),
    ("de", "Wir ersuchen um Herausgabe der Bestandsdaten und Verkehrsdaten.",
     {"subscriber", "traffic"}, {"registration", "metadata"}),
    ("pt", "Determino o fornecimento dos dados cadastrais do usuário e dos registros de "
           "conexão.", {"subscriber", "traffic"}, {"registration", "ip_logs"}),
    # takedowns name content to remove, not data to hand over
    ("en", "Please remove the posts and messages at the following URLs.", set(), set()),
    ("ru", "Просим удалить сообщения пользователя.", set(), set()),
    ("en", "The Telecommunications Interception Group asks you to remove the page.", set(),
     set()),
    ("en", "Thank you for your cooperation.", set(), set()),
]


@pytest.mark.parametrize(("lang", "text", "cats", "fields"), DATA,
                         ids=[f"{i}-{row[0]}" for i, row in enumerate(DATA)])
def test_data(lang: str, text: str, cats: set[str], fields: set[str]) -> None:
    view = make_view(text)
    asked = extract_data(view, action_hits(view, []))
    assert {c.value.value for c in asked.categories} == cats
    assert {f.value for f in asked.fields} == fields


RANGES: list[tuple[str, str, tuple[dt.date, dt.date | None] | None]] = [
    ("en", "Please provide the IP logs for the period from 01.01.2020 to 31.03.2020.",
     (dt.date(2020, 1, 1), dt.date(2020, 3, 31))),
    ("en", "Please provide the subscriber information and logs between 2021-02-01 and "
           "2021-02-28.", (dt.date(2021, 2, 1), dt.date(2021, 2, 28))),
    ("ru", "Просим предоставить сведения о соединениях пользователя за период с 01.01.2021 по "
           "15.02.2021.", (dt.date(2021, 1, 1), dt.date(2021, 2, 15))),
    ("zh", "请提供该账号的注册信息和登录日志，时间为2020年1月1日至2020年3月1日。",
     (dt.date(2020, 1, 1), dt.date(2020, 3, 1))),
    ("es", "Solicitamos facilitar los registros de conexión desde el 01/05/2019 hasta el "
           "30/06/2019.", (dt.date(2019, 5, 1), dt.date(2019, 6, 30))),
    ("en", "Please provide the login history of the user from 1 March 2022 to the present.",
     (dt.date(2022, 3, 1), None)),
    # not a data request, or dates that are not a range
    ("en", "Please remove the posts published between 01.01.2020 and 31.03.2020.", None),
    ("en", "Please provide the subscriber information. Federal Law of 27.07.2006 and the order "
           "of 01.02.2020 apply.", None),
]


@pytest.mark.parametrize(("lang", "text", "expected"), RANGES,
                         ids=[f"{i}-{row[0]}" for i, row in enumerate(RANGES)])
def test_time_range(lang: str, text: str,
                    expected: tuple[dt.date, dt.date | None] | None) -> None:
    view = make_view(text)
    found = extract_time_range(view, action_hits(view, []))
    got = (found.value.start, found.value.end) if found else None
    assert got == expected


OFFENCES: list[tuple[str, str, str | None, float | None]] = [
    ("en", "This concerns the offence of fraud, punishable by up to 5 years of imprisonment.",
     "offence of fraud", 5.0),
    ("en", "shall be sentenced to fixed-term imprisonment of not less than three years but not "
           "more than seven years", None, 7.0),
    ("ru", "По признакам преступления, предусмотренного ч. 2 ст. 280 УК РФ, наказание до пяти "
           "лет лишения свободы.", "признакам преступления, предусмотренного ч. 2 ст. 280 УК РФ",
     5.0),
    ("zh", "涉嫌组织利用邪教组织破坏法律实施罪，处三年以上七年以下有期徒刑。",
     "涉嫌组织利用邪教组织破坏法律实施罪", 7.0),
    ("es", "Por un delito de desórdenes públicos, castigado con prisión de 1 a 3 años.",
     "delito de desórdenes públicos", 3.0),
    ("de", "Es besteht der Verdacht einer Straftat nach § 130 StGB, strafbar mit Freiheitsstrafe "
           "bis zu fünf Jahren.", "Straftat nach § 130 StGB", 5.0),
    ("fr", "Ces faits sont punis de 5 ans d'emprisonnement.", None, 5.0),
    # a lower bound alone, or nothing
    ("en", "punishable by imprisonment of not less than seven years", None, None),
    ("en", "Please remove the content at the following URL.", None, None),
]


@pytest.mark.parametrize(("lang", "text", "offence", "years"), OFFENCES,
                         ids=[f"{i}-{row[0]}" for i, row in enumerate(OFFENCES)])
def test_offence(lang: str, text: str, offence: str | None, years: float | None) -> None:
    found = extract_offence(make_view(text))
    if offence is None and years is None:
        assert found is None
        return
    assert found is not None
    if offence is None:
        assert found.value.text is None
    else:
        assert found.value.text is not None and offence in found.value.text
    assert found.value.max_penalty_years == years


REFERENCES: list[tuple[str, str, str | None, str | None]] = [
    ("en", "Ref. No. 2019/4411-A\nIn connection with criminal case No. 12001450001000123.",
     "2019/4411-A", "12001450001000123"),
    ("en", "Our ref: CYB-2021-0045", "CYB-2021-0045", None),
    ("ru", "Исх. № 04-12/3456 от 12.03.2020. По уголовному делу № 11901450001000777.",
     "04-12/3456", "11901450001000777"),
    ("zh", "案号：京公网安〔2020〕123号", "京公网安〔2020〕123号", None),
    ("es", "Expediente 123/2019. Diligencias Previas nº 45/2019.", "123/2019", "45/2019"),
    ("fr", "N/Réf. : 2020-778. Procédure n° 19/123.", "2020-778", "19/123"),
    ("de", "Aktenzeichen: 4 Js 123/21", "4", None),
    ("tr", "Sayı: 2021/345 Soruşturma No: 2021/99", "2021/345", "2021/99"),
    ("pt", "Ofício nº 321/2020. Inquérito Policial nº 2020.0001.", "321/2020", "2020.0001"),
    # a law's number is not a reference; words without digits are not numbers
    ("en", "with reference to the Federal Law of the Russian Federation", None, None),
    ("en", "Thank you.", None, None),
]


@pytest.mark.parametrize(("lang", "text", "ref", "proc"), REFERENCES,
                         ids=[f"{i}-{row[0]}" for i, row in enumerate(REFERENCES)])
def test_references(lang: str, text: str, ref: str | None, proc: str | None) -> None:
    reference, proceeding = extract_references(make_view(text), [])
    assert (reference.value if reference else None) == ref
    assert (proceeding.value if proceeding else None) == proc


def test_reference_inside_a_citation_is_not_one() -> None:
    text = "Order No. 149-FZ of 27.07.2006"
    view = make_view(text)
    assert extract_references(view, [(0, len(view.text))]) == (None, None)


SIGNATURES: list[tuple[str, bool | None, str | None, str | None]] = [
    ("Please comply.\n\nBest regards,\n\nJohn A. Smith\nDetective Sergeant\nCyber Crime Unit\n",
     True, "John A. Smith", "Detective Sergeant"),
    ("Просим принять меры.\nС уважением,\nЗаместитель начальника управления\nИ.И. Иванов\n",
     True, "И.И. Иванов", "Заместитель начальника управления"),
    ("请删除。\n此致\n敬礼\n网安总队 主任\n", True, None, "网安总队 主任"),
    ("Please remove it.\n\nBest regards,\n\n[private]\n\nCyber Security Department\n",
     True, None, None),
    ("Atentamente,\nEl Jefe del Grupo\nGuardia Civil\n", True, None, "El Jefe del Grupo"),
    ("Настоящее уведомление подписано квалифицированной электронной подписью.", True, None,
     None),
    # no closing, or only an organisation after it
    ("Please remove the content at https://example.org/a.", None, None, None),
    ("Best regards,\nBeijing Network Industry Association\n", None, None, None),
]


@pytest.mark.parametrize(("text", "signed", "name", "title"), SIGNATURES,
                         ids=[str(i) for i in range(len(SIGNATURES))])
def test_signature(text: str, signed: bool | None, name: str | None,
                   title: str | None) -> None:
    d = extract(text)
    assert d.requester.signed is signed
    assert d.requester.official_name == name
    assert d.requester.official_title == title
    for field, value in (("requester.signed", signed), ("requester.official_name", name),
                         ("requester.official_title", title)):
        assert (field in d.provenance) is (value is not None)


def test_pipeline_fields_with_provenance() -> None:
    text = ("Ref. No. 77/2023\n"
            "Pursuant to criminal case No. 2023-118, concerning the offence of extortion, "
            "punishable by up to 8 years, please disclose the subscriber information and IP "
            "logs of the account https://example.org/u/alice for the period from 01.01.2023 to "
            "31.01.2023. There is an imminent threat to life: the victim has been kidnapped and "
            "is held for ransom. Do not notify the user until 31.12.2023.\n\n"
            "Sincerely,\nJane Roe\nInspector\n")
    d = extract(text)
    assert d.reference == "77/2023"
    assert d.proceeding_reference == "2023-118"
    assert d.offence is not None and d.offence.max_penalty_years == 8
    assert [c.value for c in d.data_categories] == ["subscriber", "traffic"]
    assert d.time_range is not None and d.time_range.start == dt.date(2023, 1, 1)
    assert d.emergency_claimed is True
    assert d.emergency_justification is not None
    assert "kidnapped" in d.emergency_justification
    assert d.confidentiality_until == dt.date(2023, 12, 31)
    assert d.requester.official_name == "Jane Roe"
    assert d.requester.official_title == "Inspector"
    for field in ("reference", "proceeding_reference", "offence", "data_categories[0]",
                  "data_fields[0]", "time_range", "emergency_justification",
                  "confidentiality_until", "requester.official_name", "requester.signed"):
        spans = d.provenance[field]
        assert spans and all(0 <= s.start < s.end <= len(text) for s in spans), field


def test_a_letter_without_particulars_leaves_them_unknown() -> None:
    d = extract("Please remove the content at https://example.org/page.")
    assert d.reference is None and d.proceeding_reference is None
    assert d.offence is None and d.time_range is None
    assert d.data_categories == [] and d.data_fields == []
    assert d.requester.signed is None and d.requester.official_name is None
    assert d.confidentiality_until is None and d.emergency_justification is None
