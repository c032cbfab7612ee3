import pytest

from wijktools import paths
from wijktools.errors import ExportError


def test_slug_confines_user_names(tmp_path):
    target = paths.inside(tmp_path, paths.slug("../../x"))
    assert target.parent == tmp_path.resolve()


def test_inside_refuses_escape(tmp_path):
    with pytest.raises(ExportError, match="buiten de exportmap"):
        paths.inside(tmp_path, "..", "elders")


def test_atomic_write_leaves_old_file_on_crash(tmp_path):
    target = tmp_path / "rapport.html"
    paths.write_text_atomic(target, "oud")
    with pytest.raises(RuntimeError), paths.atomic_write(target, "w", encoding="utf-8") as fh:
        fh.write("half")
        raise RuntimeError("crash")
    assert target.read_text() == "oud"
    assert [p.name for p in tmp_path.iterdir()] == ["rapport.html"]
