"""Capaciteit en zorgvraag: FTE huisarts on the sociale kaart against the area's expected demand.

Computed once into a `Capacity` record from the profile (inwoners, expected huisartscontacten) and
the session's ketenpartners (FTE, ingeschreven patiënten); profile, report and decks only show it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass, field
from typing import TYPE_CHECKING, Any

from wijktools import nl
from wijktools.knelpunt import Knelpunt
from wijktools.workshop.capacity_norm import DEFAULT_NORM, Norm, norm

if TYPE_CHECKING:  # the store is opened by a session's commands; a plain profile needs no SQLite
    import sqlite3

TITLE = "Capaciteit en zorgvraag"
# The knelpunt rule: a shortage counts when it is both absolute and relative (one part-time GP in a
# small kern is not a structural gap), now or in the first projection year.
GAP_MIN_FTE = 0.5
GAP_MIN_SHARE = 10.0  # % of the FTE huisarts entered
GAP_YEARS = 2  # the base year and the first projection year (2030)

FILL_IN = (
    "Vul op de sociale kaart bij elke huisartsenpraktijk de kolom 'FTE huisarts' in (en waar bekend "
    "'Ingeschreven patiënten', 'FTE POH-S', 'FTE POH-GGZ' en 'FTE praktijkverpleegkundige'): in "
    "het sjabloon (`wijktools sjabloon ketenpartners`), in het formulier van notebook "
    "02-netwerkkaart of met `wijktools importeer ketenpartners`."
)


@dataclass
class CapacityYear:
    """One year: FTE huisarts needed by the norm and the gap with the FTE entered today."""

    jaar: int
    fte_nodig: float
    tekort: float  # fte_nodig - fte_huisarts; negative means room
    groei: float  # expected huisartscontacten against the base year (1.0 = same)


@dataclass
class Capacity:
    """Capacity against demand for one session's area; `ontbreekt` says why figures are absent."""

    gebied: str
    inwoners: int | None
    inwoners_jaar: int | None
    norm: Norm
    fte_huisarts: float | None = None
    fte_poh_s: float | None = None
    fte_poh_ggz: float | None = None
    fte_praktijkverpleegkundige: float | None = None
    praktijken: list[str] = field(default_factory=list)  # partners with FTE huisarts entered
    zonder_fte: list[str] = field(default_factory=list)  # huisartsen on the map without FTE
    ingeschreven_patienten: int | None = None
    fte_met_patienten: float | None = None  # FTE huisarts of the practices that gave patients
    inwoners_per_fte: float | None = None
    patienten_per_fte: float | None = None
    jaren: list[CapacityYear] = field(default_factory=list)
    groei_bron: str = ""  # how 2030/2040 grow: with the population or per inwoner only
    ontbreekt: str = ""
    niet_meegenomen: list[str] = field(default_factory=list)
    bronnen: list[str] = field(default_factory=list)

    @property
    def complete(self) -> bool:
        """Figures to show (FTE entered and inhabitants known)."""
        return not self.ontbreekt and bool(self.jaren)

    def year(self, jaar: int) -> CapacityYear | None:
        """One projected year, if computed."""
        return next((y for y in self.jaren if y.jaar == jaar), None)

    @property
    def gap_year(self) -> CapacityYear | None:
        """The first year (now or 2030) where the shortage meets the knelpunt rule."""
        if not self.complete or self.fte_huisarts is None:
            return None
        for item in self.jaren[:GAP_YEARS]:
            share = 100 * item.tekort / self.fte_huisarts if self.fte_huisarts else float("inf")
            if item.tekort >= GAP_MIN_FTE and share >= GAP_MIN_SHARE:
                return item
        return None

    @property
    def totals(self) -> list[str]:
        """The FTE totals in Dutch notation, e.g. '6,0 fte huisarts'."""
        out = []
        for label, value in (
            ("huisarts", self.fte_huisarts),
            ("POH-S", self.fte_poh_s),
            ("POH-GGZ", self.fte_poh_ggz),
            ("praktijkverpleegkundige", self.fte_praktijkverpleegkundige),
        ):
            if value is not None:
                out.append(f"{fte_text(value)} {label}")
        return out

    @property
    def sentence(self) -> str:
        """What an adviser can say aloud, or what to fill in when the figures are missing."""
        if not self.complete or self.fte_huisarts is None:
            return self.ontbreekt
        now = self.jaren[0]
        text = (
            f"In {self.gebied} wonen {nl.number(self.inwoners)} mensen. De huisartsenpraktijken op "
            f"de sociale kaart hebben samen {fte_text(self.fte_huisarts)} huisarts"
        )
        if self.inwoners_per_fte is not None:
            text += f", dat is {nl.number(self.inwoners_per_fte)} inwoners per fte"
        text += (
            f". Bij de normpraktijk van {nl.number(self.norm.patienten_per_fte)} patiënten per fte "
            f"({self.norm.bron_kort}) is nu {fte_text(now.fte_nodig)} nodig"
        )
        later = [y for y in self.jaren[1:]]
        if later:
            text += "".join(f" en in {y.jaar} {fte_text(y.fte_nodig)}" for y in later)
        text += ". " + _gap_words(self.gap_year or (self.jaren[1] if len(self.jaren) > 1 else now))
        return text

    def to_dict(self) -> dict[str, Any]:
        """Plain data for profiel.json, with the sentence and totals as shown."""
        data = asdict(self)
        data.update(zin=self.sentence, totalen=self.totals, compleet=self.complete)
        gap = self.gap_year
        data["knelpunt_jaar"] = gap.jaar if gap else None
        return data


