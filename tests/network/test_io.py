"""Import/export of the sociale kaart and relations: exact template, precise errors, all or nothing."""

import openpyxl
import pytest

from tests.conftest import copy_fixture
from wijktools import network
from wijktools.errors import DataFileError, DataFileErrors, ValidationError
from wijktools.store import connection as store
from wijktools.store import sessions
from wijktools.workshop.sessions import create_session


@pytest.fixture
def sid(conn):
    return create_session(conn, "Kick-off", "WK194019", dates=["2026-11-23"])


@pytest.fixture
def demo(conn):
    return network.load_demo(conn)


def _partners(conn, session_id):
    keep = [f for f in network.COLUMNS.values()]
    out = []
    for row in network.partners(conn, session_id):
        out.append(
            {k: row[k] for k in keep if k != "opnamestop"}
            | {"opnamestop": (row["opnamestop"], row["opnamestop_sinds"], row["opnamestop_tot"])}
        )
    return out


def _relations(conn, session_id):
    return [
        (r["van"], r["naar"], r["kind"], r["intensity"], r["directed"])
        for r in network.relations(conn, session_id)
    ]


def test_demo_files_import_completely(conn, demo):
    assert len(network.partners(conn, demo)) == 18
    assert len(network.relations(conn, demo)) == 12
    assert sum(p["opnamestop"] for p in network.partners(conn, demo)) == 2


def test_demo_files_say_they_are_fictional():
    for path in network.demo_files():
        assert "FICTIEF" in path.name
        book = openpyxl.load_workbook(path)
        assert "FICTIEVE" in book["Toelichting"]["A1"].value
    book = openpyxl.load_workbook(network.demo_files()[0])
    notes = [r[12] for r in book.active.iter_rows(min_row=2, values_only=True)]
    assert all("FICTIEF" in n for n in notes)


@pytest.mark.parametrize("suffix", [".xlsx", ".csv"])
def test_round_trip_export_import_gives_same_data(conn, demo, tmp_path, suffix):
    network.update_partner(
        conn,
        network.find_partner(conn, demo, "Apotheek Haskeruitgang")["id"],
        {
            "opmerkingen": '=HYPERLINK("http://x") | -3 @kwetsbaar +plus',
            "expertise": "Centrum & <Noord>",
        },
    )
    partners_file, relations_file = tmp_path / f"kaart{suffix}", tmp_path / f"rel{suffix}"
    network.export_partners(conn, demo, partners_file)
    network.export_relations(conn, demo, relations_file)
    other = create_session(conn, "Kopie", "WK194019")
    result = network.import_partners(conn, other, partners_file)
    assert (result.toegevoegd, result.bijgewerkt) == (18, 0)
    network.import_relations(conn, other, relations_file)
    assert _partners(conn, other) == _partners(conn, demo)
    assert _relations(conn, other) == _relations(conn, demo)
    # Importing the same file again changes nothing.
    again = network.import_partners(conn, other, partners_file)
    assert (again.toegevoegd, again.bijgewerkt, again.ongewijzigd) == (0, 0, 18)


def test_export_header_is_exactly_the_template(conn, demo, tmp_path):
    path = network.export_partners(conn, demo, tmp_path / "kaart.xlsx")
    header = next(openpyxl.load_workbook(path).active.iter_rows(max_row=1, values_only=True))
    # The existing header stays as it was; the optional capacity columns follow it (issue 18).
    assert list(header[14:]) == [
        "FTE huisarts",
        "FTE POH-S",
        "FTE POH-GGZ",
        "FTE praktijkverpleegkundige",
        "Ingeschreven patiënten",
    ]
    assert list(header[:14]) == [
        "Organisatie",
        "Discipline",
        "Expertise",
        "Werkdagen",
        "Opnamestop",
        "Contactpersoon",
        "Telefoon",
        "E-mail",
        "Adres",
        "Postcode",
        "Website",
        "Voorkeur contact",
        "Opmerkingen",
        "Laatst gecontroleerd",
    ]


