"""CBS StatLine metadata (DataProperties) read into one row per indicator key."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import pandas as pd

_SUFFIX = re.compile(r"_\d+$")


def base_key(column: str) -> str:
    """StatLine keys carry a position suffix that differs per year; the base stays comparable."""
    return _SUFFIX.sub("", column)


def read_cbs_meta(path: Path) -> pd.DataFrame:
    """DataProperties (JSON as the OData API sends it, or the CSV a download wrote) to key metadata."""
    import pandas as pd

    if path.suffix == ".json":
        records = json.loads(path.read_text(encoding="utf-8"))
        if isinstance(records, dict):
            records = records.get("value", [])
        meta = pd.DataFrame.from_records(records)
    else:
        meta = pd.read_csv(path)
    groups = meta[meta["Type"] == "TopicGroup"].set_index("ID")["Title"].to_dict()
    topics = meta[meta["Type"] == "Topic"].copy()
    topics["key"] = topics["Key"].map(base_key)
    topics["group"] = topics["ParentID"].map(lambda p: groups.get(p, ""))
    # Nederland_17 / Nederland_20 etc.: the same base key under different topic groups.
    dup = topics["key"].duplicated(keep="first")
    topics.loc[dup, "key"] = topics.loc[dup].apply(
        lambda r: f"{r['key']}_{re.sub(r'[^a-z0-9]+', '_', str(r['group']).lower()).strip('_')}",
        axis=1,
    )
    topics["Title"] = topics["Title"].astype(str).str.strip()
    return topics.rename(
        columns={"Key": "column", "Title": "label", "Unit": "unit", "Decimals": "decimals"}
    )[["column", "key", "label", "unit", "decimals", "group"]]
