"""`wijktools gebieden` and `wijktools profiel`: outputs, self-contained HTML, Dutch errors."""

import base64
import json
import re

import pytest

from wijktools.cli import main
from wijktools.opendata import areas
from wijktools.profile import build as profile
from wijktools.render import profile_html


def run(args, capsys):
    code = main(args)
    out = capsys.readouterr()
    return code, out.out, out.err


def test_profiel_writes_html_and_json(tmp_path, capsys):
    code, out, _ = run(["profiel", "WK026200", "--uit", str(tmp_path)], capsys)
    assert code == 0
    assert "wijkprofiel.html" in out
    data = json.loads((tmp_path / "profiel.json").read_text(encoding="utf-8"))
    assert data["gebied"]["code"] == "WK026200"
    html = (tmp_path / "wijkprofiel.html").read_text(encoding="utf-8")
    assert "Wijkgezondheidsprofiel Wijk 00 Lochem kern" in html
    assert "CC BY 4.0" in html and "50090NED" in html and "cohortverschuiving" in html


def test_html_has_no_external_url(tmp_path, capsys):
    run(["profiel", "WK194019", "--uit", str(tmp_path)], capsys)
    html = (tmp_path / "wijkprofiel.html").read_text(encoding="utf-8")
    text = re.sub(r"data:image/svg\+xml;base64,[A-Za-z0-9+/=]+", "", html)
    assert not re.search(r"(https?:)?//[a-z0-9]", text, flags=re.I)
    assert "@import" not in text and "url(" not in text
    sources = re.findall(r'(?:src|href)="([^"]*)"', html)
    assert sources and all(s.startswith("data:image/svg+xml;base64,") for s in sources)


def test_html_figures_are_vector_with_their_source_line_as_text(tmp_path):
    written = profile_html.write_outputs(profile.build("WK026200"), tmp_path)
    html = written[0].read_text(encoding="utf-8")
    uris = re.findall(r'src="data:image/svg\+xml;base64,([^"]+)"', html)
    svgs = [base64.b64decode(u).decode("utf-8") for u in uris]
    assert len(svgs) == 6 and all("<svg" in s for s in svgs)
    assert all("Bron: " in s for s in svgs)  # text stays text: sharp and searchable
    assert "Bron: CBS/PDOK, wijkgrenzen 2024" in svgs[-1] and "CC BY 4.0" in svgs[-1]


def test_html_escapes_names(tmp_path):
    kern = areas.kern("<script>alert(1)</script> & Co", ["WK026200"])
    profile_html.write_outputs(profile.build(kern), tmp_path)
    html = (tmp_path / "wijkprofiel.html").read_text(encoding="utf-8")
    assert "<script>alert" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; Co" in html


def test_kern_via_cli(tmp_path, capsys):
    code, _, _ = run(
        ["profiel", "--kern", "Lochem", "--codes", "WK026200,WK026201", "--uit", str(tmp_path)],
        capsys,
    )
    assert code == 0
    data = json.loads((tmp_path / "profiel.json").read_text(encoding="utf-8"))
    assert data["gebied"]["soort"] == "kern"
    assert data["gebied"]["inwoners"] == 12500 + 1335


def test_unknown_code_dutch_error_and_nothing_written(tmp_path, capsys):
    target = tmp_path / "uit"
    code, _, err = run(["profiel", "WK999999", "--uit", str(target)], capsys)
    assert code == 1
    assert err.startswith("Fout: ") and "wijktools gebieden" in err
    assert not target.exists()


def test_unknown_name_suggests_closest(tmp_path, capsys):
    code, _, err = run(["profiel", "Lochm", "--uit", str(tmp_path / "x")], capsys)
    assert code == 1 and "Bedoelde u" in err and "Lochem" in err
    assert not (tmp_path / "x").exists()


def test_kern_without_codes_is_refused(tmp_path, capsys):
    code, _, err = run(["profiel", "--kern", "Lochem", "--uit", str(tmp_path / "x")], capsys)
    assert code == 1 and "--codes" in err
    assert not (tmp_path / "x").exists()


def test_gebieden_lists_matches(capsys):
    code, out, _ = run(["gebieden", "Lochem", "--soort", "wijk"], capsys)
    assert code == 0
    assert re.search(r"WK026200\s+Wijk 00 Lochem kern\s+wijk\s+Lochem\s+12\.500", out)


@pytest.mark.parametrize("command", ["profiel", "gebieden"])
def test_help_is_dutch_with_example(command, capsys):
    code, out, _ = run([command, "--help"], capsys)
    assert code == 0 and "Voorbeeld: wijktools " + command in out


def test_batch_mode_without_figures_says_so(tmp_path):
    written = profile_html.write_outputs(profile.build("WK026201"), tmp_path, with_figures=False)
    html = written[0].read_text(encoding="utf-8")
    assert "data:image/" not in html and "Figuren zijn weggelaten" in html
    assert json.loads(written[1].read_text(encoding="utf-8"))["gebied"]["code"] == "WK026201"


def test_profiel_with_survey_adds_enquete_key(tmp_path):
    from wijktools import survey
    from wijktools.cli import main

    example, mapping = survey.demo_paths()
    main(
        [
            "profiel",
            "WK194019",
            "--uit",
            str(tmp_path),
            "--enquete",
            str(example),
            "--mapping",
            str(mapping),
        ]
    )
    data = json.loads((tmp_path / "profiel.json").read_text(encoding="utf-8"))
    assert data["enquete"]["aantal_respondenten"] == 30
    assert any(k.get("bron") == "enquête" for k in data["knelpunten"])
    assert "te weinig respondenten" in (tmp_path / "wijkprofiel.html").read_text(encoding="utf-8")


def test_mistyped_command_gives_usage_not_traceback(capsys):
    code, _out, err = run(["profiell", "WK026200"], capsys)
    assert code == 2 and "Traceback" not in err and "profiel" in err
