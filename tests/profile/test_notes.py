"""What a profile says about its own numbers, checked against the raw CBS rows."""

import pandas as pd

from wijktools.opendata import areas
from wijktools.paths import raw_dir
from wijktools.profile import build as profile


def test_a_tiny_buurt_says_its_counts_are_rounded_to_fives():
    """Buitengebied Zuid-Scharwoude (BU19800306, Dijk en Waard): KWB 2024 gives 45 inwoners, 20 men
    and 20 women; the profile showed 'Aandeel vrouwen 44,4 %' without saying that CBS rounds a
    buurt's counts to fives (20 + 20 is not 45)."""
    kwb = pd.read_csv(
        raw_dir() / "cbs-kwb-2024-85984NED" / "kwb2024_nl_alle_niveaus_bevolking.csv"
    ).set_index("code")
    row = kwb.loc["BU19800306"]
    assert (row["aantal_inwoners"], row["mannen"], row["vrouwen"]) == (45, 20, 20)
    tiny = profile.build(areas.lookup("BU19800306"))
    assert round(tiny.row("aandeel_vrouwen").value, 1) == round(20 / 45 * 100, 1)
    assert any("het gebied heeft 45 inwoners" in n and "vijftallen" in n for n in tiny.opmerkingen)
