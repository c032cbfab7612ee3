"""Batch engine: resume, failing areas, index page, executors (with a small stand-in builder)."""

from __future__ import annotations

import functools
import os
import time
from pathlib import Path

import pytest

from tests.support import batch_standin
from wijktools import batch
from wijktools.batch import engine, executors, index, selection, tasks
from wijktools.batch.selection import Target
from wijktools.errors import WijktoolsError

LOCHEM = ["WK026200", "WK026201", "WK026202"]


@pytest.fixture
def inputs(tmp_path: Path) -> list[Path]:
    """A stand-in input file whose mtime decides freshness (the real ones are data/raw)."""
    path = tmp_path / "invoer.csv"
    path.write_text("x\n")
    old = time.time() - 3600
    os.utime(path, (old, old))
    return [path]


def _targets(codes: list[str]) -> list[Target]:
    return [Target(key=c, name=c) for c in codes]


def _run(targets, out, inputs, title="Batch", **kwargs):
    kwargs.setdefault("area_fn", batch_standin.build)
    result = batch.run(targets, out, inputs=inputs, **kwargs)
    index.write(result, title=title)
    return result


def test_second_run_skips_and_opnieuw_rebuilds(tmp_path, inputs):
    out = tmp_path / "uit"
    first = _run(_targets(LOCHEM), out, inputs)
    assert [r.status for r in first.results] == ["klaar"] * 3
    assert (out / "WK026200" / "wijkprofiel.html").exists()
    assert (out / "WK026200" / "profiel.json").exists()

    second = _run(_targets(LOCHEM), out, inputs)
    assert [r.status for r in second.results] == ["actueel"] * 3
    assert second.skipped[0].figures["naam"] == "Wijk 00 Lochem kern"  # index keeps its figures

    third = _run(_targets(LOCHEM), out, inputs, force=True)
    assert [r.status for r in third.results] == ["klaar"] * 3


def test_touching_an_input_rebuilds(tmp_path, inputs):
    out = tmp_path / "uit"
    _run(_targets(LOCHEM), out, inputs)
    os.utime(inputs[0], None)  # newer than every output now
    again = _run(_targets(LOCHEM), out, inputs)
    assert [r.status for r in again.results] == ["klaar"] * 3


def test_missing_output_or_other_version_rebuilds(tmp_path, inputs):
    out = tmp_path / "uit"
    _run(_targets(LOCHEM), out, inputs)
    (out / "WK026201" / "profiel.json").unlink()
    stamp = out / "WK026202" / engine.STAMP
    stamp.write_text(stamp.read_text().replace(batch.engine.__version__, "0.0.0-oud"))
    again = _run(_targets(LOCHEM), out, inputs)
    assert [r.status for r in again.results] == ["actueel", "klaar", "klaar"]


def test_failing_area_is_reported_and_the_rest_done(tmp_path, inputs):
    out = tmp_path / "uit"
    targets = [*_targets(["WK026200"]), Target("WK999999", "WK999999"), *_targets(["WK026201"])]
    result = _run(targets, out, inputs)
    assert [r.status for r in result.results] == ["klaar", "mislukt", "klaar"]
    assert "WK999999" in result.failed[0].reason
    assert "komt niet voor" in result.failed[0].reason  # the Dutch message, not a traceback
    assert not (out / "WK999999" / engine.STAMP).exists()


def test_a_bug_in_one_area_does_not_stop_the_others(tmp_path, inputs):
    result = _run(_targets(LOCHEM), tmp_path / "uit", inputs, area_fn=batch_standin.crash)
    assert [r.status for r in result.results] == ["klaar", "mislukt", "klaar"]
    assert "RuntimeError: stuk" in result.failed[0].reason


def test_kern_from_codes_file(tmp_path, inputs):
    codes = tmp_path / "kernen.txt"
    codes.write_text("# kernen van Lochem\nLochem-stad: WK026200, WK026201\nWK026202\n")
    targets = selection.from_codes_file(codes)
    assert targets[0] == Target("KERN-lochem-stad", "Lochem-stad", ("WK026200", "WK026201"))
    result = _run(targets, tmp_path / "uit", inputs)
    assert [r.status for r in result.results] == ["klaar", "klaar"]
    assert result.results[0].figures["inwoners"] > result.results[1].figures["inwoners"] > 0
    assert (tmp_path / "uit" / "kern-lochem-stad" / "wijkprofiel.html").exists()


def test_index_links_every_area_with_figures_and_escapes(tmp_path, inputs):
    codes = tmp_path / "kernen.txt"
    codes.write_text("<script>alert(1)</script> & co: WK026200\nWK999999\n")
    result = _run(selection.from_codes_file(codes), tmp_path / "uit", inputs, title="Test <b>")
    html = (tmp_path / "uit" / index.INDEX).read_text()
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; co" in html
    assert "Test &lt;b&gt;" in html
    folder = result.results[0].target.folder
    assert f'href="{folder}/wijkprofiel.html"' in html
    assert "mislukt: Gebied" in html  # failed area listed with its reason, without a link
    assert 'href="WK999999' not in html
    assert "12.500" in html  # inwoners of Lochem kern, Dutch thousands separator
    assert "https://" not in html and "http://" not in html  # self-contained, no CDN
    assert "<button" in html and "sort(" in html  # sortable headers
    assert "CC BY 4.0" in html and "50090NED" in html  # attribution of the open data used


