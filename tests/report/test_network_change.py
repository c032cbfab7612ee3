"""'Netwerk: wat is er veranderd' in the report and deck of a vervolg session; CLI and demo hook."""

import pytest
from typer.testing import CliRunner

from wijktools import network
from wijktools.cli import app, main
from wijktools.demo.network_change import show_network_change
from wijktools.report.assemble import assemble
from wijktools.report.network_change import KEY
from wijktools.store import connection as store
from wijktools.workshop import sessions


@pytest.fixture
def kickoff(conn):
    return network.load_demo(conn)


@pytest.fixture
def vervolg(conn, kickoff, tmp_path):
    sid = sessions.create_session(
        conn, "Vervolg Joure (FICTIEF)", "WK194019", dates=["2027-05-17"], kind="vervolg"
    )
    show_network_change(conn, sid, tmp_path)
    return sid


def test_vervolg_report_shows_the_change(conn, kickoff, vervolg):
    report = assemble(conn, vervolg)
    section = report.section(KEY)
    assert section is not None and "Kick-off Joure" in section.intro
    figures = {k.label: k.value for k in section.key_figures}
    assert figures["Relaties"] == "12 → 15" and figures["Nieuwe relaties"] == "4"
    assert figures["Dichtheid"] == "7,8 % → 9,8 %"
    assert figures["Gemiddeld vertrouwen (1-4)"].startswith("niet gescoord → 3,1")
    rows = section.table(KEY).rows
    assert [
        "relatie verdwenen",
        "Huisartsen Midstraat →",
        "Fysiotherapie Geaflecht",
        "verwijzen",
    ] in rows
    assert section.figure(KEY).png.startswith(b"\x89PNG")
    blocks = {t.title: t.text for t in section.texts}
    assert blocks["Nog steeds zonder relatie"] == "Oefentherapie Sneekerweg"
    assert any("PARTNER" in n for n in section.notes)
    keys = [s.key for s in report.slides]
    assert keys.index(KEY) == keys.index("ontbrekende_disciplines") + 1
    assert f"{KEY}_tabel" in keys
    # The section follows the sociale kaart and its capacity, before the priorities.
    order = [s.key for s in report.sections]
    assert order[order.index("sociale_kaart") + 1 : order.index(KEY)] == ["capaciteit"]


def test_kickoff_and_vervolg_without_earlier_session_have_no_section(conn, kickoff):
    report = assemble(conn, kickoff)
    assert report.section(KEY) is None and KEY not in [s.key for s in report.slides]
    lone = sessions.create_session(conn, "Vervolg Lochem", "WK026200", kind="vervolg")
    assert assemble(conn, lone).section(KEY) is None


def test_demo_hook_is_repeatable(conn, kickoff, vervolg, tmp_path):
    again, path = show_network_change(conn, vervolg, tmp_path)
    assert path.name == "netwerk-verandering-FICTIEF.png" and path.is_file()
    assert len(again.new_relations) == 4 and len(again.gone_relations) == 1


def run(*args):
    return CliRunner().invoke(app, list(args))


def test_cli_prints_the_comparison_and_writes_the_figure(db_path, tmp_path):
    conn = store.connect(db_path)
    kickoff = network.load_demo(conn)
    later = sessions.create_session(
        conn, "Vervolg", "WK194019", dates=["2027-05-17"], kind="vervolg"
    )
    show_network_change(conn, later, tmp_path)
    figure = tmp_path / "uit" / "verandering.png"
    result = run(
        "sessie", "vergelijk", "--sessie", str(later), "--figuur", str(figure), "--db", str(db_path)
    )
    assert result.exit_code == 0, result.output
    assert "4 nieuwe relaties, 1 relatie verdwenen." in result.output
    assert (
        "relatie nieuw: Logopedie Het Wâld → Huisartsenpraktijk De Skâns (verwijzen)"
        in result.output
    )
    assert figure.read_bytes().startswith(b"\x89PNG")
    explicit = run(
        "sessie", "vergelijk", "--sessie", str(later), "--met", str(kickoff), "--db", str(db_path)
    )
    assert explicit.output == result.output.rsplit("Netwerkkaart van de verandering", 1)[0]


def test_cli_errors_are_dutch_and_write_nothing(db_path, tmp_path, capsys):
    conn = store.connect(db_path)
    kickoff = network.load_demo(conn)
    other = sessions.create_session(conn, "Lochem", "WK026200", kind="vervolg")
    later = sessions.create_session(
        conn, "Vervolg", "WK194019", dates=["2027-05-17"], kind="vervolg"
    )
    db = ["--db", str(db_path)]
    cases = [
        (["--sessie", str(kickoff)], "geen eerdere sessie van hetzelfde gebied"),
        (["--sessie", str(other), "--met", str(kickoff)], "verschillende gebieden"),
        (["--sessie", str(later), "--figuur", str(tmp_path / "x.pdf")], "Kies een .png-bestand"),
    ]
    for args, message in cases:
        assert main(["sessie", "vergelijk", *args, *db]) == 1
        out, err = capsys.readouterr()
        assert err.startswith("Fout: ") and message in err and "Traceback" not in err
        assert out == ""  # nothing printed before the error
    assert not (tmp_path / "x.pdf").exists()
