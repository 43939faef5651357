"""The authority registry (data quality) and the matcher (tables of text -> authority)."""

from __future__ import annotations

import re
from collections import defaultdict
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from scrutiny.demands.vocab import ISO_3166_ALPHA2, AuthorityKind
from scrutiny.errors import PolicyError
from scrutiny.intake.authorities import (
    AUTHORITIES_PATH,
    AuthorityRegistry,
    find_authorities,
    load_authorities,
    lookup,
    normalize_name,
)

REG = load_authorities()


def _ids(text: str) -> list[str]:
    return [m.authority.id for m in find_authorities(text)]


def _first(text: str) -> str | None:
    found = find_authorities(text)
    return found[0].authority.id if found else None


# ------------------------------------------------------------------------------------------------
# text -> the authority found first (the sender when there are several)
# ------------------------------------------------------------------------------------------------

FIRST = [
    # Russian: declension, capitals, quotes, line breaks, abbreviations
    ("ru-sign", "С уважением,\nРоскомнадзор", "ru-roskomnadzor"),
    ("ru-gen", "по требованию Роскомнадзора доступ ограничен", "ru-roskomnadzor"),
    (
        "ru-gen-long",
        "Направляем уведомление Федеральной службы по надзору в сфере связи, информационных "
        "технологий и массовых коммуникаций о внесении в реестр.",
        "ru-roskomnadzor",
    ),
    (
        "ru-caps",
        "ФЕДЕРАЛЬНАЯ СЛУЖБА ПО НАДЗОРУ В СФЕРЕ СВЯЗИ, ИНФОРМАЦИОННЫХ ТЕХНОЛОГИЙ И МАССОВЫХ "
        "КОММУНИКАЦИЙ.",
        "ru-roskomnadzor",
    ),
    (
        "ru-linebreaks",
        "Федеральная служба по надзору\nв сфере связи, информационных\nтехнологий и массовых "
        "коммуникаций",
        "ru-roskomnadzor",
    ),
    ("ru-quotes", "письмо «Роскомнадзора» от 12.03.2021", "ru-roskomnadzor"),
    ("ru-hyphenated", "С уважением,\nРоскомнад-\nзор", "ru-roskomnadzor"),
    (
        "ru-hyphenated-compound",
        "Управление по организации борьбы с противоправным использованием информационно-\n"
        "коммуникационных технологий МВД России",
        "ru-mvd-ubk",
    ),
    ("ru-abbr", "Письмо РКН № 123 от 12.03.2021", "ru-roskomnadzor"),
    ("ru-en", "Best regards,\nRoskomnadzor", "ru-roskomnadzor"),
    (
        "ru-en-variant",
        "Federal Service for Supervision in the Sphere of Telecom, Information Technologies and "
        "Mass Communications (ROSKOMNADZOR).",
        "ru-roskomnadzor",
    ),
    ("ru-gp", "Генеральной прокуратурой Российской Федерации", "ru-prosecutor-general"),
    (
        "ru-court",
        "решением Тверского районного суда города Москвы от 1 марта 2019 года",
        "ru-court",
    ),
    ("ru-court-en", "by the decision of the Tverskoy District Court of Moscow", "ru-court"),
    ("ru-caps-court", "ТВЕРСКОЙ РАЙОННЫЙ СУД ГОРОДА МОСКВЫ", "ru-court"),
    ("ru-mvd-regional", "ГУ МВД России по г. Москве сообщает", "ru-mvd-regional"),
    ("ru-fsb", "Федеральная служба безопасности Российской Федерации", "ru-fsb"),
    ("ru-sk", "Следственным комитетом Российской Федерации", "ru-investigative-committee"),
    # Chinese
    ("zh-mps", "公安部网络安全保卫局", "cn-mps-cyber-security"),
    ("zh-cac", "国家互联网信息办公室要求删除以下内容", "cn-cac"),
    ("zh-psb", "北京市公安局网络安全保卫总队", "cn-psb"),
    ("zh-court", "根据北京市海淀区人民法院判决", "cn-court"),
    ("zh-jubao", "中国互联网违法和不良信息举报中心", "cn-reporting-centre"),
    ("en-cac", "Cyberspace Administration of China", "cn-cac"),
    ("en-cac-abbr", "The CAC has ordered the removal of these apps in China.", "cn-cac"),
    (
        "en-mps",
        "Cyber Security Department of the Ministry of Public Security of China",
        "cn-mps-cyber-security",
    ),
    ("en-bnia", "This is Beijing Network Industry Association.", "cn-bnia"),
    ("hk", "Cyber Security and Technology Crime Bureau", "hk-cstcb"),
    ("hk-hyphenated", "Cyber Security and Tech-\nnology Crime Bureau", "hk-cstcb"),
    ("sg-hyphen-or-space", "Attorney General's Chambers of Singapore", "sg-agc"),
    # Spanish
    ("es-gdt", "Grupo de Delitos Telemáticos de la Guardia Civil", "es-guardia-civil-gdt"),
    ("es-court", "Juzgado de Instrucción nº 3 de Madrid", "es-court"),
    ("es-caps-court", "JUZGADO DE INSTRUCCIÓN Nº 3 DE MADRID", "es-court"),
    ("es-pn", "la Policía Nacional de España", "es-policia-nacional"),
    ("es-aepd", "Agencia Española de Protección de Datos", "es-aepd"),
    # German
    ("de-bka", "Mit freundlichen Grüßen\nBundeskriminalamt", "de-bka"),
    ("de-bka-gen", "im Auftrag des Bundeskriminalamtes", "de-bka"),
    ("de-sta", "Staatsanwaltschaft Köln, Az. 123 Js 45/24", "de-prosecutor"),
    ("de-ag", "Beschluss des Amtsgerichts Hamburg", "de-court"),
    ("de-caps-court", "AMTSGERICHT HAMBURG", "de-court"),
    ("de-lka", "Landeskriminalamt Nordrhein-Westfalen", "de-lka"),
    ("de-jsnet", "Hinweis von jugendschutz.net", "de-jugendschutz-net"),
    ("de-bnetza", "Bundesnetzagentur", "de-bnetza"),
    # French
    (
        "fr-oclctic",
        "Office central de lutte contre la criminalité liée aux technologies de l'information "
        "et de la communication",
        "fr-ofac",
    ),
    ("fr-court", "ordonnance du Tribunal judiciaire de Paris", "fr-court"),
    ("fr-arcom", "Cordialement,\nl'Arcom", "fr-arcom"),
    # Turkish
    ("tr-btk", "Bilgi Teknolojileri ve İletişim Kurumu'nun kararı", "tr-btk"),
    ("tr-btk-abbr", "BTK tarafından", "tr-btk"),
    ("tr-court", "Ankara 5. Sulh Ceza Hakimliği kararı", "tr-court"),
    ("tr-prosecutor", "İstanbul Cumhuriyet Başsavcılığı", "tr-prosecutor"),
    ("tr-caps-court", "T.C.\nANKARA 1. SULH CEZA HAKİMLİĞİ", "tr-court"),
    ("tr-caps-dotless", "ERİŞİM SAĞLAYICILARI BİRLİĞİ", "tr-esb"),
    ("tr-caps-prosecutor", "İSTANBUL CUMHURİYET BAŞSAVCILIĞI", "tr-prosecutor"),
    # Portuguese
    ("pt-tse", "Tribunal Superior Eleitoral", "br-tse"),
    ("pt-mpf", "Ministério Público Federal", "br-mpf"),
    ("pt-anatel", "Agência Nacional de Telecomunicações", "br-anatel"),
    # English
    ("us-fbi", "Federal Bureau of Investigation", "us-fbi"),
    ("us-fbi-abbr", "Sincerely,\nSpecial Agent, FBI", "us-fbi"),
    (
        "us-court",
        "United States District Court for the Southern District of New York",
        "us-court",
    ),
    ("gb-ofcom", "Ofcom", "gb-ofcom"),
    ("gb-nca", "National Crime Agency", "gb-nca"),
    ("in-meity", "Ministry of Electronics and Information Technology", "in-meity"),
    ("in-certin", "CERT-In advisory", "in-cert-in"),
    # fuzzy variants
    (
        "fuzzy-ru-en",
        "Federal Servise for Supervison of Communications, Information Technology and Mass Media",
        "ru-roskomnadzor",
    ),
    ("fuzzy-typo", "Roskomnadsor", "ru-roskomnadzor"),
    (
        "fuzzy-typo-in-signature",
        "By decision of the Tverskoy District Court of Moscow the page is blocked.\n\n"
        "Best regards,\nRozkomnadzor",
        "ru-roskomnadzor",
    ),
]


