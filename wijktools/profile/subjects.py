"""RIVM indicators that measure one subject: one draft knelpunt per subject, the others named in its text.

The groups follow the definitions of the Gezondheidsmonitor, not taste: a part and its whole (ernstig
eenzaam within eenzaam; horen, zien and bewegen within een of meer lichamelijke beperkingen; hoog risico
within matig of hoog risico; langdurige ziekte én beperkt within both), a complement (normaal gewicht is
100 % minus onder- and overgewicht) or one scale (emotioneel and sociaal eenzaam; the alcohol measures
zware drinker, overmatige drinker and de alcoholrichtlijn). Over all wijken the members of a group fire
together in most areas where one fires (normaal gewicht with overgewicht in 82 %), which gave one fact
two or three knelpunten, and three votes' worth of room on the projector.
"""

from __future__ import annotations

import dataclasses

from wijktools.knelpunt import Knelpunt
from wijktools.profile.rule_text import indicator, share

SUBJECTS: dict[str, tuple[str, ...]] = {
    "gewicht": ("Overgewicht", "ErnstigOvergewicht", "NormaalGewicht", "Ondergewicht"),
    "alcoholgebruik": ("ZwareDrinker", "OvermatigeDrinker", "VoldoetAanAlcoholRichtlijn"),
    "eenzaamheid": ("Eenzaam", "ErnstigZeerErnstigEenzaam", "EmotioneelEenzaam", "SociaalEenzaam"),
    "angst en depressie": ("MatigHoogRisicoOpAngstOfDepressie", "HoogRisicoOpAngstOfDepressie"),
    "langdurige aandoeningen en beperking door gezondheid": (
        "EenOfMeerLangdurigeAandoeningen",
        "BeperktVanwegeGezondheid",
        "ErnstigBeperktVanwegeGezondheid",
        "LangdurigeZiekteEnBeperkt",
    ),
    "lichamelijke beperkingen": (
        "EenOfMeerLichamelijkeBeperkingen",
        "BeperkingInHoren",
        "BeperkingInZien",
        "BeperkingInBewegen",
    ),
}
SUBJECT_OF = {key: subject for subject, keys in SUBJECTS.items() for key in keys}
RULE = "verwante indicatoren van één onderwerp ({subject}) vormen één knelpunt"


def one_per_subject(items: list[Knelpunt]) -> list[Knelpunt]:
    """Keep the most unfavourable knelpunt of each subject (items sorted by percentiel first)."""
    out: list[Knelpunt] = []
    lead_of: dict[str, int] = {}
    others: dict[str, list[Knelpunt]] = {}
    for item in items:
        subject = SUBJECT_OF.get(item.key)
        if subject is None:
            out.append(item)
        elif subject in lead_of:
            others[subject].append(item)
        else:
            lead_of[subject] = len(out)
            others[subject] = []
            out.append(item)
    for subject, index in lead_of.items():
        if others[subject]:
            out[index] = _merged(out[index], subject, others[subject])
    return out


def _merged(lead: Knelpunt, subject: str, others: list[Knelpunt]) -> Knelpunt:
    trend = lead.extra.get("soort") == "trend"
    where = "sterkste verslechteringen" if trend else "meest ongunstige"
    named = ", ".join(
        f"{indicator(k.titel)} ({k.age_group}; bij de {share(k.percentiel)} {where})"
        for k in others
    )
    return dataclasses.replace(
        lead,
        tekst=f"{lead.tekst} Zelfde onderwerp ({subject}), ook{' een ongunstige trend' if trend else ''}: "
        f"{named}.",
        regel=f"{lead.regel}; {RULE.format(subject=subject)}",
        extra={**lead.extra, "onderwerp": subject, "ook": [k.key for k in others]},
    )
