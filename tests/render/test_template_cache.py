"""Compiled templates are kept in data/derived/jinja: a later run renders the same page without
compiling it again, and an edited template is never served from the old compilation."""

import jinja2
import pytest

from wijktools import paths
from wijktools.render import env as render_env

PAGE = "<p>{{ naam }} ({{ inwoners }} inwoners)</p>"


def _environment(folder, monkeypatch, templates):
    monkeypatch.setattr(paths, "derived_dir", lambda: folder)
    return jinja2.Environment(
        loader=jinja2.DictLoader(templates),
        autoescape=True,
        bytecode_cache=paths.template_cache("html"),
    )


def test_a_later_run_renders_from_the_cache_without_compiling(tmp_path, monkeypatch):
    templates = {"pagina.html": PAGE}
    first = _environment(tmp_path, monkeypatch, templates)
    expected = first.get_template("pagina.html").render(naam="Lochem <kern>", inwoners=9440)
    assert list((tmp_path / "jinja" / "html").iterdir()), "nothing was stored"

    second = _environment(tmp_path, monkeypatch, templates)

    def no_compiling(*args, **kwargs):
        raise AssertionError("compiled again although the cache holds this template")

    monkeypatch.setattr(second, "compile", no_compiling)
    again = second.get_template("pagina.html").render(naam="Lochem <kern>", inwoners=9440)
    assert again == expected == "<p>Lochem &lt;kern&gt; (9440 inwoners)</p>"


def test_an_edited_template_is_compiled_anew(tmp_path, monkeypatch):
    templates = {"pagina.html": PAGE}
    first = _environment(tmp_path, monkeypatch, templates)
    assert first.get_template("pagina.html").render(naam="Lochem", inwoners=1).startswith("<p>")
    templates["pagina.html"] = "<h1>{{ naam }}</h1>"
    second = _environment(tmp_path, monkeypatch, templates)
    assert second.get_template("pagina.html").render(naam="Lochem") == "<h1>Lochem</h1>"


def test_an_unwritable_cache_folder_only_costs_time(tmp_path, monkeypatch):
    blocked = tmp_path / "bestand"
    blocked.write_text("geen map", encoding="utf-8")
    monkeypatch.setattr(paths, "derived_dir", lambda: blocked)
    assert paths.template_cache("html") is None


@pytest.mark.parametrize("name", ["html", "svg"])
def test_each_environment_has_its_own_folder(tmp_path, monkeypatch, name):
    # The same template compiles differently under other options (keep_trailing_newline, ...).
    monkeypatch.setattr(paths, "derived_dir", lambda: tmp_path)
    assert paths.template_cache(name).directory == str(tmp_path / "jinja" / name)


def test_the_profiles_environments_use_the_cache():
    from wijktools.figures import svg_charts

    assert render_env.environment().bytecode_cache.directory.endswith("html")
    assert svg_charts._template().environment.bytecode_cache.directory.endswith("svg")
