"""The session's outcome as plain data: computed once here, laid out by every renderer in wijktools.render."""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from wijktools import nl

if TYPE_CHECKING:
    from wijktools.profile.model import Profile

Cell = str | int | float | None

CONTACT_FIELDS = ("contactpersoon", "telefoon", "email")
CONTACT_LABELS = "contactpersoon, telefoon en e-mail"
LICENCE = "CC BY 4.0"
MIN_GROUP = 5  # survey groups with fewer respondents are never shown

_C0 = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def clean(value: object) -> str:
    """User text without C0 control characters: Word and PowerPoint refuse them."""
    if value is None:
        return ""
    return _C0.sub("", str(value))


def contact_statement(included: bool) -> str:
    """The Dutch sentence every export shows on its first page or sheet."""
    if included:
        return (
            f"Dit document bevat contactgegevens van personen ({CONTACT_LABELS}). "
            "Deel het alleen met de betrokken praktijken en ketenpartners."
        )
    return (
        f"Dit document bevat geen contactgegevens van personen ({CONTACT_LABELS}); "
        "organisatie, adres, website en voorkeur voor contact staan er wel in."
    )


@dataclass
class Meta:
    """Who, where and when: every export states session, area and date."""

    session_id: int
    session_name: str
    area_code: str
    area_name: str
    dates: list[str]
    facilitator: str
    kind: str
    generated: str  # ISO date
    met_contactgegevens: bool = False
    members: list[str] = field(default_factory=list)  # a kern's wijken/buurten: 'Naam (CODE)'

    @property
    def contact_statement(self) -> str:
        """Dutch sentence saying whether contact details are included."""
        return contact_statement(self.met_contactgegevens)

    @property
    def is_kern(self) -> bool:
        """A kern has a name and members, no CBS code of its own."""
        return bool(self.members) or self.area_code.startswith("KERN-")

    @property
    def area_label(self) -> str:
        """Name with the CBS code, as advisers know both; a kern by its name only."""
        if self.is_kern:
            return self.area_name
        if self.area_name and self.area_name != self.area_code:
            return f"{self.area_name} ({self.area_code})"
        return self.area_code

    @property
    def members_label(self) -> str:
        """'Bestaat uit: Borculo Centrum (BU18590000), …' for a kern; empty otherwise."""
        return f"Bestaat uit: {', '.join(self.members)}" if self.members else ""

    @property
    def dates_label(self) -> str:
        """Session dates in Dutch, e.g. '12 maart 2026'."""
        return ", ".join(dutch_date(d) for d in self.dates) or "geen datum vastgelegd"

    @property
    def generated_label(self) -> str:
        """Date the document was made, in Dutch."""
        return dutch_date(self.generated)


@dataclass
class KeyFigure:
    """One number with its label, ready to print."""

    label: str
    value: str
    note: str = ""


@dataclass
class Table:
    """Header plus rows of plain strings/numbers; renderers decide the look."""

    name: str
    title: str
    header: list[str]
    rows: list[list[Cell]]
    caption: str = ""
    # Column label -> the same column as real dates, so a spreadsheet can sort and filter them.
    dates: dict[str, list[dt.date | None]] = field(default_factory=dict)
    # Column label -> the same column as numbers (FTE shown as '2,4'), so a spreadsheet can sum them.
    numbers: dict[str, list[float | None]] = field(default_factory=dict)

    def column(self, label: str) -> list[Cell]:
        """All values of one column, by header label."""
        index = self.header.index(label)
        return [row[index] for row in self.rows]


@dataclass
class Figure:
    """A figure rendered once per kind of output; every format embeds the same bytes.

    `svg` is the same figure written directly as SVG (the wijkprofiel's figures): the HTML report
    and the PDF embed it as vectors, Word the PNG.
    """

    name: str
    png: bytes
    caption: str
    source: str = ""
    svg: bytes = b""


@dataclass
class TextBlock:
    """A paragraph of text, optionally under its own small heading."""

    text: str
    title: str = ""


@dataclass
class Section:
    """One chapter of the report; a missing source leaves only a Dutch note."""

    key: str
    title: str
    intro: str = ""
    key_figures: list[KeyFigure] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)
    figures: list[Figure] = field(default_factory=list)
    texts: list[TextBlock] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def table(self, name: str) -> Table | None:
        """A table of this section by name, if present."""
        return next((t for t in self.tables if t.name == name), None)

    def figure(self, name: str) -> Figure | None:
        """A figure of this section by name, if present."""
        return next((f for f in self.figures if f.name == name), None)


