"""Read a survey export (.xlsx/.csv from Forms, Google Forms, LimeSurvey or a typed paper list): all or nothing."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

import pandas as pd

from wijktools.errors import DataFileError, DataFileErrors
from wijktools.sheets import read as sheets
from wijktools.survey.infer import (
    COMPLETION_HEADERS,
    best_scale,
    infer_type,
    is_metadata,
    parse_number,
    split_multiple,
)
from wijktools.survey.mapping import load_mapping
from wijktools.survey.model import (
    DISCIPLINE,
    IGNORE,
    LIKERT,
    MULTIPLE,
    NO_OPINION,
    NUMBER,
    SCALES,
    SINGLE,
    Question,
    Survey,
    level_of,
    norm,
)

if TYPE_CHECKING:
    import pandera.pandas as pa


def _read_rows(path: Path) -> list[tuple[int, list[str | None]]]:
    """Rows of the data sheet through the one shared reader; empty cells as None."""
    if path.is_file() and path.suffix.lower() not in {".xlsx", ".xlsm", ".csv", ".txt", ".xls"}:
        raise DataFileError(
            str(path),
            f"bestandstype '{path.suffix or '(geen)'}' wordt niet ondersteund; exporteer de enquête "
            "als .xlsx of .csv (Microsoft Forms: 'Openen in Excel'; Google Forms: "
            "'Downloaden (.csv)').",
        )
    data = sheets.read_sheet(path)
    return [(data.header_row, [v or None for v in data.header])] + [
        (n, [v or None for v in values]) for n, values in data.rows
    ]


def _table(path: Path) -> tuple[int, list[str], pd.DataFrame]:
    """Header row number, unique headers and answers as text (index = Excel row number)."""
    rows = [(n, r) for n, r in _read_rows(path) if any(v is not None for v in r)]
    if not rows:
        raise DataFileError(
            str(path), "het bestand is leeg; exporteer de enquête opnieuw met de antwoorden erin."
        )
    from openpyxl.utils import get_column_letter

    header_row, header = rows[0]
    body = rows[1:]
    width = max(len(r) for _, r in rows)
    headers: list[str] = []
    for i in range(width):
        name = header[i] if i < len(header) and header[i] else f"kolom {get_column_letter(i + 1)}"
        headers.append(name)
    if not body:
        raise DataFileError(
            str(path),
            "het bestand bevat alleen kolomkoppen en geen antwoorden; exporteer opnieuw nadat "
            "respondenten de enquête hebben ingevuld.",
            row=header_row + 1,
        )
    data = pd.DataFrame(
        [r + [None] * (width - len(r)) for _, r in body],
        columns=headers,
        index=pd.Index([n for n, _ in body], name="rij"),
        dtype=object,
    )
    empty_headers = [h for h in headers if h.startswith("kolom ") and data[h].isna().all()]
    return (
        header_row,
        [h for h in headers if h not in empty_headers],
        data.drop(columns=empty_headers),
    )


def _survey_date(path: Path, data: pd.DataFrame, headers: list[str]) -> date:
    """The survey date is the last completion date; the file date when the export has none."""
    for header in headers:
        if norm(header) in COMPLETION_HEADERS:
            # Excel cells arrive as ISO text, Google writes '2026/10/01 10:01:00 AM GMT+2',
            # typed CSV dates are Dutch (day first). Only the date is used.
            values = (
                data[header].dropna().astype(str).str.replace(r"\s*(GMT|UTC)\S*$", "", regex=True)
            )
            # Decide per value: one unparseable or ISO value must not flip the others' order.
            year_first = values.str.match(r"\d{4}[-/]\d{1,2}[-/]\d{1,2}")
            stamps = pd.concat(
                [
                    pd.to_datetime(values[year_first], errors="coerce", format="mixed"),
                    pd.to_datetime(
                        values[~year_first], errors="coerce", format="mixed", dayfirst=True
                    ),
                ]
            )
            if stamps.notna().any():
                return stamps.max().date()
    return date.fromtimestamp(path.stat().st_mtime)


def _validate(path: Path, frame: pd.DataFrame, questions: list[Question]) -> list[DataFileError]:
    """Likert answers on their scale and numbers numeric; every bad cell reported at once (pandera)."""
    import pandera.pandas as pa  # only when a file is read: an export of a kept survey skips it

    checks: dict[str, pa.Column] = {}
    for q in questions:
        if q.type == LIKERT:
            scale = SCALES[q.scale or "cijfer"]
            allowed = {v for variants in scale["variants"] for v in variants} | NO_OPINION
            allowed |= {"1", "2", "3", "4", "5"}
            checks[q.column] = pa.Column(
                checks=pa.Check(
                    lambda s, allowed=allowed: (
                        s.map(norm).str.replace(r"\.0+$", "", regex=True).isin(allowed)
                    ),
                    element_wise=False,
                    error="likert",
                ),
                nullable=True,
            )
        elif q.type == NUMBER:
            checks[q.column] = pa.Column(
                checks=pa.Check(lambda s: s.map(parse_number).notna(), error="getal"),
                nullable=True,
            )
    if not checks:
        return []
    try:
        pa.DataFrameSchema(checks).validate(frame[list(checks)], lazy=True)
    except pa.errors.SchemaErrors as exc:
        problems = []
        cases = exc.failure_cases.dropna(subset=["index"])
        for case in cases.itertuples():
            q = next(q for q in questions if q.column == case.column)
            if q.type == LIKERT:
                labels = SCALES[q.scale or "cijfer"]["labels"]
                hint = (
                    f"het antwoord '{case.failure_case}' valt buiten de schaal "
                    f"({' / '.join(labels)}, of 1 tot en met 5); verbeter het antwoord of maak de "
                    "cel leeg (telt dan als niet beantwoord)."
                )
            else:
                hint = (
                    f"'{str(case.failure_case)[:40]}' is geen getal (of groter dan een biljoen); "
                    "typ alleen een getal of maak de cel leeg."
                )
            problems.append(DataFileError(str(path), hint, row=int(case.index), column=case.column))
        return sorted(problems, key=lambda p: (p.row or 0, p.column or ""))
    return []


def _convert(q: Question, values: pd.Series) -> pd.Series:
    """Text answers to analysable values; options ordered by how often they were chosen."""
    present = values.dropna()
    if q.type == LIKERT:
        return values.map(
            lambda v: (
                pd.NA if v is None or norm(v) in NO_OPINION else level_of(v, q.scale or "cijfer")
            )
        ).astype("Int64")
    if q.type == NUMBER:
        return values.map(lambda v: pd.NA if v is None else parse_number(v)).astype("Float64")
    if q.type == MULTIPLE:
        lists = values.map(lambda v: split_multiple(v) if v is not None else None)
        counts = pd.Series([o for items in lists.dropna() for o in items]).value_counts()
        q.options = list(counts.index)
        return lists
    if q.type in (SINGLE, DISCIPLINE):
        # Same answer typed with other capitals ("Huisarts"/"huisarts") is one option.
        spelling = present.groupby(present.map(norm)).agg(lambda s: s.value_counts().index[0])
        converted = values.map(lambda v: None if v is None else spelling[norm(v)])
        q.options = list(converted.dropna().value_counts().index)
        return converted
    return values


def read(path: str | Path, mapping: str | Path | None = None) -> Survey:
    """Read an export; raises a Dutch DataFileError(s) and keeps nothing when anything is wrong."""
    path = Path(path)
    spec = load_mapping(mapping) if mapping is not None else None
    header_row, headers, data = _table(path)
    by_norm = {norm(h): h for h in headers}
    problems: list[DataFileError] = []
    mapped: dict[str, str] = {}
    if spec is not None:
        for header, qtype in spec.columns.items():
            found = by_norm.get(norm(header))
            if found is None:
                what = (
                    "de mapping zegt dat deze kolom de discipline van de respondent bevat, maar "
                    "het bestand heeft geen kolom met die kop"
                    if qtype == DISCIPLINE
                    else "deze kolom uit de mapping staat niet in het bestand"
                )
                problems.append(
                    DataFileError(
                        str(path),
                        f"{what}. Pas de kolomkop in rij {header_row} of de mapping "
                        f"'{spec.path.name}' aan. Kolommen in het bestand: {', '.join(headers)}.",
                        row=header_row,
                        column=header,
                    )
                )
            else:
                mapped[found] = qtype
    questions: list[Question] = []
    dropped: list[str] = []
    discipline = next((h for h, t in mapped.items() if t == DISCIPLINE), None)
    for header in headers:
        values = [v for v in data[header] if v is not None]
        if is_metadata(header) or mapped.get(header) == IGNORE:
            dropped.append(header)
            continue
        if header in mapped:
            qtype = mapped[header]
            scale = best_scale(values) if qtype == LIKERT else None
        else:
            qtype, scale = infer_type(header, values)
            if qtype == DISCIPLINE and (discipline is not None and discipline != header):
                qtype, scale = infer_type("", values)
            if qtype == DISCIPLINE:
                discipline = header
        questions.append(Question(header, qtype, scale))
    kept = [q.column for q in questions]
    problems += _validate(path, data, questions)
    if problems:
        raise problems[0] if len(problems) == 1 else DataFileErrors(str(path), problems)
    datum = _survey_date(path, data, headers)
    answers = data[kept].dropna(how="all")
    if answers.empty:
        raise DataFileError(
            str(path),
            "geen enkele respondent heeft een vraag beantwoord (alleen metagegevens zoals tijd en "
            "naam); controleer of u de juiste export heeft.",
        )
    frame = pd.DataFrame(
        {q.column: _convert(q, answers[q.column]) for q in questions}, index=answers.index
    )
    keywords = spec.keywords if spec is not None else None
    return Survey(path, datum, questions, frame, discipline, keywords, dropped)
