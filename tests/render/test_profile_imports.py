"""The HTML profile draws its figures as direct SVG: it must not load matplotlib's figure machinery
or geopandas (together most of a profile's start-up), and still contain every figure and the map.
Once the text widths are stored (the first run), it does not load matplotlib at all."""

import json
import subprocess
import sys

HEAVY = ["matplotlib.figure", "matplotlib.pyplot", "matplotlib.backends.backend_agg", "geopandas"]
# A profile made without a session has no capacity figure or slides: their modules stay unloaded.
SESSION_ONLY = ["wijktools.report.capacity", "wijktools.figures.capacity", "wijktools.report.model"]

SCRIPT = """
import json, sys
from pathlib import Path
from wijktools.profile import build
from wijktools.render.profile_html import write_outputs
write_outputs(build.build("WK026200"), Path(sys.argv[1]))
print(json.dumps({m: m in sys.modules for m in sys.argv[2:]}))
"""


def _loaded(folder, modules):
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT, str(folder), *modules],
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_html_profile_with_figures_loads_no_matplotlib_figures_or_geopandas(tmp_path):
    loaded = _loaded(tmp_path, HEAVY + SESSION_ONLY)
    assert not any(loaded.values()), loaded
    # The widths of its texts are now stored: the next profile needs no matplotlib (0.1 s) at all.
    again = _loaded(tmp_path / "opnieuw", ["matplotlib", "pyparsing", "PIL"])
    assert not any(again.values()), again
    assert (tmp_path / "opnieuw" / "wijkprofiel.html").read_bytes() == (
        tmp_path / "wijkprofiel.html"
    ).read_bytes()
    html = (tmp_path / "wijkprofiel.html").read_text(encoding="utf-8")
    assert html.count("data:image/svg+xml") >= 6  # five charts and the map of the wijk
    assert "Lochem" in html
