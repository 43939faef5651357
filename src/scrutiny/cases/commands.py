"""``scrutiny case …`` (and registration of ``user``, ``audit`` and ``db``).

Thin edges: parse options, call :class:`~scrutiny.cases.service.CaseService` /
:class:`~scrutiny.cases.views.CaseReader`, print. Every command documented in
``docs/cases.md``.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from scrutiny.cases.cli_support import (
    AsUser,
    DbUrl,
    JsonOut,
    actor_for,
    emit_json,
    err,
    out,
    print_table,
    store_for,
)
from scrutiny.errors import InputError, ScrutinyError
from scrutiny.intake.formats import LETTER_SUFFIXES  # the one list (.docx too)

__all__ = ["LETTER_SUFFIXES", "case_app", "register"]


OPTIMIZE_AFTER = 1000
"""Refresh planner statistics after an import that created at least this many cases."""

case_app = typer.Typer(help="Cases: import demands, review, decide, notify, appeal, close.",
                       no_args_is_help=True)

Version = Annotated[int | None, typer.Option(
    "--version", help="The case version you looked at; refused if it changed since.")]


def _service(db: str | None) -> Any:
    from scrutiny.cases.params import WorkflowParams
    from scrutiny.cases.service import CaseService, engine_reviewer
    from scrutiny.policy import load_policy

    store = store_for(db)
    policy = load_policy()
    return CaseService(store, WorkflowParams.from_policy(policy),
                       reviewer=engine_reviewer(policy=policy)), store


def _reader(db: str | None) -> Any:
    from scrutiny.cases.views import CaseReader

    store = store_for(db)
    return CaseReader(store), store


def _done(case: Any, as_json: bool, what: str) -> None:
    if as_json:
        emit_json({"case": case.id, "state": case.state.value, "version": case.version})
    else:
        err.print(f"case {case.id}: {what} → [bold]{case.state.value}[/] (version {case.version})")


# --- import ---------------------------------------------------------------------------------


def _expand(paths: list[Path]) -> Iterator[Path]:
    for path in paths:
        if path.is_dir():
            yield from sorted(p for p in path.rglob("*") if p.is_file() and (
                p.suffix.lower() in LETTER_SUFFIXES or p.suffix in {".json", ".jsonl"}))
        else:
            yield path


def _items(paths: list[Path], errors: list[tuple[str, ScrutinyError]]) -> Iterator[Any]:
    from scrutiny.cases.ingest import ImportItem
    from scrutiny.demands.io import load_demands

    for path in _expand(paths):
        if path.suffix.lower() in LETTER_SUFFIXES:
            try:
                import importlib

                read_letter = importlib.import_module("scrutiny.intake").read_letter
                original = path.read_bytes()
                demand = read_letter(path)
            except ScrutinyError as exc:
                errors.append((str(path), exc))
                continue
            except OSError as exc:
                errors.append((str(path), InputError(exc.strerror or str(exc),
                                                     location=str(path))))
                continue
            yield ImportItem(demand, str(path), original, path.name)
        else:
            for item in load_demands(path):
                if item.error is not None or item.demand is None:
                    errors.append((item.location, item.error or InputError(
                        "unreadable", location=item.location)))
                    continue
                yield ImportItem(item.demand, item.location)


@case_app.command("import")
def import_cmd(
    files: Annotated[list[Path], typer.Argument(help="Letters (.txt .md .eml .pdf .html) or "
                                                "structured demands (.json .jsonl), or folders.")],
    batch_size: Annotated[int, typer.Option(help="Demands per transaction.", min=1)] = 200,
    as_user: AsUser = None,
    db: DbUrl = None,
    as_json: JsonOut = False,
) -> int:
    """Import demands: intake (letters), review, one case each; idempotent by content hash.

    Each line printed with --json is an acknowledgement: the case is committed.
    """
    service, store = _service(db)
    actor = actor_for(store, as_user)
    errors: list[tuple[str, ScrutinyError]] = []
    counts = {"created": 0, "existing": 0}
    with Progress(TextColumn("importing"), BarColumn(), MofNCompleteColumn(),
                  TimeElapsedColumn(), console=err, transient=True,
                  disable=not err.is_terminal) as bar:
        task = bar.add_task("import", total=None)

        def acknowledge(batch: list[Any]) -> None:
            for result in batch:
                counts[result.status] += 1
                if as_json:
                    emit_json(result.to_dict())
            bar.advance(task, len(batch))

        service.import_many(actor, _items(files, errors), batch_size=batch_size,
                            on_batch=acknowledge)
    if counts["created"] >= OPTIMIZE_AFTER:
        store.optimize()
    for location, exc in errors:
        if as_json:
            emit_json({"source": location, "status": "error", **exc.to_dict()})
        err.print(f"error [{exc.code}]: {exc}" if exc.location else
                  f"error [{exc.code}]: {location}: {exc}")
    err.print(f"imported {counts['created']} new case(s), {counts['existing']} already stored, "
              f"{len(errors)} error(s)")
    return 1 if errors else 0


# --- reading --------------------------------------------------------------------------------


@case_app.command("list")
def list_cmd(
    state: Annotated[list[str] | None, typer.Option(help="Filter by state (repeatable).")] = None,
    country: Annotated[list[str] | None, typer.Option(help="ISO country code (repeatable).")
                       ] = None,
    risk: Annotated[str | None, typer.Option(help="high or normal.")] = None,
    overdue: Annotated[bool | None, typer.Option("--overdue/--not-overdue",
                                                 help="Past the response deadline?")] = None,
    assignee: Annotated[str | None, typer.Option(help="Assigned to this user.")] = None,
    demand_type: Annotated[str | None, typer.Option("--type", help="Demand type.")] = None,
    limit: Annotated[int, typer.Option(help="At most this many cases.", min=1)] = 50,
    before: Annotated[int | None, typer.Option(help="Cases with an id below this (next page).")
                      ] = None,
    as_user: AsUser = None,
    db: DbUrl = None,
    as_json: JsonOut = False,
) -> None:
    """List cases, newest first, with filters."""
    from scrutiny.cases.users import UserService
    from scrutiny.cases.vocab import CaseState, Risk
    from scrutiny.store.queries import CaseFilter

    reader, store = _reader(db)
    actor = actor_for(store, as_user)
    try:
        states = [CaseState(s) for s in state or []]
        risk_value = Risk(risk) if risk else None
    except ValueError as exc:
        raise InputError(str(exc), location="--state/--risk",
                         hint="states: " + ", ".join(s.value for s in CaseState)) from None
    assignee_id = UserService(store).actor(assignee).user_id if assignee else None
    rows = reader.cases(actor, CaseFilter(states=states, countries=country or [],
                                          risk=risk_value, overdue=overdue,
                                          assignee_id=assignee_id, demand_type=demand_type),
                        limit=limit, before_id=before)
    if as_json:
        for row in rows:
            emit_json(row.to_dict())
        return
    print_table(None, ["id", "state", "risk", "country", "authority", "types", "received",
                       "deadline", "assignee"],
                [[r.id, r.state, r.risk, r.country, (r.authority or "")[:40],
                  ",".join(r.demand_types), r.received_at.strftime("%Y-%m-%d"),
                  (r.deadline_at.strftime("%Y-%m-%d %H:%M") if r.deadline_at else "")
                  + (" OVERDUE" if r.overdue else ""), r.assignee] for r in rows])


@case_app.command("show")
def show_cmd(
    case_id: Annotated[int, typer.Argument(help="Case id.")],
    history: Annotated[bool, typer.Option(help="Include the audit history.")] = True,
    as_user: AsUser = None,
    db: DbUrl = None,
    as_json: JsonOut = False,
) -> None:
    """Show one case: demand, review, decisions, notices, appeals, history."""
    reader, store = _reader(db)
    view = reader.detail(actor_for(store, as_user), case_id, with_history=history)
    if as_json:
        emit_json(view)
        return
    d = view["demand"]
    out.print(f"[bold]Case {view['id']}[/]  {view['state']}  risk {view['risk']}  "
              f"version {view['version']}")
    types = ", ".join(d["tags"].get("demand_type", []))
    out.print(f"  {d['country'] or '??'} · {d['authority'] or 'unknown authority'} "
              f"({d['authority_kind'] or '?'}) · types {types}")
    out.print(f"  received {view['received_at']} · deadline {view['deadline_at'] or '—'}"
              + ("  [red]OVERDUE[/]" if view["overdue"] else ""))
    out.print(f"  engine recommends: {view['recommendation']} · assignee: {view['assignee']}")
    if view["review"]:
        verdicts = view["review"]["body"].get("verdicts", [])
        flagged = [f"{v['safeguard']}={v['status']}" for v in verdicts
                   if v["status"] in ("unmet", "concern", "unknown")]
        out.print("  verdicts: " + (", ".join(flagged) or "all met / not applicable"))
    for dec in view["decisions"]:
        out.print(f"  decision {dec['id']}: {dec['outcome']} ({dec['status']}) by "
                  f"{dec['decided_by']}; reasons: {'; '.join(dec['reasons'])}")
        if dec["override_reason"]:
            out.print(f"    overrides the engine: {dec['override_reason']}")
        for ap in dec["approvals"]:
            out.print(f"    {ap['verdict']} by {ap['approver']}: {ap['note'] or ''}")
    for n in view["notices"]:
        out.print(f"  notice target {n['target']} ({n['value']}): {n['status']}"
                  + (f" — {n['deferral_reason']} until review on {n['review_on']}"
                     if n["status"] == "deferred" else ""))
    for a in view["appeals"]:
        out.print(f"  appeal {a['id']} by {a['by']}: {a['status']} {a['outcome'] or ''}")
    if view["followup"]:
        f = view["followup"]
        out.print(f"  emergency follow-up: {f['status']} (due {f['due_on']})")
    out.print("  next: " + (", ".join(view["allowed_transitions"]) or "—"))
    for h in view.get("history", []):
        out.print(f"  [dim]#{h['seq']} {h['at']} {h['actor']} {h['type']}"
                  + (f" — {h['reason']}" if h["reason"] else "") + "[/]")


@case_app.command("history")
def history_cmd(case_id: Annotated[int, typer.Argument(help="Case id.")],
                as_user: AsUser = None, db: DbUrl = None, as_json: JsonOut = False) -> None:
    """The audit events of one case, oldest first."""
    reader, store = _reader(db)
    events = reader.history(actor_for(store, as_user), case_id)
    if as_json:
        for ev in events:
            emit_json(ev)
        return
    print_table(None, ["seq", "at", "actor", "event", "reason"],
                [[e["seq"], e["at"], e["actor"], e["type"], e["reason"]] for e in events])


@case_app.command("overdue")
def overdue_cmd(as_user: AsUser = None, db: DbUrl = None, as_json: JsonOut = False) -> int:
    """Open cases past their response deadline, and emergency follow-ups past due.

    Exit status 1 when something is overdue (handy in cron jobs).
    """
    reader, store = _reader(db)
    items = reader.overdue(actor_for(store, as_user))
    if as_json:
        for item in items:
            emit_json(item.to_dict())
    else:
        print_table(None, ["kind", "case", "due", "state", "detail"],
                    [[i.kind, i.case_id, i.due, i.state,
                      ", ".join(f"{k}={v}" for k, v in i.detail.items())] for i in items])
    return 1 if items else 0


@case_app.command("deferrals")
def deferrals_cmd(
    on: Annotated[str | None, typer.Option(help="Due on or before this date (default today).")
                  ] = None,
    as_user: AsUser = None, db: DbUrl = None, as_json: JsonOut = False,
) -> None:
    """Deferred user notices due for review."""
    reader, store = _reader(db)
    when = _date(on, "--on") if on else None
    items = reader.deferrals_due(actor_for(store, as_user), when)
    if as_json:
        for item in items:
            emit_json(item.to_dict())
        return
    print_table(None, ["case", "review on", "target", "reason", "legal basis"],
                [[i.case_id, i.due, i.detail["value"], i.detail["reason"],
                  i.detail["legal_basis"]] for i in items])


def _date(value: str, where: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise InputError(f"{value!r} is not a date", location=where,
                         hint="use YYYY-MM-DD") from None


# --- transitions ----------------------------------------------------------------------------


@case_app.command("start")
def start_cmd(case_id: Annotated[int, typer.Argument()], version: Version = None,
              as_user: AsUser = None, db: DbUrl = None, as_json: JsonOut = False) -> None:
    """received → in_review (assigns the case to you if unassigned)."""
    service, store = _service(db)
    _done(service.start_review(actor_for(store, as_user), case_id, expected_version=version),
          as_json, "review started")


@case_app.command("assign")
def assign_cmd(case_id: Annotated[int, typer.Argument()],
               username: Annotated[str, typer.Argument(help="User to assign ('-' to clear).")],
               version: Version = None, as_user: AsUser = None, db: DbUrl = None,
               as_json: JsonOut = False) -> None:
    """Assign a case to a reviewer."""
    from scrutiny.cases.users import UserService

    service, store = _service(db)
    actor = actor_for(store, as_user)
    target = None if username == "-" else UserService(store).actor(username).user_id
    _done(service.assign(actor, case_id, target, expected_version=version), as_json, "assigned")


def _scope(value: str | None) -> list[dict[str, Any]] | None:
    if value is None:
        return None
    text = Path(value[1:]).read_text(encoding="utf-8") if value.startswith("@") else value
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputError(f"invalid JSON: {exc.msg}", location="--scope",
                         hint='e.g. [{"target": 0, "data_categories": ["subscriber"]}]') from None
    if not isinstance(data, list) or not all(isinstance(x, dict) for x in data):
        raise InputError("the scope is a JSON list of objects, one per target released",
                         location="--scope")
    return data


@case_app.command("decide")
def decide_cmd(
    case_id: Annotated[int, typer.Argument()],
    outcome: Annotated[str, typer.Option(help="comply, comply_narrowed, reject or clarify.")],
    reason: Annotated[list[str], typer.Option(help="Your reasons (repeatable).")],
    scope: Annotated[str | None, typer.Option(
        help='comply_narrowed: JSON list (or @file) of {"target": i, "data_categories": [...], '
             '"time_range": [start, end], "territory": ...} per target released.')] = None,
    override_reason: Annotated[str | None, typer.Option(
        help="Required when departing from the engine's recommendation.")] = None,
    version: Version = None, as_user: AsUser = None, db: DbUrl = None, as_json: JsonOut = False,
) -> None:
    """Decide a case in review (high-risk decisions go to a legal lead for approval)."""
    service, store = _service(db)
    case = service.decide(actor_for(store, as_user), case_id, outcome, reason,
                          scope=_scope(scope), override_reason=override_reason,
                          expected_version=version)
    _done(case, as_json, f"decided {outcome}")


@case_app.command("clarify")
def clarify_cmd(case_id: Annotated[int, typer.Argument()],
                question: Annotated[list[str], typer.Option(help="Question (repeatable).")],
                version: Version = None, as_user: AsUser = None, db: DbUrl = None,
                as_json: JsonOut = False) -> None:
    """in_review → awaiting_clarification, recording the questions sent to the authority."""
    service, store = _service(db)
    _done(service.request_clarification(actor_for(store, as_user), case_id, question,
                                        expected_version=version), as_json,
          "clarification requested")


@case_app.command("resume")
def resume_cmd(
    case_id: Annotated[int, typer.Argument()],
    answer: Annotated[str, typer.Option(help="What the authority answered.")],
    amended: Annotated[Path | None, typer.Option(
        help="The amended demand (JSON); it is reviewed again.")] = None,
    version: Version = None, as_user: AsUser = None, db: DbUrl = None, as_json: JsonOut = False,
) -> None:
    """awaiting_clarification → in_review with the authority's answer."""
    from scrutiny.demands.io import parse_demand

    service, store = _service(db)
    demand = parse_demand(amended.read_bytes(), str(amended)) if amended else None
    _done(service.resume_review(actor_for(store, as_user), case_id, answer=answer,
                                amended=demand, expected_version=version), as_json,
          "review resumed")


