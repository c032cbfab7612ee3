"""Relation scores vertrouwen and meerwaarde (1-4, optional): store, history, import/export, summary."""

import openpyxl
import pytest

from wijktools import network
from wijktools.errors import DataFileErrors, ValidationError
from wijktools.network import quality
from wijktools.store import connection as store
from wijktools.workshop import sessions


@pytest.fixture
def demo(conn):
    return network.load_demo(conn)


def _pid(conn, sid, name):
    return network.find_partner(conn, sid, name)["id"]


def _write(path, rows, header=None):
    header = header or [*network.RELATION_HEADERS, "Vertrouwen (1-4)", "Meerwaarde (1-4)"]
    path.write_text("\n".join(";".join(map(str, r)) for r in [header, *rows]), encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (None, None),
        ("", None),
        ("  ", None),
        ("3", 3),
        (4, 4),
        (1.0, 1),
        ("2.0", 2),
        ("in hoge mate", 4),
        ("Een beetje", 2),
    ],
)
def test_score_accepts_1_to_4_labels_and_empty(raw, expected):
    assert quality.score(raw, "vertrouwen") == expected


@pytest.mark.parametrize("raw", ["0", "5", "2,5", 2.5, "-1", "hoog", "=1+3", True, "4 sterren"])
def test_score_refuses_anything_else(raw):
    with pytest.raises(ValidationError, match=r"Meerwaarde .* 1 tot en met 4"):
        quality.score(raw, "meerwaarde")


def test_scores_are_stored_and_edits_keep_history(conn, demo):
    a = _pid(conn, demo, "Logopedie Het Wâld")
    b = _pid(conn, demo, "Ergotherapie Friesland Zuid")
    rid = network.add_relation(conn, demo, a, b, "informeel", vertrouwen=2)
    row = store.get(conn, "relations", rid)
    assert (row["vertrouwen"], row["meerwaarde"]) == (2, None)
    network.update_relation(conn, rid, vertrouwen=4, meerwaarde="3")
    network.update_relation(conn, rid, intensity=2)  # other edits keep the scores
    row = store.get(conn, "relations", rid)
    assert (row["vertrouwen"], row["meerwaarde"], row["intensity"]) == (4, 3, 2)
    versions = [h["data"]["vertrouwen"] for h in store.history(conn, "relations", rid)]
    assert versions.index(2) < versions.index(4)
    with pytest.raises(ValidationError):
        network.update_relation(conn, rid, vertrouwen=7)
    assert store.get(conn, "relations", rid)["vertrouwen"] == 4


def test_database_refuses_out_of_range_scores(conn, demo):
    rid = network.relations(conn, demo)[0]["id"]
    with pytest.raises(Exception, match="CHECK"):
        conn.execute("UPDATE relations SET vertrouwen = 9 WHERE id = ?", (rid,))


def test_import_reads_scores_empty_means_not_scored(conn, demo, tmp_path):
    path = _write(
        tmp_path / "rel.csv",
        [
            ["Logopedie Het Wâld", "Ergotherapie Friesland Zuid", "informeel", 1, 3, ""],
            ["Apotheek Haskeruitgang", "Logopedie Het Wâld", "overleg", 2, "", 4],
        ],
    )
    result = network.import_relations(conn, demo, path)
    assert result.toegevoegd == 2
    scored = {
        (r["van"], r["naar"]): (r["vertrouwen"], r["meerwaarde"])
        for r in network.relations(conn, demo)
    }
    assert scored[("Logopedie Het Wâld", "Ergotherapie Friesland Zuid")] == (3, None)
    assert scored[("Apotheek Haskeruitgang", "Logopedie Het Wâld")] == (None, 4)


def test_hostile_scores_name_file_row_and_column_and_nothing_is_saved(conn, demo, tmp_path):
    before = network.relations(conn, demo)
    path = _write(
        tmp_path / "rel.csv",
        [
            ["Logopedie Het Wâld", "Ergotherapie Friesland Zuid", "informeel", 1, "5", "2"],
            ["Apotheek Haskeruitgang", "Logopedie Het Wâld", "overleg", 2, "3", "=HYPERLINK(1)"],
            ["Apotheek Haskeruitgang", "Ergotherapie Friesland Zuid", "overleg", 2, "2,5", ""],
        ],
    )
    with pytest.raises(DataFileErrors) as info:
        network.import_relations(conn, demo, path)
    places = {(p.row, p.column) for p in info.value.problems}
    assert places == {(2, "Vertrouwen (1-4)"), (3, "Meerwaarde (1-4)"), (4, "Vertrouwen (1-4)")}
    text = str(info.value)
    assert "rel.csv" in text and "rij 2" in text and "1 tot en met 4" in text
    assert network.relations(conn, demo) == before


