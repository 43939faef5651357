"""Whole letters of the kinds intake meets (written for these tests, not from the dev set):
an Indian blocking order, a Turkish criminal judgeship decision, a Brazilian court decision,
a Chinese regulator's notice, an English Roskomnadzor notice."""

from __future__ import annotations

from typing import Any

import pytest

from scrutiny.intake import extract

LETTERS: dict[str, str] = {
    'br': (
        'PODER JUDICIÁRIO\n'
        'TRIBUNAL DE JUSTIÇA DO ESTADO DE SÃO PAULO\n'
        '1ª Vara Cível do Foro Central\n'
        '\n'
        'Processo nº 1000000-00.2022.8.26.0100\n'
        '\n'
        'DECISÃO\n'
        '\n'
        'Vistos. Trata-se de pedido de remoção de conteúdo ofensivo à honra do autor. '
        'Presentes os requisitos, DEFIRO a tutela de urgência e determino ao GitHub, '
        'Inc. a remoção do conteúdo hospedado em '
        'https://github.com/usuario-exemplo/repositorio, no prazo de 48 horas, sob pena '
        'de multa diária de R$ 5.000,00, nos termos do art. 19 da Lei nº 12.965/2014 '
        '(Marco Civil da Internet). Determino, ainda, o fornecimento dos dados '
        'cadastrais e registros de acesso do usuário responsável.\n'
        '\n'
        'São Paulo, 10 de março de 2022.\n'
        '\n'
        'Juiz de Direito\n'
    ),
    'cn': (
        'GitHub公司：\n'
        '\n'
        '经查，贵平台以下链接传播违法有害信息，违反《中华人民共和国网络安全法》第四十七条、《网络信息内容生态治理规定》第六条之规定。请贵公司立即删除下列链接，并于24小时'
        '内反馈处理结果。\n'
        '\n'
        'https://github.com/li-example/vpn-tools\n'
        'https://github.com/li-example/docs/issues/12\n'
        '\n'
        '国家互联网信息办公室\n'
        '2022年5月10日\n'
    ),
    'in': (
        'Government of India\n'
        'Ministry of Electronics and Information Technology\n'
        'Cyber Law Division\n'
        '\n'
        'No. 9(1)/2021-CLES                                           Dated: 14.03.2021\n'
        '\n'
        'ORDER\n'
        '\n'
        'In exercise of the powers conferred under Section 69A of the Information '
        'Technology Act, 2000 read with Rule 9 of the Information Technology (Procedure '
        'and Safeguards for Blocking for Access of Information by Public) Rules, 2009, '
        'the Designated Officer hereby directs GitHub Inc. to block for access by the '
        'public the following URLs within 48 hours of receipt of this order, as the '
        'content is likely to incite the commission of cognizable offences relating to '
        'public order:\n'
        '\n'
        '1. https://github.com/example-user/repo-one\n'
        '2. https://github.com/example-user/repo-two/blob/main/list.md\n'
        '\n'
        'Please note that non-compliance with this direction is punishable under Section '
        '69A(3) of the said Act with imprisonment and fine. This order is confidential '
        'and its contents shall not be disclosed.\n'
        '\n'
        '(Designated Officer)\n'
        'Ministry of Electronics and Information Technology\n'
    ),
    'ru_drugs': (
        'Hello,\n'
        '\n'
        'This is a message from The Federal Service for Supervision of Communications, '
        'Information Technology, and Mass Media of the Russian Federation.\n'
        '\n'
        'We should inform you that the URL '
        'https://github.com/drug-shop/catalog/blob/main/README.md contains information '
        'about the ways of manufacturing and use of narcotic drugs, which has been '
        'recognized by the Ministry of Internal Affairs of the Russian Federation as '
        'prohibited on the territory of the Russian Federation.\n'
        '\n'
        'According to the Federal Law of July 27, 2006 149-FZ "On Information, '
        'Information Technology and Information Security" this URL will be included to '
        'the "Unified register" and will be blocked by communication operators on the '
        'territory of the Russian Federation.\n'
        '\n'
        'We kindly request you to remove the forbidden information.\n'
        '\n'
        'Federal Service for Supervision of Communications, Information Technology, and '
        'Mass Media (ROSKOMNADZOR).\n'
    ),
    'tr': (
        'T.C.\n'
        'ANKARA 1. SULH CEZA HAKİMLİĞİ\n'
        '\n'
        'DEĞİŞİK İŞ KARARI\n'
        '\n'
        'Dosya No: 2022/1234 D.İş\n'
        'Karar Tarihi: 12/04/2022\n'
        '\n'
        'Talep eden Bilgi Teknolojileri ve İletişim Kurumu tarafından yapılan başvuru '
        'incelendi. Aşağıda belirtilen içeriklerin kişilik haklarını ihlal ettiği '
        "anlaşıldığından, 5651 sayılı Kanun'un 9. maddesi uyarınca içeriğin yayından "
        'kaldırılmasına ve erişimin engellenmesine karar verilmiştir.\n'
        '\n'
        'https://github.com/ornek-kullanici/proje\n'
        'https://ornek-kullanici.github.io/sayfa.html\n'
        '\n'
        'Kararın 4 saat içinde uygulanması gerekmektedir.\n'
        '\n'
        'Hakim\n'
    ),
}

