"""Time the survey path: read, analyse, figures, HTML, for the example and a large synthetic export."""

from __future__ import annotations

import random
import tempfile
import time
from pathlib import Path

from wijktools import survey
from wijktools.figures import survey as survey_figures
from wijktools.render import survey_html

LABELS = ["helemaal mee oneens", "mee oneens", "neutraal", "mee eens", "helemaal mee eens"]


def timed(label: str, fn, *args, **kwargs):
    start = time.perf_counter()
    value = fn(*args, **kwargs)
    print(f"{label:<40} {time.perf_counter() - start:7.3f} s")
    return value


def big_csv(folder: Path, respondents: int = 2000) -> Path:
    rng = random.Random(1)
    header = ["Discipline"] + [f"Stelling {i}" for i in range(10)] + ["Wat is het knelpunt?"]
    lines = [";".join(header)]
    disciplines = [
        "Huisarts",
        "Wijkverpleging",
        "Apotheek",
        "Welzijn",
        "Fysiotherapie",
        "Ergotherapie",
    ]
    for _ in range(respondents):
        row = [rng.choice(disciplines)] + [rng.choice(LABELS) for _ in range(10)]
        row.append(
            rng.choice(["Lange wachttijd", "Slecht bereikbaar", "Geen terugkoppeling", "Geen tijd"])
        )
        lines.append(";".join(row))
    path = folder / "groot.csv"
    path.write_text("\n".join(lines), encoding="utf-8")
    return path


def main() -> None:
    example, mapping = survey.demo_paths()
    s = timed("voorbeeld: read (30 respondenten)", survey.read, example, mapping)
    r = timed("voorbeeld: analyse", survey.analyse, s)
    figs = timed("voorbeeld: figures", survey_figures.figures, r)
    print(f"{'  aantal figuren':<40} {len(figs):7d}")
    timed("voorbeeld: render_html_section (+figuren)", survey_html.render_html_section, r)
    with tempfile.TemporaryDirectory() as tmp:
        path = big_csv(Path(tmp))
        s = timed("synthetisch: read (2000 respondenten)", survey.read, path)
        timed("synthetisch: analyse", survey.analyse, s)


if __name__ == "__main__":
    main()
