"""The notebook's import tab: likely duplicates listed with rows, a choice per pair, then one import.

Organisation names are FICTIEF.
"""

import csv

from wijktools import network
from wijktools.store import connection as store
from wijktools.widgets.network import NetworkPanel
from wijktools.widgets.partner_import import PartnerImport


def _write(path, names):
    with path.open("w", newline="", encoding="utf-8") as f:
        writer = csv.writer(f)
        writer.writerow(network.HEADERS)
        for name, discipline in names:
            row = dict.fromkeys(network.HEADERS, "")
            row.update({"Organisatie": name, "Discipline": discipline})
            writer.writerow([row[h] for h in network.HEADERS])
    return path


def test_choice_per_pair_before_import(conn, tmp_path):
    sid = store.insert(conn, "sessions", {"name": "Kick-off (FICTIEF)", "area_code": "WK194019"})
    network.add_partner(
        conn, sid, {"organisatie": "Huisartsenpraktijk De Linde", "discipline": "huisarts"}
    )
    network.add_partner(conn, sid, {"organisatie": "Apotheek Zuid", "discipline": "apotheek"})
    path = _write(
        tmp_path / "kaart.csv",
        [
            ("Hap De Linde", "huisarts"),
            ("Apotheek Zuid B.V.", "apotheek"),
            ("Apotheek Noord", "apotheek"),
        ],
    )
    refreshed = []
    widget = PartnerImport(conn, sid, on_change=lambda: refreshed.append(True))
    widget.check(path)
    listed = [row.children[0].value for row in widget.pairs.children]
    assert len(listed) == 2
    assert "rij 2" in listed[0] and "Huisartsenpraktijk De Linde" in listed[0]
    assert "rij 3" in listed[1] and "Apotheek Zuid B.V." in listed[1]
    assert widget.import_button.disabled  # nothing happens before every pair has a choice
    widget.choose(2, "samenvoegen")
    assert widget.import_button.disabled
    widget.choose(3, "overslaan")
    assert not widget.import_button.disabled
    widget.run()
    names = sorted(p["organisatie"] for p in network.partners(conn, sid))
    assert names == ["Apotheek Noord", "Apotheek Zuid", "Huisartsenpraktijk De Linde"]
    assert refreshed and "Ingelezen: 1 toegevoegd" in widget.status.value


def test_panel_has_the_import_tab(conn):
    sid = store.insert(conn, "sessions", {"name": "Kick-off (FICTIEF)", "area_code": "WK194019"})
    panel = NetworkPanel(conn, sid, draw_map=False)
    tabs = panel.widget.children[1]
    assert tabs.get_title(4) == "Inlezen"
