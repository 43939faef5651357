"""Which elements of the reporting standards a report covers, and with which figures.

RDR (Ranking Digital Rights) P11a, F6 and P12 elements as paraphrased in SAFEGUARDS.md §4;
the Santa Clara Principles' state-involvement items (FP4, Numbers, Notice, Appeal); the DSA
Art. 15(1)(a) part on Member-State orders. An element is *covered* when a table of the report
carries the figures it asks for; otherwise the report says why not.
"""

from __future__ import annotations

from scrutiny.reports.model import Coverage, InternalReport, Table

__all__ = ["ELEMENTS", "coverage"]

# (standard, code, requirement (paraphrased), reason when no table covers it)
ELEMENTS: tuple[tuple[str, str, str, str], ...] = (
    ("RDR", "P11a-1", "User-data demands, by country", ""),
    ("RDR", "P11a-2", "Stored versus real-time data demands", ""),
    ("RDR", "P11a-3", "Accounts affected", ""),
    ("RDR", "P11a-4", "Content versus non-content data", ""),
    ("RDR", "P11a-5", "Legal authority or process invoked", ""),
    ("RDR", "P11a-6", "Whether court orders are included", ""),
    ("RDR", "P11a-7", "Compliance, by category of demand", ""),
    ("RDR", "P11a-8", "Types of demand the law bars from disclosure", ""),
    ("RDR", "P11a-9", "Reported at least once a year", ""),
    ("RDR", "P11a-10", "Data in a structured, machine-readable format", ""),
    ("RDR", "F6-1", "Restriction demands, by country", ""),
    ("RDR", "F6-2", "Accounts affected by restriction demands", ""),
    ("RDR", "F6-3", "Items or URLs affected", ""),
    ("RDR", "F6-4", "Subject matter of the demands", ""),
    ("RDR", "F6-5", "Legal authority of restriction demands", ""),
    ("RDR", "F6-6", "Government requests through informal channels", ""),
    ("RDR", "F6-7", "Compliance with restriction demands", ""),
    ("RDR", "F6-8", "Originals published or sent to an archive",
     "Scrutiny does not record whether a redacted original was published or archived."),
    ("RDR", "F6-9", "Reported at least once a year", ""),
    ("RDR", "F6-10", "Data in a structured, machine-readable format", ""),
    ("RDR", "P12-1", "Users notified of government demands", ""),
    ("RDR", "P12-2", "Users notified of private requests",
     "Out of scope: Scrutiny handles government demands only."),
    ("RDR", "P12-3", "When users are not notified, and why (legally barred types)", ""),
    ("SCP", "FP4", "State actor, court or other body, legal basis of each state demand", ""),
    ("SCP", "Numbers", "State demands counted, actioned or not, global or local action", ""),
    ("SCP", "Notice", "Users told that a state actor was involved", ""),
    ("SCP", "Appeal", "Appeals and their outcomes", ""),
    ("DSA", "15(1)(a)", "Member-State orders by illegal content type and Member State, "
     "median time to inform and to give effect", ""),
    ("DSA", "15(1)(d)", "Complaints and their outcomes", ""),
)
"""Every element a report is checked against."""

_FORMAT_ELEMENTS = {"P11a-9", "F6-9", "P11a-10", "F6-10"}


def _grand(table: Table) -> str:
    return f"{table.totals.total.text()} {table.unit}"


def coverage(report: InternalReport) -> list[Coverage]:
    """The coverage list of ``report`` (one entry per :data:`ELEMENTS` item, in order)."""
    out: list[Coverage] = []
    for standard, code, requirement, missing in ELEMENTS:
        full = f"{standard} {code}"
        tables = [t for t in report.tables if full in t.covers]
        if code in ("P11a-9", "F6-9"):
            out.append(Coverage(standard="RDR", code=code, requirement=requirement,
                                covered=True, by=[t.id for t in tables],
                                figures=f"Period {report.period.start} to {report.period.end} "
                                        f"({report.period.label})."))
            continue
        if code in _FORMAT_ELEMENTS:
            out.append(Coverage(standard="RDR", code=code, requirement=requirement,
                                covered=True, by=[],
                                figures="Every table is exported as CSV and as JSON with a "
                                        "published JSON Schema (docs/schemas/report.schema.json)."))
            continue
        if standard == "DSA" and code == "15(1)(a)":
            n = len([r for r in report.dsa_orders.rows if r.scope != "TOTAL"])
            out.append(Coverage(standard="DSA", code=code, requirement=requirement,
                                covered=True, by=["dsa_orders"],
                                figures=f"Template Part 3 table: {len(report.dsa_orders.rows)} "
                                        f"rows ({n} per Member State)."))
            continue
        if tables:
            figures = "; ".join(f"{t.id}: {_grand(t)}" for t in tables)
            out.append(Coverage(standard=standard, code=code,
                                requirement=requirement, covered=True,
                                by=[t.id for t in tables], figures=figures))
        else:
            out.append(Coverage(standard=standard, code=code,
                                requirement=requirement, covered=False, by=[],
                                figures=missing or "No table of this report carries it."))
    return out
