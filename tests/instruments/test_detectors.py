"""Detector tests as tables: (text, provision, expected codes), including provisions that
must yield nothing, plus the seed's three findings and their Budapest counterparts."""

from __future__ import annotations

import pytest
from instr_helpers import codes_at, codes_under, shipped_analysis, uncc_analysis

from scrutiny.instruments import analyze, parse_document

OFFENCE = ("Each Party shall adopt such legislative and other measures as may be necessary to "
           "establish as criminal offences under its domestic law, {intent}the {conduct}.")


def _treaty(*articles: tuple[str, str]) -> str:
    return "\n\n".join(f"Article {i}\n{title}\n{body}"
                       for i, (title, body) in enumerate(articles, 1)) + "\n"


def _codes(text: str, provision: str) -> set[str]:
    analysis = analyze(parse_document(text, name="t"))
    return codes_under(analysis, provision) if " " in provision and "(" not in provision \
        else codes_at(analysis, provision)


# -- (a) intent ---------------------------------------------------------------------------

_WITH = "when committed intentionally, "
_NEIGHBOURS = [("Illegal access", OFFENCE.format(intent=_WITH, conduct="access without right")),
               ("Illegal interception", OFFENCE.format(intent=_WITH, conduct="interception")),
               ("Data interference", OFFENCE.format(intent=_WITH, conduct="damaging of data"))]


@pytest.mark.parametrize(("case", "body", "expected"), [
    ("no intent among intentional neighbours",
     OFFENCE.format(intent="", conduct="distribution of data"), {"intent.missing"}),
    ("liability of legal persons without intent",
     "Each State Party shall adopt such measures as may be necessary to establish the liability "
     "of legal persons for participation in the offences established in accordance with this "
     "Convention.", {"intent.missing"}),
    ("knowingly is an intent element",
     OFFENCE.format(intent="", conduct="knowingly distributing data"), set()),
    ("with intent to defraud", OFFENCE.format(intent="", conduct="forgery with intent to defraud"),
     set()),
    ("not an offence provision",
     "Each Party shall designate a point of contact available at all times.", set()),
])
def test_intent_table(case: str, body: str, expected: set[str]) -> None:
    text = _treaty(*_NEIGHBOURS[:2], ("Tested", body), _NEIGHBOURS[2])
    assert _codes(text, "art 3") & {"intent.missing"} == expected, case


def test_intent_needs_neighbours_with_intent() -> None:
    plain = [("A", OFFENCE.format(intent="", conduct=c)) for c in ("access", "interception",
                                                                     "forgery", "fraud")]
    analysis = analyze(parse_document(_treaty(*plain), name="t"))
    assert not [f for f in analysis.findings if f.code == "intent.missing"]


def test_national_style_intent() -> None:
    text = ("Part 1\n1. Interference\n(1) A person who intentionally interferes with data "
            "commits an offence.\n2. Interception\nA person who knowingly intercepts data commits "
            "an offence.\n3. Destruction\nA person who unlawfully destroys electronic mail commits "
            "an offence.\n4. Fraud\nA person who with intent to defraud alters data commits an "
            "offence.\n5. Penalty\nA person who commits an offence under section 3 on a protected "
            "system is liable to a fine.\n")
    analysis = analyze(parse_document(text, name="t"))
    assert {f.provision for f in analysis.findings if f.code == "intent.missing"} == {"s 3"}


@pytest.mark.parametrize("number", [str(n) for n in range(2, 12)])
def test_budapest_offences_2_to_11_yield_no_intent_finding(number: str) -> None:
    analysis = shipped_analysis("budapest-convention-ets185")
    assert "intent.missing" not in codes_under(analysis, f"art {number}")


# -- (b) overbroad offences ---------------------------------------------------------------


@pytest.mark.parametrize(("body", "expected"), [
    ("A person who publishes false information that is likely to cause panic commits an offence.",
     {"offence.expression"}),
    ("A person who intentionally publishes information likely to discredit the reputation of any "
     "person commits an offence.", {"offence.expression"}),
    ("A person who publishes false information that is likely to cause panic commits an offence. "
     "It is a defence that the publication was fair comment or journalism in the public interest.",
     set()),
    ("A person who intentionally accesses a computer system without authorisation commits an "
     "offence.", set()),
    ("A person who intentionally shares an intimate image of another person commits an offence.",
     {"offence.consent"}),
    ("A person who intentionally shares an intimate image of another person without the consent "
     "of that person commits an offence.", set()),
    ("A person who intentionally produces or distributes a device or computer program designed or "
     "adapted for committing offences under this Act commits an offence.", {"offence.research"}),
    ("A person who intentionally produces or distributes a device or computer program designed or "
     "adapted for committing offences under this Act commits an offence, except for authorised "
     "testing or protection of a computer system.", set()),
])
def test_expression_table(body: str, expected: set[str]) -> None:
    text = f"Part 1\n1. Offence\n{body}\n"
    got = _codes(text, "s 1") & {"offence.expression", "offence.consent", "offence.research",
                                 "offence.minors"}
    assert got == expected


