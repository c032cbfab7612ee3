"""Small-group protection and per-group summaries: no group under min_group is ever shown or derivable."""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from wijktools.survey.model import LIKERT, MULTIPLE, NUMBER, OTHER_GROUP, SCALES, SINGLE, Question


@dataclass
class GroupStats:
    """Summary of one group's answers; when suppressed it holds no counts at all."""

    name: str
    n: int | None
    suppressed: bool = False
    note: str | None = None
    members: list[str] = field(default_factory=list)
    merged_into: str | None = None
    distribution: list[tuple[str, int, float]] = field(default_factory=list)
    negative_pct: float | None = None
    positive_pct: float | None = None
    mean: float | None = None
    median: float | None = None

    def to_dict(self) -> dict:
        """JSON shape; a suppressed group carries only its name and the message."""
        if self.suppressed:
            out: dict = {"groep": self.name, "onderdrukt": True, "melding": self.note}
            if self.merged_into:
                out["opgenomen_in"] = self.merged_into
            return out
        out = {"groep": self.name, "n": self.n, "onderdrukt": False}
        if self.members:
            out["bevat"] = list(self.members)
        if self.distribution:
            out["verdeling"] = [
                {"antwoord": a, "aantal": c, "percentage": round(p, 1)}
                for a, c, p in self.distribution
            ]
        if self.negative_pct is not None:
            out["oneens_percentage"] = round(self.negative_pct, 1)
            out["eens_percentage"] = round(self.positive_pct or 0.0, 1)
        if self.mean is not None:
            out["gemiddelde"] = round(self.mean, 1)
            out["mediaan"] = round(self.median or 0.0, 1)
        return out

    @classmethod
    def from_dict(cls, data: dict) -> GroupStats:
        """Read back the to_dict shape (a suppressed group keeps no counts)."""
        if data.get("onderdrukt"):
            return cls(
                data["groep"], None, True, data.get("melding"), merged_into=data.get("opgenomen_in")
            )
        distribution = [
            (d["antwoord"], d["aantal"], d["percentage"]) for d in data.get("verdeling", [])
        ]
        negative, positive = data.get("oneens_percentage"), data.get("eens_percentage")
        n = data.get("n")
        if negative is not None and n and len(distribution) == 5:
            # The JSON keeps one decimal; recount from the counts so nothing is rounded twice.
            negative = 100 * sum(c for _, c, _ in distribution[:2]) / n
            positive = 100 * sum(c for _, c, _ in distribution[3:]) / n
        return cls(
            data["groep"],
            n,
            members=list(data.get("bevat", [])),
            distribution=distribution,
            negative_pct=negative,
            positive_pct=positive,
            mean=data.get("gemiddelde"),
            median=data.get("mediaan"),
        )


def plan_groups(
    counts: dict[str, int], min_group: int
) -> tuple[list[tuple[str, list[str]]], list[str]]:
    """Shown groups (label, members) and the small ones; the hidden rest is 0 or >= min_group.

    Small groups merge into 'overige disciplines'. If that rest is still small, the smallest shown
    groups join it, otherwise total minus the shown groups would reveal the small group anyway
    (complementary disclosure). If no split is safe, nothing is shown per group.
    """
    big = sorted(
        ((k, v) for k, v in counts.items() if v >= min_group), key=lambda kv: (-kv[1], kv[0])
    )
    small = sorted(k for k, v in counts.items() if 0 < v < min_group)
    if not small:
        return [(k, [k]) for k, _ in big], []
    rest = list(small)
    rest_n = sum(counts[k] for k in small)
    while rest_n < min_group and big:
        name, size = big.pop()  # the smallest shown group
        rest.append(name)
        rest_n += size
    if rest_n < min_group or not big:
        return [], small
    return [(k, [k]) for k, _ in big] + [(OTHER_GROUP, rest)], small


def answered(q: Question, values: pd.Series) -> pd.Series:
    """Who answered this question (a multiple-choice cell with no options counts as not answered)."""
    if q.type == MULTIPLE:
        return values.map(lambda v: isinstance(v, list) and len(v) > 0)
    return values.notna()


def summarise(q: Question, values: pd.Series, name: str, min_group: int) -> GroupStats:
    """Counts and percentages of one group, or a suppressed marker when it is too small."""
    from wijktools.survey.model import too_few

    values = values[answered(q, values)]
    n = len(values)
    if n < min_group:
        return GroupStats(name, None, suppressed=True, note=too_few(min_group))
    stats = GroupStats(name, n)
    if q.type == LIKERT:
        labels = SCALES[q.scale or "cijfer"]["labels"]
        counts = values.astype(int).value_counts()
        stats.distribution = [
            (label, int(counts.get(level, 0)), float(100 * counts.get(level, 0) / n))
            for level, label in enumerate(labels, start=1)
        ]
        stats.negative_pct = float(sum(p for _, _, p in stats.distribution[:2]))
        stats.positive_pct = float(sum(p for _, _, p in stats.distribution[3:]))
    elif q.type in (SINGLE, MULTIPLE):
        flat = values.explode() if q.type == MULTIPLE else values
        counts = flat.value_counts()
        stats.distribution = [
            (str(option), int(counts.get(option, 0)), float(100 * counts.get(option, 0) / n))
            for option in q.options
        ]
    elif q.type == NUMBER:
        numbers = values.astype(float)
        stats.mean, stats.median = float(numbers.mean()), float(numbers.median())
    return stats