def test_export_neutralises_formulas(conn, demo, tmp_path):
    pid = network.find_partner(conn, demo, "Apotheek Haskeruitgang")["id"]
    network.update_partner(conn, pid, {"opmerkingen": "=SUM(1+1)", "expertise": "@mention"})
    path = network.export_partners(conn, demo, tmp_path / "kaart.xlsx")
    ws = openpyxl.load_workbook(path).active
    cells = [c for row in ws.iter_rows() for c in row]
    assert not [c for c in cells if c.data_type == "f"]
    risky = [c for c in cells if isinstance(c.value, str) and c.value.startswith(("=", "@"))]
    assert {c.value for c in risky} == {"=SUM(1+1)", "@mention"}
    assert all(c.quotePrefix for c in risky)
    csv_text = network.export_partners(conn, demo, tmp_path / "kaart.csv").read_text("utf-8-sig")
    assert "'=SUM(1+1)" in csv_text


def test_export_without_contact_details(conn, demo, tmp_path):
    path = network.export_partners(conn, demo, tmp_path / "kaart.csv", met_contactgegevens=False)
    text = path.read_text("utf-8-sig")
    assert "(fictief)" not in text.split("\n", 1)[1].split(";")[5]
    assert "@" not in text and "0513-" not in text


def test_errors_name_file_row_and_column_and_nothing_is_saved(conn, sid, tmp_path):
    path = copy_fixture("ketenpartners_drie_fouten.csv", tmp_path)
    with pytest.raises(DataFileErrors) as info:
        network.import_partners(conn, sid, path)
    places = {(p.row, p.column) for p in info.value.problems}
    assert places == {(3, "Telefoon"), (3, "E-mail"), (4, "Discipline")}
    message = str(info.value)
    assert "ketenpartners_drie_fouten.csv" in message and "rij 4, kolom 'Discipline'" in message
    assert "er is niets opgeslagen" in message
    assert network.partners(conn, sid) == []


def test_missing_or_renamed_column_is_named(conn, sid, tmp_path):
    path = copy_fixture("ketenpartners_kolom_ontbreekt.csv", tmp_path)
    with pytest.raises(DataFileErrors) as info:
        network.import_partners(conn, sid, path)
    columns = {p.column for p in info.value.problems}
    assert columns == {"E-mail", "Email"}
    assert "staat er 'Email'?" in str(info.value)


def test_duplicate_organisation_in_file(conn, sid, tmp_path):
    path = tmp_path / "dubbel.csv"
    header = ";".join(network.HEADERS)
    row = "Praktijk A;huisarts" + ";" * 12
    path.write_text(f"{header}\n{row}\n{row}\n", encoding="utf-8")
    with pytest.raises(DataFileErrors, match="staat ook al op rij 2"):
        network.import_partners(conn, sid, path)


def test_reimport_updates_changed_partner_and_keeps_history(conn, demo, tmp_path):
    path = tmp_path / "kaart.xlsx"
    network.export_partners(conn, demo, path)
    book = openpyxl.load_workbook(path)
    ws = book.active
    ws["E2"] = "ja tot 2027-06-01"
    book.save(path)
    result = network.import_partners(conn, demo, path)
    assert (result.bijgewerkt, result.ongewijzigd) == (1, 17)
    first = network.partners(conn, demo)[0]
    assert first["opnamestop_tot"] == "2027-06-01"
    assert store.history(conn, "ketenpartners", first["id"])[-1]["action"] == "before_update"


def test_excel_dates_and_numbers_are_read(conn, sid, tmp_path):
    import datetime as dt

    book = openpyxl.Workbook()
    ws = book.active
    ws.append(network.HEADERS)
    ws.append(
        [
            "Praktijk A",
            "huisarts",
            None,
            None,
            "nee",
            None,
            None,
            None,
            None,
            None,
            None,
            None,
            None,
            dt.datetime(2026, 3, 1),
        ]
    )
    path = tmp_path / "datum.xlsx"
    book.save(path)
    network.import_partners(conn, sid, path)
    assert network.partners(conn, sid)[0]["laatst_gecontroleerd"] == "2026-03-01"