EXPECTED: dict[str, dict[str, Any]] = {
    "in": {"country": "IN", "kind": "ministry", "date": "2021-03-14",
           "bases": {("IN Information Technology Act 2000", "s 69A"),
                     ("IN IT Blocking Rules 2009", "rule 9"),
                     ("IN Information Technology Act 2000", "s 69A(3)")},
           "actions": {"restrict_in_country"}, "targets": 2, "deadline": 48, "threat": True,
           "judicial": None, "confidential": True, "languages": ["en"]},
    "tr": {"country": "TR", "kind": "court", "date": "2022-04-12",
           "bases": {("TR Law 5651", "art 9")}, "actions": {"remove", "restrict_in_country"},
           "targets": 2, "deadline": 4, "threat": False, "judicial": True,
           "confidential": False, "languages": ["tr"]},
    "br": {"country": "BR", "kind": "court", "date": "2022-03-10",
           "bases": {("BR Law 12.965/2014 (Marco Civil)", "art 19")},
           "actions": {"remove", "disclose_user_data"}, "targets": 1, "deadline": 48,
           "threat": True, "judicial": True, "confidential": False, "languages": ["pt"]},
    "cn": {"country": "CN", "kind": "regulator", "date": "2022-05-10",
           "bases": {("CN Cybersecurity Law", "art 47"),
                     ("CN Provisions on the Governance of the Online Information Content "
                      "Ecosystem", "art 6")},
           "actions": {"remove"}, "targets": 2, "deadline": 24, "threat": False,
           "judicial": None, "confidential": False, "languages": ["zh"]},
    "ru_drugs": {"country": "RU", "kind": "regulator", "date": None,
                 "bases": {("RU Federal Law 149-FZ", None)}, "actions": {"remove"},
                 "targets": 1, "deadline": None, "threat": True, "judicial": None,
                 "confidential": False, "languages": ["en"], "reasons": ["drugs"]},
}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_letter(name: str) -> None:
    want = EXPECTED[name]
    d = extract(LETTERS[name])
    assert d.requester.country == want["country"]
    assert d.requester.authority is not None
    assert d.requester.authority_kind is not None
    assert d.requester.authority_kind.value == want["kind"]
    assert (d.date.isoformat() if d.date else None) == want["date"]
    assert {(b.instrument, b.provision) for b in d.legal_bases} == want["bases"]
    assert {a.value for a in d.actions} == want["actions"]
    assert len(d.targets) == want["targets"]
    assert (d.deadline.hours if d.deadline else None) == want["deadline"]
    assert d.threat_of_sanction is want["threat"]
    assert d.judicial_authorisation.present is want["judicial"]
    assert d.confidentiality_requested is want["confidential"]
    assert d.languages == want["languages"]
    if "reasons" in want:
        assert [r.value for r in d.reason_categories] == want["reasons"]