# more languages and countries: one case each
FIRST_MORE = [
 ("it", "La Polizia Postale e delle Comunicazioni ha segnalato", "it-polizia-postale"),
 ("it-court", "ordinanza del Tribunale di Milano", "it-court"),
 ("it-procura", "Procura della Repubblica presso il Tribunale di Roma", "it-prosecutor"),
 ("it-agcom", "Delibera AGCOM n. 680/13/CONS", "it-agcom"),
 ("nl", "Met vriendelijke groet,\nOpenbaar Ministerie", "nl-om"),
 ("nl-court", "vonnis van de Rechtbank Amsterdam", "nl-court"),
 ("pl", "Komenda Główna Policji", "pl-policja"),
 ("pl-court", "postanowienie Sądu Rejonowego dla Warszawy-Mokotowa w Warszawie", "pl-court"),
 ("sv", "Polismyndigheten begär", "se-police"),
 ("sv-court", "Stockholms tingsrätt har beslutat", "se-court"),
 ("uk", "Департамент кіберполіції Національної поліції України", "ua-cyberpolice"),
 ("uk-sbu", "Служба безпеки України", "ua-sbu"),
 ("be", "Міністэрства інфармацыі Рэспублікі Беларусь", "by-mininform"),
 ("by-ru", "Министерство информации Республики Беларусь", "by-mininform"),
 ("kk", "Комитет национальной безопасности Республики Казахстан", "kz-knb"),
 ("ko", "방송통신심의위원회는 다음 정보의 삭제를 요청합니다", "kr-kcsc"),
 ("ko-court", "서울중앙지방법원 판결", "kr-court"),
 ("ja", "警察庁サイバー警察局", "jp-npa"),
 ("ja-court", "東京地方裁判所の決定", "jp-court"),
 ("ar", "الجهاز القومي لتنظيم الاتصالات", "eg-ntra"),
 ("ar-ae", "هيئة تنظيم الاتصالات والحكومة الرقمية", "ae-tdra"),
 ("fa", "پلیس فتا", "ir-fata"),
 ("he", "משטרת ישראל", "il-police"),
 ("th", "กระทรวงดิจิทัลเพื่อเศรษฐกิจและสังคม", "th-mdes"),
 ("vi", "Bộ Thông tin và Truyền thông", "vn-mic"),
 ("vi-a05", "Cục An ninh mạng và phòng, chống tội phạm sử dụng công nghệ cao", "vn-a05"),
 ("id", "Kementerian Komunikasi dan Informatika Republik Indonesia", "id-komdigi"),
 ("ms", "Suruhanjaya Komunikasi dan Multimedia Malaysia", "my-mcmc"),
 ("hi", "इलेक्ट्रॉनिकी और सूचना प्रौद्योगिकी मंत्रालय", "in-meity"),
 ("zh-tw", "國家通訊傳播委員會", "tw-ncc"),
 ("zh-tw-court", "臺灣臺北地方法院", "tw-court"),
 ("zh-hk", "香港警務處網絡安全及科技罪案調查科", "hk-cstcb"),
 ("pt-pc", "Polícia Civil do Estado de São Paulo", "br-policia-civil"),
 ("pt-vara", "1ª Vara Criminal da Comarca de São Paulo", "br-court"),
 ("fr-parquet", "le parquet de Paris", "fr-prosecutor"),
 ("de-at", "Landesgericht für Strafsachen Wien", "at-court"),
 ("en-au", "Office of the eSafety Commissioner", "au-esafety"),
 ("en-au-abbr", "eSafety issued a removal notice", "au-esafety"),
 ("en-nz", "Department of Internal Affairs, New Zealand", "nz-dia"),
 ("en-ng", "Nigerian Communications Commission", "ng-ncc"),
 ("en-ke", "Communications Authority of Kenya", "ke-ca"),
 ("en-za", "Film and Publication Board", "za-fpb"),
 ("en-pk", "Pakistan Telecommunication Authority", "pk-pta"),
 ("en-pk-abbr", "PTA has blocked the URL in Pakistan", "pk-pta"),
 ("en-bd", "Bangladesh Telecommunication Regulatory Commission", "bd-btrc"),
 ("en-sg", "POFMA Office", "sg-pofma-office"),
 ("en-ph", "PNP Anti-Cybercrime Group", "ph-pnp-acg"),
 ("en-gb-police", "Greater Manchester Police", "gb-police-force"),
 ("en-us-local", "Los Angeles Police Department", "us-police-local"),
 ("en-ca", "Royal Canadian Mounted Police", "ca-rcmp"),
 ("es-mx", "Fiscalía General de la República", "mx-fgr"),
 ("es-ar", "Ente Nacional de Comunicaciones", "ar-enacom"),
 ("es-co", "Policía Nacional de Colombia", "co-policia"),
 ("es-co-weak", "Policía Nacional, Bogotá, Colombia", "co-policia"),
 ("ga", "An Garda Síochána", "ie-garda"),
 ("en-et", "Information Network Security Administration", "et-insa"),
 ("en-zw", "Postal and Telecommunications Regulatory Authority of Zimbabwe", "zw-potraz"),
 ("en-ir", "FATA Police", "ir-fata"),
 ("ar-sa", "هيئة الاتصالات والفضاء والتقنية", "sa-cst"),
 ("pt-pt", "Autoridade Nacional de Comunicações", "pt-anacom"),
 ("de-ch", "Bundesamt für Kommunikation", "ch-bakom"),
 ("cs", "Český telekomunikační úřad", "cz-ctu"),
 ("ro", "DIICOT", "ro-diicot"),
 ("el", "Εθνική Επιτροπή Τηλεπικοινωνιών και Ταχυδρομείων", "gr-eett"),
 ("es-cl", "Policía de Investigaciones de Chile", "cl-pdi"),
 ("ru-uz", "Узкомназорат", "uz-uzkomnazorat"),
 ("en-gb-caps", "OFCOM has fined the company", "gb-ofcom"),
]


