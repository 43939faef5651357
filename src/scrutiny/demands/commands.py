"""``scrutiny schema``: export the JSON Schemas of the public data shapes."""

from __future__ import annotations

import json

import typer

__all__ = ["register"]

schema_app = typer.Typer(help="Export JSON Schemas (e.g. `scrutiny schema demand`).",
                         no_args_is_help=True)


@schema_app.command("demand")
def schema_demand() -> None:
    """Print the JSON Schema of a Demand."""
    from scrutiny.demands.io import demand_json_schema

    typer.echo(json.dumps(demand_json_schema(), indent=2, ensure_ascii=False))


def register(app: typer.Typer) -> None:
    """Add ``scrutiny schema``."""
    app.add_typer(schema_app, name="schema")
