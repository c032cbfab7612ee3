"""CBS wijk boundaries of 2016 and 2024 in RD (EPSG:28992), valid shapes, read once per process."""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from wijktools.opendata import frames
from wijktools.paths import atomic_write, checksum, derived_dir, raw_dir

if TYPE_CHECKING:
    import geopandas
    import pandas as pd

FILE_2016 = Path("cbs-wijkgrenzen-2016") / "wijk_2016_6.geojson"
FILE_2024 = Path("cbs-wijkgrenzen-2024") / "wijk_2024_wgs84.geojson"
RD = 28992
# Part of the cache key: bump when a reader's output columns change (an older cache is then ignored).
READER_VERSION = 2
GROWN_MIN_SHARE = 0.05  # share of a dissolved gemeente's land that makes a successor "grown"
SOURCE_2024 = "CBS/PDOK, wijkgrenzen 2024 (gegeneraliseerd, vereenvoudigd door cartomap); CC BY 4.0"


def _cached(path: Path, stem: str, read: object) -> geopandas.GeoDataFrame | None:
    """A GeoArrow (Feather, uncompressed) copy in data/derived, keyed by reader version and checksum.

    Uncompressed Arrow IPC: `wijken_2024_shapes` maps it instead of decoding parquet.
    """
    if not path.exists():
        return None
    import geopandas

    cached = _cache_file(path, stem)
    if cached.exists():
        return geopandas.read_feather(cached)
    frame = read(path)  # type: ignore[operator]
    for old in [*derived_dir().glob(f"{stem}-*.parquet"), *derived_dir().glob(f"{stem}-*.arrow")]:
        old.unlink(missing_ok=True)
    with atomic_write(cached, "wb") as handle:
        frame.to_feather(handle, compression="uncompressed")
    return frame


def _cache_file(path: Path, stem: str) -> Path:
    return derived_dir() / f"{stem}-v{READER_VERSION}-{checksum(path)[:16]}.arrow"


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


@cache
def wijken_2024_shapes(gemeente_code: str | None = None) -> dict[str, Any] | None:
    """`wijken_2024` as columns (code, naam, gemeente_code, geometry), mapped from its GeoArrow cache.

    Pyarrow and shapely alone (the WKB column decoded as geopandas does): the direct SVG map needs
    the shapes, not geopandas or pandas. With `gemeente_code` only that gemeente's wijken: a
    profile's map decodes one gemeente's shapes, not 3,393 of them. The first run builds the cache
    through `wijken_2024`.
    """
    path = raw_dir() / FILE_2024
    if not path.exists():
        return None
    cached = _cache_file(path, "wijkgrenzen-2024")
    if not cached.exists():
        wijken_2024()  # builds the cache
    import numpy as np
    import shapely

    table = frames.mapped(cached)
    rows = [
        at
        for at, code in enumerate(table.column("gemeente_code").to_pylist())
        if gemeente_code is None or code == gemeente_code
    ]
    out: dict[str, Any] = {
        name: [table.column(name)[at].as_py() for at in rows]
        for name in ("code", "naam", "gemeente_code")
    }
    # An object array: numpy's own bytes type would drop a WKB's trailing zero bytes.
    wkb = np.array([table.column("geometry")[at].as_py() for at in rows] or [], dtype=object)
    out["geometry"] = shapely.from_wkb(wkb)
    return out


def agreement(codes: list[str], tolerance_m: float) -> pd.DataFrame:
    """Per code on both maps: share of each shape within `tolerance_m` of the other (min = overlap).

    Both maps are generalised, so shapes of an unchanged wijk differ by up to about 100 m.
    """
    import numpy as np
    import pandas as pd
    import shapely

    old, new = wijken_2016(), wijken_2024()
    columns = ["overlap", "naam_2016", "share_2016", "share_2024"]
    if old is None or new is None or not codes:
        return pd.DataFrame(columns=columns)
    old, new = old.set_index("code"), new.set_index("code")
    common = [c for c in codes if c in old.index and c in new.index]
    a = old.loc[common].geometry.to_numpy()
    b = new.loc[common].geometry.to_numpy()
    with np.errstate(divide="ignore", invalid="ignore"):
        share_a = shapely.area(shapely.intersection(a, shapely.buffer(b, tolerance_m)))
        share_b = shapely.area(shapely.intersection(b, shapely.buffer(a, tolerance_m)))
        frame = pd.DataFrame(
            {
                "share_2016": share_a / shapely.area(a),
                "share_2024": share_b / shapely.area(b),
                "naam_2016": old.loc[common, "naam"].to_numpy(),
            },
            index=pd.Index(common, name="code"),
        )
    frame["overlap"] = frame[["share_2016", "share_2024"]].min(axis=1).fillna(0.0)
    return frame[columns]


def on_land_of(gemeenten: list[str]) -> tuple[pd.DataFrame, pd.Series] | None:
    """Share of each 2024 wijk on the 2016 land of each given gemeente, and that land's area.

    Returns (shares: 2024 wijk code x gemeente code, land area per gemeente); None without maps.
    """
    import pandas as pd
    import shapely

    old, new = wijken_2016(), wijken_2024()
    if old is None or new is None or not gemeenten:
        return None
    land = old[old["gemeente_code"].isin(gemeenten)].dissolve("gemeente_code").geometry
    shapes = new.geometry.to_numpy()
    area = shapely.area(shapes)
    shares = pd.DataFrame(
        {
            gm: shapely.area(shapely.intersection(shapes, shape)) / area
            for gm, shape in land.items()
        },
        index=new["code"].to_numpy(),
    )
    return shares, land.area


def successor_parts(rivm_areas: pd.DataFrame, current: set[str]) -> dict[str, str]:
    """Per 2024 wijk of a changed gemeente: the edition's gemeente whose land (2016 map) it mostly covers.

    A gemeente is changed when it did not exist in the edition's division or took in at least
    GROWN_MIN_SHARE of the land of a gemeente dissolved since (after 2020: Weesp, Beemster, Haaren, ...).
    """
    dissolved = [c for c in rivm_areas.index[rivm_areas["soort"] == "gemeente"] if c not in current]
    new = wijken_2024()
    found = on_land_of(dissolved)
    if new is None or found is None:
        return {}
    shares, land = found
    wijk_area = new.geometry.area.to_numpy()
    taken = shares.mul(wijk_area, axis=0).groupby(new["gemeente_code"].to_numpy()).sum()
    changed = set(taken.index[(taken / land).max(axis=1) >= GROWN_MIN_SHARE])
    changed |= {gm for gm in new["gemeente_code"] if gm not in rivm_areas.index}
    out: dict[str, str] = {}
    for code, gm in zip(new["code"], new["gemeente_code"], strict=True):
        if gm not in changed:
            continue
        best = shares.loc[code].idxmax()
        share = shares.at[code, best]
        # mostly on a dissolved gemeente's land, or in a new gemeente: that one; else the gemeente itself
        out[code] = str(best) if share >= 0.5 or gm not in rivm_areas.index else gm
    return out
