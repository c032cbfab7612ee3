"""RIVM indicators that measure one subject: one draft knelpunt per subject, the others named in its text.

The groups follow the definitions of the Gezondheidsmonitor, not taste: a part and its whole (ernstig
eenzaam within eenzaam; horen, zien and bewegen within een of meer lichamelijke beperkingen; hoog risico
within matig of hoog risico; langdurige ziekte én beperkt within both), a complement (normaal gewicht is
100 % minus onder- and overgewicht) or one scale (emotioneel and sociaal eenzaam; the alcohol measures
zware drinker, overmatige drinker and de alcoholrichtlijn). Over all wijken the members of a group fire
together in most areas where one fires (normaal gewicht with overgewicht in 82 %), which gave one fact
two or three knelpunten, and three votes' worth of room on the projector.

A level knelpunt and a trend knelpunt of one indicator or subject are one fact too ('Laag aandeel:
normaal gewicht' and 'Overgewicht: ongunstige trend' in 293 of 3.123 wijken): the level knelpunt, the
stronger fact about now, keeps the trend in its text (with_trends).
"""

from __future__ import annotations

import dataclasses

from wijktools.knelpunt import Knelpunt
from wijktools.profile.rule_text import indicator, share, trend

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
LEVEL_AND_TREND = "niveau en ongunstige trend ({first}-{last})"
TREND_RULE = LEVEL_AND_TREND + " van {what} vormen één knelpunt"
# a lead that already stands for its subject's indicators: one clause for both merges
BOTH_RULE = (
    "verwante indicatoren van één onderwerp ({subject}), "
    + LEVEL_AND_TREND
    + ", vormen één knelpunt"
)


def subject_of(key: str) -> str:
    """The subject an indicator belongs to; an indicator outside SUBJECTS is a subject of its own."""
    return SUBJECT_OF.get(key, key)


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


def with_trends(
    level: list[Knelpunt], trends: list[Knelpunt]
) -> tuple[list[Knelpunt], list[Knelpunt]]:
    """Tell each trend in the level knelpunt of its indicator or subject; return those and the other trends.

    `level` as one_per_subject left it, `trends` one per indicator sorted by percentiel first.
    """
    subjects = {subject_of(k.key) for k in level}
    told = {s: [t for t in trends if subject_of(t.key) == s] for s in subjects}
    shown = [_told(k, told[subject_of(k.key)]) if told[subject_of(k.key)] else k for k in level]
    return shown, [t for t in trends if subject_of(t.key) not in subjects]


def _told(lead: Knelpunt, trends: list[Knelpunt]) -> Knelpunt:
    """The level knelpunt with its subject's trends: the strongest with its figures, the others named."""
    first, *others = trends
    subject = SUBJECT_OF.get(lead.key)
    also = f"; ook {_named(others, 'sterkste verslechteringen')}" if others else ""
    first_year, last_year = first.extra["jaren"]
    # The trend rule's own wording is in drempel ('trend: zelf minstens ...'): the deck shows regel
    # beside the figures, and a row taller than a slide runs off it.
    if subject and lead.regel.endswith(RULE.format(subject=subject)):
        base = lead.regel.removesuffix(RULE.format(subject=subject))
        regel = base + BOTH_RULE.format(subject=subject, first=first_year, last=last_year)
    else:
        what = f"één onderwerp ({subject})" if subject else "één indicator"
        regel = f"{lead.regel}; " + TREND_RULE.format(what=what, first=first_year, last=last_year)
    extra = {**lead.extra, "onderwerp": subject} if subject else dict(lead.extra)
    extra["kort"] = lead.extra.get("kort", lead.tekst)  # the level fact alone (a slide's row)
    extra["trend"] = {
        "regel_id": first.regel_id,
        "leeftijd": first.age_group,
        "jaren": first.extra["jaren"],
        "waarden": [first.referentie, first.waarde],
        "landelijk": first.extra["landelijk"],
        "percentiel": first.percentiel,
        "ook": [k.key for k in others],
    }
    return dataclasses.replace(
        lead,
        tekst=f"{lead.tekst} Ook een ongunstige trend: {trend(first)}{also}.",
        regel=regel,
        drempel=f"{lead.drempel}; trend: {first.drempel}",
        extra=extra,
    )


def _named(items: list[Knelpunt], where: str) -> str:
    """'bij de 1 % meest ongunstige: Overgewicht (18+); bij de 3 %: Ernstig overgewicht (18+)'.

    The other indicators of a subject, by the share of the level they belong to (items sorted by
    percentiel): each share said once, so four indicators of one subject still fit a slide's row.
    """
    groups: dict[str, list[str]] = {}
    for k in items:
        groups.setdefault(share(k.percentiel), []).append(f"{indicator(k.titel)} ({k.age_group})")
    return "; ".join(
        f"bij de {part}{f' {where}' if i == 0 else ''}: {', '.join(names)}"
        for i, (part, names) in enumerate(groups.items())
    )


def _merged(lead: Knelpunt, subject: str, others: list[Knelpunt]) -> Knelpunt:
    is_trend = lead.extra.get("soort") == "trend"
    named = _named(others, "sterkste verslechteringen" if is_trend else "meest ongunstige")
    return dataclasses.replace(
        lead,
        tekst=f"{lead.tekst} Zelfde onderwerp ({subject}), ook{' een ongunstige trend' if is_trend else ''} "
        f"{named}.",
        regel=f"{lead.regel}; {RULE.format(subject=subject)}",
        extra={
            **lead.extra,
            "onderwerp": subject,
            "ook": [k.key for k in others],
            "kort": lead.extra.get("kort", lead.tekst),  # the lead's fact alone (a slide's row)
        },
    )
