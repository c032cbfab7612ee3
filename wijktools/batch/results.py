"""What a batch run hands back: one AreaResult per area and the BatchResult over all of them."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from wijktools.batch.selection import Target


@dataclass(frozen=True)
class AreaResult:
    """What happened to one area; failures carry the Dutch reason instead of a traceback."""

    target: Target
    status: str  # "klaar", "actueel" (skipped: up to date) or "mislukt"
    reason: str = ""
    files: tuple[str, ...] = ()
    figures: dict[str, object] = field(default_factory=dict)
    seconds: float = 0.0
    cpu_seconds: float = 0.0  # this worker plus its children (the papermill kernel), for benchmarks
    peak_rss_kb: int = 0
    open_figures: int = 0


@dataclass
class BatchResult:
    """Summary of a batch run, in input order."""

    out_dir: Path
    results: list[AreaResult]
    seconds: float = 0.0

    def _with(self, status: str) -> list[AreaResult]:
        return [r for r in self.results if r.status == status]

    @property
    def done(self) -> list[AreaResult]:
        """Built in this run."""
        return self._with("klaar")

    @property
    def skipped(self) -> list[AreaResult]:
        """Skipped because their outputs were newer than every input."""
        return self._with("actueel")

    @property
    def failed(self) -> list[AreaResult]:
        """Failed, each with its reason; the run went on without them."""
        return self._with("mislukt")