def test_index_rows_in_input_order_with_status(tmp_path, inputs):
    result = _run(_targets(["WK026201", "WK026200"]), tmp_path / "uit", inputs)
    rows = index.rows(result)
    assert [r["code"] for r in rows] == ["WK026201", "WK026200"]
    assert rows[0]["cijfers"][0] is not None  # 65+ share present for a Lochem wijk


def test_process_pool_gives_same_files(tmp_path, inputs):
    serial = _run(_targets(LOCHEM), tmp_path / "a", inputs)
    pool = executors.make(workers=2, initializer=tasks.warm)
    try:
        parallel = _run(_targets(LOCHEM), tmp_path / "b", inputs, executor=pool)
    finally:
        pool.close()
    assert [r.status for r in parallel.results] == ["klaar"] * 3
    for item in serial.results:
        for name in item.files:
            a = (tmp_path / "a" / item.target.folder / name).read_bytes()
            assert a == (tmp_path / "b" / item.target.folder / name).read_bytes()


def _note_warm(path: Path) -> None:
    with path.open("a", encoding="utf-8") as handle:
        handle.write(f"{os.getpid()}\n")


def test_forked_workers_inherit_the_warm_parent_instead_of_warming_again(tmp_path):
    # The initializer computes example profiles; each worker repeating it would delay the first area.
    if not executors._fork_is_safe():
        pytest.skip("fork is not used here (forkserver workers warm themselves)")
    notes = tmp_path / "warm.txt"
    pool = executors.make(workers=2, initializer=functools.partial(_note_warm, notes))
    try:
        pids = {pid for _, pid in pool.imap_unordered(os.getpid, [()] * 6)}
    finally:
        pool.close()
    assert os.getpid() not in pids  # the jobs did run in the worker processes
    assert notes.read_text(encoding="utf-8").split() == [str(os.getpid())]


def test_dask_scheduler_address_on_loopback(tmp_path, inputs):
    distributed = pytest.importorskip("distributed")
    with distributed.LocalCluster(
        n_workers=1,
        threads_per_worker=2,
        processes=False,
        host="127.0.0.1",
        protocol="tcp",
        dashboard_address=None,
    ) as cluster:
        assert cluster.scheduler_address.startswith("tcp://127.0.0.1:")
        executor = executors.make(scheduler=cluster.scheduler_address, initializer=tasks.warm)
        try:
            targets = [*_targets(LOCHEM[:2]), Target("WK999999", "WK999999")]
            result = _run(targets, tmp_path / "uit", inputs, executor=executor)
        finally:
            executor.close()
    assert [r.status for r in result.results] == ["klaar", "klaar", "mislukt"]
    assert "komt niet voor" in result.failed[0].reason
    assert (tmp_path / "uit" / "WK026201" / "wijkprofiel.html").exists()


def test_unreachable_scheduler_message_in_dutch():
    with pytest.raises(
        WijktoolsError, match=r"Kan de Dask-scheduler op 'tcp://127.0.0.1:9' niet bereiken"
    ):
        executors.DaskExecutor("tcp://127.0.0.1:9", connect_timeout="1s")


def test_no_figure_left_open_after_many_areas(tmp_path, inputs):
    result = _run(_targets(LOCHEM), tmp_path / "uit", inputs)
    assert all(r.open_figures == 0 for r in result.results)


@pytest.mark.slow
def test_notebook_path_keeps_executed_notebook_and_html(tmp_path, inputs, monkeypatch):
    monkeypatch.setenv("PYTHONPATH", str(Path(__file__).resolve().parents[2]))
    notebook = Path(__file__).parents[1] / "fixtures" / "batch_notebook_gebied.ipynb"
    area_fn = functools.partial(tasks.run_notebook, notebook=notebook)
    targets = [Target("WK026200", "WK026200"), Target("WK999999", "WK999999")]
    result = _run(targets, tmp_path / "uit", inputs, area_fn=area_fn, mode=engine.NOTEBOOKS)
    assert [r.status for r in result.results] == ["klaar", "mislukt"]
    folder = tmp_path / "uit" / "WK026200"
    assert sorted(result.results[0].files) == ["01-wijkprofiel.html", "01-wijkprofiel.ipynb"]
    assert "Wijk 00 Lochem kern 12500" in (folder / "01-wijkprofiel.html").read_text()
    assert '"gebied": "WK026200"' in (folder / "01-wijkprofiel.ipynb").read_text() or (
        'gebied = "WK026200"' in (folder / "01-wijkprofiel.ipynb").read_text()
    )
    assert "het notebook stopte in cel" in result.failed[0].reason
    assert "AreaNotFoundError" in result.failed[0].reason
    assert not (tmp_path / "uit" / "WK999999").exists()  # nothing half-written, no empty folder
    html = (tmp_path / "uit" / "index.html").read_text()
    assert 'href="WK026200/01-wijkprofiel.html"' in html
