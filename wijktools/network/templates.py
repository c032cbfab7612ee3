"""Empty templates of the sociale kaart and its relations: headers, a FICTIEF example, pick lists."""

from __future__ import annotations

from pathlib import Path

from wijktools.errors import ValidationError
from wijktools.network import vocab
from wijktools.network.io import FICTIEF, PARTNER_SHEET, RELATION_HEADERS, RELATION_SHEET
from wijktools.network.partners import ALL_HEADERS
from wijktools.sheets.write import Validation, write_table

PARTNER_NOTES = [
    ("Organisatie", "Verplicht. Elke organisatie één keer; relaties verwijzen naar deze naam."),
    ("Discipline", "Verplicht. Kies uit de lijst (uit te breiden per werksessie)."),
    ("Expertise", "Expertise en doelgroepen, vrije tekst."),
    ("Werkdagen", "Bijvoorbeeld: ma, di, do  of  ma t/m vr  of  maandag, woensdag."),
    ("Opnamestop", "ja, nee, 'ja tot 2027-03-01' of 'ja sinds 1-1-2026'."),
    ("Telefoon", "Nederlands nummer: 06-12345678, 0513-123456 of +31 6 12345678."),
    ("E-mail", "Bijvoorbeeld info@praktijk.nl."),
    ("Postcode", "Vier cijfers en twee letters: 8501 AB."),
    ("Voorkeur contact", "Eén of meer uit de lijst, gescheiden door komma's."),
    ("Laatst gecontroleerd", "Datum van de laatste controle: 2026-11-23 of 23-11-2026."),
    (
        "FTE huisarts, FTE POH-S, FTE POH-GGZ, FTE praktijkverpleegkundige",
        "Optioneel, vooral voor huisartsenpraktijken: fte van de hele praktijk, bijvoorbeeld 2,4 "
        "of 2.4. Leeg laten als het onbekend is (leeg is niet 0).",
    ),
    (
        "Ingeschreven patiënten",
        "Optioneel: aantal ingeschreven patiënten van de praktijk, een heel getal (12500 of "
        "12.500). Leeg laten als het onbekend is.",
    ),
]


def write_template(kind: str, path: str | Path) -> Path:
    """An empty template with headers, one fictional example row and validation lists."""
    if kind == "ketenpartners":
        example = [
            "Huisartsenpraktijk De Voorbeeldhoek (FICTIEF)",
            "huisarts",
            "ouderenzorg, diabetes",
            "ma, di, do, vr",
            "nee",
            "J. de Vries (fictief)",
            "088-1234567",  # 088: a nationwide number, not tied to one town
            "info@voorbeeldhoek.example",
            "Voorbeeldstraat 1, Voorbeeldstad (FICTIEF)",
            "1234 AB",
            "www.voorbeeldhoek.example",
            "ZorgMail",
            FICTIEF,
            "2026-11-01",
            "2,4",
            "0,9",
            "0,5",
            "",
            "5200",
        ]
        validations = vocab.partner_validations()
        return write_table(
            Path(path),
            PARTNER_SHEET,
            ALL_HEADERS,
            [example],
            validations=validations,
            notes=PARTNER_NOTES,
            title_note="Sjabloon sociale kaart (wijktools). De voorbeeldrij is FICTIEF.",
        )
    if kind == "relaties":
        example = [
            "Huisartsenpraktijk De Voorbeeldhoek (FICTIEF)",
            "Wijkverpleging Voorbeeld (FICTIEF)",
            "verwijzen",
            2,
        ]
        validations = [
            Validation("Soort", list(vocab.RELATION_KINDS), "Kies de soort relatie.", strict=True),
            Validation(
                "Intensiteit",
                ["1", "2", "3"],
                "1 = incidenteel, 2 = regelmatig, 3 = intensief.",
                strict=True,
            ),
        ]
        notes = [
            ("Van / Naar", "Organisatienamen precies zoals op de sociale kaart."),
            (
                "Soort",
                "verwijzen (met richting: Van verwijst naar Naar), overleg/MDO, "
                "gedeelde cliënten, informeel.",
            ),
            ("Intensiteit", "1 = incidenteel, 2 = regelmatig, 3 = intensief."),
        ]
        return write_table(
            Path(path),
            RELATION_SHEET,
            RELATION_HEADERS,
            [example],
            validations=validations,
            notes=notes,
            title_note="Sjabloon relaties netwerkkaart (wijktools). De voorbeeldrij is FICTIEF.",
        )
    raise ValidationError(f"Onbekend sjabloon '{kind}'; kies ketenpartners of relaties.")