def fte_text(value: float) -> str:
    """'6,0 fte' (one decimal, Dutch comma)."""
    return f"{nl.number(value, 1)} fte"


def gap_number(tekort: float) -> str:
    """'0,3'; '0,49' where one decimal would show the threshold (0,5) that the rule did not reach.

    Sint Pancras, 2030: 0,493 fte short printed as '0,5 fte tekort' beside 'knelpunt: nee'.
    """
    shown = nl.number(tekort, 1)
    if tekort < GAP_MIN_FTE <= round(tekort, 1):
        shown = nl.number(tekort, 2)
    return shown


def _gap_words(item: CapacityYear) -> str:
    if abs(item.tekort) < 0.05:
        return f"Bij gelijke bezetting is dat in {item.jaar} precies genoeg."
    if item.tekort > 0:
        return (
            f"Bij gelijke bezetting is er in {item.jaar} {gap_number(item.tekort)} fte huisarts "
            "tekort."
        )
    return f"Bij gelijke bezetting is er in {item.jaar} {fte_text(-item.tekort)} huisarts ruimte."


def limits(gebied: str) -> list[str]:
    """What the comparison does not include, said plainly in every output."""
    return [
        f"Patiënten van buiten {gebied} die hier ingeschreven staan, en inwoners die elders bij een "
        "huisarts staan ingeschreven, zijn niet meegenomen: de berekening neemt aan dat de inwoners "
        "de patiënten van deze praktijken zijn.",
        "Deeltijd en verloop: de fte is zoals ingevuld en blijft tot 2030 en 2040 gelijk; "
        "pensionering, vertrek, minder uren of vacatures zijn niet meegenomen.",
        "Taakherschikking: werk dat POH's, praktijkverpleegkundigen, doktersassistenten of anderen van "
        "de huisarts overnemen verlaagt de benodigde fte huisarts hier niet; hun fte staat er alleen "
        "naast.",
        "De normpraktijk is een landelijk gemiddelde; dat de bevolking nu ouder of kwetsbaarder is dan "
        "gemiddeld is niet meegewogen, alleen de groei van de verwachte huisartscontacten naar 2030 en "
        "2040.",
    ]


# --- computing ------------------------------------------------------------------------------


def _get(obj: Any, name: str) -> Any:
    return obj.get(name) if isinstance(obj, Mapping) else getattr(obj, name, None)


def _total(partners: Sequence[Mapping[str, Any]], name: str) -> float | None:
    values = [float(p[name]) for p in partners if p.get(name) is not None]
    return round(sum(values), 2) if values else None


