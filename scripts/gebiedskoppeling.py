"""Print how many areas have RIVM 2020 values under the join rule, and what changed against the old rule.

The old rule joined a code when the RIVM gemeente name equalled the KWB 2024 gemeente name (literally).
Run: .venv/bin/python scripts/gebiedskoppeling.py   (from the checkout; reads data/raw and the derived cache)
"""

from __future__ import annotations

import sys
from pathlib import Path

import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from wijktools.opendata import areas, territory


def _old_rule() -> set[str]:
    """Codes the name-based rule joined (same code, same gemeente name, case-insensitive)."""
    rivm = territory.rivm_regions()
    current = areas.table()
    names = current["gemeentenaam"].str.lower()
    return {
        code
        for code, name in zip(rivm["code"], rivm["gemeentenaam"].str.lower(), strict=True)
        if code in names.index and (code == "NL00" or names[code] == name)
    }


def _kind(reason: str) -> str:
    if not reason:
        return "gekoppeld"
    if "komt niet voor in de RIVM-indeling" in reason:
        return "code niet in 2020"
    if "ligt in wijk" in reason:
        return "wijk van de buurt niet gekoppeld"
    if "in 2025" in reason:
        return "KWB 2025: gewijzigd"
    if "indelingswijziging" in reason:
        return "CBS-wijziging 2024, grenzen wijken af"
    if "andere buurten" in reason:
        return "andere buurtcodes dan 2020"
    return "grens 2016 wijkt af, 2020 onbekend"


def main() -> None:
    """Counts per level (areas and inhabitants), then gained and lost against the old rule."""
    verdicts = territory.table().copy()
    inwoners = areas.table()["inwoners"].astype("Float64")
    verdicts["inwoners"] = inwoners.reindex(verdicts.index).fillna(0)
    verdicts["soort_reden"] = verdicts["reden"].map(_kind)
    verdicts["oud"] = verdicts.index.isin(_old_rule())
    pd.set_option("display.width", 160)
    print("Per niveau en uitkomst (gebieden, inwoners):")
    print(verdicts.groupby(["soort", "soort_reden"])["inwoners"].agg(["size", "sum"]).to_string())
    gained = verdicts[~verdicts["oud"] & verdicts["gekoppeld"]]
    lost = verdicts[verdicts["oud"] & ~verdicts["gekoppeld"]]
    print("\nErbij t.o.v. de naamregel (grondslag):")
    print(gained.groupby(["soort", "grondslag"])["inwoners"].agg(["size", "sum"]).to_string())
    print("\nEraf t.o.v. de naamregel (reden):")
    print(lost.groupby(["soort", "soort_reden"])["inwoners"].agg(["size", "sum"]).to_string())


if __name__ == "__main__":
    main()