def test_relation_errors_are_collected(conn, sid, tmp_path):
    network.add_partner(
        conn, sid, {"organisatie": "Huisartsenpraktijk Test (fictief)", "discipline": "huisarts"}
    )
    network.add_partner(
        conn, sid, {"organisatie": "Apotheek Test (fictief)", "discipline": "apotheek"}
    )
    path = copy_fixture("relaties_onbekende_organisatie.csv", tmp_path)
    with pytest.raises(DataFileErrors) as info:
        network.import_relations(conn, sid, path)
    places = {(p.row, p.column) for p in info.value.problems}
    assert places == {(3, "Van"), (3, "Intensiteit"), (4, "Soort"), (4, "Naar")}
    assert "Bedoelde u 'Huisartsenpraktijk Test (fictief)'" in str(info.value)
    assert network.relations(conn, sid) == []


def test_relation_direction_follows_kind(conn, demo):
    kinds = {(r["kind"], r["directed"]) for r in network.relations(conn, demo)}
    assert ("verwijzen", 1) in kinds and ("overleg/MDO", 0) in kinds


@pytest.mark.parametrize("kind", ["ketenpartners", "relaties"])
def test_template_has_headers_fictional_example_and_lists(tmp_path, kind, conn):
    path = network.write_template(kind, tmp_path / f"{kind}.xlsx")
    book = openpyxl.load_workbook(path)
    ws = book.worksheets[0]
    rows = list(ws.iter_rows(values_only=True))
    if kind == "ketenpartners":  # the fixed header, then the optional capacity columns
        expected = [*network.HEADERS, *network.CAPACITY_HEADERS]
    else:  # the fixed header, then the optional scores
        expected = [*network.RELATION_HEADERS, "Vertrouwen (1-4)", "Meerwaarde (1-4)"]
    assert list(rows[0]) == expected
    assert len(rows) == 2 and "FICTIEF" in rows[1][0]
    validated = set()
    for dv in ws.data_validations.dataValidation:
        for rng in dv.sqref.ranges:
            validated.add(rows[0][rng.min_col - 1])
    if kind == "ketenpartners":
        assert {"Discipline", "Werkdagen", "Opnamestop", "Voorkeur contact"} <= validated
        lists = [c.value for c in book["Lijsten"]["A"]]
        assert "huisarts" in lists and "mantelzorgondersteuning" in lists
        # The filled template imports as is (one fictional partner).
        sid = create_session(conn, "s", "WK194019")
        assert network.import_partners(conn, sid, path).toegevoegd == 1
    else:
        assert {"Soort", "Intensiteit", "Vertrouwen (1-4)", "Meerwaarde (1-4)"} <= validated


def test_template_kind_unknown(tmp_path):
    with pytest.raises(ValidationError, match="ketenpartners of relaties"):
        network.write_template("stemmen", tmp_path / "x.xlsx")


def test_unreadable_or_wrong_type_file(conn, sid, tmp_path):
    bad = tmp_path / "kapot.xlsx"
    bad.write_bytes(b"geen zip")
    with pytest.raises(DataFileError, match="geen leesbaar Excel-bestand"):
        network.import_partners(conn, sid, bad)
    ods = tmp_path / "x.ods"
    ods.write_bytes(b"x")
    with pytest.raises(DataFileError, match=r"\.xlsx\) of CSV"):
        network.import_partners(conn, sid, ods)
    with pytest.raises(DataFileError, match="bestaat niet"):
        network.import_partners(conn, sid, tmp_path / "nergens.csv")


def test_cp1252_csv_and_comma_delimiter(conn, sid, tmp_path):
    path = tmp_path / "excel.csv"
    header = ",".join(network.HEADERS)
    path.write_bytes(f"{header}\nDiëtist Één,diëtetiek{',' * 12}\n".encode("cp1252"))
    network.import_partners(conn, sid, path)
    assert network.partners(conn, sid)[0]["organisatie"] == "Diëtist Één"


def test_load_demo_is_idempotent(conn, demo):
    assert network.load_demo(conn) == demo
    assert len(sessions.list_sessions(conn)) == 1


def test_shipped_example_matches_generator(tmp_path):
    import importlib.util

    from wijktools.paths import project_root

    script = project_root() / "data" / "voorbeeld" / "maak_voorbeeld_joure.py"
    spec = importlib.util.spec_from_file_location("maak", script)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    module.HERE = tmp_path
    module.main()
    for shipped in network.demo_files():
        fresh = openpyxl.load_workbook(tmp_path / shipped.name).active
        old = openpyxl.load_workbook(shipped).active
        assert list(fresh.iter_rows(values_only=True)) == list(old.iter_rows(values_only=True))