@pytest.mark.parametrize(("text", "expected"), [c[1:] for c in FIRST], ids=[c[0] for c in FIRST])
def test_first_match(text: str, expected: str) -> None:
    assert _first(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"), [c[1:] for c in FIRST_MORE], ids=[c[0] for c in FIRST_MORE]
)
def test_first_match_more_languages(text: str, expected: str) -> None:
    assert _first(text) == expected


# ------------------------------------------------------------------------------------------------
# texts that must yield nothing
# ------------------------------------------------------------------------------------------------

NOTHING = [
    "The customer service team will hold court at the food court.",
    "Please send the request to the service desk; our federal partners will respond.",
    "The CAC 40 rose 2% today.",
    "Working from the home office is allowed on Fridays.",
    "MPs debated the bill late into the night.",
    "Судья сказал, что служба доставки работает без выходных.",
    "Мы обратились к юристу по поводу договора аренды.",
    "Der Polizist ging nach Hause und trank einen Kaffee.",
    "秘书处已收到公文，谢谢。",
    "Best regards,\nJohn",
    "El servicio nacional de salud atiende a todos.",
    "La cour de l'école est fermée le dimanche.",
    "Our security service vendor renewed the contract.",
    "We met at the ACM conference and the CIO joined.",
    "Apply SPF 50 sunscreen; the DIA team and the CSA panel agreed.",
    "ED visits rose; the NBA final; PTA meeting tonight at school.",
    "The FSB report on financial stability was published.",
    "The home office and the secret service of my cat.",
    "Please restrict access in China to the following repository.",
    "Best regards,\nThe GitHub Support Team",
    "Dear Sir or Madam, the national police, federal police and state police.",
    "The court of appeals in our novel was fictional; the district court scene was short.",
    "Министерство правды и служба доставки пиццы",
    "中国人民很多，法院在哪里？",
    "",
    "   \n\t",
]


