"""Legal bases as a table: text → expected (instrument, provision) labels, in national styles."""

from __future__ import annotations

import pytest

from scrutiny.intake.document import make_view
from scrutiny.intake.extractors.citations import extract_legal_bases
from scrutiny.intake.lexicon import load_lexicon

CASES: list[tuple[str | None, str, set[str]]] = [
    # Russia
    ("RU", "В соответствии с частью 7 статьи 15.1 Федерального закона от 27.07.2006 № 149-ФЗ "
           "«Об информации, информационных технологиях и о защите информации» уведомляем",
     {"RU Federal Law 149-FZ art 15.1"}),
    ("RU", "In accordance with No. 7 of Article 15.1. of the Federal Law dated 27.07.2006 "
           "No. 149-FZ \"On Information, Information Technologies and Information Protection\"",
     {"RU Federal Law 149-FZ art 15.1"}),
    ("RU", "Согласно Федеральному закону от 28.12.2013г. № 398-ФЗ, если владелец",
     {"RU Federal Law 398-FZ"}),
    ("RU", "According to Federal Law №398 dated 28.12.2013 resource owner has to remove",
     {"RU Federal Law 398-FZ"}),
    ("RU", "the resolution of the Government of the Russian Federation on October 26, 2012 1101",
     {"RU Government Resolution 1101 (2012)"}),
    ("RU", "В нарушение требований Федерального закона № 244-ФЗ, в том числе установленных "
           "частями 1-3 статьи 5 указанного Федерального закона, на сайте",
     {"RU Federal Law 244-FZ art 5"}),
    ("RU", "статья 282 Уголовного кодекса Российской Федерации", {"RU Criminal Code art 282"}),
    ("RU", "Федерального закона от 11 ноября 2003 года N 138-ФЗ \"О лотереях\"",
     {"RU Federal Law 138-FZ"}),
    # China
    ("CN", "Article 300 of the Criminal Law of our country stipulates",
     {"CN Criminal Law art 300"}),
    ("CN", "其中，我国《刑法》第三百条规定：组织和利用会道门", {"CN Criminal Law art 300"}),
    ("CN", "根据我国《互联网信息服务管理办法》第十五条规定",
     {"CN Measures for the Administration of Internet Information Services art 15"}),
    ("CN", "violates the third paragraph of Article 15 of China’s ‘Administrative Rules for "
           "Internet Information Services’ that",
     {"CN Measures for the Administration of Internet Information Services art 15"}),
    (None, "《中华人民共和国网络安全法》第一百零五条", {"CN Cybersecurity Law art 105"}),
    # Hong Kong
    ("HK", "contrary to Section 71 of the Crimes Ordinance, Cap. 200, Laws of Hong Kong.",
     {"HK Crimes Ordinance (Cap. 200) s 71"}),
    # Spain
    ("ES", "as specified in the article 35 of our Law 34/2002 and the article 13 of our "
           "Criminal Procedure Code.",
     {"ES Law 34/2002 (LSSI) art 35", "ES Criminal Procedure Code (LECrim) art 13"}),
    ("ES", "el artículo 35 de nuestra Ley 34/2002 y el artículo 13 de nuestro Código de "
           "Procedimiento Penal.",
     {"ES Law 34/2002 (LSSI) art 35", "ES Criminal Procedure Code (LECrim) art 13"}),
    (None, "el artículo 18 de la Ley Orgánica 1/1982, de 5 de mayo",
     {"ES Organic Law 1/1982 art 18"}),
    # Germany, France, Turkey, India, Brazil, UK, US
    (None, "strafbar nach § 130 StGB (Volksverhetzung)", {"DE Criminal Code (StGB) s 130"}),
    (None, "§ 130 Abs. 1 StGB", {"DE Criminal Code (StGB) s 130"}),
    (None, "au sens de l'article 421-2-5 du Code pénal", {"FR Criminal Code art 421-2-5"}),
    (None, "5651 sayılı Kanun'un 8/A maddesi uyarınca", {"TR Law 5651 art 8/A"}),
    (None, "under Section 69A of the Information Technology Act, 2000",
     {"IN Information Technology Act 2000 s 69A"}),
    (None, "nos termos do art. 19 da Lei nº 12.965/2014 (Marco Civil da Internet)",
     {"BR Law 12.965/2014 (Marco Civil) art 19"}),
    (None, "an offence under section 1 of the Terrorism Act 2006",
     {"GB Terrorism Act 2006 s 1"}),
    (None, "an order issued under 18 U.S.C. § 2703(d)", {"US 18 U.S.C. s 2703(d)"}),
    # EU and treaties
    (None, "an order under Article 9 of Regulation (EU) 2022/2065",
     {"EU Digital Services Act art 9"}),
    (None, "Article 5 of Regulation (EU) 2023/1543", {"EU e-Evidence Regulation art 5"}),
    (None, "pursuant to Article 29 of the Budapest Convention",
     {"CoE Budapest Convention art 29"}),
    (None, "Article 42 of the United Nations Convention against Cybercrime",
     {"UN Cybercrime Convention art 42"}),
    # generic Act, country from the letter
    ("IE", "under section 5 of the Criminal Justice Act 2011",
     {"IE Criminal Justice Act 2011 s 5"}),
    # texts that must yield nothing
    ("RU", "Консультант горячей линии по вопросам реализации статей 15.1, 15.3 Федерального "
           "закона \"Об информации, информационных технологиях и о защите информации\"", set()),
    ("RU", "Hotline Advisor implementation of articles 15.1, 15.3 of the Federal Law \"About "
           "information, information technology and information security\"", set()),
    (None, "Please remove the content described in article 5 of our terms of service.", set()),
    (None, "Criminal Code and Criminal Procedure Code apply.", set()),
    (None, "We met on 27.07.2006 and discussed 15 items.", set()),
    ("CN", "The decision can be appealed within three months.", set()),
    (None, "", set()),
]


@pytest.mark.parametrize(("country", "text", "expected"), CASES,
                         ids=[f"{i}-{c}" for i, (c, _, _) in enumerate(CASES)])
def test_legal_bases(country: str | None, text: str, expected: set[str]) -> None:
    view = make_view(text)
    roles = [h for h in load_lexicon("cues").find(view.text, view.lowered) if h.value == "role"]
    found = extract_legal_bases(view, country, roles)
    labels = {" ".join(x for x in (f.value.instrument, f.value.provision) if x) for f in found}
    assert labels == expected


def test_citation_spans_point_at_the_citation() -> None:
    text = "Согласно\nФедеральному закону от 28.12.2013г. № 398-ФЗ, если"
    found = extract_legal_bases(make_view(text), "RU")
    assert len(found) == 1
    s, e = found[0].spans[0]
    assert "398-ФЗ" in text[s:e]
