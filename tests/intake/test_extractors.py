"""Extraction tables per field and language: text → expected values, and texts yielding nothing."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from scrutiny.intake.document import make_view
from scrutiny.intake.extractors.actions import extract_actions
from scrutiny.intake.extractors.dates import extract_deadline, letter_date, parse_date
from scrutiny.intake.extractors.languages import detect_languages, paragraphs
from scrutiny.intake.extractors.reasons import extract_reasons
from scrutiny.intake.extractors.signals import extract_signals
from scrutiny.intake.lexicon import load_lexicon

ACTIONS: list[tuple[str, str, set[str]]] = [
    ("en", "Please delete all the links and shut down the 2 accounts.",
     {"remove", "suspend_account"}),
    ("en", "Please help continue to block them.", {"restrict_in_country"}),
    ("en", "please at least let the visitors from China IP address could not see the "
           "information", {"restrict_in_country"}),
    ("en", "we request you to provide the subscriber information of the account holder",
     {"disclose_user_data"}),
    ("en", "Please preserve all records associated with the account for 90 days.",
     {"preserve"}),
    ("ru", "В случае непринятия провайдером хостинга мер по удалению запрещенной информации и "
           "(или) ограничению доступа к сайту", {"remove", "restrict_in_country"}),
    ("ru", "если владелец ресурса не удалит запрещенную информацию, то будут приняты меры по "
           "ограничению доступа (блокировке) на территории РФ", {"remove"}),
    ("zh", "我局建议贵公司清除法轮功的信息，最好能够封禁相关发布者账号，"
           "至少让来自中国IP地址的用户访问不到。",
     {"remove", "suspend_account", "restrict_in_country"}),
    ("es", "solicitamos la retirada del contenido y los datos relacionados con la investigación",
     {"remove", "disclose_user_data"}),
    ("es", "le rogamos bloquear el acceso desde España", {"restrict_in_country"}),
    ("fr", "Nous vous demandons de retirer ce contenu et de suspendre le compte.",
     {"remove", "suspend_account"}),
    ("de", "Wir fordern Sie auf, die Inhalte zu entfernen und das Konto zu sperren.",
     {"remove", "suspend_account"}),
    ("tr", "İçeriğin kaldırılması ve erişimin engellenmesi talep olunur.",
     {"remove", "restrict_in_country"}),
    ("pt", "Determino a remoção do conteúdo e o fornecimento dos dados cadastrais do usuário.",
     {"remove", "disclose_user_data"}),
    # nothing asked
    ("en", "Thank you for your cooperation.", set()),
    ("en", "Otherwise the access to the following URL would be limited.", set()),
    ("ru", "Информирую Вас об этом.", set()),
    ("zh", "谢谢。", set()),
    ("es", "Atentamente,", set()),
]


@pytest.mark.parametrize(("lang", "text", "expected"), ACTIONS,
                         ids=[f"{i}-{lang}" for i, (lang, _, _) in enumerate(ACTIONS)])
def test_actions(lang: str, text: str, expected: set[str]) -> None:
    view = make_view(text)
    signals = extract_signals(view)
    actions, _ = extract_actions(view, signals.threats)
    assert {a.value.value for a in actions} == expected


REASONS: list[tuple[str, str, set[str]]] = [
    ("en", "the URL contains information about ways to commit suicide", {"suicide"}),
    ("en", "Falungong has been defined as a heresy in China", {"religious_expression"}),
    ("en", "the webpages violated the criminal offence of Forgery; fake webpages",
     {"fraud_scam"}),
    ("en", "spreading rumors and attacking the top leaders",
     {"misinformation", "political_expression"}),
    ("ru", "содержит призывы к осуществлению экстремистской деятельности",
     {"extremism_terrorism"}),
    ("ru", "нарушающие требования о запрете деятельности по организации азартных игр",
     {"gambling"}),
    ("zh", "“法轮功”已被我国界定为邪教", {"religious_expression"}),
    ("es", "el movimiento ha sido confirmado como organización que impulsa ataques terroristas",
     {"extremism_terrorism"}),
    ("fr", "des contenus faisant l'apologie du terrorisme", {"extremism_terrorism"}),
    ("de", "Inhalte mit Volksverhetzung", {"hate_speech"}),
    ("tr", "yasa dışı bahis içerikleri", {"gambling"}),
    ("pt", "conteúdo de pornografia infantil", {"child_safety"}),
    # no reason stated
    ("en", "Please remove the following link.", set()),
    ("ru", "Направляется уведомление о внесении в реестр.", set()),
    ("en", "the law of minor protection and the criminal law", set()),
]


@pytest.mark.parametrize(("lang", "text", "expected"), REASONS,
                         ids=[f"{i}-{lang}" for i, (lang, _, _) in enumerate(REASONS)])
def test_reasons(lang: str, text: str, expected: set[str]) -> None:
    reasons, stated = extract_reasons(make_view(text), [])
    assert {r.value.value for r in reasons} == expected
    assert stated == bool(expected)


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://github.com/someone/x/blob/master/suicide.txt", {"suicide"}),
        ("https://azino777-slot.github.io", {"gambling"}),
        ("https://bannerproxy.github.io/ru/anonymizer", {"circumvention_tools"}),
        ("https://vulkanolog.github.io", set()),
        ("https://github.com/someone/MyFirstApp/raw/master/Zenit.msi", set()),
    ],
)
def test_reasons_from_url_wording_when_no_reason_is_stated(url: str, expected: set[str]) -> None:
    reasons, stated = extract_reasons(make_view("Please remove: " + url), [(url, (0, 1))])
    assert {r.value.value for r in reasons} == expected
    assert stated is False


SIGNALS: list[tuple[str, str, dict[str, bool]]] = [
    ("ru", "доступ к нему будет ограничен", {"threat": True}),
    ("en", "access will be limited", {"threat": True}),
    ("en", "Failure to comply may result in the imposition of administrative fines.",
     {"threat": True}),
    ("tr", "bant genişliği %90 oranında daraltılacaktır", {"threat": True}),
    ("de", "Andernfalls wird ein Bußgeld verhängt.", {"threat": True}),
    ("en", "shall be sentenced to fixed-term imprisonment of not less than three years",
     {"threat": False}),
    ("en", "There is an imminent threat to life of a missing child.", {"emergency": True}),
    ("en", "Please reply at your convenience.", {"emergency": False}),
    ("en", "Please do not notify the user of this request.", {"confidential": True}),
    ("es", "Se ruega no notificar al usuario; secreto de las actuaciones.",
     {"confidential": True}),
    ("en", "we send this e-mail with a national court warrant attached", {"judicial": True}),
    ("ru", "на основании решения Таганского районного суда г. Москвы", {"judicial": True}),
    ("tr", "Sulh Ceza Hâkimliği'nin 2020/123 sayılı kararı", {"judicial": True}),
    ("pt", "em cumprimento à ordem judicial", {"judicial": True}),
    ("ru", "может быть обжаловано в суд в течение трех месяцев", {"judicial": False}),
    ("en", "on the basis of a decision of Federal service on customers' rights protection",
     {"judicial": False}),
]


@pytest.mark.parametrize(("lang", "text", "expected"), SIGNALS,
                         ids=[f"{i}-{lang}" for i, (lang, _, _) in enumerate(SIGNALS)])
def test_signals(lang: str, text: str, expected: dict[str, bool]) -> None:
    s = extract_signals(make_view(text))
    got = {"threat": s.threat is not None, "emergency": s.emergency is not None,
           "confidential": s.confidentiality is not None, "judicial": s.judicial is not None}
    for key, value in expected.items():
        assert got[key] is value, key


DEADLINES: list[tuple[str, float | None]] = [
    ("the hosting provider must restrict the access within 24 hours from the receipt", 24),
    ("провайдер хостинга обязан ограничить доступ в течение суток", 24),
    ("请在24小时内删除", 24),
    ("en un plazo de 48 horas", 48),
    ("dans un délai de 7 jours", 168),
    ("innerhalb von 24 Stunden", 24),
    ("4 saat içinde kaldırılması", 4),
    ("no prazo de 2 dias", 48),
    ("within three business days", 72),
    # not deadlines
    ("может быть обжаловано в суд в течение трех месяцев со дня принятия решения", None),
    ("The decision can be appealed within 10 days.", None),
    ("Please inform us in the shortest time possible.", None),
    ("", None),
]


@pytest.mark.parametrize(("text", "hours"), DEADLINES)
def test_deadlines(text: str, hours: float | None) -> None:
    view = make_view(text)
    appeals = [h for h in load_lexicon("cues").find(view.text, view.lowered)
               if h.value == "appeal"]
    found = extract_deadline(view, appeals)
    assert (found.value[0] if found else None) == hours


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("27.07.2006", dt.date(2006, 7, 27)),
        ("2019年11月6日", dt.date(2019, 11, 6)),
        ("Nov.6th,2019", dt.date(2019, 11, 6)),
        ("22st,Jan,2021", dt.date(2021, 1, 22)),
        ("29 декабря 2006", dt.date(2006, 12, 29)),
        ("6 de marzo de 2020", dt.date(2020, 3, 6)),
        ("31.02.2020", None),
        ("not a date", None),
    ],
)
def test_parse_date(text: str, expected: dt.date | None) -> None:
    assert parse_date(text) == expected


def test_letter_date_is_a_date_on_its_own_line() -> None:
    text = ("Under the Federal Law of July 27, 2006 149-FZ we ask you to remove it.\n\n"
            "Best,\nThe Bureau\n\nNov.6th,2019\n")
    found = letter_date(text)
    assert found is not None and found.value == dt.date(2019, 11, 6)
    assert letter_date("Under the Federal Law of July 27, 2006 we ask.") is None


LANGS: list[tuple[str, set[str]]] = [
    ("Направляется уведомление о внесении в единый реестр доменных имен и указателей страниц "
     "сайтов в сети Интернет.\n\nIt is notice of making an entry into the Unified register of "
     "domain names and Internet web-site page links.", {"ru", "en"}),
    ("您好！我代表中国公安部网络安全保卫局，向贵公司举报贵平台上出现的违法链接。", {"zh"}),
    ("Esta es la cuenta de correo electrónico oficial del Grupo de Interceptación de las "
     "Telecomunicaciones de la Guardia Civil.", {"es"}),
    ("Nous vous demandons de retirer ce contenu illicite dans les meilleurs délais possibles.",
     {"fr"}),
    ("Wir fordern Sie auf, die rechtswidrigen Inhalte unverzüglich zu entfernen.", {"de"}),
    ("İçeriğin kaldırılması ve erişimin engellenmesi talep olunur, bilgilerinize sunulur.",
     {"tr"}),
    ("Determino a remoção do conteúdo ilícito no prazo de vinte e quatro horas.", {"pt"}),
    ("https://github.com/a/b\n[private]\n12345", set()),
]


@pytest.mark.parametrize(("text", "expected"), LANGS)
def test_languages(text: str, expected: set[str]) -> None:
    assert {f.value for f in detect_languages(paragraphs(text))} == expected


@pytest.mark.parametrize(
    ("text", "hours"),
    [
        ("удалить информацию в трехдневный срок", 72),
        ("ограничить доступ в суточный срок", 24),
        ("within a period of 72 hours", 72),
    ],
)
def test_more_deadline_forms(text: str, hours: float) -> None:
    found = extract_deadline(make_view(text), [])
    assert found is not None and found.value[0] == hours


_DATE_PIECES = ["12.05.2019", "2019-12-29", "2019年11月6日", "5 декабря 2019", "Nov.6th,2019",
                "December 3, 2021", "  ", "\n", " ", "120195", "de", " de ", "19", "20", "2020",
                ".", ",", "31", "mayo", "de 2019", "\n\n\n   ", "年", "月", "日"]


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(_DATE_PIECES), min_size=1, max_size=14))
def test_dates_found_near_years_are_those_of_a_whole_scan(pieces: list[str]) -> None:
    from scrutiny.intake.extractors import dates

    text = "".join(pieces)
    assert [(h.start, h.end) for h in dates.find_dates(text)] == [
        m.span() for m in dates._DATE.finditer(text)]
