"""Fetch fresh CBS open data (OData v3 via cbsodata) into data/raw, atomically and with its source note."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import cbsodata
import pandas as pd
import requests

from wijktools.errors import FetchError, ValidationError
from wijktools.paths import raw_dir, write_text_atomic

TABLE_ID = re.compile(r"^\d{5}[A-Z]{3}$")
KWB_TITLE = "kerncijfers wijken en buurten"


def folder_for(table_id: str, info: dict[str, object], root: Path) -> Path:
    """KWB tables land where the indicator loader looks (cbs-kwb-<jaar>-<tabel>); others beside them."""
    title = str(info.get("Title", "")).lower()
    period = re.sub(r"\D", "", str(info.get("Period", "")))[:4]
    if KWB_TITLE in title and period:
        return root / f"cbs-kwb-{period}-{table_id}"
    return root / f"cbs-{table_id}"


def _download(table_id: str) -> dict[str, list[dict[str, object]]]:
    """All metadata tables plus the typed data set, paged by cbsodata."""
    try:
        # cbsodata 1.3.5 removes the requested set from its list and downloads the other one, so
        # typed=False yields TypedDataSet; _rows_of accepts whichever set arrives.
        return cbsodata.download_data(table_id, typed=False)
    except requests.HTTPError as exc:
        raise FetchError(
            f"CBS kent tabel '{table_id}' niet of gaf een fout ({exc}). Controleer het tabelnummer "
            "op https://opendata.cbs.nl (bijvoorbeeld 85984NED voor Kerncijfers wijken en buurten 2024)."
        ) from exc
    except (requests.ConnectionError, requests.Timeout) as exc:
        raise FetchError(
            "Geen verbinding met het CBS (opendata.cbs.nl). Probeer het later opnieuw met internet; "
            "tot die tijd werkt wijktools met de meegeleverde data."
        ) from exc


def _rows_of(raw: dict[str, list[dict[str, object]]]) -> list[dict[str, object]]:
    """The data rows, typed where CBS sent them typed."""
    return raw.get("TypedDataSet") or raw.get("UntypedDataSet") or []


def _data_frame(raw: dict[str, list[dict[str, object]]]) -> pd.DataFrame:
    """Typed rows with stripped codes and the region title beside the code (join on the code)."""
    frame = pd.DataFrame.from_records(_rows_of(raw))
    titles = {
        str(r["Key"]).strip(): str(r["Title"]).strip() for r in raw.get("WijkenEnBuurten", [])
    }
    for column in frame.columns:
        if frame[column].dtype == object or str(frame[column].dtype).startswith("str"):
            frame[column] = frame[column].astype("string").str.strip()
    if "WijkenEnBuurten" in frame:
        frame["Naam_gebied"] = frame["WijkenEnBuurten"].map(titles)
    return frame


def source_note(table_id: str, info: dict[str, object], fetched: dt.datetime, rows: int) -> str:
    """The SOURCE note every folder in data/raw carries: what, from where, when, licence."""
    return (
        f"# CBS {info.get('Title', table_id)} ({table_id})\n\n"
        f"Opgehaald met `wijktools data ophalen {table_id}` op {fetched:%Y-%m-%d %H:%M} UTC\n"
        f"via de CBS OData-API (cbsodata; https://opendata.cbs.nl/ODataFeed/odata/{table_id}/).\n\n"
        f"- Tabel: {table_id}, periode {info.get('Period', '?')}, laatst gewijzigd bij CBS {info.get('Modified', '?')}\n"
        f"- Regels: {rows}\n"
        "- Bestanden: `kerncijfers_data.csv` (TypedDataSet met de StatLine-sleutels, plus `Naam_gebied`),\n"
        "  `kerncijfers_meta.csv` (DataProperties: sleutel, titel, eenheid), `TableInfos.json`-velden hierboven.\n\n"
        "Bron: CBS, StatLine. Licentie: CC BY 4.0 (vermeld de bron bij hergebruik).\n"
    )


def fetch(table_id: str, root: Path | None = None) -> Path:
    """Download one CBS table; files are written only after the whole download succeeded."""
    table_id = table_id.strip().upper()
    if not TABLE_ID.match(table_id):
        raise ValidationError(
            f"'{table_id}' is geen CBS-tabelnummer (vijf cijfers en drie letters, bijvoorbeeld 85984NED)."
        )
    raw = _download(table_id)
    infos = raw.get("TableInfos") or [{}]
    info = infos[0]
    if not _rows_of(raw):
        raise FetchError(
            f"CBS gaf voor tabel '{table_id}' geen gegevens terug; er is niets opgeslagen."
        )
    frame = _data_frame(raw)
    meta = pd.DataFrame.from_records(raw.get("DataProperties", []))
    folder = folder_for(table_id, info, root or raw_dir())
    folder.mkdir(parents=True, exist_ok=True)
    fetched = dt.datetime.now(dt.UTC)
    write_text_atomic(folder / "kerncijfers_data.csv", frame.to_csv(index=False))
    write_text_atomic(folder / "kerncijfers_meta.csv", meta.to_csv(index=False))
    write_text_atomic(
        folder / "SOURCE-opgehaald.md", source_note(table_id, info, fetched, len(frame))
    )
    return folder
