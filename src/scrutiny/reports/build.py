"""Assemble a report from the exact query results: grids, banding, medians, DSA, coverage.

Pure: takes :class:`~scrutiny.reports.queries.Facts` and the report's parameters, returns an
:class:`~scrutiny.reports.model.InternalReport` (exact for the internal audience, banded for
the public one — :mod:`scrutiny.reports.audience` then keeps only the allowlisted parts).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Literal

from scrutiny.demands.vocab import (
    ISO_3166_ALPHA2,
    AuthorityKind,
    DemandType,
    ProcessType,
    ReasonCategory,
    TreatyChannel,
)
from scrutiny.reports.conventions import DsaConventions, dsa_conventions
from scrutiny.reports.coverage import coverage
from scrutiny.reports.disclosure import Grid, PopKey, PublishedGrid, exact_grids, protect_grids
from scrutiny.reports.figures import Count, total
from scrutiny.reports.model import (
    Banding,
    CheckpointOut,
    Column,
    DsaPart,
    DsaRow,
    Figure,
    InternalReport,
    KeyFigure,
    Override,
    PeriodOut,
    PolicyOut,
    Row,
    Table,
    TimingRow,
    TimingTable,
)
from scrutiny.reports.period import Period
from scrutiny.reports.queries import OUTCOMES, TYPE_PRECEDENCE, UNKNOWN, Facts, Rows

__all__ = ["Audience", "ReportParams", "build_report", "median_hours", "national_security_band",
           "published_grids", "refined_median_hours"]

Audience = Literal["public", "internal"]

STATUSES = ("unmet", "concern", "unknown", "met", "not_applicable")
ACTIONS = ("removed", "geo_restricted", "declined", "withdrawn", "pending")
NOTICE_COLS = ("given", "deferred_gag_order", "deferred_emergency", "deferred_investigation",
               "not_possible", "pending")
APPEAL_COLS = ("upheld", "partly_upheld", "dismissed", "withdrawn", "open")
FOLLOWUP_COLS = ("received", "overdue", "lapsed", "awaiting")
RECOMMENDATIONS = ("comply", "comply_narrowed", "clarify", "reject", "escalate", "none")

LABELS: dict[str, str] = {
    "produced": "Some data produced / action taken",
    "narrowed": "Narrowed",
    "none": "None (withdrawn or closed)",
    "rejected": "Rejected",
    "pending": "Pending",
    "removed": "Removed",
    "geo_restricted": "Geo-restricted",
    "declined": "Declined",
    "withdrawn": "Withdrawn",
    "given": "Notice given",
    "deferred_gag_order": "Deferred: gag order",
    "deferred_emergency": "Deferred: emergency",
    "deferred_investigation": "Deferred: investigation",
    "not_possible": "Notice not possible",
    "court": "Court order",
    "not_court": "No court order",
    "domestic": "Domestic",
    "official": "Official channel",
    "unofficial": "Informal or terms-of-service channel",
    "reportable": "Reportable",
    "prohibited": "Reporting restricted by law",
    "content": "Content",
    "non_content": "Non-content only",
    "followed": "Followed",
    "overridden": "Overridden",
    "undecided": "Not yet decided",
    "acknowledged": "Acknowledged",
    "not_acknowledged": "Not yet acknowledged",
    "acted": "Acted on",
    "not_acted": "Not acted on",
    "reviewed": "Reviewed",
    "not_reviewed": "Not reviewed",
    "met": "Met or not applicable",
    "all": "All demands",
    "user": "Appeals by users",
    "company": "Challenges by the company",
    "awaiting": "Awaiting",
    "overdue": "Overdue",
    "lapsed": "Lapsed",
    "received": "Formal process received",
    "unknown": "Unknown",
}


def label(code: str) -> str:
    """Human label of a vocabulary code."""
    if code in LABELS:
        return LABELS[code]
    if code.startswith("cross_border/"):
        return "Cross-border: " + label(code.split("/", 1)[1])
    if len(code) == 2 and code.isupper():
        return code
    return code.replace("_", " ").capitalize()


@dataclass(frozen=True)
class ReportParams:
    """What a report is about and for whom.

    Attributes:
        period: the reporting period.
        as_of: the instant figures are computed at (aware UTC).
        audience: ``public`` (banded, allowlisted) or ``internal`` (exact, with overrides).
        band_size: national-security process demands are published in bands of this size
            (policy ``reporting.band_size``, 50 U.S.C. 1874(a)).
        small_count_threshold: any other count from 1 to this value minus one is published
            as a range (policy ``reporting.small_count_threshold``).
        policy_id, policy_version: the policy pack in force.
        generator: program and version that made the report.
        title: the report's title.
    """

    period: Period
    as_of: dt.datetime
    audience: Audience
    band_size: int
    policy_id: str
    policy_version: str
    generator: str
    title: str = "Government demands transparency report"
    small_count_threshold: int = 10


# --- normalising to closed vocabularies ------------------------------------------------------

_TYPES = [t.value for t in DemandType]
_PROCESSES = [p.value for p in ProcessType]
_REASONS = [r.value for r in ReasonCategory]
_TREATIES = [t.value for t in TreatyChannel]
_AUTHORITIES = [a.value for a in AuthorityKind]


def _in(vocab: Iterable[str], other: str = UNKNOWN) -> Callable[[str], str]:
    allowed = frozenset(vocab)
    return lambda v: v if v in allowed else other


_country = _in(ISO_3166_ALPHA2)
_rtype = _in(_TYPES)
_process = _in(_PROCESSES)
_reason = _in(_REASONS, "other")
_treaty = _in(_TREATIES, "other")
_authority = _in(_AUTHORITIES)


def _sum(rows: Rows, key: Callable[[tuple[str, ...]], tuple[str, ...] | None],
         measure: int = 0) -> dict[tuple[str, ...], int]:
    out: dict[tuple[str, ...], int] = {}
    for dims, values in rows.items():
        k = key(dims)
        if k is not None:
            out[k] = out.get(k, 0) + values[measure]
    return out


def _order(keys: Iterable[str], vocab: Sequence[str]) -> list[str]:
    present = set(keys)
    return [v for v in dict.fromkeys(vocab) if v in present] + sorted(present - set(vocab))


# --- grids ----------------------------------------------------------------------------------


@dataclass
class _Spec:
    grid: Grid
    title: str
    caption: str
    dimension: str
    unit: str
    covers: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def _grid(gid: str, rows: Sequence[str], cols: Sequence[str],
          counts: dict[tuple[str, ...], int], *,
          row_pop: Callable[[str], PopKey | None] | None = None,
          col_pop: Callable[[str], PopKey | None] | None = None,
          all_pop: PopKey | None = None,
          cell_pop: Callable[[str, str], PopKey | None] | None = None) -> Grid:
    return Grid(
        id=gid, rows=tuple(rows), cols=tuple(cols),
        cells=tuple(tuple(counts.get((r, c), 0) for c in cols) for r in rows),
        row_pops=tuple(row_pop(r) for r in rows) if row_pop else (),
        col_pops=tuple(col_pop(c) for c in cols) if col_pop else (),
        all_pop=all_pop,
        cell_pops=(tuple(tuple(cell_pop(r, c) for c in cols) for r in rows)
                   if cell_pop else ()),
    )


OTHER = "other"


def _coarsen(totals: dict[tuple[str, ...], int], band: int,
             norm: Callable[[str], str]) -> Callable[[str], str]:
    """Map values whose overall count is below ``band`` to ``other`` (public reports)."""
    small = {k[0] for k, n in totals.items() if n < band}
    return lambda v: OTHER if norm(v) in small else norm(v)


def _keyed(*prefix: str) -> Callable[[str], PopKey]:
    return lambda v: (*prefix, v)


def _cell_keyed(*prefix: str) -> Callable[[str, str], PopKey]:
    return lambda r, c: (*prefix, r, c)


def _by_total(counts: dict[tuple[str, ...], int]) -> list[str]:
    totals: dict[str, int] = {}
    for k, v in counts.items():
        totals[k[0]] = totals.get(k[0], 0) + v
    return sorted(totals, key=lambda c: (-totals[c], c))


def _specs(facts: Facts, params: ReportParams, dsa: DsaConventions) -> list[_Spec]:
    g = facts.groups
    counts: dict[tuple[str, ...], int]
    cto = g.get("country_type_outcome", {})
    public = params.audience == "public" and params.small_count_threshold > 1
    band = params.small_count_threshold
    by_country = _sum(cto, lambda d: (_country(d[0]),))
    small = {k[0] for k, n in by_country.items() if public and n < band}

    def country(code: str) -> str:
        c = _country(code)
        return OTHER if c in small else c

    ct = _sum(cto, lambda d: (country(d[0]), _rtype(d[1])))
    countries = _by_total(ct)
    if OTHER in countries:
        countries = [c for c in countries if c != OTHER] + [OTHER]
    types = _order((k[1] for k in ct), TYPE_PRECEDENCE)
    demands: PopKey = ("demands",)

    def country_pop(c: str) -> PopKey:
        return ("demands", "country", c)

    def type_pop(t: str) -> PopKey:
        return ("demands", "type", t)

    specs: list[_Spec] = []
    add = specs.append
    add(_Spec(_grid("demands_by_country_type", countries, types, ct, row_pop=country_pop,
                    col_pop=type_pop, all_pop=demands,
                    cell_pop=lambda r, c: ("demands", "cell", r, c)),
              "Demands received, by country and type",
              "Government demands received in the period, by requesting country (rows) and "
              "type of demand (columns). A demand of several types counts once, under the "
              "first of: " + ", ".join(TYPE_PRECEDENCE) + ".",
              "country", "demands",
              ["RDR P11a-1", "RDR P11a-2", "RDR F6-1", "SCP Numbers", "DSA 15(1)(a)"]))
    for measure, unit, what, covers in (
            (1, "accounts", "user accounts", ["RDR P11a-3", "RDR F6-2"]),
            (2, "targets", "targets (accounts, URLs, items and other identifiers)",
             ["RDR F6-3"])):
        sums = _sum(cto, lambda d: (country(d[0]), _rtype(d[1])), measure)
        add(_Spec(_grid(f"{unit}_by_country_type", countries, types, sums,
                        row_pop=_keyed(unit, "country"), col_pop=_keyed(unit, "type"),
                        all_pop=(unit,), cell_pop=_cell_keyed(unit)),
                  f"{unit.capitalize()} specified, by country and type",
                  f"Number of {what} named in the demands received.", "country", unit,
                  covers))
    co = _sum(cto, lambda d: (country(d[0]), d[2] if d[2] in OUTCOMES else "pending"))
    outcomes = _order((k[1] for k in co), OUTCOMES)
    add(_Spec(_grid("outcomes_by_country", countries, outcomes, co, row_pop=country_pop,
                    col_pop=lambda c: ("demands", "outcome", c), all_pop=demands),
              "Outcome, by country",
              "What came of the demands as of the report date: some data produced or action "
              "taken, narrowed, none (withdrawn or closed without action), rejected, pending.",
              "country", "demands", ["RDR P11a-7", "RDR F6-7", "SCP Numbers"]))
    to = _sum(cto, lambda d: (_rtype(d[1]), d[2] if d[2] in OUTCOMES else "pending"))
    add(_Spec(_grid("outcomes_by_type", types, outcomes, to, row_pop=type_pop,
                    col_pop=lambda c: ("demands", "outcome", c), all_pop=demands),
              "Outcome, by type of demand", "Compliance by category of demand.",
              "demand_type", "demands", ["RDR P11a-7", "RDR F6-7"]))
    mt = _sum(g.get("month_type", {}), lambda d: (d[0], _rtype(d[1])))
    # every month internally; in public, only months with demands (a row is never all zero)
    months = ([m for m in params.period.months() if any(k[0] == m for k in mt)] if public
              else params.period.months())
    add(_Spec(_grid("demands_by_month_type", months, types, mt,
                    row_pop=lambda m: ("demands", "month", m), col_pop=type_pop,
                    all_pop=demands),
              "Demands received, by month and type", "Demands over time.", "month", "demands",
              ["RDR P11a-9", "RDR F6-9"]))
    process = _coarsen(_sum(g.get("country_process", {}), lambda d: (_process(d[1]),)),
                       band if public else 0, _process)
    cp = _sum(g.get("country_process", {}), lambda d: (country(d[0]), process(d[1])))
    procs = _order((k[1] for k in cp), [*_PROCESSES, OTHER])
    add(_Spec(_grid("process_by_country", countries, procs, cp, row_pop=country_pop,
                    col_pop=lambda c: ("demands", "process", c), all_pop=demands),
              "Legal process, by country",
              "The legal process each demand arrived under (subpoena, court order, warrant, "
              "MLAT, emergency request, national-security letter…).", "country", "demands",
              ["RDR P11a-5", "RDR F6-5", "SCP FP4"]))
    tp = _sum(g.get("type_process", {}), lambda d: (_rtype(d[0]), process(d[1])))
    add(_Spec(_grid("process_by_type", types, procs, tp, row_pop=type_pop,
                    col_pop=lambda c: ("demands", "process", c), all_pop=demands),
              "Legal process, by type of demand", "Legal authority invoked, per category.",
              "demand_type", "demands", ["RDR P11a-5", "RDR F6-5"]))
    cj = _sum(g.get("country_process", {}), lambda d: (country(d[0]), d[2]))
    jcols = _order((k[1] for k in cj), ("court", "not_court", UNKNOWN))
    add(_Spec(_grid("court_orders_by_country", countries, jcols, cj, row_pop=country_pop,
                    col_pop=lambda c: ("demands", "judicial", c), all_pop=demands),
              "Court orders, by country",
              "Demands authorised by a court (or other independent judicial body) and others.",
              "country", "demands", ["RDR P11a-6", "SCP FP4"]))
    authority = _coarsen(_sum(g.get("type_authority", {}), lambda d: (_authority(d[1]),)),
                         band if public else 0, _authority)
    ta = _sum(g.get("type_authority", {}), lambda d: (_rtype(d[0]), authority(d[1])))
    acols = _order((k[1] for k in ta), [*_AUTHORITIES, OTHER])
    add(_Spec(_grid("authority_by_type", types, acols, ta, row_pop=type_pop,
                    col_pop=lambda c: ("demands", "authority", c), all_pop=demands),
              "Requesting authority, by type of demand",
              "Which kind of state actor made the demand (police, prosecutor, court, ministry, "
              "regulator, intelligence service…).", "demand_type", "demands", ["SCP FP4"]))

    def route(d: tuple[str, ...]) -> tuple[str, ...]:
        x = d[1]
        col = f"cross_border/{_treaty(d[2])}" if x == "cross_border" else (
            "domestic" if x == "domestic" else UNKNOWN)
        return (country(d[0]), col)

    cr = _sum(g.get("country_route", {}), route)
    rcols = ["domestic"] + [f"cross_border/{t}" for t in _TREATIES
                            if any(k[1] == f"cross_border/{t}" for k in cr)]
    rcols += [UNKNOWN] if any(k[1] == UNKNOWN for k in cr) else []
    add(_Spec(_grid("routing_by_country", countries, rcols, cr, row_pop=country_pop,
                    col_pop=lambda c: ("demands", "route", c), all_pop=demands),
              "Domestic and cross-border demands, by treaty channel",
              "Whether the demand came from the company's own state or across a border, and "
              "by which route (MLAT, Budapest Convention, CLOUD Act agreement, e-Evidence…).",
              "country", "demands", ["RDR P10a-3"]))
    cu = _sum(g.get("country_route", {}),
              lambda d: (country(d[0]), "unofficial" if d[3] == "yes" else "official"))
    channels = _order((k[1] for k in cu), ("official", "unofficial"))
    add(_Spec(_grid("channel_by_country", countries, channels, cu,
                    row_pop=country_pop, col_pop=lambda c: ("demands", "channel", c),
                    all_pop=demands),
              "Informal government requests, by country",
              "Government requests that came through informal channels (no legal process, "
              "informal letters, terms-of-service flags) still count as government demands.",
              "country", "demands", ["RDR F6-6", "SCP FP4"]))
    tu = _sum(g.get("type_unofficial", {}),
              lambda d: (_rtype(d[0]), "unofficial" if d[1] == "yes" else "official"))
    add(_Spec(_grid("channel_by_type", types, channels, tu, row_pop=type_pop,
                    col_pop=lambda c: ("demands", "channel", c), all_pop=demands),
              "Informal government requests, by type", "Informal requests per category.",
              "demand_type", "demands", ["RDR F6-6"]))
    cs = _sum(g.get("country_scope", {}), lambda d: (country(d[0]), d[1]))
    add(_Spec(_grid("data_scope_by_country", countries,
                    _order((k[1] for k in cs), ("content", "non_content", UNKNOWN)), cs,
                    row_pop=country_pop, col_pop=lambda c: ("demands", "scope", c),
                    all_pop=demands),
              "Content and non-content data sought, by country",
              "Whether a demand sought stored or real-time content, or only non-content data "
              "(subscriber, identification, traffic).", "country", "demands", ["RDR P11a-4"]))
    cpr = _sum(g.get("country_prohibited", {}),
               lambda d: (country(d[0]), "prohibited" if d[1] == "yes" else "reportable"))
    add(_Spec(_grid("reporting_restrictions_by_country", countries,
                    _order((k[1] for k in cpr), ("reportable", "prohibited")), cpr,
                    row_pop=country_pop, col_pop=lambda c: ("demands", "gag", c),
                    all_pop=demands),
              "Demands whose reporting the law restricts, by country",
              "Demands that came with a legal bar on reporting them; they are counted here in "
              "aggregate only.", "country", "demands", ["RDR P11a-8"]))
    reason = _coarsen(_sum(g.get("restriction", {}), lambda d: None if d[1] not in ACTIONS
                           else (_reason(d[0]),)), band if public else 0, _reason)
    restr = _sum(g.get("restriction", {}),
                 lambda d: None if d[1] not in ACTIONS else (reason(d[0]), d[1]))
    reasons = _order((k[0] for k in restr), _REASONS)
    add(_Spec(_grid("restrictions_by_reason_action", reasons,
                    _order((k[1] for k in restr), ACTIONS), restr,
                    row_pop=lambda r: ("restriction", "reason", r),
                    col_pop=lambda c: ("restriction", "action", c),
                    all_pop=type_pop("content_restriction")),
              "Content-restriction demands, by reason and action",
              "Content-restriction demands by the subject matter the authority gave and what "
              "the company did: removed, geo-restricted (blocked only in the requesting "
              "state), declined, withdrawn, pending.", "reason", "demands",
              ["RDR F6-4", "RDR F6-7", "SCP Numbers"]))
    notices = _sum(facts.notices, lambda d: (country(d[0]), d[1] if d[1] in NOTICE_COLS
                                               else "pending"))
    ncountries = _by_total(notices)
    add(_Spec(_grid("notices_by_country", ncountries,
                    _order((k[1] for k in notices), NOTICE_COLS), notices,
                    row_pop=lambda r: ("notices", "country", r),
                    col_pop=lambda c: ("notices", "status", c), all_pop=("notices",)),
              "User notice, by country",
              "Affected users told of the demand, and notices deferred by legal reason.",
              "country", "users", ["RDR P12-1", "RDR P12-3", "SCP Notice"]))
    appeals = _sum(facts.appeals, lambda d: (d[0], d[1] if d[1] in APPEAL_COLS else "open"))
    add(_Spec(_grid("appeals", _order((k[0] for k in appeals), ("user", "company")),
                    _order((k[1] for k in appeals), APPEAL_COLS), appeals,
                    col_pop=lambda c: ("appeals", "outcome", c), all_pop=("appeals",)),
              "Appeals and challenges, by outcome",
              "Appeals by affected users and the company's own challenges of demands.",
              "appellant", "appeals", ["SCP Appeal", "DSA 15(1)(d)"]))
    follow = _sum(facts.followups, lambda d: (country(d[0]), d[1]))
    add(_Spec(_grid("emergency_followups_by_country", _by_total(follow),
                    _order((k[1] for k in follow), FOLLOWUP_COLS), follow,
                    row_pop=lambda r: ("followups", "country", r),
                    col_pop=lambda c: ("followups", "status", c), all_pop=("followups",)),
              "Emergency disclosures and their follow-up",
              "Emergency disclosures owe formal legal process afterwards: received, overdue, "
              "lapsed or still awaited.", "country", "follow-ups", ["RDR P11a-2"]))
    # safeguards
    reviewed = facts.reviewed
    all_demands = sum(ct.values())
    add(_Spec(_grid("review_coverage", ("all",) if all_demands else (),
                    _order((c for c, n in (("reviewed", reviewed),
                                           ("not_reviewed", all_demands - reviewed)) if n),
                           ("reviewed", "not_reviewed")),
                    {("all", "reviewed"): reviewed,
                     ("all", "not_reviewed"): max(all_demands - reviewed, 0)},
                    col_pop=lambda c: ("reviewed",) if c == "reviewed" else None,
                    all_pop=demands),
              "Demands reviewed against the safeguards",
              "Demands with a safeguard review by the report date.", "all", "demands"))
    from scrutiny.policy.model import SAFEGUARD_IDS

    sg_ids = _order((k[0] for k in facts.verdicts), sorted(SAFEGUARD_IDS))
    sg: dict[tuple[str, ...], int] = {}
    for (sid, status), (n,) in facts.verdicts.items():
        col = status if status in STATUSES else UNKNOWN
        sg[(sid, col)] = sg.get((sid, col), 0) + n
    for sid in sg_ids:
        seen = sum(sg.get((sid, c), 0) for c in STATUSES)
        if reviewed - seen > 0:
            sg[(sid, "no_verdict")] = reviewed - seen
    cols = _order((k[1] for k in sg), (*STATUSES, "no_verdict"))
    sg_order = sorted(sg_ids, key=lambda s: (-sg.get((s, "unmet"), 0),
                                             -sg.get((s, "concern"), 0), s))
    add(_Spec(_grid("safeguards", sg_order, cols, sg, row_pop=lambda r: ("reviewed",)),
              "Safeguards: how many demands failed each one",
              "For each safeguard, the number of reviewed demands whose latest review found "
              "it unmet, of concern, unknown (information missing), met, or not applicable.",
              "safeguard", "demands", ["GNI-IG", "SCP FP4"],
              ["No peer report publishes this table: it shows how demands measured up to "
               "each human-rights safeguard."]))
    dec = _sum(g.get("decision", {}),
               lambda d: (d[0] if d[0] in RECOMMENDATIONS else "none", d[1]))
    add(_Spec(_grid("decisions_vs_recommendation", _order((k[0] for k in dec), RECOMMENDATIONS),
                    _order((k[1] for k in dec), ("followed", "overridden", "undecided")), dec,
                    row_pop=lambda r: ("recommendation", r),
                    col_pop=lambda c: ("demands", "followed", c), all_pop=demands),
              "Decisions against the recommendation",
              "How often the people deciding followed or overrode the review's "
              "recommendation.", "recommendation", "demands"))
    for kind, hist_country, hist_type, cols2 in (
            ("acknowledged", "ack_country", "ack_type", ("acknowledged", "not_acknowledged")),
            ("acted", "act_country", "act_type", ("acted", "not_acted"))):
        by_c = _sum(g.get(hist_country, {}), lambda d: (country(d[0]),))
        counts = {}
        for c in countries:
            n = by_c.get((c,), 0)
            tot = sum(v for k, v in ct.items() if k[0] == c)
            counts[(c, cols2[0])], counts[(c, cols2[1])] = n, max(tot - n, 0)
        counts = {k: v for k, v in counts.items() if v}
        add(_Spec(_grid(f"{kind}_by_country", countries,
                        _order((k[1] for k in counts), cols2), counts, row_pop=country_pop,
                        col_pop=lambda c: ("demands", c), all_pop=demands),
                  f"Demands {kind}, by country", f"Basis of the median time to be {kind}.",
                  "country", "demands"))
        by_t = _sum(g.get(hist_type, {}), lambda d: (_rtype(d[0]),))
        counts = {}
        for t in types:
            n = by_t.get((t,), 0)
            tot = sum(v for k, v in ct.items() if k[1] == t)
            counts[(t, cols2[0])], counts[(t, cols2[1])] = n, max(tot - n, 0)
        counts = {k: v for k, v in counts.items() if v}
        add(_Spec(_grid(f"{kind}_by_type", types, _order((k[1] for k in counts), cols2), counts,
                        row_pop=type_pop,
                        col_pop=lambda c: ("demands", c), all_pop=demands),
                  f"Demands {kind}, by type", f"Basis of the median time to be {kind}.",
                  "demand_type", "demands"))
    if small:
        specs[0].notes.append(f"Countries that made fewer than {band:,} demands in the period "
                              "are grouped under Other in every table.")
    specs.extend(_dsa_specs(facts, dsa, band if public else 0))
    return specs


def _merge_states(rows: Rows, small: set[str]) -> Rows:
    out: dict[tuple[str, ...], tuple[int, ...]] = {}
    for dims, values in rows.items():
        key = (OTHER if dims[0] in small else dims[0], *dims[1:])
        old = out.get(key)
        out[key] = values if old is None else tuple(a + b for a, b in zip(old, values,
                                                                          strict=True))
    return out


def _split_keyed(*prefix: str) -> Callable[[str], PopKey]:
    return lambda v: (*prefix, *v.split("/", 1))


def _dsa_cell(unit: str) -> Callable[[str], PopKey | None]:
    def key(col: str) -> PopKey | None:
        state, rtype = col.split("/", 1)
        return None if state == OTHER else (unit, "cell", state, rtype)
    return key


def _dsa_key(dsa: DsaConventions, ms: set[str],
             types: set[str]) -> Callable[[tuple[str, ...]], tuple[str, ...] | None]:
    def key(d: tuple[str, ...]) -> tuple[str, ...] | None:
        if (d[0] in ms or d[0] == OTHER) and _rtype(d[1]) in types:
            return (dsa.category(d[2]), f"{d[0]}/{_rtype(d[1])}")
        return None
    return key


def _dsa_specs(facts: Facts, dsa: DsaConventions, band: int = 0) -> list[_Spec]:
    rows = facts.groups.get("dsa", {})
    ms = set(dsa.member_states)
    per_state = _sum(rows, lambda d: (d[0],) if d[0] in ms else None)
    small = {k[0] for k, n in per_state.items() if n < band}
    if small:
        rows = _merge_states(rows, small)
    arts = {9: dsa.art9_types, 10: dsa.art10_types}
    every = {t.value for types in arts.values() for t in types}
    present = _sum(rows, _dsa_key(dsa, ms, every))
    cats = sorted({k[0] for k in present})
    states = sorted({k[1].split("/")[0] for k in present})
    out: list[_Spec] = []
    for art, measure, unit in ((9, 0, "demands"), (9, 1, "targets"), (10, 0, "demands")):
        types = [t.value for t in arts[art]]
        counts = _sum(rows, _dsa_key(dsa, ms, set(types)), measure)
        cols = [f"{m}/{t}" for m in states for t in types]
        gid = f"dsa_art{art}_{'orders' if unit == 'demands' else 'items'}"
        out.append(_Spec(
            _grid(gid, cats, cols, counts,
                  row_pop=_keyed(gid), col_pop=_dsa_cell(unit),
                  all_pop=(gid,)),
            gid, gid, "category", unit))
    return out


# --- publishing -----------------------------------------------------------------------------


def _table(spec: _Spec, pub: PublishedGrid) -> Table:
    g = spec.grid
    rows = [Row(key=r, label=label(r), cells=[Figure.of(c) for c in pub.cells[i]],
                total=Figure.of(pub.row_total(i))) for i, r in enumerate(g.rows)]
    totals = Row(key="total", label="Total",
                 cells=[Figure.of(pub.col_total(j)) for j in range(len(g.cols))],
                 total=Figure.of(pub.grand_total()))
    return Table(id=g.id, title=spec.title, caption=spec.caption, dimension=spec.dimension,
                 unit=spec.unit, columns=[Column(key=c, label=label(c)) for c in g.cols],
                 rows=rows, totals=totals, notes=spec.notes, covers=spec.covers)


def median_hours(hist: dict[int, int]) -> float | None:
    """Median of a ``{tenths of an hour: cases}`` histogram, in hours (mean of the two middle
    values when the number of cases is even); ``None`` when empty."""
    n = sum(hist.values())
    if n == 0:
        return None
    lo_rank, hi_rank = (n - 1) // 2, n // 2
    seen = 0
    lo_val: int | None = None
    for k in sorted(hist):
        nxt = seen + hist[k]
        if lo_val is None and lo_rank < nxt:
            lo_val = k
        if hi_rank < nxt:
            assert lo_val is not None
            return round((lo_val + k) / 20, 2)
        seen = nxt
    raise AssertionError("unreachable")  # pragma: no cover


def refined_median_hours(coarse: dict[int, int],
                         fine: Callable[[int], dict[int, int]]) -> float | None:
    """Median, in hours, of cases counted in coarse duration buckets (``{bucket: cases}``,
    buckets ordered like the durations in them), read exactly from ``fine(bucket)`` — the
    ``{tenths of an hour: cases}`` inside the one or two buckets the middle cases fall in.
    Equal to :func:`median_hours` of the full histogram."""
    n = sum(coarse.values())
    if n == 0:
        return None
    values: list[int] = []
    for rank in sorted({(n - 1) // 2, n // 2}):
        seen = 0
        for b in sorted(coarse):
            if rank < seen + coarse[b]:
                within, acc = rank - seen, 0
                for tenths, count in sorted(fine(b).items()):
                    acc += count
                    if within < acc:
                        values.append(tenths)
                        break
                break
            seen += coarse[b]
    if len(values) == 1:
        values.append(values[0])
    if len(values) != 2:
        raise AssertionError("fine histogram does not match its coarse bucket")
    return round((values[0] + values[1]) / 20, 2)


@dataclass
class _Hist:
    """Durations of the cases behind one row: ``{bucket: cases}`` and the grouping rows
    (dimensions without the duration) they came from, to refine coarse buckets."""

    family: str
    counts: dict[int, int] = field(default_factory=dict)
    prefixes: set[tuple[str, ...]] = field(default_factory=set)

    def add(self, other: _Hist) -> None:
        for b, n in other.counts.items():
            self.counts[b] = self.counts.get(b, 0) + n
        self.prefixes |= other.prefixes


def _hists(rows: Rows, key: Callable[[tuple[str, ...]], str | None],
           family: str) -> dict[str, _Hist]:
    out: dict[str, _Hist] = {}
    for dims, (n,) in rows.items():
        k = key(dims)
        if k is None:
            continue
        h = out.setdefault(k, _Hist(family))
        bucket = int(dims[-1])
        h.counts[bucket] = h.counts.get(bucket, 0) + n
        h.prefixes.add(dims[:-1])
    return out


def _median(facts: Facts, h: _Hist | None) -> float | None:
    if h is None:
        return None
    refine = facts.refine
    if refine is None or facts.timing_step == 1:
        return median_hours(h.counts)
    prefixes = frozenset(h.prefixes)
    return refined_median_hours(h.counts, lambda b: refine(h.family, prefixes, b))


def _publishable(count: Count, band: int, public: bool) -> bool:
    return not public or count.lo >= band


def _cell(pub: PublishedGrid, i: int, col: str) -> Count:
    cols = pub.grid.cols
    return pub.cells[i][cols.index(col)] if col in cols else Count.exact(0)


def _timing_table(facts: Facts, tid: str, title: str, dimension: str, keys: Sequence[str],
                  ack: dict[str, _Hist], act: dict[str, _Hist],
                  ack_pub: PublishedGrid, act_pub: PublishedGrid, band: int,
                  public: bool) -> TimingTable:
    rows: list[TimingRow] = []
    for i, k in enumerate(keys):
        a, e = _cell(ack_pub, i, "acknowledged"), _cell(act_pub, i, "acted")
        rows.append(TimingRow(
            key=k, label=label(k), acknowledged=Figure.of(a),
            median_hours_to_acknowledge=(_median(facts, ack.get(k))
                                         if _publishable(a, band, public) else None),
            acted=Figure.of(e),
            median_hours_to_act=(_median(facts, act.get(k))
                                 if _publishable(e, band, public) else None)))
    notes = ["Times run from receipt to acknowledgement, and from receipt to action (data "
             "produced or content restricted), measured in steps of 0.1 hour."]
    if public:
        notes.append(f"A median is shown only where it rests on at least {band:,} cases.")
    return TimingTable(id=tid, title=title, caption=title, dimension=dimension, rows=rows,
                       notes=notes)


def _dsa_part(facts: Facts, dsa: DsaConventions, pubs: dict[str, PublishedGrid],
              period: Period, band: int, public: bool) -> DsaPart:
    ms = set(dsa.member_states)
    sets = {9: {t.value for t in dsa.art9_types}, 10: {t.value for t in dsa.art10_types}}
    per_state = _sum(facts.groups.get("dsa", {}), lambda d: (d[0],) if d[0] in ms else None)
    small = {k[0] for k, n in per_state.items() if public and n < band}

    def hist_key(art: int) -> Callable[[tuple[str, ...]], str | None]:
        def key(d: tuple[str, ...]) -> str | None:
            if d[0] not in ms or _rtype(d[1]) not in sets[art]:
                return None
            return f"{dsa.category(d[2])}|{OTHER if d[0] in small else d[0]}"
        return key

    g = facts.groups
    hists = {(art, kind): _hists(g.get(name, {}), hist_key(art), name)
             for art in (9, 10) for kind, name in (("ack", "dsa_ack"), ("act", "dsa_act"))}

    def figure(gid: str, cat: str, state: str | None) -> Count:
        pub = pubs[gid]
        i = pub.grid.rows.index(cat)
        cells = [pub.cells[i][j] for j, col in enumerate(pub.grid.cols)
                 if state is None or col.startswith(state + "/")]
        return total(cells)

    def med(art: int, kind: str, cat: str, state: str | None, basis: Count) -> float | None:
        h = hists[(art, kind)]
        keys = [f"{cat}|{state}"] if state else [k for k in h if k.startswith(cat + "|")]
        merged = _Hist("dsa_ack" if kind == "ack" else "dsa_act")
        for k in keys:
            if k in h:
                merged.add(h[k])
        if public and sum(merged.counts.values()) < band:
            return None
        if not _publishable(basis, band, public):
            return None
        return _median(facts, merged)

    rows: list[DsaRow] = []
    states = sorted({c.split("/")[0] for gid in ("dsa_art9_orders", "dsa_art10_orders")
                     for c in pubs[gid].grid.cols}, key=lambda c: (c == OTHER, c))
    for cat in pubs["dsa_art9_orders"].grid.rows:
        for state in [None, *states]:
            o9 = figure("dsa_art9_orders", cat, state)
            o10 = figure("dsa_art10_orders", cat, state)
            if o9.hi == 0 and o10.hi == 0:
                continue
            rows.append(DsaRow(
                category=cat, scope=state or "TOTAL",
                art9_orders=Figure.of(o9), art9_items=Figure.of(figure("dsa_art9_items", cat,
                                                                        state)),
                art9_median_hours_to_inform=med(9, "ack", cat, state, o9),
                art9_median_hours_to_effect=med(9, "act", cat, state, o9),
                art10_orders=Figure.of(o10),
                art10_median_hours_to_inform=med(10, "ack", cat, state, o10),
                art10_median_hours_to_effect=med(10, "act", cat, state, o10)))
    notes = [
        "Art. 9 orders: " + ", ".join(sorted(sets[9])) + " demands from EU Member States; "
        "Art. 10 orders: " + ", ".join(sorted(sets[10])) + ".",
        "Time to inform = receipt to acknowledgement; time to give effect = receipt to "
        "execution; medians in hours.",
        "Categories map the authority's stated reason onto the statement-of-reasons codes "
        "(src/scrutiny/reports/data/dsa.yaml).",
    ]
    if small:
        notes.append(f"Member States with fewer than {band:,} orders are grouped as 'other'.")
    return DsaPart(reporting_period=period.iso_interval, rows=rows, notes=notes)


def national_security_band(n: int, band_size: int) -> Count:
    """The band a national-security count is published in (``0–999``, ``1000–1999``…)."""
    if band_size <= 1:
        return Count.exact(n)
    lo = n // band_size * band_size
    return Count(lo, lo + band_size - 1)


def _statement(band: int, applied: bool, ns_band: int = 0, ns_separate: bool = False) -> str:
    ns = (f"Demands under national-security process (national security letters) are not "
          f"included in any figure or table: the law allows them to be published only in "
          f"bands of {ns_band:,}, so they are given on one separate line, in bands starting "
          f"at 0–{ns_band - 1:,}. " if ns_separate and ns_band > 1 else "")
    if not applied:
        return ns + "Every other figure is exact." if ns else "Every figure is exact."
    low = "1" if band > 2 else "0"
    return (ns + f"Every other figure is an exact count, except that a count from 1 to "
            f"{band - 1:,} is published as the range {low}–{band - 1:,}, so that small "
            "numbers of demands cannot single anyone out; zero is published as 0. Countries "
            f"(and processes, authority kinds, reasons) with fewer than {band:,} demands are "
            "grouped under Other. So that no total minus its other parts (in one table or "
            "across tables) gives such a small count back, a few larger figures next to it are "
            "also published as ranges — the range the exact totals and the other published "
            "figures already imply — and totals stay exact wherever that is enough; otherwise "
            "a total is a range too. Nothing published here, alone or combined, narrows a "
            f"range. Medians are shown only where they rest on at least {band:,} cases.")


def _publish(facts: Facts, params: ReportParams,
             dsa: DsaConventions) -> tuple[list[_Spec], list[PublishedGrid]]:
    specs = _specs(facts, params, dsa)
    grids = [s.grid for s in specs]
    if params.audience == "public":
        return specs, protect_grids(grids, params.small_count_threshold)
    return specs, exact_grids(grids)


def published_grids(facts: Facts, params: ReportParams,
                    dsa: DsaConventions | None = None) -> list[PublishedGrid]:
    """Every count grid behind a report, as published for ``params.audience``.

    The report's tables, timing bases and DSA part are all read from these grids; tests
    attack them to show that banding leaks nothing.
    """
    return _publish(facts, params, dsa or dsa_conventions())[1]


def build_report(facts: Facts, params: ReportParams,
                 dsa: DsaConventions | None = None) -> InternalReport:
    """Build the report for ``params.audience`` from exact ``facts``.

    Public reports are banded (:mod:`scrutiny.reports.disclosure`); internal ones are exact
    and list overridden recommendations. Use :func:`scrutiny.reports.audience.serialize` to
    get the audience's allowlisted view.
    """
    dsa = dsa or dsa_conventions()
    public = params.audience == "public"
    band = params.small_count_threshold
    specs, published = _publish(facts, params, dsa)
    pubs = {s.grid.id: p for s, p in zip(specs, published, strict=True)}
    tables = [_table(s, pubs[s.grid.id]) for s in specs
              if not s.grid.id.startswith(("dsa_", "acknowledged_", "acted_"))]
    g = facts.groups
    countries = list(pubs["demands_by_country_type"].grid.rows)
    types = list(pubs["demands_by_country_type"].grid.cols)

    def listed(d: tuple[str, ...]) -> str:
        code = _country(d[0])
        return code if code in countries else OTHER

    timings = [
        _timing_table(facts, "timing_by_country",
                      "Median hours to acknowledge and to act, by country", "country", countries,
                      _hists(g.get("ack_country", {}), listed, "ack_country"),
                      _hists(g.get("act_country", {}), listed, "act_country"),
                      pubs["acknowledged_by_country"], pubs["acted_by_country"], band, public),
        _timing_table(facts, "timing_by_type",
                      "Median hours to acknowledge and to act, by type", "demand_type", types,
                      _hists(g.get("ack_type", {}), lambda d: _rtype(d[0]), "ack_type"),
                      _hists(g.get("act_type", {}), lambda d: _rtype(d[0]), "act_type"),
                      pubs["acknowledged_by_type"], pubs["acted_by_type"], band, public),
    ]
    dsa_part = _dsa_part(facts, dsa, pubs, params.period, band, public)
    main = pubs["demands_by_country_type"]
    outcome = pubs["outcomes_by_type"]
    oi = {c: j for j, c in enumerate(outcome.grid.cols)}

    def outcome_total(*names: str) -> Count:
        return total(outcome.col_total(oi[n]) for n in names if n in oi)

    key = [
        KeyFigure(id="demands", label=("Demands received (other than national-security "
                                       "process)" if facts.national_security_separated
                                       else "Demands received"),
                  figure=Figure.of(main.grand_total())),
        KeyFigure(id="accounts", label="Accounts specified",
                  figure=Figure.of(pubs["accounts_by_country_type"].grand_total())),
        KeyFigure(id="countries",
                  label="Countries listed individually" if public else "Requesting countries",
                  figure=Figure.of(Count.exact(len([c for c in countries
                                                    if c not in (UNKNOWN, OTHER)])))),
        KeyFigure(id="produced", label="Some data produced or action taken",
                  figure=Figure.of(outcome_total("produced", "narrowed"))),
        KeyFigure(id="rejected", label="Rejected",
                  figure=Figure.of(outcome_total("rejected"))),
    ]
    if facts.national_security_separated:
        key.append(KeyFigure(
            id="national_security",
            label=f"National-security process demands (in bands of {params.band_size:,})",
            figure=Figure.of(national_security_band(facts.national_security,
                                                    params.band_size))))
    elif facts.national_security:
        key.append(KeyFigure(id="national_security",
                             label="Of which under national-security process",
                             figure=Figure.of(Count.exact(facts.national_security))))
    report = InternalReport(
        title=params.title, audience=params.audience,
        period=PeriodOut(label=params.period.label, start=params.period.start.isoformat(),
                         end=params.period.last_day.isoformat()),
        as_of=params.as_of.astimezone(dt.UTC).isoformat().replace("+00:00", "Z"),
        generator=params.generator,
        policy=PolicyOut(id=params.policy_id, version=params.policy_version),
        banding=Banding(band_size=params.band_size, small_count_threshold=band,
                        applied=public and band > 1,
                        statement=_statement(band, public and band > 1, params.band_size,
                                             facts.national_security_separated)),
        audit_checkpoint=CheckpointOut(seq=facts.checkpoint.seq, hash=facts.checkpoint.hash,
                                       at=facts.checkpoint.at),
        key_figures=key, tables=tables, timings=timings, dsa_orders=dsa_part,
        coverage=[],
        overrides=[] if public else [Override(**o) for o in facts.overrides],
    )
    return report.model_copy(update={"coverage": coverage(report)})