@case_app.command("approve")
def approve_cmd(case_id: Annotated[int, typer.Argument()],
                note: Annotated[str | None, typer.Option(help="Approval note.")] = None,
                version: Version = None, as_user: AsUser = None, db: DbUrl = None,
                as_json: JsonOut = False) -> None:
    """Approve a decision awaiting four-eyes approval (legal_lead, not the decider)."""
    service, store = _service(db)
    _done(service.approve(actor_for(store, as_user), case_id, note=note,
                          expected_version=version), as_json, "approved")


@case_app.command("return")
def return_cmd(case_id: Annotated[int, typer.Argument()],
               note: Annotated[str, typer.Option(help="Why the decision goes back.")],
               version: Version = None, as_user: AsUser = None, db: DbUrl = None,
               as_json: JsonOut = False) -> None:
    """Send a decision awaiting approval back to review."""
    service, store = _service(db)
    _done(service.return_for_review(actor_for(store, as_user), case_id, note=note,
                                    expected_version=version), as_json, "returned")


@case_app.command("execute")
def execute_cmd(case_id: Annotated[int, typer.Argument()],
                note: Annotated[str | None, typer.Option(help="What was done.")] = None,
                version: Version = None, as_user: AsUser = None, db: DbUrl = None,
                as_json: JsonOut = False) -> None:
    """decided → executed (opens the follow-up for an emergency disclosure)."""
    service, store = _service(db)
    _done(service.execute(actor_for(store, as_user), case_id, note=note,
                          expected_version=version), as_json, "executed")


