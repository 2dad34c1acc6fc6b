"""Everything the running server remembers, in one object hung on ``app.state.gio``.

One object (rather than module globals) lets several servers run in one process, which
the pytest helper does.
"""

from __future__ import annotations

import threading
from collections import Counter
from typing import TYPE_CHECKING

from .settings import Settings

if TYPE_CHECKING:
    from .auth import TokenStore
    from .faults import FaultQueue
    from .jobs import JobStore


class ServerState:
    """Knobs, tokens, jobs, the fault queue and request counters."""

    def __init__(self, client_secret: str, settings: Settings | None) -> None:
        from .auth import TokenStore
        from .faults import FaultQueue
        from .jobs import JobStore

        self.client_secret = client_secret
        self.initial = (settings or Settings()).copy()
        self.knobs = self.initial.copy()
        self.tokens: TokenStore = TokenStore()
        self.jobs: JobStore = JobStore()
        self.faults: FaultQueue = FaultQueue()
        self.stats: Counter[str] = Counter()
        # "Type.field" names whose non-null value had to be synthesized (see schema.py).
        self.synthesized: set[str] = set()
        self._lock = threading.Lock()

    def count(self, name: str) -> None:
        with self._lock:
            self.stats[name] += 1

    def reset(self) -> None:
        """Back to the startup knobs; tokens and jobs survive so live clients keep working."""
        self.knobs = self.initial.copy()
        self.faults.clear()
        self.stats.clear()
        self.synthesized.clear()