def _growth(zorgvraag: Any) -> tuple[list[tuple[int, float]], str]:
    """(year, factor against the base year) from the profile's expected-demand figures."""
    if zorgvraag is None:
        return [], ""
    years = list(_get(zorgvraag, "years") or [])
    if not years:
        return [], ""
    base = years[0]
    base_contacts = _get(base, "contacten")
    out = []
    anchored = base_contacts not in (None, 0) and all(
        _get(y, "contacten") is not None for y in years
    )
    for item in years[1:]:
        if anchored:
            factor = float(_get(item, "contacten")) / float(base_contacts)
        else:
            factor = float(_get(item, "vergrijzingsindex")) / 100
        out.append((int(_get(item, "year")), factor))
    how = (
        "verwachte huisartscontacten (inwonertal volgens de PBL/CBS-prognose van de provincie × "
        "contacten per inwoner naar leeftijd)"
        if anchored
        else "verwachte huisartscontacten per inwoner (vergrijzingseffect; het inwonertal blijft "
        "gelijk omdat er voor deze provincie geen prognose is meegeleverd)"
    )
    return out, how


def compute(
    gebied: str,
    inwoners: float | None,
    inwoners_jaar: int | None,
    zorgvraag: Any,
    partners: Sequence[Mapping[str, Any]],
    norm_used: Norm = DEFAULT_NORM,
    *,
    base_year: int | None = None,
) -> Capacity:
    """The record from plain inputs; no FTE entered or no inhabitants gives a record that says so."""
    from wijktools.profile.demand import RATES_SOURCE

    cap = Capacity(
        gebied=gebied,
        inwoners=None if inwoners is None else round(float(inwoners)),
        inwoners_jaar=inwoners_jaar,
        norm=norm_used,
        niet_meegenomen=limits(gebied),
        bronnen=[
            norm_used.bron,
            "Sociale kaart van de werksessie (fte en patiënten zoals ingevuld)",
        ],
    )
    with_fte = [p for p in partners if p.get("fte_huisarts") is not None]
    cap.praktijken = sorted(str(p["organisatie"]) for p in with_fte)
    cap.zonder_fte = sorted(
        str(p["organisatie"])
        for p in partners
        if p.get("discipline") == "huisarts" and p.get("fte_huisarts") is None
    )
    cap.fte_huisarts = _total(partners, "fte_huisarts")
    cap.fte_poh_s = _total(partners, "fte_poh_s")
    cap.fte_poh_ggz = _total(partners, "fte_poh_ggz")
    cap.fte_praktijkverpleegkundige = _total(partners, "fte_praktijkverpleegkundige")
    both = [p for p in with_fte if p.get("ingeschreven_patienten") is not None]
    if both:
        cap.ingeschreven_patienten = int(sum(int(p["ingeschreven_patienten"]) for p in both))
        cap.fte_met_patienten = _total(both, "fte_huisarts")
        if cap.fte_met_patienten:
            cap.patienten_per_fte = round(cap.ingeschreven_patienten / cap.fte_met_patienten)
    if cap.fte_huisarts is None:
        huisartsen = (
            f" Op de sociale kaart staan {nl.plural(len(cap.zonder_fte), 'huisartsenpraktijk', 'huisartsenpraktijken')} "
            f"zonder fte: {', '.join(cap.zonder_fte)}."
            if cap.zonder_fte
            else " Er staat nog geen huisartsenpraktijk op de sociale kaart."
        )
        cap.ontbreekt = (
            f"Capaciteit tegenover zorgvraag is niet te berekenen: er is nog geen fte huisarts "
            f"ingevuld.{huisartsen} {FILL_IN}"
        )
        return cap
    if cap.inwoners is None or cap.inwoners <= 0:
        cap.ontbreekt = (
            f"Capaciteit tegenover zorgvraag is niet te berekenen: het aantal inwoners van "
            f"{gebied} is onbekend in de open data."
        )
        return cap
    if cap.fte_huisarts > 0:
        cap.inwoners_per_fte = round(cap.inwoners / cap.fte_huisarts)
    need_now = cap.inwoners / norm_used.patienten_per_fte
    first = base_year or inwoners_jaar or dt.date.today().year
    cap.jaren.append(
        CapacityYear(first, round(need_now, 2), round(need_now - cap.fte_huisarts, 2), 1.0)
    )
    growth, how = _growth(zorgvraag)
    for jaar, factor in growth:
        need = need_now * factor
        cap.jaren.append(
            CapacityYear(jaar, round(need, 2), round(need - cap.fte_huisarts, 2), round(factor, 3))
        )
    if growth:
        cap.groei_bron = how
        cap.bronnen.append(RATES_SOURCE)
    else:
        cap.niet_meegenomen.append(
            "Er is geen verwachte zorgvraag voor 2030 en 2040 (de leeftijdsopbouw ontbreekt in de "
            "open data); alleen de situatie nu staat er."
        )
    return cap