@case_app.command("withdraw")
def withdraw_cmd(case_id: Annotated[int, typer.Argument()],
                 reason: Annotated[str, typer.Option(help="Why (e.g. the authority's letter).")],
                 version: Version = None, as_user: AsUser = None, db: DbUrl = None,
                 as_json: JsonOut = False) -> None:
    """Record that the authority withdrew the demand."""
    service, store = _service(db)
    _done(service.withdraw(actor_for(store, as_user), case_id, reason=reason,
                           expected_version=version), as_json, "withdrawn")


@case_app.command("reopen")
def reopen_cmd(case_id: Annotated[int, typer.Argument()],
               reason: Annotated[str, typer.Option(help="Why the rejection is reopened.")],
               version: Version = None, as_user: AsUser = None, db: DbUrl = None,
               as_json: JsonOut = False) -> None:
    """rejected → in_review (legal_lead)."""
    service, store = _service(db)
    _done(service.reopen(actor_for(store, as_user), case_id, reason=reason,
                         expected_version=version), as_json, "reopened")


@case_app.command("close")
def close_cmd(case_id: Annotated[int, typer.Argument()],
              reason: Annotated[str | None, typer.Option(help="Closing note.")] = None,
              version: Version = None, as_user: AsUser = None, db: DbUrl = None,
              as_json: JsonOut = False) -> None:
    """Close an executed, rejected or withdrawn case (no open appeal, follow-up or notice)."""
    service, store = _service(db)
    _done(service.close(actor_for(store, as_user), case_id, reason=reason,
                        expected_version=version), as_json, "closed")


