"""Batch selection: gemeenten, provincie, codes files and the Dutch messages for bad input."""

from __future__ import annotations

from collections import Counter

import pytest

from wijktools.batch import provinces, selection
from wijktools.batch.selection import Target
from wijktools.errors import AreaNotFoundError, DataFileError, DataMissingError, ValidationError
from wijktools.opendata import areas


def test_gemeente_gives_all_its_wijken():
    targets = selection.from_gemeenten(["GM0262", "gm0197"])
    assert [t.key for t in targets][:2] == ["WK026200", "WK026201"]
    assert all(t.key.startswith(("WK0262", "WK0197")) for t in targets)
    assert len(targets) == len({t.key for t in targets})


def test_comma_separated_gemeenten():
    assert selection.from_gemeenten(["GM0262,GM0197"]) == selection.from_gemeenten(
        ["GM0262", "GM0197"]
    )


def test_bad_gemeente_code_message_in_dutch():
    with pytest.raises(ValidationError, match=r"geen gemeentecode.*GM plus vier cijfers"):
        selection.from_gemeenten(["Lochem"])
    with pytest.raises(AreaNotFoundError, match="Gemeente GM9999 komt niet voor"):
        selection.from_gemeenten(["GM9999"])


def test_exactly_one_selection():
    with pytest.raises(ValidationError, match="Kies precies één selectie"):
        selection.select()
    with pytest.raises(ValidationError, match="Kies precies één selectie"):
        selection.select(gemeenten=["GM0262"], alle=True)


def test_alle_wijken_is_the_2024_division():
    targets = selection.alle_wijken()
    assert len(targets) == 3393
    assert all(t.key.startswith("WK") for t in targets)


def test_codes_csv_with_code_column(tmp_path):
    path = tmp_path / "lijst.csv"
    path.write_text("naam;code\nLochem kern;WK026200\nLochem buiten;wk026201\n", encoding="utf-8")
    assert selection.from_codes_file(path) == [
        Target("WK026200", "Lochem kern"),
        Target("WK026201", "Lochem buiten"),
    ]


def test_one_column_csv_header_is_not_an_area(tmp_path):
    # A list saved from Excel as CSV with one column: its header 'code' counted as 1 failed area.
    path = tmp_path / "buurten.csv"
    path.write_text("Code\r\nBU02620000\r\nwk026201\r\n", encoding="utf-8-sig")
    assert selection.from_codes_file(path) == [
        Target("BU02620000", "BU02620000"),
        Target("WK026201", "wk026201"),
    ]
    only = tmp_path / "alleen-kop.csv"
    only.write_text("code\n", encoding="utf-8")
    with pytest.raises(DataFileError, match="bevat geen codes"):
        selection.from_codes_file(only)


def test_codes_csv_without_code_column_names_columns(tmp_path):
    path = tmp_path / "lijst.csv"
    path.write_text("naam,wijk\nLochem,WK026200\n", encoding="utf-8")
    with pytest.raises(
        DataFileError, match=r"rij 1: geen kolom met codes gevonden \(kolommen: naam, wijk\)"
    ):
        selection.from_codes_file(path)


def test_codes_file_problems_name_file_and_row(tmp_path):
    path = tmp_path / "kernen.txt"
    path.write_text("WK026200\nLochem:\n", encoding="utf-8")
    with pytest.raises(DataFileError, match=r"kernen.txt', rij 2: kern 'Lochem' heeft geen codes"):
        selection.from_codes_file(path)
    empty = tmp_path / "leeg.txt"
    empty.write_text("# niets\n\n", encoding="utf-8")
    with pytest.raises(DataFileError, match="bevat geen codes"):
        selection.from_codes_file(empty)
    with pytest.raises(DataFileError, match="bestaat niet"):
        selection.from_codes_file(tmp_path / "weg.txt")


def test_unknown_code_in_file_is_kept_for_the_run(tmp_path):
    path = tmp_path / "codes.txt"
    path.write_text("WK026200\nWK999999\nWK026200\n", encoding="utf-8")
    assert [t.key for t in selection.from_codes_file(path)] == ["WK026200", "WK999999"]


def test_default_folder_slug():
    assert selection.describe(gemeenten=["GM0262", "GM0197"]) == "gemeente GM0262-GM0197"
    assert selection.describe(alle=True) == "alle wijken"


def test_provincie_without_table_says_how_to_fetch(tmp_path, monkeypatch):
    monkeypatch.setenv("WIJKTOOLS_HOME", str(tmp_path))
    provinces.table.cache_clear()
    with pytest.raises(DataMissingError, match="wijktools data ophalen 85755NED"):
        selection.from_provincie("Gelderland")
    provinces.table.cache_clear()


