"""The deck's concept-knelpunten slides: the draft knelpunten of the wijkprofiel with their rule."""

from __future__ import annotations

from typing import TYPE_CHECKING

from wijktools.profile import rules
from wijktools.profile.notes import has_health_figures, no_knelpunt_reason
from wijktools.report.model import Slide, Table, chunks, clean, numbered

if TYPE_CHECKING:
    from wijktools.knelpunt import Knelpunt
    from wijktools.profile.model import Profile

KNELPUNTEN_PER_SLIDE = 4


def slide_text(k: Knelpunt) -> str:
    """A knelpunt's figures for a slide's row: a merged one keeps its own fact, says what else it holds.

    Every figure of the others stays in the notes: 734 characters ran off the slide.
    """
    short = k.extra.get("kort")
    if not short:
        return k.tekst
    also = []
    if k.extra.get("ook"):
        count = len(k.extra["ook"])
        word = "indicator" if count == 1 else "indicatoren"
        also.append(f"{count} verwante {word} ({k.extra.get('onderwerp')})")
    if k.extra.get("trend"):
        first, last = k.extra["trend"]["jaren"]
        also.append(f"een ongunstige trend {first}-{last}")
    return f"{short} Ook {' en '.join(also)}: zie de notities." if also else short


def knelpunt_slides(data: Profile) -> list[Slide]:
    """One table slide per four draft knelpunten; without any, a slide that says why."""
    slides: list[Slide] = []
    drafts = data.knelpunten
    if not drafts:
        # Say so: an area where no rule fires is a finding too, and the room asks what was checked.
        # Without RIVM figures nothing about health was checked, and the slide must not claim it.
        first = no_knelpunt_reason(data.indicatoren, str(data.gebied.get("soort") or ""))
        why = (
            []
            if has_health_figures(data.indicatoren)
            else [m.reden for m in data.ontbreekt if "RIVM" in m.reden][:1]
        )
        slides.append(
            Slide(
                "concept_knelpunten_1",
                "Concept-knelpunten uit de cijfers",
                "bullets",
                bullets=[
                    first,
                    "De knelpunten voor het gesprek komen uit de zaal en, als die er is, de enquête.",
                ],
                notes=[
                    *(clean(reason) for reason in why),
                    "Regels: een indicator wordt een concept-knelpunt als het gebied bij de "
                    f"{rules.RIVM_TOP:.0f} % (gezondheid en welzijn) of {rules.CONTEXT_TOP:.0f} % "
                    "(vergrijzing, alleenwonenden, afstand huisarts) meest ongunstige gebieden van "
                    f"zijn niveau hoort en ongunstiger is dan landelijk (RIVM: minstens "
                    f"{rules.LEVEL_MIN_PP:.0f} procentpunt); zie de methode in het "
                    "wijkprofiel. Bron: RIVM, Gezondheid per wijk en buurt; CBS, Kerncijfers wijken "
                    "en buurten; CC BY 4.0.",
                ],
            )
        )
    pages = chunks(drafts, KNELPUNTEN_PER_SLIDE)
    for i, page in enumerate(pages, start=1):
        slides.append(
            Slide(
                f"concept_knelpunten_{i}",
                numbered("Concept-knelpunten uit de cijfers", i, len(pages)),
                "table",
                table=Table(
                    "concept_knelpunten",
                    "",
                    ["Knelpunt", "Cijfers", "Regel"],
                    [[clean(k.titel), clean(slide_text(k)), clean(k.regel)] for k in page],
                ),
                notes=[
                    f"{clean(k.titel)}: {clean(k.tekst)} Regel '{clean(k.regel)}'"
                    + (f", drempel {clean(k.drempel)}" if k.drempel else "")
                    + f". Bron: {clean(k.bron)}"
                    + (f" {k.jaar}" if k.jaar else "")
                    + "."
                    for k in page
                ]
                + [
                    "Een begin voor het gesprek: de zaal past ze aan, laat ze vallen of vult ze aan."
                ],
            )
        )
    return slides
