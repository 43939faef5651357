"""Territorial scope and monitoring wording: tables of text → value, and texts yielding nothing."""

from __future__ import annotations

import pytest

from scrutiny.intake import extract
from scrutiny.intake.document import make_view
from scrutiny.intake.extractors.actions import action_hits
from scrutiny.intake.extractors.scope import Sentences, extract_monitoring, extract_scope
from scrutiny.intake.extractors.signals import extract_signals

SCOPE: list[tuple[str, str, str | None]] = [
    ("en", "Please remove the video worldwide.", "global"),
    ("en", "We require you to globally disable access to the posts listed below.", "global"),
    ("en", "Restrict access to the page in the territory of the Russian Federation.", "national"),
    ("en", "Please block access to the content for users in China.", "national"),
    ("en", "Please disable access to the account for users located in India.", "national"),
    ("en", "Remove the listed articles across the European Union.", "regional"),
    ("ru", "Просим ограничить доступ к материалу на территории Российской Федерации.",
     "national"),
    ("ru", "Требуем удалить публикацию по всему миру.", "global"),
    ("ru", "Необходимо заблокировать страницу для пользователей из России.", "national"),
    ("zh", "请在中国境内屏蔽以下链接。", "national"),
    ("zh", "请在全球范围内删除上述内容。", "global"),
    ("es", "Se solicita bloquear el acceso en territorio español a dichas URL.", "national"),
    ("es", "Solicitamos la retirada del contenido a nivel mundial.", "global"),
    ("fr", "Veuillez bloquer l'accès sur le territoire français.", "national"),
    ("fr", "Nous vous demandons de retirer ce contenu dans le monde entier.", "global"),
    ("de", "Wir fordern Sie auf, die Inhalte weltweit zu entfernen.", "global"),
    ("de", "Bitte sperren Sie den Zugang für Nutzer in Deutschland.", "national"),
    ("tr", "İçeriğin dünya genelinde kaldırılması talep olunur.", "global"),
    ("tr", "Türkiye sınırları içinde erişimin engellenmesi talep olunur.", "national"),
    ("pt", "Determino a remoção do conteúdo em todo o mundo.", "global"),
    ("pt", "Determino bloquear o acesso em território nacional.", "national"),
    # a removal or block verb alone does not say where
    ("en", "Please remove the content at the following URL.", None),
    ("en", "Please block access to the following pages.", None),
    ("ru", "Просим удалить указанную информацию.", None),
    ("zh", "请删除以下内容。", None),
    ("es", "Le rogamos eliminar el contenido.", None),
    # the place is where the content is prohibited or the state's own measure, not the scope
    ("en", "The page contains information prohibited on the territory of the Russian "
           "Federation. Please remove it.", None),
    ("en", "After removal of the forbidden information access to the resource on the "
           "territory of the Russian Federation will be restored.", None),
    ("ru", "Если владелец ресурса не удалит информацию, будут приняты меры по ограничению "
           "доступа на территории РФ.", None),
    ("en", "Our service is used by millions of people worldwide.", None),
]


@pytest.mark.parametrize(("lang", "text", "expected"), SCOPE,
                         ids=[f"{i}-{lang}" for i, (lang, _, _) in enumerate(SCOPE)])
def test_scope(lang: str, text: str, expected: str | None) -> None:
    view = make_view(text)
    signals = extract_signals(view)
    hits = action_hits(view, signals.threats)
    found = extract_scope(view, hits, signals.threats, Sentences(view.text))
    assert (found.value.value if found else None) == expected


MONITORING: list[tuple[str, str, bool]] = [
    ("en", "Remove the video and any similar content from your platform.", True),
    ("en", "Please delete the repository and all its forks.", True),
    ("en", "You must also remove all copies and mirrors of the material.", True),
    ("en", "Take down the page and prevent it from being uploaded again.", True),
    ("en", "Please remove any future uploads of this video.", True),
    ("ru", "Просим удалить указанный материал, а также похожие материалы.", True),
    ("ru", "Необходимо удалить все копии указанной публикации.", True),
    ("ru", "Просим удалить информацию и принять меры по недопущению её повторного "
           "размещения.", True),
    ("zh", "请删除该视频的所有副本。", True),
    ("zh", "请删除类似内容。", True),
    ("es", "Eliminar el vídeo y todas las copias del mismo.", True),
    ("es", "Retirar los contenidos idénticos o similares.", True),
    ("fr", "Supprimer la vidéo ainsi que les contenus similaires.", True),
    ("de", "Entfernen Sie die Videos sowie alle Kopien davon.", True),
    ("de", "Löschen Sie auch kerngleiche Inhalte.", True),
    ("tr", "İçeriğin ve benzer içeriklerin kaldırılması talep olunur.", True),
    ("pt", "Determino a remoção do vídeo e de todas as cópias.", True),
    # named items only
    ("en", "Please remove the content at the following URLs.", False),
    ("en", "Please preserve all copies of the subscriber records for 90 days.", False),
    ("en", "Please disclose the subscriber data and all future uploads of the account.",
     False),
    ("ru", "Просим удалить указанную информацию.", False),
    ("zh", "请删除以下链接。", False),
    ("es", "Le rogamos eliminar el contenido indicado.", False),
    ("de", "Bitte entfernen Sie den folgenden Beitrag.", False),
]


@pytest.mark.parametrize(("lang", "text", "expected"), MONITORING,
                         ids=[f"{i}-{lang}" for i, (lang, _, _) in enumerate(MONITORING)])
def test_monitoring(lang: str, text: str, expected: bool) -> None:
    view = make_view(text)
    signals = extract_signals(view)
    found = extract_monitoring(view, action_hits(view, signals.threats))
    assert (found is not None) is expected


def test_pipeline_scope_and_monitoring_with_provenance() -> None:
    text = ("Please restrict access to https://example.org/a for users in Russia and remove "
            "all copies of the video.")
    d = extract(text)
    assert d.territorial_scope is not None and d.territorial_scope.value == "national"
    assert d.monitoring_required is True
    for field in ("territorial_scope", "monitoring_required"):
        spans = d.provenance[field]
        assert spans and all(0 <= s.start < s.end <= len(text) for s in spans)
    span = d.provenance["territorial_scope"][0]
    assert "Russia" in text[span.start:span.end]


def test_removal_alone_leaves_scope_unknown_and_review_asks() -> None:
    from scrutiny.safeguards import review

    d = extract("Please remove the content at https://example.org/page within 24 hours.")
    assert d.territorial_scope is None
    assert d.monitoring_required is None
    r = review(d)
    found = [f for v in r.verdicts if v.safeguard == "territorial_scope" for f in [v]]
    assert found and found[0].questions