def test_minors_exception_recognised() -> None:
    base = ("Article 1\nChild sexual abuse material\n1. Each Party shall establish as criminal "
            "offences, when committed intentionally, the producing of child pornography.\n"
            "2. The term \u201cminor\u201d includes all persons under 18 years of age.\n")
    assert "offence.minors" in _codes(base, "art 1(1)")
    excepted = base + ("3. This article does not apply to images produced and possessed by "
                       "minors with their consent and solely for their own private use.\n")
    assert "offence.minors" not in _codes(excepted, "art 1(1)")


# -- (c) discretion -----------------------------------------------------------------------


@pytest.mark.parametrize(("body", "expected"), [
    ("Such conditions and safeguards shall, as appropriate, include judicial supervision.",
     {"safeguard.discretionary"}),
    ("Such conditions and safeguards shall include judicial supervision.", set()),
    ("The Parties shall, where appropriate, consult with a view to determining jurisdiction.",
     set()),
    ("This assistance shall be governed by the conditions and procedures provided for under "
     "domestic law.", {"safeguard.discretionary"}),
    ("The providing Party may request that it be kept confidential or only used subject to "
     "conditions.", {"safeguard.discretionary"}),
    ("The Minister may issue a direction to block access if the Minister is of the opinion that "
     "it is in the public interest.", {"safeguard.discretionary"}),
])
def test_discretion_table(body: str, expected: set[str]) -> None:
    text = _treaty(("Tested", body))
    assert _codes(text, "art 1") & {"safeguard.discretionary"} == expected


# -- (d) powers ---------------------------------------------------------------------------


@pytest.mark.parametrize(("body", "expected"), [
    ("(1) A police officer may, with due cause, collect or record traffic data in real-time "
     "associated with specified communications.", {"power.authorisation", "power.limits"}),
    ("(1) A police officer may apply to the court for an order to collect or record traffic data "
     "in real-time associated with specified communications for a period not exceeding six "
     "months.", set()),
    ("(1) A warrant for the interception of any communication shall be issued by the Minister "
     "for a period not exceeding three months in respect of specified communications.",
     {"power.authorisation"}),
    ("(1) A police officer may order the preservation of specified data for a period not "
     "exceeding ninety days.", set()),
    ("(1) A police officer may order the preservation of specified data.", {"power.limits"}),
    ("(1) The Minister may direct the Authority to order the service provider to disable access "
     "to the online location.", {"power.authorisation"}),
])
def test_powers_table(body: str, expected: set[str]) -> None:
    text = (f"Part 1\n1. Power\n{body}\n2. Notice\nThe police officer shall present a copy of the "
            "warrant to the person concerned.\n")
    got = _codes(text, "s 1") & {"power.authorisation", "power.limits", "power.unlinked"}
    assert got == expected


def test_ministerial_warrants_and_vague_grounds() -> None:
    analysis = shipped_analysis("zw-interception-of-communications-act-2007")
    assert {"power.authorisation", "power.grounds"} <= codes_at(analysis, "s 6(1)")
    kenya = shipped_analysis("ke-computer-misuse-cybercrimes-act-2018")
    for section in ("s 48", "s 50", "s 52", "s 53"):  # court orders and warrants
        assert not codes_under(kenya, section) & {"power.authorisation", "power.grounds"}


def test_powers_linked_to_safeguards_provision_are_judged_there() -> None:
    analysis = shipped_analysis("budapest-convention-ets185")
    for n in range(16, 22):
        assert not codes_under(analysis, f"art {n}") & {
            "power.authorisation", "power.limits", "power.unlinked"}, n
    assert "power.notification" in codes_at(analysis, "art 15")


def test_unlinked_power_flagged_when_instrument_has_safeguards_provision() -> None:
    text = _treaty(
        ("Conditions and safeguards", "1. The powers in this Section are subject to conditions "
         "and safeguards which shall include judicial supervision."),
        ("Search", "1. Each Party shall empower its competent authorities to search a computer "
         "system."),
        ("Production", "1. Each Party shall empower its competent authorities to order a person to "
         "submit specified computer data.\n2. The powers in this article shall be subject to "
         "Article 1."))
    analysis = analyze(parse_document(text, name="t"))
    assert "power.unlinked" in codes_under(analysis, "art 2")
    assert "power.unlinked" not in codes_under(analysis, "art 3")


