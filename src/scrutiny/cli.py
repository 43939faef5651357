"""The ``scrutiny`` command line.

Each area registers its own commands from ``scrutiny.<area>.commands`` (thin edges: parse
arguments, call the library, print). Conventions for every verb: anything that prints data
takes ``--json`` and then prints one JSON object per line on stdout; messages go to stderr.

Exit codes: 0 success; 1 the job ran but found problems (e.g. ``audit verify`` found a bad
event, a batch had bad items); 2 bad input or usage; 3 not found; 4 permission denied;
5 state conflict; 70 internal error.
"""

from __future__ import annotations

import importlib
import os
import sys

import typer

from scrutiny.errors import ScrutinyError

__all__ = ["app", "main"]

app = typer.Typer(
    name="scrutiny",
    help="Review government demands against human-rights safeguards.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode="rich",
)

# Areas that add commands; each module defines ``register(app: typer.Typer) -> None``.
COMMAND_MODULES = (
    "scrutiny.demands.commands",
    "scrutiny.policy.commands",
    "scrutiny.safeguards.commands",
    "scrutiny.intake.commands",
    "scrutiny.cases.commands",
    "scrutiny.reports.commands",
    "scrutiny.instruments.commands",
    "scrutiny.web.commands",
)

for _name in COMMAND_MODULES:
    importlib.import_module(_name).register(app)


def main(argv: list[str] | None = None) -> int:
    """Entry point: run the app; turn every error into one line on stderr and an exit code."""
    try:
        result = app(args=argv, standalone_mode=False)
        return int(result) if isinstance(result, int) else 0
    except ScrutinyError as exc:
        print(f"error [{exc.code}]: {exc}", file=sys.stderr)
        return exc.exit_code
    except typer.Exit as exc:
        return int(getattr(exc, "exit_code", 0))
    except typer.Abort:
        print("aborted", file=sys.stderr)
        return 1
    except typer.TyperException as exc:  # usage errors: unknown option, bad value, …
        show = getattr(exc, "show", None)
        if callable(show):
            show()
        else:
            print(f"error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0
    except Exception as exc:  # the last line of defence: never a traceback for a user
        if os.environ.get("SCRUTINY_DEBUG"):
            raise
        print(f"internal error: {type(exc).__name__}: {exc} "
              "(set SCRUTINY_DEBUG=1 to see the traceback)", file=sys.stderr)
        return 70


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