# --- notices, appeals, follow-ups, attachments ----------------------------------------------

Targets = Annotated[list[int] | None, typer.Option(
    "--target", help="Target index (repeatable; default: every target).")]


def _print_notices(notices: list[Any], as_json: bool) -> None:
    for n in notices:
        row = {"case": n.case_id, "target": n.target_index, "value": n.target,
               "status": n.status.value,
               "review_on": n.review_on.isoformat() if n.review_on else None}
        if as_json:
            emit_json(row)
        else:
            err.print(f"case {n.case_id} target {n.target_index} ({n.target}): {n.status.value}"
                      + (f" until review on {row['review_on']}" if row["review_on"] else ""))


@case_app.command("notify")
def notify_cmd(case_id: Annotated[int, typer.Argument()], target: Targets = None,
               channel: Annotated[str | None, typer.Option(help="e.g. email, in-app.")] = None,
               note: Annotated[str | None, typer.Option()] = None,
               as_user: AsUser = None, db: DbUrl = None, as_json: JsonOut = False) -> None:
    """Record that affected users were notified."""
    service, store = _service(db)
    _print_notices(service.notify(actor_for(store, as_user), case_id, targets=target,
                                  channel=channel, note=note), as_json)


@case_app.command("defer-notice")
def defer_notice_cmd(
    case_id: Annotated[int, typer.Argument()],
    reason: Annotated[str, typer.Option(help="gag_order, emergency or investigation.")],
    basis: Annotated[str, typer.Option(help="The legal basis (order, provision, expiry).")],
    target: Targets = None,
    review_on: Annotated[str | None, typer.Option(
        help="Review date (default: today + the policy's deferral_review_days).")] = None,
    note: Annotated[str | None, typer.Option()] = None,
    as_user: AsUser = None, db: DbUrl = None, as_json: JsonOut = False,
) -> None:
    """Record that notice to affected users is deferred, why, and until when."""
    service, store = _service(db)
    when = _date(review_on, "--review-on") if review_on else None
    _print_notices(service.defer_notice(actor_for(store, as_user), case_id, reason=reason,
                                        legal_basis=basis, targets=target, review_on=when,
                                        note=note), as_json)


