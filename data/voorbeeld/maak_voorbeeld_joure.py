"""Generate the FICTIONAL example sociale kaart and relations for the demo kern Joure (WK194019).

Every organisation, person, phone number and address below is invented. E-mail and web addresses use
the reserved `.example` domain. Run from the repository root:

    python data/voorbeeld/maak_voorbeeld_joure.py
"""

from __future__ import annotations

import random
from pathlib import Path

from slugify import slugify

from wijktools.network.io import PARTNER_SHEET, RELATION_HEADERS, RELATION_SHEET
from wijktools.network.partners import ALL_HEADERS
from wijktools.sheets.write import write_table

HERE = Path(__file__).resolve().parent
NOTE = "FICTIEF voorbeeld voor de demo; geen bestaande organisatie."
TITLE = (
    "FICTIEVE voorbeelddata voor de demo-kern Joure (WK194019, De Fryske Marren). "
    "Alle organisaties, personen, nummers en adressen zijn verzonnen."
)

# organisatie, discipline, expertise, werkdagen, opnamestop, voorkeur contact, laatst gecontroleerd
PARTNERS = [
    (
        "Huisartsenpraktijk De Skâns",
        "huisarts",
        "ouderenzorg, diabetes",
        "ma t/m vr",
        "nee",
        "ZorgMail",
        "2026-10-01",
    ),
    (
        "Huisartsen Midstraat",
        "huisarts",
        "COPD, palliatieve zorg",
        "ma t/m vr",
        "nee",
        "ZorgMail",
        "2026-09-15",
    ),
    (
        "POH-GGZ Joure Noord",
        "POH-GGZ",
        "angst, somberheid, jongeren",
        "ma, di, do",
        "ja tot 2027-03-01",
        "Siilo",
        "2026-10-20",
    ),
    (
        "POH Chronische Zorg Skâns",
        "POH-somatiek",
        "diabetes, CVRM, astma",
        "di, wo, vr",
        "nee",
        "telefoon",
        "2026-08-30",
    ),
    (
        "Apotheek Haskeruitgang",
        "apotheek",
        "medicatiebeoordeling, baxter",
        "ma t/m za",
        "nee",
        "KIS",
        "2026-11-02",
    ),
    (
        "Wijkteam Thuiszorg De Merk",
        "wijkverpleging",
        "palliatief, wondzorg, dementie",
        "ma t/m zo",
        "ja sinds 2026-09-01",
        "Siilo",
        "2026-10-10",
    ),
    (
        "Fysiotherapie Geaflecht",
        "fysiotherapie",
        "valpreventie, COPD",
        "ma t/m vr",
        "nee",
        "e-mail",
        "2026-06-12",
    ),
    (
        "Oefentherapie Sneekerweg",
        "oefentherapie",
        "houding, chronische pijn",
        "ma, wo, do",
        "nee",
        "e-mail",
        "2026-07-01",
    ),
    (
        "Ergotherapie Friesland Zuid",
        "ergotherapie",
        "hulpmiddelen, woningaanpassing",
        "di, do",
        "nee",
        "telefoon",
        "2026-05-20",
    ),
    (
        "Logopedie Het Wâld",
        "logopedie",
        "slikproblemen, afasie",
        "ma, di",
        "nee",
        "e-mail",
        "2026-04-14",
    ),
    (
        "Diëtistenpraktijk Joure",
        "diëtetiek",
        "ondervoeding, diabetes",
        "wo, vr",
        "nee",
        "e-mail",
        "2024-06-01",
    ),
    (
        "Verloskundigen De Pleats",
        "verloskunde",
        "zwangerschap, kraamtijd",
        "ma t/m zo",
        "nee",
        "telefoon",
        "2026-09-01",
    ),
    (
        "Specialist Ouderengeneeskunde Aldhou",
        "specialist ouderengeneeskunde",
        "consultatie thuiswonende ouderen",
        "di, do",
        "nee",
        "beveiligd berichtenverkeer",
        "2026-10-05",
    ),
    (
        "GGZ Team Zuidwest",
        "GGZ",
        "EPA, crisis, ouderenpsychiatrie",
        "ma t/m vr",
        "nee",
        "beveiligd berichtenverkeer",
        "2026-03-18",
    ),
    (
        "Welzijn De Fryske Marren",
        "welzijn",
        "eenzaamheid, vrijwilligers",
        "ma t/m vr",
        "nee",
        "telefoon",
        "2026-10-28",
    ),
    (
        "Sociaal Wijkteam Joure",
        "sociaal wijkteam",
        "Wmo-keukentafelgesprek, schulden",
        "ma t/m do",
        "nee",
        "telefoon, e-mail",
        "2026-11-10",
    ),
    (
        "Gemeente De Fryske Marren, Wmo-loket",
        "gemeente/Wmo",
        "Wmo-aanvragen, hulpmiddelen",
        "ma t/m vr",
        "nee",
        "telefoon",
        "2026-09-22",
    ),
    (
        "Maatschappelijk Werk Sûdwest",
        "maatschappelijk werk",
        "opvoeding, relatie, financiën",
        "ma, wo, vr",
        "nee",
        "Teams",
        "2026-08-08",
    ),
]
# Deliberately absent from the reference set: casemanager dementie, mantelzorgondersteuning.

