"""Fetch fresh CBS and RIVM open data (OData v3 via cbsodata) into data/raw, atomically, with a source note."""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import shutil
import tempfile
from pathlib import Path

import cbsodata
import pandas as pd
import requests

from wijktools.errors import FetchError, ValidationError
from wijktools.opendata import rivm
from wijktools.paths import raw_dir, write_text_atomic

TABLE_ID = re.compile(r"^\d{5}[A-Z]{3}$")
KWB_TITLE = "kerncijfers wijken en buurten"
# RIVM publishes through the CBS catalogue for third parties ("dataderden"), not opendata.cbs.nl.
DATADERDEN = "dataderden.cbs.nl"
RIVM_TABLES = {"50120NED": DATADERDEN}  # Gezondheid per wijk en buurt; 2012-2022 (indeling 2022)
DEFAULT_TABLE = "50120NED"  # `wijktools data ophalen` without a table: the newest RIVM edition


def folder_for(table_id: str, info: dict[str, object], root: Path) -> Path:
    """KWB tables land where the indicator loader looks (cbs-kwb-<jaar>-<tabel>); others beside them."""
    title = str(info.get("Title", "")).lower()
    period = re.sub(r"\D", "", str(info.get("Period", "")))[:4]
    if KWB_TITLE in title and period:
        return root / f"cbs-kwb-{period}-{table_id}"
    return root / f"cbs-{table_id}"


def _download(
    table_id: str, catalog: str | None = None, filters: str | None = None
) -> dict[str, list[dict[str, object]]]:
    """All metadata tables plus the typed data set, paged by cbsodata."""
    try:
        # cbsodata 1.3.5 removes the requested set from its list and downloads the other one, so
        # typed=False yields TypedDataSet; _rows_of accepts whichever set arrives.
        return cbsodata.download_data(table_id, typed=False, catalog_url=catalog, filters=filters)
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


def fetch(table_id: str | None = None, root: Path | None = None) -> Path:
    """Download one CBS or RIVM table; files are written only after the whole download succeeded."""
    table_id = (table_id or DEFAULT_TABLE).strip().upper()
    if not TABLE_ID.match(table_id):
        raise ValidationError(
            f"'{table_id}' is geen CBS-tabelnummer (vijf cijfers en drie letters, bijvoorbeeld 85984NED)."
        )
    if table_id in RIVM_TABLES:
        return fetch_rivm(table_id, root)
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


def _periods(table_id: str, catalog: str) -> list[str]:
    """The period keys of a table, oldest first (one request per period keeps memory small)."""
    try:
        found = cbsodata.get_meta(table_id, "Perioden", catalog_url=catalog)
    except requests.HTTPError as exc:
        raise FetchError(
            f"{catalog} kent tabel '{table_id}' niet of gaf een fout ({exc}); er is niets opgeslagen."
        ) from exc
    except (requests.ConnectionError, requests.Timeout) as exc:
        raise FetchError(_offline_rivm(catalog)) from exc
    return sorted(str(p["Key"]).strip() for p in found)


def _offline_rivm(catalog: str) -> str:
    return (
        f"Geen verbinding met {catalog} (RIVM-cijfers via het CBS). Probeer het later opnieuw met "
        "internet; tot die tijd gebruikt wijktools de RIVM-cijfers die er al zijn "
        "(meegeleverd: 50090NED, 2012, 2016 en 2020)."
    )


def _rivm_frame(raw: dict[str, list[dict[str, object]]]) -> pd.DataFrame:
    """Typed rows of one period with stripped codes (StatLine pads keys and names)."""
    frame = pd.DataFrame.from_records(_rows_of(raw))
    for column in (
        "Leeftijd",
        "Marges",
        "WijkenEnBuurten",
        "Perioden",
        "Gemeentenaam_1",
        "SoortRegio_2",
        "Codering_3",
    ):
        if column in frame:
            frame[column] = frame[column].astype("string").str.strip()
    return frame


def _division(properties: list[dict[str, object]], info: dict[str, object]) -> int:
    """The CBS regional division of the codes: MapYear of the region dimension, else '(indeling N)'."""
    for prop in properties:
        if prop.get("Key") == "WijkenEnBuurten" and prop.get("MapYear"):
            return int(str(prop["MapYear"]))
    match = re.search(r"indeling (\d{4})", str(info.get("Title", "")))
    if match:
        return int(match.group(1))
    raise FetchError(
        f"De tabel {info.get('Identifier', '?')} noemt geen regionale indeling (MapYear); "
        "er is niets opgeslagen."
    )


