"""What a long run counts so that it can say how fast it goes and how long is left."""

from __future__ import annotations

import time
from dataclasses import dataclass, field


@dataclass
class Tally:
    total: int = 0  # inputs to go through
    done: int = 0
    started: float = field(default_factory=time.monotonic)

    def rate(self) -> float:
        """Inputs per second so far."""
        elapsed = time.monotonic() - self.started
        return self.done / elapsed if elapsed > 0 else 0.0

    def eta(self) -> float | None:
        """Seconds left at the rate so far (None before there is a rate)."""
        rate = self.rate()
        return (self.total - self.done) / rate if rate > 0 and self.total >= self.done else None
