"""The case store: SQLAlchemy tables, engine and sessions, migrations, read queries.

>>> from scrutiny.store import open_store
>>> store = open_store("sqlite:///scrutiny.db")   # created and migrated on first use
>>> with store.read() as session: ...
"""

from __future__ import annotations

from scrutiny.store.engine import Store, make_engine, normalise_url, open_store

__all__ = ["Store", "make_engine", "normalise_url", "open_store"]
