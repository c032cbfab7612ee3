"""Shared fixtures: small real extracts in tests/fixtures, copied before use."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

FIXTURES = Path(__file__).parent / "fixtures"


def copy_fixture(name: str, tmp_path: Path) -> Path:
    """Tests may change their copy, never the fixture."""
    target = tmp_path / name
    shutil.copy(FIXTURES / name, target)
    return target


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    """A fresh store file per test."""
    return tmp_path / "werksessies.sqlite"