# -- (e) scope, (f) cooperation, (g) providers, (h) rights --------------------------------


@pytest.mark.parametrize(("body", "expected"), [
    ("Each Party shall apply the powers and procedures to other criminal offences committed by "
     "means of a computer system.", {"scope.any_offence"}),
    ("All crimes defined and penalized by the Penal Code, if committed through ICT, shall be "
     "covered by this Act.", {"scope.any_offence"}),
    ("Each Party shall apply the powers and procedures to the offences established in Articles 2 "
     "through 5.", set()),
])
def test_scope_table(body: str, expected: set[str]) -> None:
    assert _codes(_treaty(("Scope", body)), "art 1") & {"scope.any_offence"} == expected


def test_cooperation_rules() -> None:
    text = _treaty(
        ("Spontaneous information", "1. A Party may, without prior request, forward to another "
         "Party information obtained within its own investigations."),
        ("Preservation", "1. Upon receiving the request from the requesting Party, the requested "
         "Party shall preserve the data.\n2. Dual criminality shall not be required as a condition "
         "to providing such preservation.\n3. A request for preservation may only be refused if "
         "the request concerns a political offence."),
        ("Real-time collection", "1. Each Party shall oblige a service provider to keep "
         "confidential the fact of the execution of any power."))
    analysis = analyze(parse_document(text, name="t"))
    assert "coop.data_protection" in codes_at(analysis, "art 1(1)")
    assert "coop.dual_criminality" in codes_at(analysis, "art 2(2)")
    assert "coop.persecution" in codes_at(analysis, "art 2(3)")
    assert "confidentiality.unlimited" in codes_at(analysis, "art 3(1)")


def test_ancillary_liability_for_speech_offences() -> None:
    speech = ("Section 1. Libel. – The unlawful acts of libel committed through a computer system "
              "shall constitute an offense.\n")
    aiding = ("Section 2. Aiding. – Any person who willfully abets or aids in the commission of "
              "any of the offenses enumerated in this Act commits an offense.\n")
    analysis = analyze(parse_document(speech + aiding, name="t"))
    assert "offence.ancillary_speech" in codes_under(analysis, "s 2")
    harmless = ("Section 1. Access. – The intentional access to a computer system without right "
                "shall constitute an offense.\n")
    analysis = analyze(parse_document(harmless + aiding, name="t"))
    assert "offence.ancillary_speech" not in codes_under(analysis, "s 2")


def test_double_jeopardy() -> None:
    analysis = shipped_analysis("ph-cybercrime-prevention-act-2012")
    assert "offence.double_jeopardy" in codes_at(analysis, "s 7")
    budapest = shipped_analysis("budapest-convention-ets185")  # 12(4): other persons' liability
    assert not [f for f in budapest.findings if f.code == "offence.double_jeopardy"]


def test_unilateral_cross_border_access() -> None:
    analysis = shipped_analysis("budapest-convention-ets185")
    assert "coop.unilateral_access" in codes_under(analysis, "art 32")
    assert "coop.unilateral_access" not in codes_under(analysis, "art 31")


def test_cooperation_with_safeguards_yields_nothing() -> None:
    text = _treaty(
        ("Mutual assistance", "1. The requested Party shall afford mutual assistance to the "
         "requesting Party where the conduct is an offence under the laws of both Parties "
         "(dual criminality).\n2. Assistance may be refused if the requested Party believes the "
         "request was made to prosecute a person on account of that person's sex, race, "
         "religion, nationality, ethnic origin or political opinions.\n3. Personal data "
         "transferred shall only be used for the purposes of the request."),
        ("Confidentiality", "1. A service provider shall keep confidential the order for a period "
         "not exceeding ninety days."))
    analysis = analyze(parse_document(text, name="t"))
    assert not {f.code for f in analysis.findings} & {
        "coop.dual_criminality", "coop.persecution", "coop.data_protection",
        "confidentiality.unlimited"}


@pytest.mark.parametrize(("body", "expected"), [
    ("Service providers are required to cooperate and assist law enforcement authorities in the "
     "collection of data.", {"provider.assistance"}),
    ("Service providers are required to cooperate and assist law enforcement authorities, within "
     "their existing technical capability, in the collection of data.", set()),
    ("The traffic data and subscriber information held by a service provider shall be preserved "
     "for a minimum period of six months from the date of the transaction.",
     {"provider.retention"}),
    ("A service provider ordered to preserve specified data shall preserve it for ninety days.",
     set()),
])
def test_providers_table(body: str, expected: set[str]) -> None:
    text = f"Part 1\n1. Duty\n{body}\n2. Appeal\nA person aggrieved by an order may appeal.\n"
    got = _codes(text, "s 1") & {"provider.assistance", "provider.retention", "provider.liability"}
    assert got == expected


