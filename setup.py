"""Build hook: the wheel carries the open data and the notebooks, which live outside the package."""

from __future__ import annotations

import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

ROOT = Path(__file__).resolve().parent
# (source in the checkout, target inside the installed package). Scripts that regenerate the
# fictional examples stay in the checkout.
SHIPPED = [
    ("data/raw", "wijktools/_data/raw"),
    ("data/voorbeeld", "wijktools/_data/voorbeeld"),
    ("data/gereedschapskist.yaml", "wijktools/_data/gereedschapskist.yaml"),
    ("notebooks", "wijktools/notebooks"),
]
SKIP = shutil.ignore_patterns("*.py", ".*", "__pycache__", ".ipynb_checkpoints")


class BuildPyWithData(build_py):
    """Copy data/ and notebooks/ into the built package (not for editable installs)."""

    def run(self) -> None:
        """Build the package as usual, then add the data beside it."""
        super().run()
        if getattr(self, "editable_mode", False):
            return
        for source, target in SHIPPED:
            src, dst = ROOT / source, Path(self.build_lib) / target
            if src.is_dir():
                shutil.copytree(src, dst, ignore=SKIP, dirs_exist_ok=True)
            else:
                dst.parent.mkdir(parents=True, exist_ok=True)
                shutil.copy2(src, dst)


setup(cmdclass={"build_py": BuildPyWithData})
