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


def test_atomic_write_gives_shared_documents_normal_permissions(tmp_path):
    import os

    old = os.umask(0o022)
    try:
        target = paths.write_text_atomic(tmp_path / "profiel.json", "{}")
    finally:
        os.umask(old)
    assert target.stat().st_mode & 0o777 == 0o644
