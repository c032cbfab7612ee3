"""Every usage error and every generated help part of the CLI is Dutch; option names are consistent."""

from __future__ import annotations

import openpyxl
import pytest
import typer

from wijktools.cli import app, main
from wijktools.network import io as network_io
from wijktools.workshop import afspraken_io

ENGLISH = (
    "Usage:",
    "Options",
    "Commands",
    "Error:",
    "Missing",
    "No such",
    "Try '",
    "[required]",
    " valid ",
)


def run(capsys, *args: str) -> tuple[int, str, str]:
    try:
        code = main(list(args)) or 0
    except SystemExit as exc:
        code = int(exc.code or 0)
    out = capsys.readouterr()
    return code, out.out, out.err


@pytest.mark.parametrize(
    ("args", "dutch"),
    [
        (["knelpunten", "overnemen"], "Fout: Ontbrekende optie '--sessie'."),
        (["sesie", "lijst"], "Fout: Onbekende opdracht 'sesie'. Bedoelde u 'sessie'?"),
        (["export", "--sesie", "1"], "Fout: Onbekende optie '--sesie'. Bedoelde u --sessie?"),
        (
            ["knelpunten", "--sessie", "drie"],
            "Fout: Ongeldige waarde voor '--sessie': geef een geheel getal",
        ),
        (["sessie", "nieuw"], "Fout: Ontbrekend argument 'naam'."),
        (["export", "--sessie"], "Fout: Optie '--sessie' heeft een waarde nodig."),
    ],
)
def test_usage_errors_are_dutch(capsys, args, dutch):
    code, _, err = run(capsys, *args)
    assert code == 2
    assert dutch in err
    if "Optie" not in dutch:  # click gives no command context for a dangling option
        assert "Gebruik: wijktools" in err and "Hulp: wijktools" in err
    assert not [word for word in ENGLISH if word in err]


@pytest.mark.parametrize(
    "args", [["--help"], ["sessie", "nieuw", "--help"], ["knelpunten", "--help"]]
)
def test_generated_help_parts_are_dutch(capsys, args):
    code, out, _ = run(capsys, *args)
    assert code == 0
    assert out.startswith("Gebruik: wijktools")
    assert "Opties:" in out and "Toon deze hulp en stop." in out
    assert not [word for word in ENGLISH if word in out]


def test_gebieden_suggests_names_and_exits_1_when_nothing_matches(capsys):
    code, _, err = run(capsys, "gebieden", "profiel")
    assert code == 1
    assert "Geen gebieden gevonden voor 'profiel'. Bedoelde u: " in err
    assert "Riel" in err  # the nearest name in the CBS list, as `profiel` suggests it too


def test_one_mapping_option_and_one_sessie_option(capsys):
    _, export_help, _ = run(capsys, "export", "--help")
    assert "--mapping" in export_help and "--enquete-mapping" not in export_help
    # Compare the options themselves: the rendered help wraps differently per command.
    root = typer.main.get_command(app)
    helps = []
    for path in (
        ["export"],
        ["knelpunten"],
        ["importeer", "stemmen"],
        ["sociale-kaart", "controleer"],
    ):
        command = root
        for name in path:
            command = command.commands[name]  # type: ignore[attr-defined]
        option = next(p for p in command.params if "--sessie" in getattr(p, "opts", []))
        helps.append(option.help)
    assert len(set(helps)) == 1, helps


@pytest.mark.parametrize("kind", ["ketenpartners", "relaties", "afspraken"])
def test_template_example_row_is_fictional_and_tied_to_no_town(tmp_path, kind):
    path = tmp_path / f"{kind}.xlsx"
    if kind == "afspraken":
        afspraken_io.write_template(path)
        text = " ".join(afspraken_io.NOTES)
    else:
        network_io.write_template(kind, path)
        rows = list(openpyxl.load_workbook(path).worksheets[0].iter_rows(values_only=True))
        text = " ".join(str(v) for v in rows[1] if v is not None)
    assert "FICTIEF" in text
    for town in ("Joure", "Lochem", "Borculo", "0513", "8501"):
        assert town not in text