@dataclass
class Attribution:
    """CC BY 4.0 asks for source, table and year beside every use of CBS/RIVM data."""

    source: str
    table: str
    year: str
    licence: str = LICENCE

    @property
    def line(self) -> str:
        """One printable line."""
        if not self.table and not self.year:
            return self.source  # a complete line as the profile writes it
        year = f" {self.year}" if self.year else ""
        return f"{self.source}, {self.table}{year}; licentie {self.licence}"


@dataclass
class Chart:
    """Bar chart data for a native PowerPoint chart: categories, and per series a name and values."""

    kind: str  # "bar" (horizontal, grouped), "column_stacked"
    categories: list[str]
    series: list[tuple[str, list[float | None]]]
    number_format: str = "0"  # Excel number format of the data labels
    axis_title: str = ""
    colours: list[str] = field(default_factory=list)  # hex per series, house palette
    point_labels: list[str] = field(default_factory=list)  # per category, on a stacked total


@dataclass
class Slide:
    """One slide of both decks (PowerPoint and reveal.js): what it says, never how it looks.

    `kind` says which content field is filled: title, figures (key figures), chart (native chart,
    `svg` for reveal.js), picture (`png`, both decks), table, bullets. `svg` and `png` are drawn at
    slide size (16:9) by the same figure function as the report's figure, each figure once. `notes`
    are the speaker notes: source and, where one applies, the rule behind a number.
    """

    key: str
    title: str
    kind: str
    subtitle: str = ""
    key_figures: list[KeyFigure] = field(default_factory=list)
    chart: Chart | None = None
    png: bytes = b""
    svg: bytes = b""  # a chart slide's figure for reveal.js (PowerPoint draws the native chart)
    alt: str = ""
    table: Table | None = None
    bullets: list[str] = field(default_factory=list)
    source: str = ""
    notes: list[str] = field(default_factory=list)


@dataclass
class Report:
    """Everything an export shows; renderers only lay this out."""

    meta: Meta
    sections: list[Section] = field(default_factory=list)
    attribution: list[Attribution] = field(default_factory=list)
    sociale_kaart: Table | None = None
    next_steps: list[str] = field(default_factory=list)
    slides: list[Slide] = field(default_factory=list)  # the deck, in order (wijktools.report.deck)
    # The Profile the profiel section was made from: Word, the one format without SVG, draws the
    # PNG of those figures from it when it is rendered (render.docx), and only then.
    profile: Profile | None = None

    @property
    def title(self) -> str:
        """Document title: the session's name."""
        return self.meta.session_name

    @property
    def subtitle(self) -> str:
        """Area and session dates under the title."""
        return f"{self.meta.area_label} · {self.meta.dates_label}"

    def section(self, key: str) -> Section | None:
        """A section by key ('profiel', 'knelpunten', ...), if present."""
        return next((s for s in self.sections if s.key == key), None)

    @property
    def key_figures(self) -> list[KeyFigure]:
        """The profile's headline numbers, for the slides."""
        profile = self.section("profiel")
        return profile.key_figures if profile else []

    @property
    def attribution_lines(self) -> list[str]:
        """Attribution as lines; says so when no open data was used."""
        if not self.attribution:
            return ["In dit document zijn geen open data van CBS of RIVM gebruikt."]
        return [a.line for a in self.attribution]

    def find_table(self, name: str) -> Table | None:
        """A table by name across sections."""
        return next((t for s in self.sections for t in s.tables if t.name == name), None)

    def find_figure(self, name: str) -> Figure | None:
        """A figure by name across sections."""
        return next((f for s in self.sections for f in s.figures if f.name == name), None)


def dutch_date(value: str | dt.date | None) -> str:
    """ISO date → '12 maart 2026'; anything else is shown as given (wijktools.nl.date)."""
    return nl.date(value)


def as_dict(obj: object) -> dict[str, Any] | None:
    """Accept a Profile/survey result object or its dict/JSON form."""
    if obj is None:
        return None
    if isinstance(obj, Mapping):
        return dict(obj)
    for method in ("to_dict", "to_json"):
        if hasattr(obj, method):
            value = getattr(obj, method)()
            return json.loads(value) if isinstance(value, str | bytes) else dict(value)
    if isinstance(obj, str | bytes):
        return json.loads(obj)
    raise TypeError(f"cannot read {type(obj).__name__} as a dict")


def chunks(items: list[Any], size: int) -> list[list[Any]]:
    """Split into parts of at most `size`, as even as possible (9 → 5 + 4, not 5 + 4 + 0)."""
    if not items:
        return []
    parts = -(-len(items) // size)
    per = -(-len(items) // parts)
    return [items[i : i + per] for i in range(0, len(items), per)]


def numbered(title: str, index: int, total: int) -> str:
    """'Samenwerkingsafspraken (1/2)' when a topic needs more than one slide."""
    return f"{title} ({index}/{total})" if total > 1 else title
