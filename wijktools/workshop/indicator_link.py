"""The indicator an afspraak should move: a codebook key, its baseline as the profile showed it, the newest.

The baseline is stored once, when the link is made: value, year, territory (CBS code, or a kern with its
member codes) and source, exactly as the profile of that moment showed them. The newest value is looked
up in the data at hand each time it is shown, for the same key and the same territory only, so a newer
edition (`wijktools data ophalen`) is picked up without any change here.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from wijktools import nl
from wijktools.errors import DataMissingError, ValidationError, WijktoolsError

NO_NEWER = "nog geen nieuwe meting"


@dataclass(frozen=True)
class Indicator:
    """One codebook row: what the key means and how its numbers are written."""

    key: str
    age_group: str
    label: str
    unit: str
    decimals: int
    source: str
    direction: str

    @property
    def ref(self) -> str:
        """How users type it: 'Eenzaam|65+' for RIVM, 'AantalInwoners' for CBS."""
        return f"{self.key}|{self.age_group}" if self.age_group else self.key

    def fmt(self, value: float | None) -> str:
        """'55,3 %', '12.970' or '–', with the codebook's decimals."""
        if value is None:
            return "–"
        text = nl.number(value, self.decimals)
        if self.unit in ("", "aantal"):
            return text
        return f"{text} %" if self.unit == "%" else f"{text} {self.unit}"


@dataclass(frozen=True)
class Effect:
    """Baseline at the kick-off against the newest value of the same territory in the data at hand."""

    indicator: Indicator
    baseline_value: float | None
    baseline_year: int | None
    baseline_area: str
    baseline_source: str
    newest_value: float | None = None
    newest_year: int | None = None
    newest_source: str = ""
    note: str = ""  # why there is no newer value: NO_NEWER, or the territory / data reason
    baseline_area_name: str = ""  # how the room knows the territory; the code is for machines

    @property
    def baseline_text(self) -> str:
        """'55,3 % (2020)'."""
        return f"{self.indicator.fmt(self.baseline_value)} ({self.baseline_year})"

    @property
    def newest_text(self) -> str:
        """'51,0 % (2024)', or the reason there is none."""
        if self.newest_value is None:
            return self.note or NO_NEWER
        return f"{self.indicator.fmt(self.newest_value)} ({self.newest_year})"

    @property
    def line(self) -> str:
        """One sentence an adviser can read aloud."""
        area = self.baseline_area_name or self.baseline_area
        where = f" in {area}" if area else ""
        return (
            f"{self.indicator.label}{where}: bij de start {self.baseline_text}; nu "
            f"{self.newest_text}."
        )


def _codebook() -> Any:
    from wijktools.opendata.codebook import codebook

    return codebook()


def _row(book: Any, key: str, age: str) -> Indicator:
    meta = book.loc[(key, age)]
    decimals = meta["decimals"]
    return Indicator(
        key=key,
        age_group=age,
        label=str(meta["label"]),
        unit=str(meta["unit"]),
        decimals=int(decimals) if decimals == decimals and decimals is not None else 1,
        source=str(meta["source"]),
        direction=str(meta["direction"]),
    )


def parse(text: str) -> Indicator:
    """'Eenzaam|65+', 'Eenzaam (65+)' or 'AantalInwoners' to its codebook row, or a Dutch error."""
    raw = str(text or "").strip()
    if not raw:
        raise ValidationError("Geef een indicator op, bijv. 'Eenzaam|65+' of 'AantalInwoners'.")
    key, age = raw, ""
    if "|" in raw:
        key, age = (p.strip() for p in raw.split("|", 1))
    elif raw.endswith(")") and "(" in raw:
        key, age = raw[:-1].split("(", 1)
        key, age = key.strip(), age.strip()
    try:
        book = _codebook()
    except WijktoolsError as exc:
        raise DataMissingError(
            f"De indicator '{raw}' kan niet worden gecontroleerd: het codeboek van de open data "
            f"ontbreekt ({exc})."
        ) from exc
    folded = {(str(k).casefold(), str(a).casefold()): (str(k), str(a)) for k, a in book.index}
    hit = folded.get((key.casefold(), age.casefold()))
    if hit:
        return _row(book, *hit)
    ages = sorted(a for (k, a) in folded.values() if k.casefold() == key.casefold() and a)
    if ages and not age:
        name = next(k for (k, _) in folded.values() if k.casefold() == key.casefold())
        options = " of ".join(f"'{name}|{a}'" for a in ages)
        raise ValidationError(f"De indicator '{raw}' bestaat per leeftijdsgroep; kies {options}.")
    near = sorted(
        {f"{k}|{a}" if a else k for (k, a) in folded.values() if key.casefold() in k.casefold()}
    )[:5]
    hint = f" Bedoelt u {', '.join(repr(n) for n in near)}?" if near else ""
    raise ValidationError(
        f"De indicator '{raw}' staat niet in het codeboek van het wijkprofiel.{hint} Gebruik de "
        "sleutel zoals in profiel.json ('key'), met '|leeftijdsgroep' voor RIVM-cijfers."
    )


