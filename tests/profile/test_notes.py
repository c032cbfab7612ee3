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


def test_a_profile_without_knelpunten_says_the_true_reason_on_its_page():
    """The page said 'Geen opvallende afwijkingen volgens de regels hieronder' for a buurt of 45
    inwoners, where no rule ran at all; the deck already gave the reason."""
    from bs4 import BeautifulSoup

    from wijktools.render.profile_html import render_profile

    def knelpunt_section(built):
        soup = BeautifulSoup(render_profile(built, with_figures=False), "html.parser")
        heading = soup.find(lambda t: t.name == "h2" and "knelpunten" in t.get_text().lower())
        return heading.find_parent("section").get_text(" ", strip=True)

    tiny = profile.build(areas.lookup("BU19800306"))
    assert tiny.knelpunten == []
    text = knelpunt_section(tiny)
    assert "Dit gebied heeft 45 inwoners, minder dan 200" in text
    assert "Geen opvallende afwijkingen" not in text
    nederland = profile.build(areas.nederland())
    assert "Nederland als geheel heeft geen concept-knelpunten" in knelpunt_section(nederland)