def from_profile(
    profile: Any, partners: Sequence[Mapping[str, Any]], norm_used: Norm = DEFAULT_NORM
) -> Capacity:
    """The record from a Profile (object or its JSON dict) and the session's partner rows."""
    gebied = _get(profile, "gebied") or {}
    zorgvraag = _get(profile, "zorgvraag")
    base = _get(zorgvraag, "base_year") if zorgvraag is not None else None
    return compute(
        str(gebied.get("naam") or gebied.get("code") or "dit gebied"),
        gebied.get("inwoners"),
        gebied.get("inwoners_jaar"),
        zorgvraag,
        partners,
        norm_used,
        base_year=base or gebied.get("inwoners_jaar"),
    )


def for_session(conn: sqlite3.Connection, session_id: int, profile: Any) -> Capacity:
    """The session's partners and norm against its area's profile."""
    from wijktools.network.partners import partners

    return from_profile(profile, partners(conn, session_id), norm(conn, session_id))


def knelpunten(cap: Capacity) -> list[Knelpunt]:
    """The draft knelpunt 'capaciteit', only when the shortage is real by the stated rule."""
    gap = cap.gap_year
    if gap is None or cap.fte_huisarts is None:
        return []
    share = 100 * gap.tekort / cap.fte_huisarts if cap.fte_huisarts else None
    share_text = f" ({nl.number(share)} % van de ingevulde fte)" if share is not None else ""
    return [
        Knelpunt(
            titel="Te weinig huisartscapaciteit",
            tekst=(
                f"{fte_text(cap.fte_huisarts)} huisarts ingevuld; bij de normpraktijk van "
                f"{nl.number(cap.norm.patienten_per_fte)} patiënten per fte ({cap.norm.bron_kort}) "
                f"is in {gap.jaar} {fte_text(gap.fte_nodig)} nodig voor "
                f"{nl.number(cap.inwoners)} inwoners: {fte_text(gap.tekort)} tekort{share_text}"
            ),
            regel=(
                "benodigde fte huisarts = inwoners ÷ normpraktijk (voor 2030 gegroeid met de "
                "verwachte huisartscontacten) tegenover de fte huisarts op de sociale kaart"
            ),
            drempel=(
                f"tekort minstens {nl.number(GAP_MIN_FTE, 1)} fte én minstens "
                f"{nl.number(GAP_MIN_SHARE)} % van de ingevulde fte, nu of in het eerste "
                "prognosejaar"
            ),
            key="capaciteit_huisarts",
            waarde=gap.fte_nodig,
            referentie=cap.fte_huisarts,
            referentie_naam="fte huisarts ingevuld",
            jaar=gap.jaar,
            bron="; ".join(cap.bronnen),
            regel_id="capaciteit",
            extra={"soort": "capaciteit", "tekort_fte": gap.tekort},
        )
    ]


def attach(profile: Any, conn: sqlite3.Connection, session_id: int) -> Capacity:
    """Give a session's Profile its capacity and, when the rule holds, the draft 'capaciteit'."""
    cap = for_session(conn, session_id, profile)
    profile.capaciteit = cap
    known = {k.regel_id for k in profile.knelpunten}
    profile.knelpunten.extend(k for k in knelpunten(cap) if k.regel_id not in known)
    return cap