def rivm_source_note(
    table_id: str,
    info: dict[str, object],
    fetched: dt.datetime,
    rows: int,
    division: int,
    periods: list[str],
    margins: bool,
) -> str:
    """The SOURCE note of a fetched RIVM edition: what, from where, when, licence, attribution."""
    years = ", ".join(p[:4] for p in periods)
    interval = (
        "Per cijfer ook de ondergrens en bovengrens van het 95 %-interval (Marges MOG0095/MBG0095)."
        if margins
        else "Deze tabel heeft geen 95 %-intervallen."
    )
    return (
        f"# RIVM {info.get('Title', table_id)} ({table_id})\n\n"
        f"Opgehaald met `wijktools data ophalen {table_id}` op {fetched:%Y-%m-%d %H:%M} UTC\n"
        f"via de OData-API van het CBS voor derden (cbsodata; "
        f"https://{DATADERDEN}/ODataFeed/odata/{table_id}/), catalogus {info.get('Catalog', 'RIVM')}.\n\n"
        f"- Tabel: {table_id}, perioden {years}, regionale indeling {division}, "
        f"laatst gewijzigd {info.get('Modified', '?')}\n"
        f"- Regels: {rows} (alle leeftijdsgroepen en marges)\n"
        f"- {interval}\n"
        f"- Bestanden: `rivm_{table_id}.parquet` (TypedDataSet, sleutels zonder opvulspaties),\n"
        f"  `rivm_{table_id}_meta.csv` (DataProperties), `rivm_{table_id}_tabel.json` (TableInfos,\n"
        "  dimensies Leeftijd/Marges/Perioden, indeling).\n"
        "- In het profiel: alleen de jaren die nog niet in een oudere editie staan; gebieden alleen\n"
        f"  waar de code van indeling {division} aantoonbaar hetzelfde gebied is als in 2024\n"
        "  (docs/gebiedskoppeling.md).\n\n"
        "Bron: RIVM, Gezondheid per wijk en buurt (schattingen op basis van de Gezondheidsmonitor\n"
        "Volwassenen en Ouderen van GGD'en, CBS en RIVM), via CBS StatLine.\n"
        "Licentie: CC BY 4.0 (vermeld de bron: RIVM).\n"
    )


def fetch_rivm(table_id: str, root: Path | None = None) -> Path:
    """Download an RIVM table from dataderden, period by period; replace the folder only when complete."""
    catalog = RIVM_TABLES[table_id]
    periods = _periods(table_id, catalog)
    frames, raw = [], {}
    for period in periods:
        try:
            raw = _download(table_id, catalog, filters=f"Perioden eq '{period}'")
        except FetchError as exc:
            if "Geen verbinding" in str(exc):
                raise FetchError(_offline_rivm(catalog)) from exc
            raise
        frame = _rivm_frame(raw)
        if not frame.empty:
            frames.append(frame)
    info = (raw.get("TableInfos") or [{}])[0]
    if not frames:
        raise FetchError(
            f"{catalog} gaf voor tabel '{table_id}' geen gegevens; er is niets opgeslagen."
        )
    data = pd.concat(frames, ignore_index=True)
    marges = {str(m.get("Key", "")).strip() for m in raw.get("Marges", [])}
    margins = {rivm.LOWER, rivm.UPPER} <= marges and {rivm.LOWER, rivm.UPPER} <= set(data["Marges"])
    properties = raw.get("DataProperties", [])
    division = _division(properties, info)
    table_info = {
        "tabel": table_id,
        "indeling": division,
        "marges": margins,
        "TableInfos": info,
        **{name: raw.get(name, []) for name in ("Leeftijd", "Marges", "Perioden")},
    }
    target = (root or raw_dir()) / f"{rivm.FOLDER_PREFIX}{table_id}"
    fetched = dt.datetime.now(dt.UTC)
    note = rivm_source_note(table_id, info, fetched, len(data), division, periods, margins)
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{target.name}.", dir=target.parent))
    staging.chmod(0o755)  # mkdtemp makes it private; data/raw is shared like any checkout folder
    try:
        data.to_parquet(rivm.data_file(staging, table_id), index=False)
        pd.DataFrame.from_records(properties).to_csv(
            staging / f"rivm_{table_id}_meta.csv", index=False
        )
        write_text_atomic(
            rivm.info_file(staging, table_id),
            json.dumps(table_info, ensure_ascii=False, indent=1, default=str),
        )
        write_text_atomic(staging / "SOURCE.md", note)
        _swap(staging, target)
        rivm.clear_caches()
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return target


def _swap(staging: Path, target: Path) -> None:
    """Never a mix of old and new files (for an instant neither: then the shipped edition is used)."""
    old = target.with_name(f".{target.name}.oud")
    shutil.rmtree(old, ignore_errors=True)
    if target.exists():
        os.replace(target, old)
    os.replace(staging, target)
    shutil.rmtree(old, ignore_errors=True)
