"""Build the demo outputs into a folder, or compare two such folders (a behaviour check for refactors).

Why: a restructure of the package must not change what an adviser gets. This script runs the public
command `wijktools demo --geen-notebooks` (wijkprofielen of Joure WK194019 and Lochem kern WK026200,
the fictional Joure workshop with every export, the Lochem batch) and compares two output folders:
every profiel.json (as JSON), the visible text of every HTML file, and the cell values of every xlsx
file. Timestamps and dates of the run are masked, so two runs on different days compare equal.

    python scripts/compare_outputs.py build /tmp/before      # on the old code
    python scripts/compare_outputs.py build /tmp/after       # on the new code
    python scripts/compare_outputs.py compare /tmp/before /tmp/after
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

_MONTHS = "januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|november|december"
_STAMPS = [
    re.compile(r"\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?([+-]\d{2}:?\d{2}|Z)?"),
    re.compile(r"\d{4}-\d{2}-\d{2}"),
    re.compile(rf"\b\d{{1,2}} ({_MONTHS}) \d{{4}}( om \d{{1,2}}[:.]\d{{2}})?", re.IGNORECASE),
    re.compile(r"\b\d{1,2}-\d{1,2}-\d{4}\b"),
    re.compile(r"\b\d{1,2}:\d{2}(:\d{2})?\b"),
]


def mask(text: str) -> str:
    """Replace dates and times by a fixed token."""
    for pattern in _STAMPS:
        text = pattern.sub("<TIJD>", text)
    return text


def build(out: Path, root: Path) -> None:
    """Run the demo (without notebooks) of the code in `root` into `out`."""
    out.mkdir(parents=True, exist_ok=True)
    subprocess.run(
        [sys.executable, "-m", "wijktools", "demo", "--geen-notebooks", "--uit", str(out)],
        cwd=root,
        check=True,
    )


def _json(path: Path) -> object:
    return json.loads(mask(path.read_text(encoding="utf-8")))


def _html_text(path: Path) -> str:
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
    for tag in soup(["script", "style"]):
        tag.decompose()
    lines = (line.strip() for line in soup.get_text("\n").splitlines())
    return mask("\n".join(line for line in lines if line))


def _xlsx_cells(path: Path) -> dict[str, list[list[str]]]:
    import openpyxl

    book = openpyxl.load_workbook(path, data_only=True)
    return {
        sheet.title: [
            [mask(str(v)) if v is not None else "" for v in row]
            for row in sheet.iter_rows(values_only=True)
        ]
        for sheet in book.worksheets
    }


READERS = {"profiel.json": _json, ".html": _html_text, ".xlsx": _xlsx_cells}


def _reader(path: Path):  # noqa: ANN202
    if path.name == "profiel.json":
        return READERS["profiel.json"]
    return READERS.get(path.suffix)


def compare(left: Path, right: Path) -> int:
    """Print every difference; return the number of differing or missing files."""
    files = {
        p.relative_to(base)
        for base in (left, right)
        for p in base.rglob("*")
        if p.is_file() and _reader(p)
    }
    problems = 0
    for rel in sorted(files):
        a, b = left / rel, right / rel
        if not a.exists() or not b.exists():
            print(f"ONTBREEKT aan één kant: {rel}")
            problems += 1
            continue
        read = _reader(a)
        if read(a) != read(b):
            print(f"VERSCHIL: {rel}")
            problems += 1
    print(
        f"{len(files)} bestanden vergeleken (profiel.json, HTML-tekst, xlsx-cellen), {problems} verschillen"
    )
    return problems


def main(argv: list[str] | None = None) -> int:
    """Command line: build OUT [--root DIR] | compare LEFT RIGHT."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    b = sub.add_parser("build")
    b.add_argument("out", type=Path)
    b.add_argument("--root", type=Path, default=ROOT, help="checkout whose code runs the demo")
    c = sub.add_parser("compare")
    c.add_argument("left", type=Path)
    c.add_argument("right", type=Path)
    args = parser.parse_args(argv)
    if args.command == "build":
        build(args.out, args.root)
        return 0
    return 1 if compare(args.left, args.right) else 0


if __name__ == "__main__":
    sys.exit(main())
