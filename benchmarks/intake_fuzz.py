"""Coverage-guided fuzzing of the intake readers (and extraction) with atheris (libFuzzer).

Each input's first byte picks the reader (text, HTML, e-mail, PDF, Word .docx) unless
``--kind`` fixes one; the rest are the file's bytes. A reader may refuse an input only with a
``scrutiny.errors.ScrutinyError`` (one-line error); a Document it returns is extracted too.
Any other exception, a hang over ``--timeout`` seconds (the intake budget is half of it, so a
hang means the budget failed) or memory over ``--rss-mb`` is a
crash: libFuzzer prints it and writes the input to ``crash-*`` in the working directory.
Seeds: the dev corpus letters and small generated e-mail, PDF and .docx files.

Usage::

    .venv/bin/python benchmarks/intake_fuzz.py [--seconds 60] [--kind docx] [--quick]
"""

from __future__ import annotations

import argparse
import io
import sys
import tempfile
from email.message import EmailMessage
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus" / "demands-dev" / "takedowns"
KINDS = ("text", "html", "email", "pdf", "docx")
NAMES = {"text": "x.txt", "html": "x.html", "email": "x.eml", "pdf": "x.pdf", "docx": "x.docx"}


def _seeds() -> dict[str, list[bytes]]:
    """Seed files per kind."""
    letters = [p.read_bytes() for p in sorted(CORPUS.glob("*.md"))[:6]] if CORPUS.exists() \
        else [b"Please remove https://example.org/a within 24 hours."]
    body = letters[0].decode("utf-8", "replace")
    msg = EmailMessage()
    msg["From"] = "notices@example.gov"
    msg["Subject"] = "Notice"
    msg.set_content(body[:2000])
    html = f"<html><body><p>{body[:1500]}</p><a href='https://example.org/x'>here</a></body></html>"

    import docx
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("helvetica", size=11)
    pdf.multi_cell(0, 6, "Please remove the content at https://example.org/page within 24 hours.")
    doc = docx.Document()
    doc.add_paragraph("Ref. No. 2021/45. Please remove https://example.org/a within 24 hours.")
    doc.add_table(rows=1, cols=2).cell(0, 1).text = "https://example.org/b"
    buf = io.BytesIO()
    doc.save(buf)
    return {"text": letters, "html": [html.encode()], "email": [bytes(msg)],
            "pdf": [bytes(pdf.output())], "docx": [buf.getvalue()]}


def main(argv: list[str] | None = None) -> int:
    """Run the fuzzer (libFuzzer exits the process when done)."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--seconds", type=int, default=60, help="total fuzzing time")
    parser.add_argument("--kind", choices=KINDS, default=None, help="fuzz one reader only")
    parser.add_argument("--timeout", type=int, default=10, help="seconds allowed per input")
    parser.add_argument("--rss-mb", type=int, default=1536, help="memory limit")
    parser.add_argument("--quick", action="store_true", help="10 seconds")
    args = parser.parse_args(argv)
    seconds = 10 if args.quick else args.seconds

    import atheris

    with atheris.instrument_imports():
        from scrutiny.errors import ScrutinyError
        from scrutiny.intake.extract import extract_document
        from scrutiny.intake.limits import Budget, Limits
        from scrutiny.intake.readers import read_bytes

    limits = Limits(max_file_bytes=2_000_000, max_text_chars=200_000, max_pdf_pages=20,
                    seconds=args.timeout / 2)  # the budget fires before libFuzzer's timeout

    def one_input(data: bytes) -> None:
        if args.kind is None:
            if not data:
                return
            kind, payload = KINDS[data[0] % len(KINDS)], data[1:]
        else:
            kind, payload = args.kind, data
        name = NAMES[kind]
        budget = Budget(limits.seconds, name)
        try:
            doc = read_bytes(payload, name, limits, budget)
            extract_document(doc, budget)
        except ScrutinyError:
            return

    seed_dir = Path(tempfile.mkdtemp(prefix="intake-fuzz-"))
    for kind, blobs in _seeds().items():
        if args.kind not in (None, kind):
            continue
        for i, blob in enumerate(blobs):
            prefix = b"" if args.kind else bytes([KINDS.index(kind)])
            (seed_dir / f"{kind}-{i}").write_bytes(prefix + blob)
    fuzz_args = [sys.argv[0], f"-max_total_time={seconds}", f"-timeout={args.timeout}",
                 f"-rss_limit_mb={args.rss_mb}", "-print_final_stats=1", str(seed_dir)]
    atheris.Setup(fuzz_args, one_input)
    atheris.Fuzz()
    return 0


if __name__ == "__main__":
    sys.exit(main())