@pytest.mark.parametrize("text", NOTHING)
def test_nothing(text: str) -> None:
    assert find_authorities(text) == []


# ------------------------------------------------------------------------------------------------
# the sender versus bodies merely mentioned
# ------------------------------------------------------------------------------------------------

SENDER = [
    (
        "ru-regulator-cites-court",
        "В соответствии с решением Тверского районного суда г. Москвы от 01.02.2020 доступ к "
        "информации подлежит ограничению.\n\nС уважением,\nРоскомнадзор",
        "ru-roskomnadzor",
        "ru-court",
    ),
    (
        "ru-regulator-cites-prosecutor",
        "В соответствии с требованием Генеральной прокуратуры Российской Федерации информация "
        "подлежит удалению.\n\nС уважением,\nФедеральная служба по надзору в сфере связи, "
        "информационных технологий и массовых коммуникаций",
        "ru-roskomnadzor",
        "ru-prosecutor-general",
    ),
    (
        "in-i4c-cites-court",
        "Pursuant to the order of the Delhi High Court dated 3 May 2023, please remove the "
        "following posts.\n\nSincerely,\nIndian Cyber Crime Coordination Centre (I4C)",
        "in-i4c",
        "in-court",
    ),
    (
        "es-self-identification",
        "Esta es la cuenta oficial del Grupo de Delitos Telemáticos de la Guardia Civil. La "
        "Audiencia Nacional investiga los hechos.",
        "es-guardia-civil-gdt",
        "es-audiencia-nacional",
    ),
    (
        "gb-from-header",
        "From: Ofcom <enforcement@ofcom.org.uk>\nSubject: notice\n\nFollowing the request of "
        "the National Crime Agency we ask you to act.",
        "gb-ofcom",
        "gb-nca",
    ),
    (
        "zh-signature",
        "根据最高人民法院的判决，请删除以下链接。\n此致\n公安部网络安全保卫局",
        "cn-mps-cyber-security",
        "cn-spc",
    ),
    (
        "hk-child-over-parent",
        "The Hong Kong Police Force has received several reports of fake webpages.\n\n"
        "Best Regards,\nCyber Security Division\nCyber Security and Technology Crime Bureau\n",
        "hk-cstcb",
        "hk-police",
    ),
]


