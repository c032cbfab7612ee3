import json
from pathlib import Path

import pytest
import requests
import responses

from wijktools.cli import main
from wijktools.errors import FetchError
from wijktools.opendata import fetch as opendata
from wijktools.opendata.sources import _kwb_full

REC = Path(__file__).parents[1] / "fixtures" / "cbs_odata_85984NED"
BASE = "https://opendata.cbs.nl/ODataFeed/odata/85984NED/"


def _replay(rsps):
    rsps.get(BASE, json=json.loads((REC / "index.json").read_text()))
    for name in ("TableInfos", "DataProperties", "CategoryGroups", "WijkenEnBuurten"):
        rsps.get(BASE + name, json=json.loads((REC / f"{name}.json").read_text()))
    page2 = responses.matchers.query_param_matcher({"$format": "json", "$skiptoken": "2"})
    rsps.get(
        BASE + "TypedDataSet",
        json=json.loads((REC / "TypedDataSet_2.json").read_text()),
        match=[page2],
    )
    rsps.get(BASE + "TypedDataSet", json=json.loads((REC / "TypedDataSet_1.json").read_text()))


@responses.activate
def test_fetch_writes_kwb_folder_with_source_note(tmp_path):
    _replay(responses)
    folder = opendata.fetch("85984ned", root=tmp_path)
    assert folder.name == "cbs-kwb-2024-85984NED"
    note = (folder / "SOURCE-opgehaald.md").read_text()
    assert "85984NED" in note and "CC BY 4.0" in note and "Opgehaald" in note
    # All pages arrived and the profile loader reads every column that is present.
    rows = _kwb_full(folder, 2024, "85984NED")
    lochem = rows[rows["code"] == "GM0262"].set_index("key")["value"]
    assert lochem["AantalInwoners"] == 34289
    assert lochem["Bevolkingsdichtheid"] > 0
    assert set(rows["code"]) == {"GM0262", "WK026200", "WK026201"}


@responses.activate
def test_no_connection_gives_dutch_message_and_writes_nothing(tmp_path):
    responses.get(BASE, body=requests.ConnectionError("offline"))
    with pytest.raises(FetchError, match="Geen verbinding met het CBS"):
        opendata.fetch("85984NED", root=tmp_path)
    assert list(tmp_path.iterdir()) == []


def test_bad_table_id_is_refused(capsys):
    assert main(["data", "ophalen", "kerncijfers"]) == 1
    assert "geen CBS-tabelnummer" in capsys.readouterr().err
