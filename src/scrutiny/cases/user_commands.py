"""``scrutiny user …``: people, roles, passwords and API tokens (documented in docs/cases.md)."""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from scrutiny.cases.cli_support import AsUser, DbUrl, JsonOut, actor_for, emit_json, err, store_for
from scrutiny.cases.cli_support import print_table as _table
from scrutiny.errors import InputError

__all__ = ["user_app"]

user_app = typer.Typer(help="Users and roles (the first user created is an admin).",
                       no_args_is_help=True)

Roles = Annotated[list[str] | None, typer.Option(
    "--role", help="intake, reviewer, legal_lead, auditor or admin (repeatable).")]


def _password_from_stdin(flag: bool) -> str | None:
    if not flag:
        return None
    value = sys.stdin.readline().rstrip("\n")
    if not value:
        raise InputError("no password on standard input", location="--password-stdin")
    return value


@user_app.command("add")
def add_cmd(
    username: Annotated[str, typer.Argument(help="Login name (lower case).")],
    role: Roles = None,
    name: Annotated[str | None, typer.Option(help="Full name.")] = None,
    email: Annotated[str | None, typer.Option()] = None,
    password_stdin: Annotated[bool, typer.Option(
        "--password-stdin", help="Read a password (web login) from standard input.")] = False,
    as_user: AsUser = None, db: DbUrl = None, as_json: JsonOut = False,
) -> None:
    """Add a user (admins only, except the very first user, who becomes admin)."""
    from scrutiny.cases.users import UserService, parse_roles

    store = store_for(db, existing=False)  # the first user of a new store creates it
    users = UserService(store)
    actor = actor_for(store, as_user) if users.has_admin() else None
    info = users.add(actor, username, parse_roles(role or []), name=name, email=email,
                     password=_password_from_stdin(password_stdin))
    if as_json:
        emit_json(info.to_dict())
    else:
        err.print(f"user {info.username} added with roles {', '.join(info.roles) or 'none'}")


@user_app.command("list")
def list_cmd(as_user: AsUser = None, db: DbUrl = None, as_json: JsonOut = False) -> None:
    """List users and their roles."""
    from scrutiny.cases.users import UserService

    store = store_for(db)
    rows = UserService(store).list_users(actor_for(store, as_user))
    if as_json:
        for info in rows:
            emit_json(info.to_dict())
        return
    _table(None, ["username", "name", "roles", "active"],
           [[u.username, u.name, ", ".join(u.roles), "yes" if u.active else "no"]
            for u in rows])


@user_app.command("roles")
def roles_cmd(username: Annotated[str, typer.Argument()], role: Roles = None,
              as_user: AsUser = None, db: DbUrl = None, as_json: JsonOut = False) -> None:
    """Replace a user's roles."""
    from scrutiny.cases.users import UserService, parse_roles

    store = store_for(db)
    info = UserService(store).set_roles(actor_for(store, as_user), username,
                                        parse_roles(role or []))
    if as_json:
        emit_json(info.to_dict())
    else:
        err.print(f"user {info.username}: roles {', '.join(info.roles) or 'none'}")


@user_app.command("deactivate")
def deactivate_cmd(username: Annotated[str, typer.Argument()], as_user: AsUser = None,
                   db: DbUrl = None) -> None:
    """Deactivate a user (they can no longer act; their history stays)."""
    from scrutiny.cases.users import UserService

    store = store_for(db)
    UserService(store).set_active(actor_for(store, as_user), username, False)
    err.print(f"user {username} deactivated")


@user_app.command("password")
def password_cmd(username: Annotated[str, typer.Argument()], as_user: AsUser = None,
                 db: DbUrl = None) -> None:
    """Set a password (read from standard input; yours, or anyone's as admin)."""
    from scrutiny.cases.users import UserService

    store = store_for(db)
    password = _password_from_stdin(True)
    assert password is not None
    UserService(store).set_password(actor_for(store, as_user), username, password)
    err.print(f"password of {username} set")


@user_app.command("token")
def token_cmd(name: Annotated[str, typer.Argument(help="What the token is for.")],
              as_user: AsUser = None, db: DbUrl = None, as_json: JsonOut = False) -> None:
    """Create an API token for yourself (printed once; only its hash is stored)."""
    from scrutiny.cases.users import UserService

    store = store_for(db)
    token_id, token = UserService(store).create_token(actor_for(store, as_user), name)
    if as_json:
        emit_json({"id": token_id, "name": name, "token": token})
    else:
        print(token)
        err.print(f"token {token_id} created; store it now, it is not shown again")


@user_app.command("revoke-token")
def revoke_token_cmd(token_id: Annotated[int, typer.Argument()], as_user: AsUser = None,
                     db: DbUrl = None) -> None:
    """Revoke an API token."""
    from scrutiny.cases.users import UserService

    store = store_for(db)
    UserService(store).revoke_token(actor_for(store, as_user), token_id)
    err.print(f"token {token_id} revoked")
