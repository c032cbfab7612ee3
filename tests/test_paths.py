import sys

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


def test_atomic_write_failing_sync_leaves_old_file_and_no_temp_file(tmp_path, monkeypatch):
    # A full disk often shows only at fsync: the half-written new version must not replace the old.
    target = tmp_path / "rapport.html"
    paths.write_text_atomic(target, "oud")

    def full_disk(_fd):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(paths.os, "fsync", full_disk)
    with pytest.raises(OSError, match="No space"):
        paths.write_text_atomic(target, "nieuw, maar half")
    assert target.read_text() == "oud"
    assert [p.name for p in tmp_path.iterdir()] == ["rapport.html"]


@pytest.mark.skipif(sys.platform == "win32", reason="Windows cannot fsync a folder")
def test_atomic_write_syncs_the_data_then_the_rename_once_each(tmp_path, monkeypatch):
    import os
    import stat

    target = tmp_path / "profiel.json"
    calls = []
    real_fsync, real_replace = os.fsync, os.replace

    def fsync(fd):
        calls.append("map" if stat.S_ISDIR(os.fstat(fd).st_mode) else "bestand")
        real_fsync(fd)

    def replace(src, dst):
        calls.append("hernoem")
        real_replace(src, dst)

    monkeypatch.setattr(paths.os, "fsync", fsync)
    monkeypatch.setattr(paths.os, "replace", replace)
    paths.write_text_atomic(target, "{}")
    assert calls == ["bestand", "hernoem", "map"]
    assert target.read_text() == "{}"


def test_atomic_write_gives_shared_documents_normal_permissions(tmp_path):
    import os

    old = os.umask(0o022)
    try:
        target = paths.write_text_atomic(tmp_path / "profiel.json", "{}")
    finally:
        os.umask(old)
    assert target.stat().st_mode & 0o777 == 0o644


def test_installed_wheel_unpacks_its_data_and_refreshes_when_new_data_ships(tmp_path, monkeypatch):
    from wijktools import paths as p

    shipped = tmp_path / "site-packages" / "wijktools" / "_data"
    (shipped / "raw" / "cbs-kwb-2024-85984NED").mkdir(parents=True)
    (shipped / "raw" / "cbs-kwb-2024-85984NED" / "SOURCE.md").write_text("CBS", encoding="utf-8")
    monkeypatch.setattr(p, "SHIPPED_DIR", shipped)
    monkeypatch.setattr(p, "_UNPACKED", set())
    monkeypatch.setenv("WIJKTOOLS_HOME", str(tmp_path / "thuis"))
    assert not p.is_checkout()

    raw = p.raw_dir()
    assert raw == tmp_path / "thuis" / "data" / "raw"
    assert (raw / "cbs-kwb-2024-85984NED" / "SOURCE.md").read_text(encoding="utf-8") == "CBS"
    (raw / "zelf-opgehaald").mkdir()
    (raw / "zelf-opgehaald" / "tabel.csv").write_text("a;b\n", encoding="utf-8")

    # A newer wheel brings a table the copy does not have yet: the next process copies it in.
    (shipped / "raw" / "cbs-wijkgrenzen-2024").mkdir()
    (shipped / "raw" / "cbs-wijkgrenzen-2024" / "SOURCE.md").write_text("grenzen", encoding="utf-8")
    monkeypatch.setattr(p, "_UNPACKED", set())
    raw = p.raw_dir()
    assert (raw / "cbs-wijkgrenzen-2024" / "SOURCE.md").is_file()
    assert (raw / "zelf-opgehaald" / "tabel.csv").is_file()  # what the user fetched is kept


def test_installed_defaults_are_user_folders(tmp_path, monkeypatch):
    from wijktools import paths as p

    monkeypatch.setattr(p, "SHIPPED_DIR", tmp_path / "_data")
    (tmp_path / "_data").mkdir()
    monkeypatch.delenv("WIJKTOOLS_HOME", raising=False)
    monkeypatch.delenv("WIJKTOOLS_EXPORTS", raising=False)
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "home" / ".local" / "share"))
    monkeypatch.delenv("XDG_DOCUMENTS_DIR", raising=False)
    if sys.platform.startswith("linux"):
        assert p.project_root() == tmp_path / "home" / ".local" / "share" / "wijktools"
        assert p.exports_dir() == tmp_path / "home" / "Documents" / "wijktools" / "exports"
        assert p.werkboek_dir() == tmp_path / "home" / "Documents" / "wijktools" / "werkboek"
    assert not p.project_root().is_relative_to(p.PACKAGE_DIR.parent)


def test_checksum_follows_content_not_file_time(tmp_path, monkeypatch):
    import hashlib
    import os

    from wijktools import paths as p

    monkeypatch.setenv("WIJKTOOLS_HOME", str(tmp_path / "thuis"))
    monkeypatch.setattr(p, "_CHECKSUMS", {})
    source = tmp_path / "kerncijfers.csv"
    source.write_bytes(b"code;AantalInwoners\nWK026200;9850\n")
    first = p.checksum(source)
    assert first == hashlib.sha256(source.read_bytes()).hexdigest()

    os.utime(source, (1_600_000_000, 1_600_000_000))  # a fresh checkout or copy: new file time
    monkeypatch.setattr(p, "_CHECKSUMS", {})  # as a new process: only the memo file is known
    assert p.checksum(source) == first

    source.write_bytes(b"code;AantalInwoners\nWK026200;9851\n")  # same size, new content
    assert p.checksum(source) == hashlib.sha256(source.read_bytes()).hexdigest() != first


def test_derived_json_is_built_again_when_an_input_changes(tmp_path, monkeypatch):
    monkeypatch.setattr(paths, "derived_dir", lambda: tmp_path / "derived")
    monkeypatch.setattr(paths, "_CHECKSUMS", {})
    source = tmp_path / "bron.csv"
    source.write_text("a\n1\n", encoding="utf-8")
    built = []

    def build():
        built.append(1)
        return {"regels": source.read_text(encoding="utf-8").splitlines()}

    assert paths.derived_json("proef", [source], build) == {"regels": ["a", "1"]}
    assert paths.derived_json("proef", [source], build) == {"regels": ["a", "1"]}
    assert len(built) == 1  # the second time from data/derived
    source.write_text("a\n2\n", encoding="utf-8")
    assert paths.derived_json("proef", [source], build) == {"regels": ["a", "2"]}
    assert len(list((tmp_path / "derived").glob("proef-*.json"))) == 1  # the stale one removed
