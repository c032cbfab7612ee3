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
    """Summary of a batch run, in input order (`results` is empty when a run streamed them)."""

    out_dir: Path
    results: list[AreaResult]
    seconds: float = 0.0
    counts: dict[str, int] = field(default_factory=dict)  # per status, also when streamed
    failures: list[AreaResult] = field(default_factory=list)  # always kept: the CLI names them
    cpu_seconds: float = 0.0  # summed over the areas built in this run
    peak_rss_kb: int = 0  # the largest worker peak seen

    def count(self, item: AreaResult) -> None:
        """Add one finished area to the counts (the engine calls this as results arrive)."""
        self.counts[item.status] = self.counts.get(item.status, 0) + 1
        self.cpu_seconds += item.cpu_seconds
        self.peak_rss_kb = max(self.peak_rss_kb, item.peak_rss_kb)
        if item.status == "mislukt":
            self.failures.append(item)

    @property
    def total(self) -> int:
        """Areas in the run, built, skipped or failed."""
        return sum(self.counts.values())

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
        return self._with("mislukt") if self.results else list(self.failures)
