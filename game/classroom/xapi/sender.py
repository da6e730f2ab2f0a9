"""Sending the outbox: ``flush`` posts what is queued, batch by batch, and
``Sender`` runs it in a background thread while a lesson is played.

The thread never blocks play: a step only queues its statements (in its own
transaction, game/classroom/xapi/outbox.py) and wakes the thread. While the
LRS cannot be reached the thread waits, doubling the wait after each failed
try (from one second up to ``MAX_WAIT_S``, with jitter so that thirty
browser tabs do not knock in step), and new steps do not cut the wait short.
Stopping lets it post what is left if the LRS is answering, for a few
seconds at most; whatever it could not post stays queued for the next
sender or for ``locus results sync``.
"""

from __future__ import annotations

import random
import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import partial

from game.classroom.errors import ClassroomError
from game.classroom.results_db import ResultsDB
from game.classroom.xapi import lrs, outbox
from game.classroom.xapi.outbox import PENDING, Queued
from game.classroom.xapi.target import XapiTarget

BATCH = 50
FIRST_WAIT_S = 1.0
MAX_WAIT_S = 300.0
STOP_GRACE_S = 3.0


@dataclass(slots=True)
class Flushed:
    """What one flush did: statements stored and refused by the LRS, and the
    answer that stopped it early (None: nothing was left)."""

    sent: int = 0
    rejected: int = 0
    stopped: lrs.Unreachable | lrs.Refused | None = None


def flush(
    db: ResultsDB,
    target: XapiTarget,
    *,
    only_endpoint: bool = True,
    states: Iterable[str] = (PENDING,),
    waiting_too: bool = False,
    retry_wait_s: float = FIRST_WAIT_S,
    clock: Callable[[], float] = time.time,
) -> Flushed:
    """Post every statement queued for ``target`` (all of them when not
    ``only_endpoint``: a teacher sending them to a new address) until none
    is left or the LRS stops answering."""
    chosen = tuple(states)
    endpoint = target.endpoint if only_endpoint else None
    done = Flushed()
    cursor = 0  # each statement is tried at most once per flush
    while True:
        take = partial(
            outbox.lease,
            endpoint=endpoint,
            now=clock(),
            limit=BATCH,
            states=chosen,
            waiting_too=waiting_too,
            after_seq=cursor,
        )
        batch = db.write(take)
        if not batch:
            return done
        cursor = batch[-1].seq
        answer = lrs.post(target, [q.statement for q in batch])
        left = batch
        if isinstance(answer, lrs.Rejected):
            answer, left = _one_by_one(db, target, batch, answer, done, clock)
        if isinstance(answer, lrs.Stored):
            db.write(partial(outbox.mark_sent, batch=left, now=clock(), endpoint=target.endpoint))
            done.sent += len(left)
        elif isinstance(answer, lrs.Unreachable | lrs.Refused):
            until = clock() + retry_wait_s
            db.write(partial(outbox.mark_waiting, batch=left, until=until, error=answer.reason))
            done.stopped = answer
            return done


def _one_by_one(
    db: ResultsDB,
    target: XapiTarget,
    batch: list[Queued],
    first: lrs.Rejected,
    done: Flushed,
    clock: Callable[[], float],
) -> tuple[lrs.Answer, list[Queued]]:
    """A refused batch, posted statement by statement, so one bad statement
    does not hold back the others. Returns the answer that ended it and the
    statements it left unsettled (none, unless the LRS stopped answering)."""
    for index, queued in enumerate(batch):
        answer = first if len(batch) == 1 else lrs.post(target, [queued.statement])
        if isinstance(answer, lrs.Stored):
            db.write(
                partial(outbox.mark_sent, batch=[queued], now=clock(), endpoint=target.endpoint)
            )
            done.sent += 1
        elif isinstance(answer, lrs.Rejected):
            db.write(partial(outbox.mark_failed, queued=queued, error=answer.reason))
            done.rejected += 1
        else:
            return answer, batch[index:]
    return lrs.Stored(), []


class Sender:
    """The background thread that posts one lesson's statements (and any
    others queued for the same LRS) while the lesson is played."""

    def __init__(self, db: ResultsDB, target: XapiTarget) -> None:
        self._db = db
        self._target = target
        self._wake = threading.Event()  # statements were queued
        self._stop = threading.Event()
        self._wait = 0.0  # the current wait after a failure, doubled each time
        self._retry_at = 0.0  # time.monotonic() of the next try after a failure
        self.last: Flushed | None = None  # what the latest flush did
        self._thread = threading.Thread(target=self._run, name="locus-xapi", daemon=True)
        self._thread.start()

    def wake(self) -> None:
        """New statements are queued: post them (after the wait, if the LRS
        failed lately)."""
        self._wake.set()

    def stop(self, grace_s: float = STOP_GRACE_S) -> None:
        """Post what is left if the LRS answers, for ``grace_s`` at most, and end."""
        self._stop.set()
        self._wake.set()
        self._thread.join(grace_s)

    @property
    def alive(self) -> bool:
        return self._thread.is_alive()

    def _run(self) -> None:
        while True:
            pause = self._retry_at - time.monotonic()
            if pause > 0:
                if self._stop.wait(pause):
                    return  # stopping while the LRS fails: what is left stays queued
            elif not self._stop.is_set():
                self._wake.wait()
            self._wake.clear()
            # The wait if this try fails, decided first: the statements are
            # marked to wait exactly as long, so they are due when we try again.
            wait = min(max(self._wait * 2, FIRST_WAIT_S), MAX_WAIT_S)
            pause = wait * (0.5 + random.random() / 2)
            try:
                self.last = flush(self._db, self._target, retry_wait_s=pause)
            except ClassroomError:
                if self._stop.is_set():
                    return  # the database closed under us; nothing is lost
                self.last = Flushed(stopped=lrs.Unreachable("the results database failed"))
            if self.last.stopped is None:
                self._wait, self._retry_at = 0.0, 0.0
            else:
                self._wait, self._retry_at = wait, time.monotonic() + pause
            if self._stop.is_set() and not self._wake.is_set():
                return  # stopped, and nothing was queued since this flush began