def session_area(session: Any) -> Any:
    """The Area of a session row or Session: a CBS area, or a kern from its member codes."""
    from wijktools.opendata import areas

    if isinstance(session, dict):
        codes = json.loads(session["kern_codes"]) if session.get("kern_codes") else []
        code, name = session["area_code"], session.get("area_name") or session["name"]
    else:
        codes, code, name = list(session.kern_codes), session.area_code, session.area_name
    if codes:
        return areas.kern(name or code, codes)
    return areas.lookup(code)


def area_label(area: Any) -> str:
    """'Wijk 13 Assendorp (WK019313)', or for a kern 'Sint Pancras (BU19800501, BU19800502)'.

    A kern's code (KERN-sint-pancras) is made up by wijktools; nobody in the room knows it.
    """
    codes = list(area.members) if area.is_kern else [area.code]
    return f"{area.name} ({', '.join(codes)})"


def _series(area: Any, ind: Indicator) -> list[tuple[int, float, str]]:
    """(year, value, table) of one key for one territory, oldest first."""
    from wijktools.opendata import indicators

    rows = indicators.for_area(area)
    rows = rows[(rows["key"] == ind.key) & (rows["age_group"] == ind.age_group)]
    rows = rows.dropna(subset=["value"]).sort_values("year")
    return [
        (int(y), float(v), str(t))
        for y, v, t in zip(rows["year"], rows["value"], rows["table"], strict=True)
    ]


def baseline(session: Any, text: str) -> dict[str, Any]:
    """The store fields of a link: the codebook key and the value the profile shows now."""
    ind = parse(text)
    from wijktools.opendata import indicators

    area = session_area(session)
    series = _series(area, ind)
    if not series:
        reason = indicators.missing_reason(area, ind.key, ind.age_group)
        raise ValidationError(
            f"De indicator '{ind.label}' heeft geen waarde voor {area.name} ({reason}); zonder "
            "nulmeting is later niet te zien of er iets veranderd is. Kies een andere indicator."
        )
    year, value, table = series[-1]
    return {
        "indicator_key": ind.key,
        "indicator_age_group": ind.age_group,
        "baseline_value": value,
        "baseline_year": year,
        "baseline_area": area.code,
        "baseline_members": json.dumps(list(area.members)) if area.is_kern else None,
        "baseline_source": f"{ind.source} ({table})" if table else ind.source,
    }


# The afspraak columns that hold the linked indicator and its baseline.
LINK_COLUMNS = (
    "indicator_key",
    "indicator_age_group",
    "baseline_value",
    "baseline_year",
    "baseline_area",
    "baseline_members",
    "baseline_source",
)
CLEARED = dict.fromkeys(LINK_COLUMNS)


def effect(afspraak: dict[str, Any], session: Any) -> Effect | None:
    """Baseline against the newest value of the same key for the same territory; None without a link."""
    if not afspraak.get("indicator_key"):
        return None
    key, age = afspraak["indicator_key"], afspraak.get("indicator_age_group") or ""
    try:
        ind = _row(_codebook(), key, age)
    except (KeyError, WijktoolsError):
        ind = Indicator(key, age, f"{key} ({age})" if age else key, "", 1, "", "neutraal")
    out = Effect(
        indicator=ind,
        baseline_value=afspraak.get("baseline_value"),
        baseline_year=afspraak.get("baseline_year"),
        baseline_area=afspraak.get("baseline_area") or "",
        baseline_source=afspraak.get("baseline_source") or "",
    )
    members = json.loads(afspraak["baseline_members"]) if afspraak.get("baseline_members") else []
    try:
        area = session_area(session)
    except WijktoolsError as exc:
        return _with(out, note=f"geen vergelijking: de open data van dit gebied ontbreekt ({exc})")
    # The territory rule: only the same code (and for a kern the same members) is compared.
    if area.code != out.baseline_area or sorted(area.members) != sorted(members):
        then = f"{out.baseline_area} ({', '.join(members)})" if members else out.baseline_area
        return _with(
            out,
            note=f"geen vergelijking: de nulmeting gaat over {then}, deze sessie over "
            f"{area_label(area)}",
        )
    out = _with(out, baseline_area_name=area_label(area))
    try:
        series = _series(area, ind)
    except WijktoolsError as exc:
        return _with(out, note=f"geen vergelijking: {exc}")
    base_year = int(out.baseline_year or 0)
    newer = [s for s in series if s[0] > base_year]
    if not newer:
        return _with(out, note=NO_NEWER)
    year, value, table = newer[-1]
    from wijktools.opendata.redrawn import redrawn_between

    redrawn = redrawn_between(list(area.members or (area.code,)), base_year, year)
    if redrawn:
        code, when = redrawn[0]
        return _with(
            out,
            note=f"geen vergelijking: CBS meldt voor {code} in {when} een gewijzigde code of "
            f"afbakening; het cijfer van {year} gaat over een ander gebied dan de nulmeting",
        )
    return _with(
        out,
        newest_value=value,
        newest_year=year,
        newest_source=f"{ind.source} ({table})" if table else ind.source,
    )


def _with(effect: Effect, **changes: Any) -> Effect:
    from dataclasses import replace

    return replace(effect, **changes)
