"""`wijktools batch` on the command line: summary, exit code, Dutch errors, default folder."""

from __future__ import annotations

import sys

import pytest

from tests.support import batch_standin
from wijktools.batch import tasks
from wijktools.cli import main


@pytest.fixture
def standin(monkeypatch):
    """The CLI's fast path with the stand-in builder (the real profile has its own tests)."""
    monkeypatch.setattr(tasks, "build_profile", batch_standin.build)


def test_failing_area_reported_rest_done_exit_1(tmp_path, standin, capsys):
    codes = tmp_path / "codes.txt"
    codes.write_text("WK026200\nWK999999\nWK026201\n", encoding="utf-8")
    out = tmp_path / "uit"
    code = main(["batch", "--codes", str(codes), "--uit", str(out), "--workers", "1"])
    captured = capsys.readouterr()
    assert code == 1
    assert "2 gemaakt, 0 overgeslagen (al actueel), 1 mislukt" in captured.out
    assert "mislukt WK999999: Gebied 'WK999999' komt niet voor" in captured.err
    assert "Fout: 1 van 3 gebieden mislukt" in captured.err
    assert (out / "WK026201" / "wijkprofiel.html").exists()
    assert (out / "index.html").exists()


def test_second_run_skips_then_opnieuw(tmp_path, standin, capsys):
    out = tmp_path / "uit"
    args = ["batch", "--gemeente", "GM0262", "--uit", str(out), "--workers", "1"]
    assert main(args) == 0
    first = capsys.readouterr().out
    assert "6 gemaakt, 0 overgeslagen" in first
    assert main(args) == 0
    assert "0 gemaakt, 6 overgeslagen (al actueel), 0 mislukt" in capsys.readouterr().out
    assert main([*args, "--opnieuw"]) == 0
    assert "6 gemaakt, 0 overgeslagen" in capsys.readouterr().out


def test_default_folder_under_exports(tmp_path, standin, monkeypatch, capsys):
    monkeypatch.setenv("WIJKTOOLS_EXPORTS", str(tmp_path / "exports"))
    assert main(["batch", "--gemeente", "GM0262", "--workers", "1"]) == 0
    assert (tmp_path / "exports" / "batch" / "gemeente-gm0262" / "index.html").exists()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["batch"], "Fout: Kies precies één selectie"),
        (["batch", "--gemeente", "GM0262", "--alle-wijken"], "Fout: Kies precies één selectie"),
        (["batch", "--gemeente", "Lochem"], "Fout: 'Lochem' is geen gemeentecode"),
        (["batch", "--codes", "bestaat-niet.txt"], "bestaat niet. Controleer het pad."),
        (
            ["batch", "--provincie", "Gelderlnd"],
            "Fout: Provincie 'Gelderlnd' is onbekend. Bedoelde u Gelderland?",
        ),
        (["batch", "--provincie", "Frieslnd"], "Bedoelde u Fryslân?"),
    ],
)
def test_selection_errors_in_dutch(args, message, capsys):
    assert main(args) == 1
    err = capsys.readouterr().err
    assert message in err
    assert "Traceback" not in err


def test_help_is_dutch_with_examples(capsys):
    assert main(["batch", "--help"]) == 0
    out = capsys.readouterr().out
    assert "Voorbeeld: wijktools batch --gemeente GM0262" in out
    assert "Voorbeelden:" in out
    assert "wijktools batch --gemeente GM0262" in out
    assert "--scheduler" in out and "--notebooks" in out and "--opnieuw" in out


def test_zonder_figuren_is_its_own_mode(tmp_path, standin, monkeypatch, capsys):
    monkeypatch.setattr(tasks, "build_profile_without_figures", batch_standin.build)
    out = tmp_path / "uit"
    args = ["batch", "--gemeente", "GM0262", "--uit", str(out), "--workers", "1"]
    assert main(args) == 0
    capsys.readouterr()
    # outputs made with figures are not "up to date" for a run without them, and back
    assert main([*args, "--zonder-figuren"]) == 0
    assert "6 gemaakt, 0 overgeslagen" in capsys.readouterr().out
    assert main([*args, "--zonder-figuren"]) == 0
    assert "0 gemaakt, 6 overgeslagen" in capsys.readouterr().out
    assert main([*args, "--zonder-figuren", "--notebooks"]) == 1
    assert "Kies --notebooks of --zonder-figuren" in capsys.readouterr().err


def test_scheduler_without_dask_names_the_extra(tmp_path, monkeypatch, capsys):
    # As on a laptop installed without `wijktools[dask]`: importing distributed fails.
    monkeypatch.setitem(sys.modules, "distributed", None)
    args = ["batch", "--gemeente", "GM0262", "--uit", str(tmp_path / "uit")]
    assert main([*args, "--scheduler", "tcp://127.0.0.1:9"]) == 1
    err = capsys.readouterr().err
    assert 'pip install "wijktools[dask]"' in err and "--scheduler" in err
    assert "Traceback" not in err
    assert not (tmp_path / "uit").exists() or not any((tmp_path / "uit").rglob("*.html"))


def test_alle_gebieden_per_gemeente_folders_and_streamed_index(
    tmp_path, standin, monkeypatch, capsys
):
    from wijktools.batch import selection

    every = selection.all_areas()
    two = [
        t for t in every if t.group in ("GM0262", "GM0014")
    ]  # Lochem, Groningen (UMCG: 0 inwoners)
    monkeypatch.setattr(selection, "all_areas", lambda: two)
    out = tmp_path / "uit"
    assert main(["batch", "--alle-gebieden", "--uit", str(out), "--workers", "1"]) == 0
    captured = capsys.readouterr()
    assert f"{len(two)} gemaakt, 0 overgeslagen (al actueel), 0 mislukt" in captured.out
    assert (out / "GM0262" / "GM0262" / "wijkprofiel.html").exists()
    assert (out / "GM0262" / "BU02620000" / "profiel.json").exists()
    top = (out / "index.html").read_text(encoding="utf-8")
    assert 'href="GM0262/index.html"' in top and "Lochem" in top and "Groningen" in top
    lochem = (out / "GM0262" / "index.html").read_text(encoding="utf-8")
    assert 'href="WK026200/wijkprofiel.html"' in lochem  # relative to the gemeente's folder
    assert lochem.count("<tr class=") == sum(t.group == "GM0262" for t in two)
    rows = (out / "index.csv").read_text(encoding="utf-8").splitlines()
    assert rows[0] == "code;naam;soort;gemeente;inwoners;status;opmerking;pagina"
    assert len(rows) == len(two) + 1
    umcg = next(r for r in rows if r.startswith("BU00140007;"))
    # a buurt without inwoners gets its profile and says why it is thin; it is not a failure
    assert ";buurt;Groningen;0;gemaakt;geen inwoners volgens CBS" in umcg
    assert umcg.endswith(";GM0014/BU00140007/wijkprofiel.html")
    groningen = (out / "GM0014" / "index.html").read_text(encoding="utf-8")
    assert "gemaakt; geen RIVM-gezondheidscijfers: niet gekoppeld" in groningen
    assert main(["batch", "--alle-gebieden", "--uit", str(out), "--workers", "1"]) == 0
    assert f"0 gemaakt, {len(two)} overgeslagen" in capsys.readouterr().out
