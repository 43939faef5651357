"""Cases: the review workflow around a demand.

``vocab`` (states, outcomes, roles), ``states`` (transition table), ``guards`` (roles and
permissions), ``rules`` (four eyes, overrides, release scope), ``params`` (values from the
policy pack), ``service`` (:class:`CaseService`: one method per transition, built from
``core``, ``importing`` and ``remedy``), ``users``
(:class:`UserService`), ``views`` (:class:`CaseReader`), ``commands`` (the CLI).

Heavy modules are imported lazily so that the store can import the vocabularies.
"""

from __future__ import annotations

import importlib
from typing import Any

__all__ = [
    "Actor",
    "CaseFilter",
    "CaseReader",
    "CaseService",
    "CaseState",
    "ImportItem",
    "Permission",
    "Transition",
    "UserService",
    "WorkflowParams",
]

_LAZY = {
    "Actor": "scrutiny.cases.guards",
    "Permission": "scrutiny.cases.guards",
    "CaseState": "scrutiny.cases.vocab",
    "Transition": "scrutiny.cases.states",
    "WorkflowParams": "scrutiny.cases.params",
    "ImportItem": "scrutiny.cases.ingest",
    "CaseService": "scrutiny.cases.service",
    "UserService": "scrutiny.cases.users",
    "CaseReader": "scrutiny.cases.views",
    "CaseFilter": "scrutiny.store.queries",
}


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'scrutiny.cases' has no attribute {name!r}")
    return getattr(importlib.import_module(module), name)
