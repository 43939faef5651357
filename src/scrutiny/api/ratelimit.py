"""A small in-process sliding-window rate limiter (sign-in, portal submission).

Each worker process keeps its own window, so with N workers the effective limit is up to
N times the configured one; documented in docs/web.md. Keys are (bucket, client address).
"""

from __future__ import annotations

import math
import threading
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field

from scrutiny.api.errors import RateLimited

__all__ = ["RateLimiter"]


@dataclass
class RateLimiter:
    """Allow at most ``limit`` hits per ``window`` seconds per key.

    Args:
        limit: hits allowed inside one window.
        window: window length in seconds.
        clock: monotonic clock (injectable for tests).
    """

    limit: int
    window: float
    clock: Callable[[], float] = time.monotonic
    _hits: dict[str, deque[float]] = field(default_factory=dict, repr=False)
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def hit(self, key: str, *, what: str) -> None:
        """Record one hit for ``key``; raise :class:`RateLimited` (429) once over the limit."""
        now = self.clock()
        with self._lock:
            hits = self._hits.setdefault(key, deque())
            while hits and hits[0] <= now - self.window:
                hits.popleft()
            if len(hits) >= self.limit:
                retry = max(1, math.ceil(hits[0] + self.window - now))
                raise RateLimited(
                    f"too many {what} attempts from this address",
                    hint=f"wait {retry} seconds and try again",
                    details={"retry_after": retry},
                )
            hits.append(now)
            if len(self._hits) > 10_000:  # bound memory under a flood of distinct keys
                cutoff = now - self.window
                for stale in [k for k, v in self._hits.items() if not v or v[-1] <= cutoff]:
                    del self._hits[stale]

    def reset(self) -> None:
        """Forget every window (tests, or after a configuration change)."""
        with self._lock:
            self._hits.clear()
