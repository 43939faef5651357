"""``scrutiny policy``: show the effective policy pack, validate a pack folder."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import typer
from rich.console import Console
from rich.table import Table

from scrutiny.policy.model import Policy
from scrutiny.policy.sources import Param, SourceRef

__all__ = ["register"]

policy_app = typer.Typer(help="Show or validate policy packs (see docs/policy.md).",
                         no_args_is_help=True)

_POLICY_OPT = typer.Option(None, "--policy", help="Pack folder or shipped pack name "
                           "(default: SCRUTINY_POLICY, else gni-baseline).")


def _cite(refs: tuple[SourceRef, ...]) -> str:
    return "; ".join(f"{r.instrument} {r.provision}" + ("" if r.verified else " (unverified)")
                     for r in refs)


def _value(v: Any) -> str:
    if isinstance(v, tuple | list):
        return ", ".join(str(getattr(x, "value", x)) for x in v)
    return str(getattr(v, "value", v))


def _rows(policy: Policy) -> list[tuple[str, str, str, str]]:
    """(section, key, value, sources) rows of the effective pack."""
    rows: list[tuple[str, str, str, str]] = []
    pl = policy.process_levels
    for req, rule in pl.requirements.items():
        accepted = (f"; accepted: {_value(rule.accepted_authority_kinds)}"
                    if rule.accepted_authority_kinds else "")
        rows.append(("process_levels", f"requirements.{req.value}",
                     f"required {rule.required.value}, floor {rule.floor.value}{accepted}",
                     _cite(rule.sources)))
    rows.append(("process_levels", "judicial_authorisation",
                 _value(pl.judicial_authorisation.level), _cite(pl.judicial_authorisation.sources)))
    tables = (("process_types", pl.process_types), ("authority_kinds", pl.authority_kinds))
    for name, table in tables:
        for key, assign in table.items():
            level = "(from authority kind)" if assign.level is None and name == "process_types" \
                else ("unknown" if assign.level is None else assign.level.value)
            rows.append(("process_levels", f"{name}.{key.value}", level, _cite(assign.sources)))
    for reason, expr in policy.expression.reasons.items():
        rows.append(("expression", reason.value, expr.class_, _cite(expr.sources)))
    for section in ("emergency", "proportionality", "notification", "reporting", "safeguards"):
        obj = getattr(policy, section)
        for field in type(obj).model_fields:
            param = getattr(obj, field)
            if isinstance(param, Param):
                rows.append((section, field, _value(param.value), _cite(param.sources)))
    for dtype, param in policy.deadlines.default_response_hours.items():
        rows.append(("deadlines", f"default_response_hours.{dtype.value}", f"{param.value} h",
                     _cite(param.sources)))
    lex = policy.lexicons
    for field in ("catch_all", "all_records", "boilerplate", "unreviewable", "free_webmail"):
        param = getattr(lex, field)
        rows.append(("lexicons", field, f"{len(param.value)} markers: "
                     f"{', '.join(param.value[:4])}…", _cite(param.sources)))
    harms = lex.harm_words
    rows.append(("lexicons", "harm_words", ", ".join(harms.value), _cite(harms.sources)))
    return rows


@policy_app.command("show")
def show(
    policy_dir: str | None = _POLICY_OPT,
    as_json: bool = typer.Option(False, "--json", help="Print one JSON object (the pack)."),
) -> None:
    """Print the effective policy pack with the sources of every value."""
    from scrutiny.policy.pack import load_policy

    policy = load_policy(policy_dir)
    if as_json:
        body = policy.model_dump(mode="json", by_alias=True)
        sys.stdout.write(json.dumps({"policy": body}, ensure_ascii=False) + "\n")
        return
    console = Console()
    until = policy.effective_to.isoformat() if policy.effective_to else "open-ended"
    console.print(f"[bold]{policy.title}[/bold]  id [cyan]{policy.id}[/cyan]  version "
                  f"{policy.version}  chain {' → '.join(policy.chain)}")
    console.print(f"In force {policy.effective_from.isoformat()} to {until}; home country "
                  f"{policy.home_country}")
    table = Table(show_lines=False, header_style="bold")
    for col in ("section", "key", "value", "sources"):
        table.add_column(col, overflow="fold")
    for row in _rows(policy):
        table.add_row(*row)
    console.print(table)


@policy_app.command("check")
def check(
    directory: Path = typer.Argument(..., help="Policy pack folder to validate."),
    as_json: bool = typer.Option(False, "--json", help="Print the result as one JSON object."),
) -> None:
    """Validate a policy pack folder strictly; errors name the file and key (exit code 2)."""
    from scrutiny.policy.pack import load_policy

    policy = load_policy(directory)
    n_sources = len(policy.source_refs())
    if as_json:
        sys.stdout.write(json.dumps({
            "ok": True, "id": policy.id, "version": policy.version, "chain": list(policy.chain),
            "files": {k: list(v) for k, v in policy.files.items()}, "sources": n_sources,
        }) + "\n")
        return
    typer.echo(f"ok: {policy.id} {policy.version} (extends {' → '.join(policy.chain[1:]) or '-'}; "
               f"{n_sources} sourced values checked)", err=True)


_PACK_TEMPLATE = """\
# Company policy pack. It extends the shipped GNI baseline: add a file here only for the
# concern you change, and only the keys you change (see docs/policy.md). Example, a file
# proportionality.yaml holding
#
#   as_of: {today}
#   max_accounts_before_concern:
#     value: 3
#     sources: [{{instrument: NP, provision: "P5"}}]
#
# Validate with: scrutiny policy check {folder}
id: {pack_id}
title: {title}
version: "1"
extends: {parent}
effective_from: {effective_from}
effective_to: null
{home}"""


@policy_app.command("init")
def init(
    directory: Path = typer.Argument(..., help="Folder to create for the new pack."),
    pack_id: str = typer.Option(..., "--id", help="Pack id (lower case, digits, . _ -)."),
    title: str | None = typer.Option(None, "--title", help="Title (default: the id)."),
    parent: str = typer.Option("gni-baseline", "--extends", help="Pack to inherit from."),
    home_country: str | None = typer.Option(None, "--home-country",
                                            help="Company home state (ISO 3166-1 alpha-2)."),
    effective_from: str | None = typer.Option(
        None, "--effective-from",
        help="First date the pack applies to (YYYY-MM-DD; default: the parent's, so older "
             "demands stay covered)."),
) -> None:
    """Create a partial pack that extends the baseline, ready to edit and check."""
    import datetime as dt

    from scrutiny.errors import InputError
    from scrutiny.policy.pack import load_policy

    if directory.exists() and any(directory.iterdir()):
        raise InputError("folder exists and is not empty", location=str(directory),
                         hint="choose a new folder")
    if effective_from is None:
        start = load_policy(parent).effective_from.isoformat()
    else:
        try:
            start = dt.date.fromisoformat(effective_from).isoformat()
        except ValueError:
            raise InputError(f"--effective-from: {effective_from!r} is not a date",
                             hint="use YYYY-MM-DD") from None
    directory.mkdir(parents=True, exist_ok=True)
    text = _PACK_TEMPLATE.format(
        today=dt.date.today().isoformat(), folder=directory, pack_id=pack_id,
        effective_from=start,
        title=json.dumps(title or pack_id), parent=parent,
        home=f"home_country: {home_country.strip().upper()}\n" if home_country else "")
    (directory / "pack.yaml").write_text(text, encoding="utf-8")
    try:
        policy = load_policy(directory)
    except Exception:
        (directory / "pack.yaml").unlink()
        raise
    typer.echo(f"created {directory / 'pack.yaml'} ({policy.id}, extends "
               f"{' → '.join(policy.chain[1:])})", err=True)


@policy_app.command("instruments")
def instruments(
    as_json: bool = typer.Option(False, "--json", help="One JSON object per instrument."),
) -> None:
    """List the registry of legal-source keys (reference/instruments.yaml)."""
    from scrutiny.policy.reference import load_reference

    ref = load_reference()
    if as_json:
        for key, inst in sorted(ref.instruments.items()):
            sys.stdout.write(json.dumps({"key": key, **inst.model_dump(mode="json")},
                                        ensure_ascii=False) + "\n")
        return
    table = Table(header_style="bold")
    for col in ("key", "instrument", "kind", "verified", "url"):
        table.add_column(col, overflow="fold")
    for key, inst in sorted(ref.instruments.items()):
        table.add_row(key, inst.short, inst.kind, "yes" if inst.verified else "no", inst.url or "")
    Console().print(table)


@policy_app.command("jurisdiction")
def jurisdiction(
    country: str = typer.Argument(..., help="ISO 3166-1 alpha-2 code, e.g. RU."),
    as_of: str | None = typer.Option(None, "--as-of", help="Date (YYYY-MM-DD); default today."),
    as_json: bool = typer.Option(False, "--json", help="Print one JSON object."),
) -> None:
    """Show a state's treaty status on a date and its entries in the offence map."""
    import datetime as dt

    from scrutiny.errors import InputError
    from scrutiny.policy.jurisdictions import TreatyKey
    from scrutiny.policy.reference import load_reference

    try:
        when = dt.date.fromisoformat(as_of) if as_of else dt.date.today()
    except ValueError:
        raise InputError(f"--as-of: {as_of!r} is not a date", hint="use YYYY-MM-DD") from None
    ref = load_reference()
    code = country.strip().upper()
    j = ref.jurisdictions.get(code)
    offences = ref.offences_file.jurisdictions.get(code)
    if j is None and offences is None:
        raise InputError(f"{country!r} is not in the reference data",
                         location="reference/jurisdictions.yaml",
                         hint="use an ISO 3166-1 alpha-2 code such as RU, DE, US")
    treaties: dict[str, dict[str, Any]] = {
        key.value: {"party": ref.party_to(code, key, when),
                    "status": ref.treaty_status(code, key, when),
                    "record": (j.treaties[key].model_dump(mode="json")
                               if j is not None and key in j.treaties else None)}
        for key in TreatyKey
    }
    entries = {c: e.model_dump(mode="json", exclude_none=True)
               for c, e in (offences.offences.items() if offences else ())}
    if as_json:
        sys.stdout.write(json.dumps({
            "country": code, "name": j.name if j else None, "as_of": when.isoformat(),
            "eu_member": j.eu_member(when) if j else None, "treaties": treaties,
            "offences_source": offences.source if offences else None, "offences": entries,
        }, ensure_ascii=False) + "\n")
        return
    console = Console()
    name = j.name if j else code
    eu = " · EU member" if j is not None and j.eu_member(when) else ""
    console.print(f"[bold]{name}[/bold] ({code}) on {when.isoformat()}{eu}")
    t = Table(header_style="bold")
    for col in ("treaty", "status", "party", "record"):
        t.add_column(col, overflow="fold")
    for key, info in treaties.items():
        rec = info["record"]
        detail = "not recorded" if rec is None else ", ".join(
            f"{k} {rec[k]}" for k in ("signed", "ratified", "in_force", "checked") if rec.get(k))
        party = {True: "yes", False: "no", None: "cannot say"}[info["party"]]
        t.add_row(key, str(info["status"] or "unknown"), party, detail)
    console.print(t)
    if entries:
        o = Table(header_style="bold")
        for col in ("conduct", "criminal", "provision", "note"):
            o.add_column(col, overflow="fold")
        for c, e in entries.items():
            crim = {True: "yes", False: "no", None: "unknown"}[e.get("criminal")]
            o.add_row(c, crim, e.get("provision", ""), e.get("note", ""))
        console.print(o)


def register(app: typer.Typer) -> None:
    """Add ``scrutiny policy``."""
    app.add_typer(policy_app, name="policy")
