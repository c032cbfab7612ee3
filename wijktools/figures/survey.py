"""Survey figures in the house style: diverging Likert bars and choice bars, only for shown groups."""

from __future__ import annotations

import textwrap

from wijktools.figures.theme import PALETTE, add_source, new_figure, style, to_png
from wijktools.paths import slug
from wijktools.survey.groups import GroupStats
from wijktools.survey.model import LIKERT, MULTIPLE, SCALES, SINGLE
from wijktools.survey.result import QuestionResult, SurveyResult

# Disagreeing end warm, agreeing end blue, neutral grey: readable for colour-blind viewers.
LIKERT_COLOURS = [
    PALETTE["rood"],
    PALETTE["oranje"],
    "#C8C8C8",
    PALETTE["lichtblauw"],
    PALETTE["blauw"],
]


def _wrap(text: str, width: int = 45) -> str:
    """Long statements on several lines beside the bar."""
    return "\n".join(textwrap.wrap(text, width)) or text


def _diverging(rows: list[tuple[str, GroupStats]], scale: str, title: str, source: str) -> bytes:
    """Stacked bars centred on the middle of 'neutraal', disagreement to the left."""
    labels = SCALES[scale]["labels"]
    with style():
        fig, ax = new_figure(11, 1.8 + 0.75 * len(rows))
        for y, (_name, stats) in enumerate(reversed(rows)):
            shares = [p for _, _, p in stats.distribution]
            left = -(shares[0] + shares[1] + shares[2] / 2)
            for k, share in enumerate(shares):
                ax.barh(
                    y,
                    share,
                    left=left,
                    color=LIKERT_COLOURS[k],
                    label=labels[k] if y == 0 else None,
                )
                if share >= 8:
                    colour = "white" if k in (0, 4) else "black"
                    ax.text(
                        left + share / 2,
                        y,
                        f"{share:.0f}",
                        ha="center",
                        va="center",
                        color=colour,
                        fontsize=11,
                    )
                left += share
        ax.set_yticks(range(len(rows)), [_wrap(f"{n} (n = {s.n})") for n, s in reversed(rows)])
        ax.axvline(0, color=PALETTE["zwart"], linewidth=1)
        ax.set_xlim(-100, 100)
        ticks = [-100, -50, 0, 50, 100]
        ax.set_xticks(ticks, [f"{abs(t)} %" for t in ticks])
        ax.grid(axis="y", visible=False)
        ax.set_title(_wrap(title, 55), loc="left")
        ax.legend(
            loc="upper center", bbox_to_anchor=(0.5, -0.1), ncol=3, frameon=False, fontsize=11
        )
        add_source(fig, source)
        return to_png(fig)


def _bars(stats: GroupStats, title: str, source: str, xlabel: str) -> bytes:
    """Horizontal bars of shares, largest on top."""
    rows = list(reversed(stats.distribution))
    with style():
        fig, ax = new_figure(10, 1.6 + 0.5 * len(rows))
        ax.barh(range(len(rows)), [p for _, _, p in rows], color=PALETTE["blauw"])
        ax.set_yticks(range(len(rows)), [_wrap(a, 40) for a, _, _ in rows])
        ax.set_xlabel(xlabel)
        ax.grid(axis="y", visible=False)
        ax.set_title(_wrap(title, 55), loc="left")
        add_source(fig, source)
        return to_png(fig)


def overview_figures(result: SurveyResult) -> dict[str, bytes]:
    """The overview figures only (respondents per discipline, statements of all respondents).

    The report and the deck show these; the per-question figures belong to the survey view.
    """
    if result.suppressed:
        return {}
    out: dict[str, bytes] = {}
    source = result.source_line
    shown = [g for g in result.disciplines if not g.suppressed]
    if shown:
        stats = GroupStats(
            "disciplines", result.n, distribution=[d for g in shown for d in g.distribution]
        )
        out["disciplines"] = _bars(
            stats, "Respondenten per discipline", source, "% van de respondenten"
        )
    likert = [q for q in result.questions if q.type == LIKERT and not q.total.suppressed]
    for scale in dict.fromkeys(q.scale or "cijfer" for q in likert):
        rows = [(q.column, q.total) for q in likert if (q.scale or "cijfer") == scale]
        out[f"stellingen_{scale}"] = _diverging(
            rows, scale, "Stellingen: alle respondenten", source
        )
    return out


def figures(result: SurveyResult) -> dict[str, bytes]:
    """PNG per figure, keyed by a stable name; none at all when the survey is too small."""
    if result.suppressed:
        return {}
    out = overview_figures(result)
    source = result.source_line
    for number, q in enumerate(result.questions, start=1):
        key = _key(number, q.column)
        if q.total.suppressed:
            continue
        if q.type == LIKERT and any(not g.suppressed for g in q.groups):
            rows = [("alle respondenten", q.total)] + [
                (g.name, g) for g in q.groups if not g.suppressed
            ]
            out[f"{key}_per_discipline"] = _diverging(rows, q.scale or "cijfer", q.column, source)
        elif q.type in (SINGLE, MULTIPLE) and q.total.distribution:
            xlabel = "% van de respondenten" + (
                " (meer antwoorden mogelijk)" if q.type == MULTIPLE else ""
            )
            out[key] = _bars(q.total, q.column, source, xlabel)
    return out


def question_key(result: SurveyResult, q: QuestionResult) -> str:
    """The figure key of a question, so views can place its figure beside its table."""
    return _key(result.questions.index(q) + 1, q.column)


def _key(number: int, column: str) -> str:
    """Question number keeps keys unique; the slug keeps them readable."""
    return f"vraag_{number:02d}_{slug(column)[:40]}"
