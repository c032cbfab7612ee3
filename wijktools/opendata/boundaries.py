"""CBS wijk boundaries of 2016 and 2024 in RD (EPSG:28992), valid shapes, read once per process."""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from wijktools.paths import atomic_write, derived_dir, raw_dir

if TYPE_CHECKING:
    import geopandas

FILE_2016 = Path("cbs-wijkgrenzen-2016") / "wijk_2016_6.geojson"
FILE_2024 = Path("cbs-wijkgrenzen-2024") / "wijk_2024_wgs84.geojson"
RD = 28992
SOURCE_2024 = "CBS/PDOK, wijkgrenzen 2024 (gegeneraliseerd, vereenvoudigd door cartomap); CC BY 4.0"


def _cached(path: Path, stem: str, read: object) -> geopandas.GeoDataFrame | None:
    """A GeoParquet copy in data/derived, keyed by the raw file's size and time (never stale)."""
    if not path.exists():
        return None
    import geopandas

    stat = path.stat()
    cached = derived_dir() / f"{stem}-{stat.st_size}-{int(stat.st_mtime)}.parquet"
    if cached.exists():
        return geopandas.read_parquet(cached)
    frame = read(path)  # type: ignore[operator]
    for old in derived_dir().glob(f"{stem}-*.parquet"):
        old.unlink(missing_ok=True)
    with atomic_write(cached, "wb") as handle:
        frame.to_parquet(handle)
    return frame


def _valid(frame: geopandas.GeoDataFrame) -> geopandas.GeoDataFrame:
    """Rounded coordinates leave self-intersections (21 shapes in 2024); make_valid repairs them."""
    import shapely

    frame = frame.copy()
    frame["geometry"] = shapely.make_valid(frame.geometry.values)
    return frame


def _read_2016(path: Path) -> geopandas.GeoDataFrame:
    import geopandas

    frame = geopandas.read_file(path)
    frame = frame[~frame.geometry.isna() & ~frame.geometry.is_empty]
    # one code occurs twice (two parts of one wijk): one row per code
    frame = _valid(frame).dissolve("WKC", as_index=False)
    return frame.rename(columns={"WKC": "code", "WKN": "naam", "GMC": "gemeente_code"})[
        ["code", "naam", "gemeente_code", "geometry"]
    ]


def _read_2024(path: Path) -> geopandas.GeoDataFrame:
    import geopandas

    frame = geopandas.read_file(path).to_crs(RD)
    frame = _valid(frame).rename(columns={"statcode": "code", "name": "naam"})
    frame["gemeente_code"] = "GM" + frame["code"].str[2:6]
    return frame[["code", "naam", "gemeente_code", "geometry"]].reset_index(drop=True)


@cache
def wijken_2016() -> geopandas.GeoDataFrame | None:
    """Wijken of the 2016 division (code, naam, gemeente_code, geometry); None when absent."""
    return _cached(raw_dir() / FILE_2016, "wijkgrenzen-2016", _read_2016)


@cache
def wijken_2024() -> geopandas.GeoDataFrame | None:
    """The 3,393 wijken of the 2024 division (code, naam, gemeente_code, geometry); None when absent."""
    return _cached(raw_dir() / FILE_2024, "wijkgrenzen-2024", _read_2024)
