"""Generate the FICTIONAL example survey export (Microsoft Forms shape) for the demo kern Joure.

Run from the repository root: `python data/voorbeeld/maak_voorbeeld_enquete.py`. Seeded, so the
output is the same every run. Nothing in it is real: names, e-mails and answers are invented.
"""

from __future__ import annotations

import random
from datetime import datetime, timedelta
from pathlib import Path

from openpyxl import Workbook

SEED = 20261123
HERE = Path(__file__).resolve().parent
OUT = HERE / "enquete_professionals_Joure_FICTIEF.xlsx"

DISCIPLINES = {
    "Huisarts": 6,
    "Wijkverpleging": 7,
    "Fysiotherapie": 5,
    "Sociaal wijkteam": 5,
    "POH-GGZ": 2,
    "Apotheek": 2,
    "Welzijn": 2,
    "Ergotherapie": 1,
}
LABELS = ["Helemaal mee oneens", "Mee oneens", "Neutraal", "Mee eens", "Helemaal mee eens"]
# Statement -> chance of each answer (helemaal mee oneens .. helemaal mee eens).
STATEMENTS = {
    "Ik ken de andere zorg- en welzijnsprofessionals in de wijk persoonlijk": [
        0.1,
        0.3,
        0.2,
        0.3,
        0.1,
    ],
    "Ik weet wie ik moet bellen bij zorgen over een kwetsbare oudere": [
        0.25,
        0.4,
        0.15,
        0.15,
        0.05,
    ],
    "De samenwerking met de huisartsenpraktijk verloopt goed": [0.03, 0.1, 0.2, 0.47, 0.2],
    "De samenwerking met het sociaal wijkteam verloopt goed": [0.1, 0.25, 0.3, 0.3, 0.05],
    "Doorverwijzen naar een andere discipline in de wijk gaat soepel": [
        0.15,
        0.35,
        0.2,
        0.25,
        0.05,
    ],
    "Ik krijg terugkoppeling nadat ik een cliënt heb doorverwezen": [0.25, 0.35, 0.15, 0.2, 0.05],
}
CONTACT_QUESTION = "Met welke disciplines heeft u minstens één keer per maand contact?"
MDO_QUESTION = "Hoe vaak neemt u deel aan een multidisciplinair overleg (MDO) in de wijk?"
MDO_OPTIONS = ["Nooit", "Minder dan eens per kwartaal", "Eens per kwartaal", "Maandelijks"]
KNELPUNT_QUESTION = "Wat zijn volgens u de grootste knelpunten in de samenwerking in de wijk?"
VERBETER_QUESTION = "Wat zou de samenwerking in de wijk het meest verbeteren?"
KNELPUNTEN = [
    "Lange wachttijden bij de POH-GGZ en de GGZ.",
    "Wachtlijst voor wijkverpleging, cliënten vallen tussen wal en schip.",
    "Ik weet vaak niet wie ik moet bellen bij het sociaal wijkteam.",
    "De huisartsenpraktijk is telefonisch slecht bereikbaar voor collega's.",
    "Geen terugkoppeling na een verwijzing.",
    "Opnamestop bij de thuiszorg en personeelstekort.",
    "Privacyregels maken informatie delen lastig.",
    "We kennen elkaar niet, alleen van naam.",
    "Geen tijd voor overleg naast het gewone werk.",
    "Overdracht van informatie bij ontslag uit het ziekenhuis gaat mis.",
    "Wachttijd voor een keukentafelgesprek van de gemeente is lang.",
    "Bereikbaarheid buiten kantoortijden.",
]
VERBETERINGEN = [
    "Een actuele sociale kaart met directe telefoonnummers.",
    "Een vast wijkoverleg elke maand.",
    "Samen scholing volgen, zodat we elkaar leren kennen.",
    "Afspraken over terugkoppeling na verwijzing.",
    "Een gezamenlijk MDO voor kwetsbare ouderen.",
    "Eén aanspreekpunt bij het sociaal wijkteam.",
    "Een beveiligde app om snel te overleggen.",
]


def main() -> Path:
    """Write the workbook: a 'LEES MIJ' sheet that says it is fictional, then the Forms sheet."""
    rng = random.Random(SEED)
    respondents = [d for d, count in DISCIPLINES.items() for _ in range(count)]
    rng.shuffle(respondents)
    wb = Workbook()
    note = wb.active
    note.title = "LEES MIJ"
    for line in (
        "FICTIEF VOORBEELD: geen echte enquête en geen echte respondenten.",
        "Namen, e-mailadressen en antwoorden zijn verzonnen voor de demonstratie van wijktools.",
        "De gegevens staan op het tweede tabblad, in de vorm die Microsoft Forms exporteert.",
        "wijktools slaat dit tabblad 'LEES MIJ' over bij het inlezen.",
        f"Gemaakt met data/voorbeeld/maak_voorbeeld_enquete.py (seed {SEED}).",
    ):
        note.append([line])
    sheet = wb.create_sheet("Sheet1")
    header = ["ID", "Begintijd", "Tijd van voltooiing", "E-mail", "Naam", "Tijd van laatste wijziging",
              "Wat is uw discipline?", "Hoeveel jaar werkt u al in de wijk?", *STATEMENTS,
              CONTACT_QUESTION, MDO_QUESTION, KNELPUNT_QUESTION, VERBETER_QUESTION]  # fmt: skip
    sheet.append(header)
    start = datetime(2026, 10, 5, 9, 0)
    for number, discipline in enumerate(respondents, start=1):
        begin = start + timedelta(days=rng.randint(0, 9), minutes=rng.randint(0, 600))
        end = begin + timedelta(minutes=rng.randint(4, 15), seconds=rng.randint(0, 59))
        others = [d for d in DISCIPLINES if d != discipline]
        contacts = rng.sample(others, rng.randint(1, 4))
        row = [
            number, begin, end, f"fictief.persoon{number:02d}@voorbeeld.invalid",
            f"Fictief Persoon {number:02d}", None, discipline, rng.randint(1, 25),
            *(rng.choices(LABELS, weights)[0] for weights in STATEMENTS.values()),
            "".join(f"{c};" for c in contacts),
            rng.choices(MDO_OPTIONS, [0.3, 0.35, 0.25, 0.1])[0],
            " ".join(rng.sample(KNELPUNTEN, rng.randint(1, 2))),
            rng.choice(VERBETERINGEN) if rng.random() < 0.8 else None,
        ]  # fmt: skip
        sheet.append(row)
    fixed = datetime(2026, 10, 15, 12, 0)
    wb.properties.created = wb.properties.modified = fixed
    wb.save(OUT)
    return OUT


if __name__ == "__main__":
    print(main())