def test_file_without_score_columns_keeps_stored_scores(conn, demo, tmp_path):
    rel = network.relations(conn, demo)[0]
    network.update_relation(conn, rel["id"], vertrouwen=3, meerwaarde=2)
    old = _write(
        tmp_path / "oud.csv",
        [[rel["van"], rel["naar"], rel["kind"], rel["intensity"]]],
        header=network.RELATION_HEADERS,
    )
    assert network.import_relations(conn, demo, old).ongewijzigd == 1
    row = store.get(conn, "relations", rel["id"])
    assert (row["vertrouwen"], row["meerwaarde"]) == (3, 2)
    # With the columns present an empty cell clears the score (as exported, then emptied).
    cleared = _write(
        tmp_path / "leeg.csv", [[rel["van"], rel["naar"], rel["kind"], rel["intensity"], "", 2]]
    )
    assert network.import_relations(conn, demo, cleared).bijgewerkt == 1
    assert store.get(conn, "relations", rel["id"])["vertrouwen"] is None


def test_unknown_extra_column_is_still_refused(conn, demo, tmp_path):
    path = _write(
        tmp_path / "rel.csv",
        [["a", "b", "informeel", 1, 1]],
        header=[*network.RELATION_HEADERS, "Vertrouwen"],
    )
    with pytest.raises(DataFileErrors, match="Vertrouwen \\(1-4\\)"):
        network.import_relations(conn, demo, path)


@pytest.mark.parametrize("suffix", [".xlsx", ".csv"])
def test_export_round_trip_keeps_scores(conn, demo, tmp_path, suffix):
    rels = network.relations(conn, demo)
    network.update_relation(conn, rels[0]["id"], vertrouwen=4, meerwaarde=1)
    network.update_relation(conn, rels[1]["id"], meerwaarde=3)
    path = network.export_relations(conn, demo, tmp_path / f"rel{suffix}")
    if suffix == ".xlsx":
        header = next(openpyxl.load_workbook(path).active.iter_rows(max_row=1, values_only=True))
        assert list(header)[-2:] == ["Vertrouwen (1-4)", "Meerwaarde (1-4)"]
    other = sessions.create_session(conn, "Kopie", "WK194019")
    network.import_partners(
        conn, other, network.export_partners(conn, demo, tmp_path / f"k{suffix}")
    )
    network.import_relations(conn, other, path)

    def scores(sid):
        return sorted(
            (r["van"], r["naar"], r["kind"], r["vertrouwen"], r["meerwaarde"])
            for r in network.relations(conn, sid)
        )

    assert scores(other) == scores(demo)


def test_summary_mean_only_with_enough_scored_relations(conn, demo):
    assert network.summary(conn, demo)["vertrouwen"] == "niet gescoord"
    rels = network.relations(conn, demo)
    for rel, value in zip(rels[:2], (4, 3), strict=True):
        network.update_relation(conn, rel["id"], vertrouwen=value)
    assert network.summary(conn, demo)["vertrouwen"].startswith("te weinig gescoord (2 van 12")
    network.update_relation(conn, rels[2]["id"], vertrouwen=2)
    # (4 + 3 + 2) / 3 = 3.0 over the three scored of twelve relations
    assert network.summary(conn, demo)["vertrouwen"] == "3,0 (3 van 12 relaties gescoord)"
    assert network.summary(conn, demo)["meerwaarde"] == "niet gescoord"


def test_relation_form_saves_and_loads_scores(conn, demo):
    from wijktools.widgets.relation_form import RelationForm

    form = RelationForm(conn, demo)
    form.van.value = _pid(conn, demo, "Logopedie Het Wâld")
    form.naar.value = _pid(conn, demo, "Ergotherapie Friesland Zuid")
    form.soort.value = "informeel"
    form.scores["vertrouwen"].value = 3
    rid = form.save()
    row = store.get(conn, "relations", rid)
    assert (row["vertrouwen"], row["meerwaarde"]) == (3, None)
    form.selector.value = network.relations(conn, demo)[0]["id"]
    form.selector.value = rid
    assert form.scores["vertrouwen"].value == 3 and form.scores["meerwaarde"].value == 0


def test_report_and_panel_show_the_mean_only_when_enough_are_scored(conn, demo):
    from wijktools.report.assemble import assemble
    from wijktools.widgets.network import NetworkPanel

    def figures():
        section = assemble(conn, demo).section("sociale_kaart")
        return {k.label: k.value for k in section.key_figures}, section.notes

    assert "Gemiddeld vertrouwen (1-4)" not in figures()[0]
    rels = network.relations(conn, demo)
    for rel, value in zip(rels[:3], (4, 4, 2), strict=True):
        network.update_relation(conn, rel["id"], vertrouwen=value)
    values, notes = figures()
    assert values["Gemiddeld vertrouwen (1-4)"] == "3,3"  # (4 + 4 + 2) / 3
    assert "Gemiddelde meerwaarde (1-4)" not in values
    assert any("PARTNER" in n and "3 van 12" in n for n in notes)
    panel = NetworkPanel(conn, demo, draw_map=False)
    assert "Gemiddeld vertrouwen (1-4):</b> 3,3 (3 van 12 relaties gescoord)" in panel.review.value