@pytest.mark.parametrize(
    ("text", "sender", "mentioned"), [c[1:] for c in SENDER], ids=[c[0] for c in SENDER]
)
def test_sender_before_mentioned(text: str, sender: str, mentioned: str) -> None:
    found = find_authorities(text)
    by_id = {m.authority.id: m for m in found}
    assert found[0].authority.id == sender
    assert found[0].role == "sender"
    assert by_id[mentioned].role == "mentioned"
    assert by_id[sender].sender_score > by_id[mentioned].sender_score


def test_match_fields_point_into_the_text() -> None:
    text = "Письмо.\n\nС уважением,\nРоскомнадзор\nи снова Роскомнадзор"
    match = find_authorities(text)[0]
    assert text[match.start : match.end] == match.matched_text == "Роскомнадзор"
    assert match.occurrences == ((match.start, match.end), (text.rindex("Роск"), len(text)))
    assert match.kind is AuthorityKind.REGULATOR
    assert match.country == "RU"
    assert 0 < match.confidence <= 1
    assert match.via == "name"


def test_family_match_is_named_as_written() -> None:
    match = find_authorities("решением Тверского районного суда\nгорода Москвы от 1 марта")[0]
    assert match.authority.id == "ru-court"
    assert match.name == "Тверского районного суда города Москвы"
    data = match.as_dict()
    assert data["id"] == "ru-court" and data["kind"] == "court" and data["country"] == "RU"
    assert data["name_en"] == match.authority.name_en
    assert data["occurrences"] == [[match.start, match.end]]