@case_app.command("notice-impossible")
def notice_impossible_cmd(case_id: Annotated[int, typer.Argument()],
                          note: Annotated[str, typer.Option(help="Why no notice is possible.")],
                          target: Targets = None, as_user: AsUser = None, db: DbUrl = None,
                          as_json: JsonOut = False) -> None:
    """Record that affected users cannot be notified (e.g. no contact details)."""
    service, store = _service(db)
    _print_notices(service.notice_not_possible(actor_for(store, as_user), case_id, note=note,
                                               targets=target), as_json)


@case_app.command("appeal")
def appeal_cmd(
    case_id: Annotated[int, typer.Argument()],
    by: Annotated[str, typer.Option(help="user (the affected user) or company (our challenge).")],
    grounds: Annotated[str, typer.Option(help="Grounds of the appeal.")],
    target: Annotated[int | None, typer.Option(help="Target index the appeal concerns.")] = None,
    forum: Annotated[str | None, typer.Option(help="Court, authority or internal body.")] = None,
    as_user: AsUser = None, db: DbUrl = None, as_json: JsonOut = False,
) -> None:
    """File an appeal (user) or challenge (company)."""
    service, store = _service(db)
    appeal = service.file_appeal(actor_for(store, as_user), case_id, by=by, grounds=grounds,
                                 target_index=target, forum=forum)
    if as_json:
        emit_json({"appeal": appeal.id, "case": appeal.case_id, "status": appeal.status.value})
    else:
        err.print(f"appeal {appeal.id} filed on case {appeal.case_id}")


