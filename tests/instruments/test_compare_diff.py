"""Compare and diff: alignment, safeguards side by side, word diffs, findings gained/lost."""

from __future__ import annotations

from instr_helpers import shipped_analysis

from scrutiny.instruments import analyze, compare, diff_drafts, parse_document
from scrutiny.instruments.diff import word_diff


def test_compare_with_itself_aligns_everything() -> None:
    a = shipped_analysis("budapest-convention-ets185")
    comp = compare(a, a)
    assert all(r.a == r.b for r in comp.rows)
    assert all(r.score > 0.99 for r in comp.rows)


def test_compare_shows_safeguards_on_each_side() -> None:
    comp = compare(shipped_analysis("budapest-convention-ets185"),
                   shipped_analysis("ke-computer-misuse-cybercrimes-act-2018"))
    row = next(r for r in comp.rows if r.a == "art 20")
    assert row.b == "s 52"
    assert "judicial authorisation" in row.b_safeguards
    assert "confidentiality.unlimited" in row.a_findings


def test_word_diff() -> None:
    ops = word_diff("shall, as appropriate, include review", "shall include judicial review")
    assert ("delete", "as appropriate, ") in ops or any(
        op == "delete" and "appropriate" in t for op, t in ops)
    assert any(op == "insert" and "judicial" in t for op, t in ops)
    assert "".join(t for op, t in ops if op != "delete") == "shall include judicial review"
    assert "".join(t for op, t in ops if op != "insert") == "shall, as appropriate, include review"


OLD = ("Article 1\nScope\nThe powers apply to the offences in this Convention.\n\n"
       "Article 2\nSafeguards\n1. Such conditions and safeguards shall include judicial "
       "review.\n\nArticle 3\nSignature\nOpen for signature.\n")
NEW = ("Article 1\nScope\nThe powers apply to the offences in this Convention.\n\n"
       "Article 2\nSafeguards\n1. Such conditions and safeguards shall, as appropriate, include "
       "judicial review.\n\nArticle 3\nRenewed order\nA new article on preservation orders.\n\n"
       "Article 4\nSignature\nOpen for signature.\n")


def test_diff_drafts() -> None:
    d = diff_drafts(analyze(parse_document(OLD, name="old")),
                    analyze(parse_document(NEW, name="new")))
    by_new = {a.new: a for a in d.articles}
    assert by_new["art 1"].status == "unchanged"
    assert by_new["art 2"].status == "changed"
    assert by_new["art 2"].findings_added == ("safeguard.discretionary",)
    assert by_new["art 4"].old == "art 3" and by_new["art 4"].status == "unchanged"
    assert by_new["art 3"].status == "added" and by_new["art 3"].old is None
    assert d.summary()["added"] == 1 and d.summary()["findings_added"] >= 1


def test_diff_html_marks_changes_in_words() -> None:
    from scrutiny.instruments.render_pairs import diff_html, diff_markdown

    d = diff_drafts(analyze(parse_document(OLD, name="old")),
                    analyze(parse_document(NEW, name="new")))
    page = diff_html(d)
    assert ('<ins class="ins"><span class="muted">[inserted: </span>shall, as appropriate,'
            in page)
    assert '<del class="del"><span class="muted">[deleted: </span>shall<' in page
    assert "Findings appeared: <code>safeguard.discretionary</code>" in page
    assert "~~shall~~ **shall, as appropriate,**" in diff_markdown(d)