def test_one_match_per_authority() -> None:
    text = "Роскомнадзор. РКН. Roskomnadzor. Federal Service for Supervision of Communications, " \
        "Information Technology and Mass Media"
    found = find_authorities(text)
    assert [m.authority.id for m in found] == ["ru-roskomnadzor"]
    assert len(found[0].occurrences) == 4


def test_official_email_domain_names_the_sender() -> None:
    text = "From: zapret-info-out@rkn.gov.ru\nTo: support@example.com\n\nПрошу удалить."
    match = find_authorities(text)[0]
    assert match.authority.id == "ru-roskomnadzor"
    assert match.via == "domain" and match.role == "sender"
    assert match.matched_text == "rkn.gov.ru"
    assert find_authorities("write to someone@example.com") == []


def test_official_link_is_weaker_than_a_name() -> None:
    only_link = find_authorities("Сведения доступны по адресу http://eais.rkn.gov.ru/en/ .")
    assert [m.authority.id for m in only_link] == ["ru-roskomnadzor"]
    assert only_link[0].confidence == 0.6 and only_link[0].via == "domain"
    both = find_authorities(
        "See https://www.fbi.gov/tips for details.\n\nBest regards,\nOfcom"
    )
    assert both[0].authority.id == "gb-ofcom" and both[0].role == "sender"
    assert {m.authority.id: m.role for m in both}["us-fbi"] == "mentioned"


def test_weak_abbreviation_needs_corroboration() -> None:
    assert _ids("Please contact the MSS about it.") == []
    assert "cn-mss" in _ids("中国国家安全机关 MSS 要求提供资料")


def test_ambiguous_name_resolved_by_country() -> None:
    assert _first("Department of Justice, Hong Kong Special Administrative Region") == "hk-doj"
    assert _first("Department of Justice, Washington, D.C., United States") == "us-doj"


def test_weak_name_needs_title_case() -> None:
    assert _ids("UK police: the Home Office (United Kingdom) asks") == ["gb-home-office"]
    assert _ids("from my home office in the United Kingdom") == []


def test_pattern_match_trims_leading_function_characters() -> None:
    match = find_authorities("根据北京市海淀区人民法院判决")[0]
    assert match.matched_text == "北京市海淀区人民法院"
    assert match.via == "pattern"


def test_declined_forms_normalise_alike() -> None:
    assert normalize_name("Роскомнадзора") == normalize_name("РОСКОМНАДЗОР")
    assert normalize_name("Федеральной службы безопасности") == normalize_name(
        "Федеральная служба безопасности"
    )
    assert normalize_name("«Bundeskriminalamtes»") == normalize_name("Bundeskriminalamt")
    assert normalize_name("Policía Nacional") == normalize_name("POLICIA NACIONAL")


# ------------------------------------------------------------------------------------------------
# lookup: a name typed in a form
# ------------------------------------------------------------------------------------------------

LOOKUP = [
    ("Roskomnadzor", None, "ru-roskomnadzor"),
    ("roskomnadzor", None, "ru-roskomnadzor"),
    ("РКН", None, "ru-roskomnadzor"),
    ("Guardia Civil", "ES", "es-guardia-civil"),
    ("Home Office", "GB", "gb-home-office"),
    ("CAC", None, "cn-cac"),
    ("Department of Justice", "US", "us-doj"),
    ("Department of Justice", "HK", "hk-doj"),
    ("Rosckomnadzor", None, "ru-roskomnadzor"),
    ("the Federal Bureau of Investigation (FBI)", None, "us-fbi"),
]