@pytest.mark.parametrize(("body", "expected"), [
    ("(1) A person may appeal to the High Court against the direction.\n(2) The High Court may "
     "only set aside the direction on any of the following grounds: (a) the statement is true.",
     {"remedy.limited"}),
    ("(1) A person may appeal to the High Court against the direction.\n(2) No appeal may be "
     "made to the High Court unless the person has first applied to the Minister to cancel the "
     "direction.", {"remedy.limited"}),
    ("(1) A person aggrieved by the direction may appeal to the High Court, which may confirm, "
     "vary or set aside the direction.", set()),
])
def test_limited_review_table(body: str, expected: set[str]) -> None:
    text = f"Part 1\n1. Appeals\n{body}\n"
    assert _codes(text, "s 1") & {"remedy.limited"} == expected


def test_rights_references() -> None:
    bare = "Part 1\n1. Offence\nA person who intentionally accesses data commits an offence.\n"
    analysis = analyze(parse_document(bare, name="t"))
    assert {f.code for f in analysis.findings} >= {"rights.no_reference", "rights.no_gender"}
    full = bare + ("2. Rights\nThis Act shall be applied consistently with human rights and with "
                   "a gender perspective.\n")
    analysis = analyze(parse_document(full, name="t"))
    assert not {f.code for f in analysis.findings} & {"rights.no_reference", "rights.no_gender"}


def test_no_powers_no_offences_no_rights_findings() -> None:
    text = _treaty(("Signature", "This Convention shall be open for signature."))
    assert analyze(parse_document(text, name="t")).findings == []


# -- the seed's three findings ------------------------------------------------------------


def test_seed_art_18_liability_without_intent() -> None:
    analysis = uncc_analysis()
    finding = next(f for f in analysis.findings if f.provision == "art 18(1)")
    assert finding.code == "intent.missing"
    assert "establish the liability of legal persons" in finding.quote
    assert any(s.instrument == "GNI-UNCC" for s in finding.sources)
    for neighbour in ("art 15", "art 16(1)", "art 17", "art 19(1)", "art 19(2)"):
        assert "intent.missing" not in codes_at(analysis, neighbour)


def test_seed_art_16_reaches_minors() -> None:
    analysis = uncc_analysis()
    assert "offence.minors" in codes_at(analysis, "art 16(1)")
    assert "offence.consent" not in codes_under(analysis, "art 16")


def test_seed_art_24_2_as_appropriate() -> None:
    analysis = uncc_analysis()
    finding = next(f for f in analysis.findings
                   if f.provision == "art 24(2)" and f.code == "safeguard.discretionary")
    assert "as appropriate in view of the nature of the procedure or power concerned" in \
        finding.quote
    assert analysis.document.slice(finding.span) == finding.quote
    assert "safeguard.discretionary" not in codes_at(analysis, "art 24(1)")


def test_seed_counterparts_in_budapest() -> None:
    analysis = shipped_analysis("budapest-convention-ets185")
    qualifier = next(f for f in analysis.findings
                     if f.provision == "art 15(2)" and f.code == "safeguard.discretionary")
    assert "as appropriate in view of the nature of the procedure or power concerned" in \
        qualifier.quote
    assert "safeguard.discretionary" not in codes_at(analysis, "art 15(1)")
    assert "intent.missing" in codes_at(analysis, "art 12(1)")  # counterpart of UNCC Art. 18
    assert "offence.minors" in codes_at(analysis, "art 9(1)")  # counterpart of UNCC Art. 16


def test_findings_quote_the_text_and_cite_sources(shipped_name: str) -> None:
    analysis = shipped_analysis(shipped_name)
    doc = analysis.document
    assert analysis.findings
    for f in analysis.findings:
        assert doc.slice(f.span) == f.quote
        assert f.sources and f.standard and f.reason
        if f.provision != "instrument":
            assert doc.get(f.provision) is not None
            node = doc.get(f.provision)
            assert node is not None and node.span[0] <= f.span[0] <= f.span[1] <= node.span[1]


def test_most_of_the_text_is_not_flagged(shipped_name: str) -> None:
    analysis = shipped_analysis(shipped_name)
    flagged = analysis.flagged_provisions()
    assert len(flagged) <= 0.4 * len(analysis.document.provisions())
