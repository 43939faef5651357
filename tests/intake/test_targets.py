"""Targets as a table: URLs normalised and deduplicated, accounts vs repositories, redaction
markers counted only where they stand for a target, contacts kept apart."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from scrutiny.intake.document import make_view
from scrutiny.intake.extractors.languages import paragraphs
from scrutiny.intake.extractors.targets import (
    extract_targets,
    is_government_host,
    normalise_url,
)
from scrutiny.intake.lexicon import Hit, load_lexicon


def targets_of(text: str, region: str | None = None) -> list[tuple[str, str]]:
    view = make_view(text)
    info = [Hit(h.value, h.lang, *view.to_original(h.start, h.end), h.confidence, h.text)
            for h in load_lexicon("cues").find(view.text, view.lowered) if h.value == "info_link"]
    found, _ = extract_targets(text, info, paragraphs(text).lang_at, region)
    return [(f.value.kind.value, f.value.value) for f in found]


CASES: list[tuple[str, list[tuple[str, str]]]] = [
    ("See https://github.com/Alex0007/crimea-ozpp/blob/master/README.md, which contains it. "
     "Also <https://github.com/Alex0007/crimea-ozpp/blob/master/README.md>.",
     [("url", "https://github.com/Alex0007/crimea-ozpp/blob/master/README.md")]),
    ("https://github.com/xi-yu-yan-kai-fa?tab=repositories and "
     "https://github.com/dnmkrgi/xi-speech-demo",
     [("account", "github.com/xi-yu-yan-kai-fa"),
      ("repository", "github.com/dnmkrgi/xi-speech-demo")]),
    ("HTTPS://GitHub.com/A/B/ and https://github.com/A/B#readme",
     [("repository", "github.com/A/B")]),
    ("the page https://spinslots.github.io/ . Register: http://eais.rkn.gov.ru/en/ .",
     [("url", "https://spinslots.github.io")]),
    ("The mobile app can be downloaded at the following links:\nhttps://apps.apple.com/ru/app/x/id1\n"
     "https://play.google.com/store/apps/details?id=org.x", []),
    ("the users ‘dnmkrgi’ and ‘xi-yu-yan-kai-fa’ publish https://github.com/dnmkrgi",
     [("account", "github.com/dnmkrgi"), ("account", "xi-yu-yan-kai-fa")]),
    ("Logs for 192.168.10.4 and 2001:db8::1 please; version 1.2.3 is not an IP.",
     [("ip", "192.168.10.4"), ("ip", "2001:db8::1")]),
    ("The account user@example.com sent it.", [("email", "user@example.com")]),
    ("Contact: officer@police.gov.hk\nTel: +852 2860 2860", []),
    ("Please identify the holder of +7 916 123-45-67.", [("phone", "+79161234567")]),
    ("uploaded by the user [private] ([private]) in his repository ([private]).",
     [("other", "[private]"), ("other", "[private]")]),
    ("1. https://a.github.io/x/\n2. https://github.com/b/c\n\n[invalid]\n\nThanks",
     [("url", "https://a.github.io/x"), ("repository", "github.com/b/c"), ("other", "[invalid]")]),
    ("Best regards,\n\n[private]\n\nCyber Security Department\n\nEmail: [private]", []),
    ("The notice may be sent to the address [private].", []),
    ("No identifiers here at all.", []),
    ("Please remove the following links:\n\n[private]\n[private]\n[private]\n\nRegards",
     [("other", "[private]"), ("other", "[private]"), ("other", "[private]")]),
    ("Regards,\n( [private] )\n[private]\nCollaboration Team 2", []),
    ("Please remove github.com/someuser/somerepo and foo-bar.github.io/page.",
     [("repository", "github.com/someuser/somerepo"), ("url", "https://foo-bar.github.io/page")]),
    ("The link https://github.com/[private] is on https://github.com (your platform).",
     [("url", "https://github.com/[private]")]),
    ("", []),
]


@pytest.mark.parametrize(("text", "expected"), CASES, ids=[str(i) for i in range(len(CASES))])
def test_targets(text: str, expected: list[tuple[str, str]]) -> None:
    assert sorted(targets_of(text, "RU")) == sorted(expected)


def test_bilingual_redactions_are_counted_once_per_language() -> None:
    text = ("It is notice about the Internet web-site page (s) link (s): [REDACTED] .\n\n"
            "Направляется уведомление о внесении следующего указателя страницы сайта в сети "
            "«Интернет»: [УДАЛЕНО] .\n")
    assert [k for k, _ in targets_of(text)] == ["other"]


@pytest.mark.parametrize(
    ("raw", "normalised"),
    [
        ("HTTP://Example.COM:80/a/b/", "http://example.com/a/b"),
        ("https://x.org:443/?q=1#frag", "https://x.org?q=1"),
        ("www.gist.github.com", "https://www.gist.github.com"),
    ],
)
def test_normalise_url(raw: str, normalised: str) -> None:
    assert normalise_url(raw) == normalised


@pytest.mark.parametrize(
    ("host", "gov"),
    [("eais.rkn.gov.ru", True), ("www.mps.gov.cn", True), ("x.gob.es", True), ("fbi.gov", True),
     ("police.uk", True), ("github.com", False), ("gov.example.com", False)],
)
def test_government_hosts(host: str, gov: bool) -> None:
    assert is_government_host(host) is gov


_URL_PIECES = ["https://", "HTTP://", "www.", "WWW.", "github.com", "GitHub.com", "gist.github.com",
               "sub.", "x-y.", "/user/repo", "/", " ", "\n", "@", "user", "mail.", ".", "-",
               "gitlab.io", "(", ")", "«", "»", "ſ", "İ", "ok", "x@y.com", "a.b+c@d.org", "+",
               "+7 495 123-45-67", "@handle", "_", "1"]


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from(_URL_PIECES), min_size=1, max_size=25))
def test_url_scans_find_exactly_what_the_plain_patterns_find(pieces: list[str]) -> None:
    from scrutiny.intake.anchored import fold
    from scrutiny.intake.extractors import targets as t

    text = "".join(pieces)
    comp = t._compiled()
    folded = fold(text.lower())
    folded = folded if len(folded) == len(text) else ""
    assert [m.span() for m in t._urls(text, folded)] == [m.span() for m in t._URL.finditer(text)]
    assert [m.span() for m in t._bare_urls(text, folded, comp)] == [
        m.span() for m in comp.bare.finditer(text)]
    assert [m.span() for m in t._emails(text)] == [m.span() for m in t._EMAIL.finditer(text)]
    for pattern, char in ((t._PHONE, "+"), (t._HANDLE, "@")):
        assert [m.span() for m in t._starting_at(pattern, text, char)] == [
            m.span() for m in pattern.finditer(text)]