@case_app.command("appeal-decide")
def appeal_decide_cmd(
    appeal_id: Annotated[int, typer.Argument()],
    outcome: Annotated[str, typer.Option(help="upheld, partly_upheld, dismissed or withdrawn.")],
    note: Annotated[str, typer.Option(help="The ruling or reason.")],
    as_user: AsUser = None, db: DbUrl = None, as_json: JsonOut = False,
) -> None:
    """Record the outcome of an appeal."""
    service, store = _service(db)
    appeal = service.decide_appeal(actor_for(store, as_user), appeal_id, outcome=outcome,
                                   note=note)
    if as_json:
        emit_json({"appeal": appeal.id, "case": appeal.case_id, "status": appeal.status.value,
                   "outcome": appeal.outcome.value if appeal.outcome else None})
    else:
        err.print(f"appeal {appeal.id}: {outcome}")


@case_app.command("followup")
def followup_cmd(
    case_id: Annotated[int, typer.Argument()],
    received: Annotated[bool, typer.Option("--received/--lapsed",
                                           help="Formal process arrived, or never did.")],
    reference: Annotated[str | None, typer.Option(help="Reference of the formal process.")
                         ] = None,
    note: Annotated[str | None, typer.Option()] = None,
    as_user: AsUser = None, db: DbUrl = None, as_json: JsonOut = False,
) -> None:
    """Resolve the emergency follow-up of a case."""
    service, store = _service(db)
    fu = service.resolve_followup(actor_for(store, as_user), case_id, received=received,
                                  process_reference=reference, note=note)
    if as_json:
        emit_json({"case": fu.case_id, "followup": fu.status.value})
    else:
        err.print(f"case {fu.case_id}: follow-up {fu.status.value}")


@case_app.command("attach")
def attach_cmd(case_id: Annotated[int, typer.Argument()],
               file: Annotated[Path, typer.Argument(exists=True, dir_okay=False)],
               kind: Annotated[str, typer.Option(help="e.g. response, court_order.")
                               ] = "document",
               as_user: AsUser = None, db: DbUrl = None, as_json: JsonOut = False) -> None:
    """Attach a file to a case (stored once by SHA-256)."""
    service, store = _service(db)
    digest = service.add_attachment(actor_for(store, as_user), case_id, filename=file.name,
                                    content=file.read_bytes(), kind=kind)
    if as_json:
        emit_json({"case": case_id, "sha256": digest, "filename": file.name, "kind": kind})
    else:
        err.print(f"case {case_id}: attached {file.name} ({digest[:12]}…)")


def register(app: typer.Typer) -> None:
    """Add ``case``, ``user``, ``audit`` and ``db`` to the ``scrutiny`` app."""
    from scrutiny.audit.commands import audit_app
    from scrutiny.cases.user_commands import user_app
    from scrutiny.store.commands import db_app

    app.add_typer(case_app, name="case")
    app.add_typer(user_app, name="user")
    app.add_typer(audit_app, name="audit")
    app.add_typer(db_app, name="db")