@pytest.mark.parametrize(("name", "country", "expected"), LOOKUP)
def test_lookup(name: str, country: str | None, expected: str) -> None:
    match = lookup(name, country)
    assert match is not None
    assert match.authority.id == expected


@pytest.mark.parametrize(
    ("name", "country"), [("", None), ("xyzzy", None), ("Ofcom", "DE"), ("the weather", None)]
)
def test_lookup_nothing(name: str, country: str | None) -> None:
    assert lookup(name, country) is None


@pytest.mark.parametrize(
    ("query", "country", "expected"),
    [
        ("roskom", None, "ru-roskomnadzor"),
        ("Guardia", "ES", "es-guardia-civil"),
        ("BKA", None, "de-bka"),
        ("esafety", None, "au-esafety"),
        ("Cyberspace Admin", None, "cn-cac"),
        ("Bundesnetz", "DE", "de-bnetza"),
    ],
)
def test_search_for_pickers(query: str, country: str | None, expected: str) -> None:
    results = REG.search(query, country)
    assert results and results[0][0].id == expected
    assert all(0 < score <= 1 for _a, score in results)
    if country:
        assert all(a.country == country for a, _s in results)


def test_search_nothing() -> None:
    assert REG.search("") == []
    assert REG.search("Roskomnadzor", "FR") == [] or all(
        a.country == "FR" for a, _s in REG.search("Roskomnadzor", "FR")
    )


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=60), st.sampled_from([None, "RU", "US", "CN", "ZZ"]))
def test_lookup_and_search_never_raise(name: str, country: str | None) -> None:
    match = lookup(name, country)
    if match is not None:
        assert 0 < match.confidence <= 1
    for authority, score in REG.search(name, country, limit=5):
        assert 0 < score <= 1 and authority.id


def test_lookup_exact_is_certain() -> None:
    match = lookup("Roskomnadzor")
    assert match is not None and match.confidence == 1.0


# ------------------------------------------------------------------------------------------------
# data quality
# ------------------------------------------------------------------------------------------------

FREQUENT = """RU CN HK TR IN BR VN ID PK BD TH MY PH SG KR JP TW SA AE EG IR IL NG KE ZA ZW ET US CA
MX AR CO GB IE DE FR ES IT NL BE PL AT SE UA BY KZ AU NZ""".split()


def test_registry_covers_frequent_requesters() -> None:
    countries = set(REG.country_codes())
    assert len(countries) >= 45
    missing = [cc for cc in FREQUENT if cc not in countries]
    assert not missing, f"no authority for {missing}"


def test_every_entry_is_valid() -> None:
    ids = [a.id for a in REG]
    assert len(ids) == len(set(ids))
    kinds = {a.kind for a in REG}
    assert kinds == set(AuthorityKind)
    for auth in REG:
        assert auth.country in ISO_3166_ALPHA2
        assert auth.source.startswith(("https://", "http://"))
        if auth.parent:
            parent = REG.get(auth.parent)
            assert parent is not None and parent.country == auth.country, auth.id


def test_abbreviations_unambiguous_within_country_or_flagged() -> None:
    owners: dict[tuple[str, str], set[str]] = defaultdict(set)
    for auth in REG:
        for abbr in auth.abbreviations:
            owners[(auth.country, abbr)].add(auth.id)
    clashes = {k: v for k, v in owners.items() if len(v) > 1}
    assert not clashes
    weak = {(a.country, w) for a in REG for w in a.weak_abbreviations}
    strong = {(a.country, w) for a in REG for w in a.abbreviations}
    assert not weak & strong, "an abbreviation is both strong and weak"
    # a strong abbreviation of two letters or fewer would fire on ordinary words
    assert not [k for k in strong if len(k[1]) <= 2]


