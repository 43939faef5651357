"""Parser tables over small texts in each drafting style, and texts that must fail."""

from __future__ import annotations

import pytest

from scrutiny.errors import InputError
from scrutiny.instruments import Kind, parse_document


def _ids(text: str) -> list[str]:
    doc = parse_document(text, name="t")
    return [n.id for n in doc.walk() if n.kind in (Kind.PROVISION, Kind.PARAGRAPH, Kind.CLAUSE)]


@pytest.mark.parametrize(("text", "ids"), [
    ("Article 24\nExtradition\n1. Text.\n2. More text:\na) one;\nb) two.\n",
     ["art 24", "art 24(1)", "art 24(2)", "art 24(2)(a)", "art 24(2)(b)"]),
    ("Art. 5\nTitle\n(1) Text with (a) inline.\n", ["art 5", "art 5(1)"]),
    ("Article 7 – Data interference\nEach Party shall act.\n", ["art 7"]),
    ("Section 24. Title. – Text: (a) one; and (b) two.\nSection 25. Other. – Text.\n",
     ["s 24", "s 24(a)", "s 24(b)", "s 25"]),
    ("Part 1\n24. Title\n(1) Text— (a) one; (b) two— (i) x; or (ii) y.\n(2) More.\n46A. New\nT.\n",
     ["s 24", "s 24(1)", "s 24(1)(a)", "s 24(1)(b)", "s 24(1)(b)(i)", "s 24(1)(b)(ii)",
      "s 24(2)", "s 46A"]),
    ("Article 3\nT\n3. a) first;\nb) second.\n", ["art 3", "art 3(3)", "art 3(3)(a)",
                                                 "art 3(3)(b)"]),
    ("Article 6\nT\n1. Intro:\na) item:\n(i) one;\n(ii) two,\nflush clause; and\nb) next.\n",
     ["art 6", "art 6(1)", "art 6(1)(a)", "art 6(1)(a)(i)", "art 6(1)(a)(ii)", "art 6(1)(a) ¶2",
      "art 6(1)(b)"]),
    ("Section 3. Terms. – Defined:\n(g) G refers to g.\n(h) H refers to either: (i) x; or (ii) y.\n"
     "(i) I refers to i.\n",
     ["s 3", "s 3(g)", "s 3(h)", "s 3(h)(i)", "s 3(h)(ii)", "s 3(i)"]),
    ("## Article 1\n**Scope**\n1. Text.\n", ["art 1", "art 1(1)"]),
])
def test_structure_table(text: str, ids: list[str]) -> None:
    assert _ids(text) == ids


def test_titles_and_divisions() -> None:
    doc = parse_document("Chapter II\nMEASURES\nSection 1\nLAW\nArticle 2\nIllegal access\n"
                         "Each Party shall.\n", name="t")
    art = doc.get("art 2")
    assert art is not None and art.title == "Illegal access"
    assert art.parent == "chapter II/section 1"
    assert doc.get("chapter II") is not None and doc.get("chapter II").title == "MEASURES"  # type: ignore[union-attr]


def test_preamble_and_final_clauses() -> None:
    doc = parse_document("Preamble\nThe States,\nConsidering x;\nArticle 1\nT\nText.\n"
                         "IN WITNESS WHEREOF the undersigned have signed.\nDone at Budapest.\n",
                         name="t")
    assert [n.id for n in doc.walk() if n.kind is Kind.RECITAL] == ["pmbl 1", "pmbl 2"]
    assert [n.id for n in doc.nodes if n.kind is Kind.FINAL] == ["final 1", "final 2"]


def test_numbering_gap_reported() -> None:
    doc = parse_document("Part 1\n5. Title\n(1) a.\n(2) b.\n(4) d.\n", name="t")
    assert doc.diagnostics == ["s 5: label '4' does not follow '2'"]


def test_cross_reference_not_split_as_item() -> None:
    doc = parse_document("Part 1\n1. T\n(1) A person under subsection (2) or (3) commits an "
                         "offence.\n(2) X.\n(3) Y.\n", name="t")
    assert [c.id for c in doc.get("s 1").children] == ["s 1(1)", "s 1(2)", "s 1(3)"]  # type: ignore[union-attr]


@pytest.mark.parametrize("text", [
    "", "Just a letter.\nWith two lines.\n", "# title: header only\n\n",
])
def test_no_structure_is_a_clear_error(text: str) -> None:
    with pytest.raises(InputError, match="no structure found"):
        parse_document(text, name="t")


@pytest.mark.parametrize(("sentence", "targets"), [
    ("in accordance with article 2", ("art 2",)),
    ("Articles 1 through 3", ("art 1", "art 2", "art 3")),
    ("paragraph 1 of this article", ("art 3(1)",)),
    ("Article 2, paragraph 2", ("art 2(2)",)),
])
def test_treaty_cross_references(sentence: str, targets: tuple[str, ...]) -> None:
    text = ("Article 1\nA\n1. One.\n\nArticle 2\nB\n1. One.\n2. Two.\n\nArticle 3\nC\n1. One.\n"
            f"2. Measures taken {sentence} shall apply.\n")
    doc = parse_document(text, name="t")
    refs = [r for r in doc.references if r.source == "art 3(2)" and r.text != "this article"]
    assert refs and refs[0].targets == targets


def test_unresolvable_reference_is_reported_unresolved() -> None:
    doc = parse_document("Article 1\nA\n1. As provided in Article 9.\n", name="t")
    ref = next(r for r in doc.references if r.text.startswith("Article 9"))
    assert ref.targets == () and not ref.resolved
