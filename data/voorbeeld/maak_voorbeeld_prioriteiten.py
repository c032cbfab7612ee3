"""Generate the FICTIONAL example paper votes and afspraken for the demo kern Joure (WK194019).

The tallies and agreements are invented; the trekkers are the fictional organisations of
sociale_kaart_Joure_FICTIEF.xlsx. Run from the repository root:

    python data/voorbeeld/maak_voorbeeld_prioriteiten.py
"""

from __future__ import annotations

from pathlib import Path

from wijktools.sheets.write import write_xlsx
from wijktools.workshop.afspraken_io import HEADERS, NOTES

HERE = Path(__file__).resolve().parent
FICTIEF = (
    "FICTIEVE voorbeelddata voor de demo-kern Joure: alle stemmen en afspraken zijn verzonnen."
)

VOTES = [
    ("Veel eenzaamheid onder ouderen", 11, 1),
    ("Lange wachttijd GGZ", 9, 1),
    ("Overbelaste mantelzorgers", 9, 1),
    ("Vervoer naar de huisartsenpost", 4, 1),
    ("Veel eenzaamheid onder ouderen", 14, 2),
    ("Lange wachttijd GGZ", 7, 2),
    ("Overbelaste mantelzorgers", 6, 2),
]

AFSPRAKEN = [
    (
        "Veel eenzaamheid onder ouderen",
        "Huisartsen verwijzen via welzijn op recept naar de welzijnscoach",
        "Welzijn De Fryske Marren",
        "Huisartsenpraktijk De Skâns; Huisartsen Midstraat",
        "Q2 2027",
        "Wijk-MDO elke zes weken",
        "Aantal verwijzingen per kwartaal",
        "afgesproken",
    ),
    (
        "Lange wachttijd GGZ",
        "Wekelijks telefonisch consultatie-uur GGZ voor de praktijken",
        "GGZ Team Zuidwest",
        "Huisartsenpraktijk De Skâns",
        "1-3-2027",
        "Evaluatie in het POH-GGZ-overleg",
        "Aandeel patiënten dat in de eerste lijn blijft",
        "voorgesteld",
    ),
    (
        "Vervoer naar de huisartsenpost",
        "Vrijwilligersvervoer inventariseren",
        "nieuw: Vervoerspunt Joure (FICTIEF)",
        "",
        "najaar 2027",
        "",
        "Overzicht gereed (ja/nee)",
        "voorgesteld",
    ),
]


def main() -> None:
    """Write both example files beside this script."""
    write_xlsx(
        HERE / "stemmen_papier_Joure_FICTIEF.xlsx",
        {"Stemmen": (["Knelpunt", "Stemmen", "Ronde"], [list(v) for v in VOTES])},
        notes=[FICTIEF, "Kolommen: Knelpunt, Stemmen en (optioneel) Ronde."],
    )
    write_xlsx(
        HERE / "afspraken_Joure_FICTIEF.xlsx",
        {"Afspraken": (HEADERS, [list(a) for a in AFSPRAKEN])},
        lists={
            "Afspraken": {"Status": ["voorgesteld", "afgesproken", "loopt", "gereed", "vervallen"]}
        },
        notes=[FICTIEF, *NOTES],
    )


if __name__ == "__main__":
    main()