# FICTIEF capacity of the two huisartsenpraktijken (FTE huisarts, POH-S, POH-GGZ,
# praktijkverpleegkundige, ingeschreven patiënten; empty = unknown). Chosen to be plausible for a kern
# of about 13.000 inwoners (CBS KWB 2025: 13.045): 5,6 fte huisarts, close to the national 4,4 fte
# per 10.000 inwoners, a little under the NZa normpraktijk of 2.095 patiënten per fte.
CAPACITY = {
    "Huisartsenpraktijk De Skâns": ["3,0", "1,2", "0,6", "0,5", "6900"],
    "Huisartsen Midstraat": ["2,6", "0,9", "0,4", "", "5600"],
}

RELATIONS = [
    ("Huisartsenpraktijk De Skâns", "POH-GGZ Joure Noord", "overleg/MDO", 3),
    ("Huisartsenpraktijk De Skâns", "Wijkteam Thuiszorg De Merk", "verwijzen", 3),
    ("Huisartsenpraktijk De Skâns", "Apotheek Haskeruitgang", "overleg/MDO", 2),
    ("Huisartsen Midstraat", "Wijkteam Thuiszorg De Merk", "verwijzen", 2),
    ("Huisartsen Midstraat", "Fysiotherapie Geaflecht", "verwijzen", 2),
    ("POH Chronische Zorg Skâns", "Diëtistenpraktijk Joure", "verwijzen", 1),
    ("Wijkteam Thuiszorg De Merk", "Specialist Ouderengeneeskunde Aldhou", "overleg/MDO", 2),
    ("Sociaal Wijkteam Joure", "Welzijn De Fryske Marren", "gedeelde cliënten", 3),
    ("Sociaal Wijkteam Joure", "Gemeente De Fryske Marren, Wmo-loket", "overleg/MDO", 2),
    ("POH-GGZ Joure Noord", "GGZ Team Zuidwest", "verwijzen", 2),
    ("Huisartsenpraktijk De Skâns", "Sociaal Wijkteam Joure", "informeel", 1),
    ("Maatschappelijk Werk Sûdwest", "Sociaal Wijkteam Joure", "gedeelde cliënten", 2),
]
# Without any relation (shown as isolated): oefentherapie, ergotherapie, logopedie, verloskunde.

STREETS = ["Midstraat", "Geaflecht", "Sneekerweg", "Haskeruitgang", "De Merk", "Skâns", "Wâldwei"]
PEOPLE = ["A. de Jong", "B. Visser", "C. Bakker", "D. Hoekstra", "E. Postma", "F. Dijkstra"]


def partner_rows(rng: random.Random) -> list[list[str]]:
    """One row per fictional partner; numbers and addresses drawn from a seeded generator."""
    rows = []
    for org, discipline, expertise, days, stop, contact, checked in PARTNERS:
        domain = slugify(org, max_length=24, word_boundary=True)
        rows.append(
            [
                org,
                discipline,
                expertise,
                days,
                stop,
                f"{rng.choice(PEOPLE)} (fictief)",
                f"0513-{rng.randint(100000, 999999)}",
                f"info@{domain}.example",
                f"{rng.choice(STREETS)} {rng.randint(1, 120)}, Joure",
                f"850{rng.randint(1, 4)} {rng.choice(['AB', 'CD', 'EG', 'HK', 'LM'])}",
                f"www.{domain}.example",
                contact,
                NOTE,
                checked,
                *CAPACITY.get(org, ["", "", "", "", ""]),
            ]
        )
    return rows


def main() -> None:
    """Write both example files next to this script (seeded: the same bytes every run)."""
    rng = random.Random(19401)
    write_table(
        HERE / "sociale_kaart_Joure_FICTIEF.xlsx",
        PARTNER_SHEET,
        ALL_HEADERS,
        partner_rows(rng),
        title_note=TITLE,
    )
    write_table(
        HERE / "relaties_Joure_FICTIEF.xlsx",
        RELATION_SHEET,
        RELATION_HEADERS,
        [list(r) for r in RELATIONS],
        title_note=TITLE,
    )


if __name__ == "__main__":
    main()
