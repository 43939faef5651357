"""Importing demands: idempotent by content hash, batched, acknowledged after commit."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from scrutiny.audit.events import AuditEvent, EventType, TargetType
from scrutiny.audit.log import append_many
from scrutiny.cases import guards
from scrutiny.cases.core import ServiceCore
from scrutiny.cases.guards import Actor, Permission
from scrutiny.cases.ingest import (
    ImportItem,
    content_hash,
    deadline_for,
    demand_columns,
    demand_tags,
    primary_type,
    review_body,
    review_columns,
    verdict_rows,
)
from scrutiny.cases.vocab import CaseState
from scrutiny.demands.model import Demand
from scrutiny.errors import ConflictError
from scrutiny.safeguards.types import Review
from scrutiny.store.bulk import bulk_insert, reserve_ids
from scrutiny.store.models import (
    Case,
    CaseAttachment,
    DemandRecord,
    DemandTag,
    IdempotencyKey,
    ReviewRecord,
    VerdictRecord,
)

__all__ = ["IMPORT_RETRIES", "ImportMixin", "ImportResult"]

IMPORT_RETRIES = 3
"""Attempts at a batch whose demands a concurrent import stored first."""


@dataclass(frozen=True, slots=True)
class ImportResult:
    """What happened to one imported demand (``created`` or already ``existing``)."""

    case_id: int
    content_hash: str
    status: str
    source: str | None
    state: str
    risk: str
    recommendation: str | None

    def to_dict(self) -> dict[str, Any]:
        return {"case": self.case_id, "content_hash": self.content_hash, "status": self.status,
                "source": self.source, "state": self.state, "risk": self.risk,
                "recommendation": self.recommendation}


class ImportMixin(ServiceCore):
    """``import_demand`` / ``import_many`` of :class:`~scrutiny.cases.service.CaseService`."""

    # --- import -------------------------------------------------------------------------

    def import_demand(self, actor: Actor, demand: Demand, *, review: Review | None = None,
                      source: str | None = None, original: bytes | None = None,
                      filename: str | None = None, idempotency_key: str | None = None,
                      request_hash: str | None = None) -> ImportResult:
        """Import one demand (idempotent by content hash); runs the engine if no review.

        With ``idempotency_key`` (and the ``request_hash`` of the request that carried it),
        the key is recorded for ``actor`` in the import's own transaction: a repeat with the
        same key and hash returns the first case (``status="existing"``) on any worker.

        Raises:
            ConflictError: ``idempotency.mismatch`` — the actor used the key before for a
                request with a different hash.
        """
        item = ImportItem(demand, source, original, filename, review)
        if idempotency_key is None:
            return self.import_many(actor, [item])[0]
        guards.require(actor, Permission.CASE_IMPORT)
        idem = (actor.username, idempotency_key, request_hash or "")
        with self.store.read() as session:
            earlier = _keyed_result(session, idem, source)
        if earlier is not None:
            return earlier
        return self._import_batch(actor, [item], idem=idem)[0]

    def keyed_import(self, actor: Actor, idempotency_key: str,
                     request_hash: str) -> ImportResult | None:
        """The case ``actor`` imported earlier with this key, or ``None`` (a new key).

        Lets a caller skip expensive work (intake of a letter) on a retried request.

        Raises:
            ConflictError: ``idempotency.mismatch`` — the key was used for another request.
        """
        guards.require(actor, Permission.CASE_IMPORT)
        with self.store.read() as session:
            return _keyed_result(session, (actor.username, idempotency_key, request_hash), None)

    def import_many(self, actor: Actor, items: Iterable[ImportItem], *, batch_size: int = 200,
                    on_batch: Callable[[list[ImportResult]], None] | None = None,
                    ) -> list[ImportResult]:
        """Import demands in batches of ``batch_size``, one transaction per batch.

        Every case of a committed batch is acknowledged (``on_batch`` is called after the
        commit); a crash loses at most the batch in flight, and running the import again
        skips what is already stored (same content hash).
        """
        guards.require(actor, Permission.CASE_IMPORT)
        results: list[ImportResult] = []
        batch: list[ImportItem] = []
        for item in items:
            batch.append(item)
            if len(batch) >= batch_size:
                done = self._import_batch(actor, batch)
                results.extend(done)
                if on_batch:
                    on_batch(done)
                batch = []
        if batch:
            done = self._import_batch(actor, batch)
            results.extend(done)
            if on_batch:
                on_batch(done)
        return results

    def _import_batch(self, actor: Actor, items: Sequence[ImportItem], *,
                      idem: tuple[str, str, str] | None = None) -> list[ImportResult]:
        bodies = [it.demand.dump() for it in items]
        hashes = [content_hash(it.demand, it.original, body=bodies[n])
                  for n, it in enumerate(items)]
        with self.store.read() as session:
            known = set(session.scalars(
                select(DemandRecord.content_hash).where(DemandRecord.content_hash.in_(hashes))))
        reviews: dict[int, Review] = {}
        for n, it in enumerate(items):
            if hashes[n] not in known:
                reviews[n] = it.review if it.review is not None else self.reviewer(it.demand)
        for attempt in range(IMPORT_RETRIES):
            try:
                with self._writing() as session:
                    if idem is not None:
                        earlier = _keyed_result(session, idem, items[0].source)
                        if earlier is not None:
                            return [earlier]
                    out = self._write_batch(session, actor, items, hashes, reviews, bodies)
                    if idem is not None:
                        session.add(IdempotencyKey(scope=idem[0], key=idem[1],
                                                   request_hash=idem[2],
                                                   case_id=out[0].case_id,
                                                   created_at=self.clock()))
                        session.flush()
                    return out
            except IntegrityError:
                # another importer stored some of these demands first (PostgreSQL runs
                # concurrent imports in parallel): the next attempt finds them as existing
                if attempt == IMPORT_RETRIES - 1:
                    raise
        raise AssertionError("unreachable")  # pragma: no cover

    def _write_batch(self, session: Session, actor: Actor, items: Sequence[ImportItem],
                     hashes: list[str], reviews: dict[int, Review],
                     bodies: list[dict[str, Any]]) -> list[ImportResult]:
        now = self.clock()
        existing = {
            row.content_hash: row for row in session.execute(
                select(DemandRecord.content_hash, Case.id, Case.state, Case.risk,
                       Case.recommendation)
                .join(Case, Case.demand_id == DemandRecord.id)
                .where(DemandRecord.content_hash.in_(hashes)))
        }
        new: list[int] = []
        seen: set[str] = set()
        for n, digest in enumerate(hashes):
            if digest not in existing and digest not in seen:
                seen.add(digest)
                new.append(n)
        created: dict[str, ImportResult] = {}
        if new:
            created = self._insert_new(session, actor, items, hashes, reviews, new, now,
                                       bodies)
        out: list[ImportResult] = []
        for n, digest in enumerate(hashes):
            if digest in created and n in new:
                out.append(created[digest])
            elif digest in created:
                r = created[digest]
                out.append(ImportResult(r.case_id, digest, "existing", items[n].source, r.state,
                                        r.risk, r.recommendation))
            else:
                row = existing[digest]
                out.append(ImportResult(row.id, digest, "existing", items[n].source,
                                        row.state.value, row.risk.value, row.recommendation))
        return out

    def _insert_new(self, session: Session, actor: Actor, items: Sequence[ImportItem],
                    hashes: list[str], reviews: dict[int, Review], new: list[int],
                    now: dt.datetime, bodies: list[dict[str, Any]]) -> dict[str, ImportResult]:
        """Batched Core inserts with reserved ids (no ORM bookkeeping per row)."""
        count = len(new)
        demand_ids = reserve_ids(session, DemandRecord, count)
        review_ids = reserve_ids(session, ReviewRecord, count)
        case_ids = reserve_ids(session, Case, count)
        received = [items[n].demand.received_at or now for n in new]
        demand_rows, tag_rows, review_rows, verdicts, case_rows = [], [], [], [], []
        for i, n in enumerate(new):
            demand = items[n].demand
            demand_rows.append({"id": demand_ids[i], **demand_columns(
                demand, digest=hashes[n], source=items[n].source, received_at=received[i],
                body=bodies[n])})
            tag_rows += [{"demand_id": demand_ids[i], "facet": f, "value": v}
                         for f, v in demand_tags(demand)]
            columns = review_columns(reviews[n], review_body(reviews[n]), self.params,
                                     created_at=now)
            review_rows.append({"id": review_ids[i], "demand_id": demand_ids[i], **columns})
            verdicts += [{**v, "review_id": review_ids[i]} for v in verdict_rows(reviews[n])]
            case_rows.append({
                "id": case_ids[i], "demand_id": demand_ids[i], "review_id": review_ids[i],
                "state": CaseState.RECEIVED, "version": 1, "risk": columns["risk"],
                "recommendation": columns["recommendation"], "assignee_id": None,
                "deadline_at": deadline_for(demand, received[i], self.params),
                "received_at": received[i], "acknowledged_at": now, "decided_at": None,
                "executed_at": None, "closed_at": None, "updated_at": now,
                "country": demand.requester.country, "primary_type": primary_type(demand),
            })
        bulk_insert(session, DemandRecord, demand_rows)
        bulk_insert(session, DemandTag, tag_rows)
        bulk_insert(session, ReviewRecord, review_rows)
        bulk_insert(session, VerdictRecord, verdicts)
        bulk_insert(session, Case, case_rows)
        self._store_originals(session, actor, items, new, case_ids, now)
        events = []
        results: dict[str, ImportResult] = {}
        for i, n in enumerate(new):
            row = case_rows[i]
            after = {"state": CaseState.RECEIVED.value, "version": 1,
                     "demand_id": demand_ids[i], "review_id": review_ids[i],
                     "content_hash": hashes[n], "source": items[n].source,
                     "risk": row["risk"].value, "recommendation": row["recommendation"],
                     "deadline_at": row["deadline_at"], "received_at": row["received_at"]}
            events.append(AuditEvent(EventType.CASE_IMPORTED, actor.username, TargetType.CASE,
                                     str(case_ids[i]), case_ids[i], None, after))
            results[hashes[n]] = ImportResult(case_ids[i], hashes[n], "created", items[n].source,
                                              CaseState.RECEIVED.value, row["risk"].value,
                                              row["recommendation"])
        append_many(session, events, at=now)
        return results

    def _store_originals(self, session: Session, actor: Actor, items: Sequence[ImportItem],
                         new: list[int], case_ids: list[int], now: dt.datetime) -> None:
        for i, n in enumerate(new):
            original = items[n].original
            if original is None:
                continue
            digest = self._put_blob(session, original, None, now)
            session.add(CaseAttachment(case_id=case_ids[i], sha256=digest,
                                       filename=items[n].filename or items[n].source or digest,
                                       kind="original", added_by=actor.user_id, added_at=now))


def _keyed_result(session: Session, idem: tuple[str, str, str],
                  source: str | None) -> ImportResult | None:
    """The case an idempotency key was bound to, or ``None`` if the key is new.

    Raises:
        ConflictError: the key was bound to a request with a different hash.
    """
    scope, key, digest = idem
    row = session.execute(
        select(IdempotencyKey.request_hash, Case.id, Case.state, Case.risk,
               Case.recommendation, DemandRecord.content_hash)
        .join(Case, Case.id == IdempotencyKey.case_id)
        .join(DemandRecord, DemandRecord.id == Case.demand_id)
        .where(IdempotencyKey.scope == scope, IdempotencyKey.key == key)).first()
    if row is None:
        return None
    if row.request_hash != digest:
        raise ConflictError(
            "this Idempotency-Key was already used for a different request",
            code="idempotency.mismatch", location="header:Idempotency-Key",
            hint="use a new key for a new submission")
    return ImportResult(row.id, row.content_hash, "existing", source, row.state.value,
                        row.risk.value, row.recommendation)
