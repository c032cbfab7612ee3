"""The pool behind a batch, as one small interface: in-process, a local process pool, or Dask.

An `Executor` runs one picklable function over many argument tuples and yields
`(index, result_or_exception)` as each finishes. The batch engine only talks to this interface, so
the same per-area function runs unchanged on one core, on all local cores, or on an existing Dask
cluster (`wijktools batch --scheduler tcp://host:8786`). For Dask, the workers need the same
wijktools version, the open data under their own `WIJKTOOLS_HOME` and write access to the output
folder (a shared disk): they call the same `profile.build` + `render.profile_html.write_outputs` as locally.
"""

from __future__ import annotations

import concurrent.futures as cf
import itertools
import multiprocessing
from collections.abc import Callable, Iterator, Sequence
from typing import Protocol

from wijktools.errors import MissingExtraError, WijktoolsError

Outcome = tuple[int, object]
IN_FLIGHT = 3  # jobs per worker submitted ahead: enough to never idle, few enough to stay ordered


class Executor(Protocol):
    """Runs fn(*args) for every args tuple; yields (position, result or the exception) when done."""

    workers: int

    def imap_unordered(self, fn: Callable[..., object], jobs: Sequence[tuple]) -> Iterator[Outcome]:
        """Yield results in completion order, so progress and failures show at once."""
        ...

    def close(self) -> None:
        """Release workers or the client connection."""
        ...


class InlineExecutor:
    """One worker, this process: no start-up cost, easiest to debug, used for --workers 1."""

    workers = 1

    def __init__(self, initializer: Callable[[], None] | None = None) -> None:
        self._initializer = initializer

    def imap_unordered(self, fn: Callable[..., object], jobs: Sequence[tuple]) -> Iterator[Outcome]:
        """Run each job in turn, catching its exception so the rest still runs."""
        if self._initializer is not None:
            self._initializer()
        for index, args in enumerate(jobs):
            try:
                yield index, fn(*args)
            except Exception as exc:  # reported per area by the engine
                yield index, exc

    def close(self) -> None:
        """Nothing to release."""


class ProcessPoolExecutor:
    """Local process pool; data is loaded once per worker, not once per area.

    With fork (Linux, no other threads running) the parent loads the data first and every worker
    inherits it copy-on-write; otherwise (forkserver) the initializer loads it in each worker.
    """

    def __init__(self, workers: int, initializer: Callable[[], None] | None = None) -> None:
        self.workers = workers
        method = "fork" if _fork_is_safe() else "forkserver"
        if method == "fork" and initializer is not None:
            initializer()
            # The workers inherit what it loaded; running it again in each one would compute
            # its example profiles a second time before the first area.
            initializer = None
        self._pool = cf.ProcessPoolExecutor(
            max_workers=workers,
            initializer=initializer,
            mp_context=multiprocessing.get_context(method),
        )

    def imap_unordered(self, fn: Callable[..., object], jobs: Sequence[tuple]) -> Iterator[Outcome]:
        """Keep a few jobs per worker in flight, yield each as it completes; a dead worker fails only its jobs.

        A bounded window (not all jobs at once) keeps the parent's memory flat for 18,000 areas and
        the workers on neighbouring jobs (the same gemeente) at the same time.
        """
        window = self.workers * IN_FLIGHT
        waiting = iter(enumerate(jobs))
        running: dict[cf.Future, int] = {}
        try:
            while True:
                for index, args in itertools.islice(waiting, window - len(running)):
                    running[self._pool.submit(fn, *args)] = index
                if not running:
                    return
                done, _ = cf.wait(running, return_when=cf.FIRST_COMPLETED)
                for future in done:
                    index = running.pop(future)
                    try:
                        yield index, future.result()
                    except Exception as exc:  # includes BrokenProcessPool for a crashed worker
                        yield index, exc
        finally:
            for future in running:
                future.cancel()

    def close(self) -> None:
        """Stop the worker processes."""
        self._pool.shutdown(wait=True, cancel_futures=True)


class DaskExecutor:
    """An existing dask.distributed cluster: `Client(address)`, same function, same arguments."""

    def __init__(
        self,
        address: str,
        initializer: Callable[[], None] | None = None,
        connect_timeout: str = "10s",
    ) -> None:
        try:
            from distributed import Client
        except ImportError as exc:  # an optional extra, as papermill's iorw does for s3/gcs
            raise MissingExtraError("dask", "--scheduler (een Dask-cluster)") from exc
        try:
            self._client = Client(address, timeout=connect_timeout)
        except (OSError, TimeoutError, ValueError) as exc:
            raise WijktoolsError(
                f"Kan de Dask-scheduler op '{address}' niet bereiken ({exc}). Controleer het adres "
                "(bijvoorbeeld tcp://127.0.0.1:8786) en of de scheduler draait."
            ) from exc
        self._owns_client = True
        self.workers = max(1, sum(self._client.nthreads().values()))
        if initializer is not None:
            self._client.run(initializer)

    @classmethod
    def from_client(cls, client: object) -> DaskExecutor:
        """Wrap a Client the caller already has (tests, notebooks)."""
        self = cls.__new__(cls)
        self._client = client
        self._owns_client = False
        self.workers = max(1, sum(client.nthreads().values()))
        return self

    def imap_unordered(self, fn: Callable[..., object], jobs: Sequence[tuple]) -> Iterator[Outcome]:
        """Keep a few impure tasks per worker thread in flight and yield results as they arrive."""
        from distributed import as_completed

        window = self.workers * IN_FLIGHT
        waiting = iter(enumerate(jobs))
        futures = {}
        for index, args in itertools.islice(waiting, window):
            futures[self._client.submit(fn, *args, pure=False)] = index
        flow = as_completed(list(futures))
        for future in flow:
            index = futures.pop(future)
            try:
                yield index, future.result()
            except Exception as exc:  # a task or a worker failed: only this job
                yield index, exc
            finally:
                future.release()
            for index, args in itertools.islice(waiting, 1):
                new = self._client.submit(fn, *args, pure=False)
                futures[new] = index
                flow.add(new)

    def close(self) -> None:
        """Close the connection we opened (the cluster itself keeps running)."""
        if self._owns_client:
            self._client.close()


def _fork_is_safe() -> bool:
    """Forking while other threads run can deadlock; tqdm's sleeping monitor thread is harmless."""
    import sys
    import threading

    if sys.platform != "linux":
        return False
    others = [t for t in threading.enumerate() if t is not threading.current_thread()]
    return all(t.name == "tqdm_monitor" for t in others)


def make(
    workers: int = 1, scheduler: str | None = None, initializer: Callable[[], None] | None = None
) -> Executor:
    """The executor a CLI call asks for: Dask when an address is given, else local."""
    if scheduler:
        return DaskExecutor(scheduler, initializer)
    if workers <= 1:
        return InlineExecutor(initializer)
    return ProcessPoolExecutor(workers, initializer)