def test_provincie_from_85755ned_layout(tmp_path, monkeypatch):
    # Layout of what `wijktools data ophalen 85755NED` stores; the two rows are the real
    # 2024 relations for Lochem and Aalten (both Gelderland, PV25).
    folder = tmp_path / "data" / "raw" / provinces.FOLDER
    folder.mkdir(parents=True)
    (folder / "kerncijfers_data.csv").write_text(
        "ID,RegioS,Code_1,Naam_2,Code_28,Naam_29\n"
        "0,GM0262,GM0262,Lochem,PV25,Gelderland\n"
        "1,GM0197,GM0197,Aalten,PV25,Gelderland\n",
        encoding="utf-8",
    )
    monkeypatch.setattr(provinces, "raw_dir", lambda: tmp_path / "data" / "raw")
    provinces.table.cache_clear()
    try:
        assert provinces.gemeenten_in("gelderland") == ["GM0197", "GM0262"]
        targets = selection.from_provincie("Gelderland")
        assert {t.key[:6] for t in targets} == {"WK0197", "WK0262"}
        with pytest.raises(
            ValidationError, match=r"Provincie 'Atlantis' is onbekend. Kies uit: Gelderland"
        ):
            provinces.gemeenten_in("Atlantis")
    finally:
        provinces.table.cache_clear()


def test_provincie_table_without_codes_names_the_file(tmp_path, monkeypatch):
    folder = tmp_path / "data" / "raw" / provinces.FOLDER
    folder.mkdir(parents=True)
    (folder / "kerncijfers_data.csv").write_text("ID,Naam_2\n0,Lochem\n", encoding="utf-8")
    monkeypatch.setattr(provinces, "raw_dir", lambda: tmp_path / "data" / "raw")
    provinces.table.cache_clear()
    try:
        with pytest.raises(
            DataFileError, match=r"kerncijfers_data.csv', rij 1: geen kolommen met gemeentecodes"
        ):
            provinces.gemeenten_in("Gelderland")
    finally:
        provinces.table.cache_clear()


def _shipped_list():
    import pandas as pd

    from wijktools.paths import raw_dir

    return pd.read_csv(raw_dir() / provinces.SHIPPED, dtype=str)


def test_every_provincie_offline_from_the_shipped_cbs_list():
    raw = _shipped_list()
    assert len(raw) == 342 and raw["provincienaam"].nunique() == 12
    for name, group in raw.groupby("provincienaam"):
        expected = sorted(group["gm_code"])
        assert provinces.gemeenten_in(name) == expected
        assert provinces.gemeenten_in(name.upper()) == expected
    assert provinces.gemeenten_in("Friesland") == provinces.gemeenten_in("Fryslân")
    assert len(provinces.gemeenten_in("friesland")) == 18
    assert provinces.gemeenten_in("noord holland") == provinces.gemeenten_in("Noord-Holland")


def test_provincie_selection_takes_every_wijk_of_its_gemeenten():
    raw = _shipped_list()
    frysian = set(raw.loc[raw["provincienaam"] == "Fryslân", "gm_code"])
    targets = selection.from_provincie("Friesland")
    assert {"GM" + t.key[2:6] for t in targets} == frysian
    wijken = areas.table()
    expected = wijken[(wijken["soort"] == "wijk") & wijken["gemeente_code"].isin(frysian)]
    assert len(targets) == len(expected)


@pytest.mark.parametrize(
    ("typo", "suggestion"),
    [
        ("Gelderlnd", "Gelderland"),
        ("Limbrug", "Limburg"),
        ("Frieslnd", "Fryslân"),
        ("Utrecth", "Utrecht"),
    ],
)
def test_provincie_typo_gets_a_dutch_suggestion(typo, suggestion):
    with pytest.raises(ValidationError, match=f"Bedoelde u {suggestion}"):
        provinces.gemeenten_in(typo)


def test_alle_gebieden_every_gemeente_wijk_and_buurt_grouped_by_gemeente():
    targets = selection.select(alle_gebieden=True)
    levels = Counter(t.key[:2] for t in targets)
    assert levels == {"GM": 342, "WK": 3393, "BU": 14574}  # KWB 2024: 18,309 areas
    assert len({t.folder for t in targets}) == len(targets)
    # each gemeente once, as one run: the gemeente itself, then its wijken, then its buurten
    groups = [t.group for t in targets]
    starts = [i for i, g in enumerate(groups) if i == 0 or g != groups[i - 1]]
    assert len(starts) == 342
    for i in starts:
        assert targets[i].key == targets[i].group
    lochem = [t for t in targets if t.group == "GM0262"]
    assert [t.key[:2] for t in lochem] == sorted(
        (t.key[:2] for t in lochem), key=["GM", "WK", "BU"].index
    )
    assert lochem[1].folder == "GM0262/WK026200"
    assert "WK026200" in {t.key for t in lochem} and "BU02620000" in {t.key for t in lochem}
    assert selection.describe(alle_gebieden=True) == "alle gebieden"


def test_provincie_is_named_as_cbs_writes_it_whatever_was_typed():
    """Gemeenten alfabetisch 2024: GM0034 Almere lies in 'Flevoland', GM0080 in 'Fryslân'."""
    assert selection.describe(provincie="flevoland") == "provincie Flevoland"
    assert selection.describe(provincie="Friesland") == "provincie Fryslân"