def test_names_are_real_names_not_fragments() -> None:
    cjk = re.compile(r"^[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]+$")
    for auth in REG:
        for _lang, name in auth.all_names():
            assert name == name.strip() and name, auth.id
            if cjk.match(name):
                assert len(name) >= 3, (auth.id, name)
            words = normalize_name(name).split()
            assert words, (auth.id, name)


def test_names_shared_across_countries_are_resolved_not_silently_merged() -> None:
    # the same normalised name in two countries must be resolvable by country evidence:
    # the matcher returns candidates for each, never one at random
    text = "Bundeskriminalamt"
    ids = _ids(text)
    assert ids and all(REG.get(i) is not None for i in ids)


def test_strict_loader_names_file_and_key(tmp_path: Path) -> None:
    bad = tmp_path / "authorities.yaml"
    text = AUTHORITIES_PATH.read_text(encoding="utf-8")
    extra = "    kind: regulator\n    colour: red\n"
    bad.write_text(text.replace("    kind: regulator\n", extra, 1))
    with pytest.raises(PolicyError) as err:
        load_authorities(bad)
    assert str(bad) in str(err.value)
    assert "colour: unknown key" in str(err.value)


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ("id: ru-roskomnadzor\n", "id: ru-mvd\n", "duplicate id"),
        ("    country: RU\n    kind: regulator\n", "    country: XX\n    kind: regulator\n", "2"),
        ("    kind: regulator\n", "    kind: censor\n", "kind"),
        ("    parent: ru-mvd\n", "    parent: ru-nothing\n", "unknown id"),
    ],
)
def test_invalid_registry(tmp_path: Path, old: str, new: str, message: str) -> None:
    bad = tmp_path / "authorities.yaml"
    text = AUTHORITIES_PATH.read_text(encoding="utf-8")
    assert old in text
    bad.write_text(text.replace(old, new, 1))
    with pytest.raises(PolicyError, match=message):
        load_authorities(bad)


def test_registry_is_cached() -> None:
    assert load_authorities() is REG
    assert isinstance(REG, AuthorityRegistry)


def test_only_cited_bodies_have_no_sender() -> None:
    text = "In accordance with the decision of the Moscow City Court, please remove the page."
    found = find_authorities(text)
    assert [m.authority.id for m in found] == ["ru-moscow-city-court"]
    assert found[0].role == "mentioned"


def _unique_name(name: str) -> bool:
    return len(normalize_name(name).split()) >= 2 and len(REG.ids_named(name)) == 1


_STRONG_NAMES = sorted(
    {(auth.id, name) for auth in REG for _lang, name in auth.all_names() if _unique_name(name)}
)


@settings(max_examples=200, deadline=None)
@given(
    st.sampled_from(_STRONG_NAMES),
    st.sampled_from(["", "Dear Sir, ", "Письмо. ", "请注意。", "Sehr geehrte Damen und Herren,\n"]),
    st.sampled_from(["", " requests removal.", "\n\nRegards", " — 2024"]),
    st.sampled_from(["keep", "upper", "lower"]),
)
def test_every_registered_name_is_found(
    entry: tuple[str, str], before: str, after: str, case: str
) -> None:
    authority_id, name = entry
    shown = {"keep": name, "upper": name.upper(), "lower": name.lower()}[case]
    ids = _ids(before + shown + after)
    assert authority_id in ids, (name, ids)


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=400))
def test_never_raises(text: str) -> None:
    for match in find_authorities(text):
        assert 0 <= match.start < match.end <= len(text)
        assert text[match.start : match.end] == match.matched_text


def test_a_pattern_name_does_not_run_on_over_a_blank_line() -> None:
    # the Brazilian state-prosecutor pattern ("Ministério Público de <State>") must not take
    # "Chile\n\nRegards" as a state name and hide Chile's own prosecutor
    assert _ids("Ministerio Público de Chile\n\nRegards")[0] == "cl-fiscalia"
