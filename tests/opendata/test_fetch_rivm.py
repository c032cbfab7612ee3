"""`wijktools data ophalen` for the RIVM table with 95 % intervals, replayed offline (layout real, values FICTIEF)."""

import json
from pathlib import Path

import pandas as pd
import pytest
import requests
import responses

from wijktools.cli import main
from wijktools.errors import FetchError
from wijktools.opendata import fetch as opendata
from wijktools.opendata import rivm

REC = Path(__file__).parents[1] / "fixtures" / "dataderden_50120NED_FICTIEF"
BASE = "https://dataderden.cbs.nl/ODataFeed/odata/50120NED/"
PERIODS = ("2012JJ00", "2016JJ00", "2020JJ00", "2022JJ00")


def _json(name):
    return json.loads((REC / name).read_text(encoding="utf-8"))


def replay(rsps):
    """Every request cbsodata makes for 50120NED, answered from the fixture files."""
    rsps.get(BASE, json=_json("index.json"))
    for name in (
        "TableInfos",
        "DataProperties",
        "CategoryGroups",
        "Leeftijd",
        "Marges",
        "WijkenEnBuurten",
        "Perioden",
    ):
        rsps.get(BASE + name, json=_json(f"{name}.json"))
    for period in PERIODS:
        match = responses.matchers.query_param_matcher(
            {"$format": "json", "$filter": f"Perioden eq '{period}'"}
        )
        rsps.get(BASE + "TypedDataSet", json=_json(f"TypedDataSet_{period}.json"), match=[match])


@responses.activate
def test_fetch_writes_rivm_edition_with_intervals_and_attribution(tmp_path):
    replay(responses)
    folder = opendata.fetch(None, root=tmp_path)  # no table given: the newest RIVM edition
    assert folder == tmp_path / "rivm-gezondheid-50120NED"
    note = (folder / "SOURCE.md").read_text()
    assert "RIVM" in note and "CC BY 4.0" in note and "indeling 2022" in note
    assert "95 %-interval" in note
    info = json.loads(rivm.info_file(folder, "50120NED").read_text())
    assert info["indeling"] == 2022 and info["marges"] is True
    data = pd.read_parquet(rivm.data_file(folder, "50120NED"))
    # keys arrive padded (WijkenEnBuurten 'WK026200    '); the stored ones are stripped
    assert {"NL01", "GM0262", "WK026200", "BU02620001"} <= set(data["Codering_3"])
    assert not data["Codering_3"].str.endswith(" ").any()
    assert set(data["Marges"]) == {"MW00000", "MOG0095", "MBG0095"}
    wk = data[(data["Codering_3"] == "WK026200") & (data["Perioden"] == "2022JJ00")]
    assert wk.set_index("Marges").loc["MOG0095", "Eenzaam_27"] == 47.0
    assert not list(tmp_path.glob(".rivm-*"))  # no staging folder left behind


@responses.activate
def test_stored_edition_reads_as_value_with_interval(tmp_path, monkeypatch):
    replay(responses)
    opendata.fetch("50120NED", root=tmp_path)
    monkeypatch.setattr(rivm, "raw_dir", lambda: tmp_path)
    (found,) = rivm.editions()  # the shipped 50090NED is not in this tmp data folder
    assert (found.table, found.division, found.margins) == ("50120NED", 2022, True)
    long = rivm.long(found).set_index(["code", "year", "age_group", "key"])
    wk = long.loc[("WK026200", 2022, "18+", "Eenzaam")]
    assert (wk["value"], wk["lower"], wk["upper"]) == (50.1, 47.0, 53.2)
    assert long.loc[("NL00", 2022, "18+", "Eenzaam"), "value"] == 49.0  # NL01 is NL00 in KWB
    # a value the table leaves empty (null) is no row, not a zero
    assert ("GM0262", 2022, "18+", "Mantelzorger") not in long.index


@responses.activate
def test_refetch_replaces_the_folder_whole(tmp_path):
    replay(responses)
    folder = opendata.fetch("50120NED", root=tmp_path)
    (folder / "oud-bestand.txt").write_text("van de vorige keer")
    opendata.fetch("50120NED", root=tmp_path)
    assert not (folder / "oud-bestand.txt").exists()
    assert sorted(p.name for p in folder.iterdir()) == [
        "SOURCE.md",
        "rivm_50120NED.parquet",
        "rivm_50120NED_meta.csv",
        "rivm_50120NED_tabel.json",
    ]


@responses.activate
def test_offline_says_so_in_dutch_keeps_data_at_hand(tmp_path):
    responses.get(BASE + "Perioden", body=requests.ConnectionError("offline"))
    with pytest.raises(FetchError, match=r"Geen verbinding met dataderden\.cbs\.nl") as err:
        opendata.fetch("50120NED", root=tmp_path)
    assert "50090NED" in str(err.value)  # names the data wijktools keeps using
    assert list(tmp_path.iterdir()) == []


@responses.activate
def test_connection_lost_halfway_writes_nothing(tmp_path):
    replay(responses)
    responses.replace(responses.GET, BASE + "Leeftijd", body=requests.ConnectionError("weg"))
    with pytest.raises(FetchError, match="Geen verbinding"):
        opendata.fetch("50120NED", root=tmp_path)
    assert list(tmp_path.iterdir()) == []


@responses.activate
def test_cli_without_table_fetches_rivm_offline_message(capsys, monkeypatch, tmp_path):
    monkeypatch.setenv("WIJKTOOLS_HOME", str(tmp_path))
    responses.get(BASE + "Perioden", body=requests.ConnectionError("offline"))
    assert main(["data", "ophalen"]) == 1
    err = capsys.readouterr().err
    assert "Geen verbinding met dataderden.cbs.nl" in err and "Traceback" not in err
