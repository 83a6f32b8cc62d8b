"""The ingest on a Dask cluster: documents analysed on the workers, stored by one writer.

:class:`DaskIngester` is the corpus :class:`~marsad.corpus.ingest.Ingester` with another analysis
backend. The client process does everything the ingest does in its main process — reading in input
order, recognising stored documents, exact and near copies, writing — and sends the new originals to
the Dask workers in small tasks (the pipeline is loaded once per worker process, on its first task).
Results come back to the client, which writes them one batch (chunk) per transaction, in input
order, to the store or, with ``shards=DIR``, to one shard file per batch (:mod:`marsad.scale.shards`).

Failures: a task that raises is retried (``retries``, Dask's own mechanism, on any worker); a task
whose worker dies is rescheduled by Dask; a part that still fails is split and each of its documents
tried alone, so one poisonous document fails alone (stored with status ``failed``) and the run goes
on. Each batch id (:mod:`marsad.scale.ledger`) is recorded in the store after its transaction and a
recorded batch is never written again.

``dask`` is ``"local"`` (a LocalCluster, one worker process a core), ``"local:N"`` (N worker
processes), the address of a running scheduler (``tcp://host:8786`` or ``host:8786``), or a
``distributed.Client`` already connected.
"""

from __future__ import annotations

import logging
import os
import pickle
import uuid
from collections.abc import Callable
from concurrent.futures import Future

from marsad.corpus import dedup
from marsad.corpus.ingest import Ingester, IngestSummary, analyse_one
from marsad.corpus.store import Store
from marsad.errors import MarsadError
from marsad.scale import ledger

DEFAULT_RETRIES = 2
CONNECT_TIMEOUT_S = 30.0


class ClusterError(MarsadError):
    """The Dask cluster cannot be started or reached, or Dask is not installed."""


# ---- on the workers -----------------------------------------------------------------------------

_PIPELINES: dict[str, object] = {}


def _factory_key(factory: Callable) -> str:
    return f"{getattr(factory, '__module__', '?')}.{getattr(factory, '__qualname__', repr(factory))}"


def worker_pipeline(factory: Callable):
    """The pipeline of this worker process (built by ``factory`` on first use, then kept)."""
    key = _factory_key(factory)
    pipeline = _PIPELINES.get(key)
    if pipeline is None:
        pipeline = _PIPELINES[key] = factory()
    return pipeline


def analyse_part(docs: list, factory: Callable) -> bytes:
    """Analyse documents on a worker: (Analysis dict, None) or (None, why it failed) for each, as
    one pickled buffer (Dask then sends and sizes one bytes object instead of walking every nested
    dict of every Analysis: a few % of the worker's time)."""
    pipeline = worker_pipeline(factory)
    return pickle.dumps([analyse_one(pipeline, d) for d in docs], protocol=pickle.HIGHEST_PROTOCOL)


def _default_factory():
    from marsad.pipeline import load

    return load()


# ---- connecting -----------------------------------------------------------------------------------


def parse_spec(spec: str) -> tuple[str, int | str]:
    """``("local", N)`` for ``local`` / ``local:N``, ``("address", ADDRESS)`` otherwise."""
    s = (spec or "").strip()
    if not s:
        raise ClusterError("--dask needs a scheduler address (host:port) or local:N")
    if s == "local" or s.startswith("local:"):
        n = s.partition(":")[2]
        if not n:
            return "local", max(1, os.cpu_count() or 1)
        from marsad.options import max_workers

        if not n.isdigit() or not 1 <= int(n) <= max_workers():
            raise ClusterError(f"--dask {spec!r}: N in local:N must be a whole number from 1 to {max_workers()}")
        return "local", int(n)
    if "://" not in s:
        s = "tcp://" + s
    return "address", s


def _import_distributed():
    try:
        import distributed
    except ImportError:
        raise ClusterError('Dask is not installed: pip install "dask[distributed]"') from None
    return distributed


# Dask settings of a local cluster: no statistical profiler sampling the analysis thread every 10 ms
# on each worker (it costs CPU and the GIL, and nobody looks at it here).
LOCAL_CONFIG = {"distributed.worker.profile.enabled": False}


def dask_config(settings: dict):
    import dask

    return dask.config.set(settings)


def connect(spec, timeout: float = CONNECT_TIMEOUT_S):
    """(client, cluster or None): a Client on a new LocalCluster or on a running scheduler."""
    distributed = _import_distributed()
    if isinstance(spec, distributed.Client):
        return spec, None
    kind, value = parse_spec(str(spec))
    if kind == "local":
        try:
            with dask_config(LOCAL_CONFIG):
                cluster = distributed.LocalCluster(
                    n_workers=int(value), threads_per_worker=1, processes=True, dashboard_address=None,
                    silence_logs=logging.ERROR,
                )
        except Exception as exc:  # noqa: BLE001 - any failure to start is one clear line
            raise ClusterError(f"cannot start a local Dask cluster of {value} workers ({type(exc).__name__}: {exc})") from None
        try:
            client = distributed.Client(cluster, timeout=timeout)
        except Exception as exc:  # noqa: BLE001
            cluster.close()
            raise ClusterError(f"cannot connect to the local Dask cluster ({type(exc).__name__}: {exc})") from None
        return client, cluster
    try:
        client = distributed.Client(value, timeout=timeout)
    except Exception as exc:  # noqa: BLE001 - OSError, TimeoutError, CommClosedError …
        raise ClusterError(f"cannot reach the Dask scheduler at {value} ({type(exc).__name__}: {exc})") from None
    return client, None


def worker_count(client, wait: float = CONNECT_TIMEOUT_S) -> int:
    n = len(client.scheduler_info().get("workers", {}))
    if n == 0:
        try:
            client.wait_for_workers(1, timeout=wait)
        except Exception as exc:  # noqa: BLE001
            raise ClusterError(f"the Dask scheduler has no workers ({type(exc).__name__}: {exc})") from None
        n = len(client.scheduler_info().get("workers", {}))
    return max(1, n)


# ---- the ingester ---------------------------------------------------------------------------------


class ScaleSummary(IngestSummary):
    """The ingest summary plus what the scale layer did (workers, shards, batches)."""

    def __init__(self, **kw):
        super().__init__(**kw)
        self.backend = ""
        self.batches = 0
        self.batches_skipped = 0
        self.isolated = 0  # documents retried alone after their part failed
        self.shard_dir: str | None = None
        self.shards: list[str] = []

    def lines(self) -> list[str]:
        out = super().lines()
        extra = f"  {self.backend}: {self.batches} batches"
        if self.batches_skipped:
            extra += f", {self.batches_skipped} already in the store's ledger"
        if self.isolated:
            extra += f", {self.isolated} documents retried one by one after a worker failure"
        out.append(extra)
        if self.shard_dir is not None:
            fmt = "Parquet" if any(s.endswith(".parquet") for s in self.shards) else "JSON Lines"
            out.append(f"  wrote {len(self.shards)} {fmt} shards to {self.shard_dir}; "
                       f"bring them into a store with: marsad load {self.shard_dir} --db FILE")
        return out


class _Writer:
    """The store as the ingest sees it: every read goes to the store; :meth:`add_batch` skips a
    batch the ledger holds and records the ones it writes, or writes a shard file instead."""

    def __init__(self, store: Store, summary: ScaleSummary, shard_dir: str | None, shard_format: str | None):
        self._store = store
        self._summary = summary
        self._shard_dir = shard_dir
        self._shard_format = shard_format
        self._seq = 0

    def __getattr__(self, name):
        return getattr(self._store, name)

    def add_batch(self, items, marsad_version: str = "", before=None) -> list[str]:
        items = list(items)
        if not items:
            return []
        bid = ledger.batch_id(rec for rec, _analysis in items)
        s = self._summary
        s.batches += 1
        if self._shard_dir is not None:
            from marsad.scale.shards import write_shard

            path = write_shard(self._shard_dir, self._seq, bid, items, fmt=self._shard_format)
            self._seq += 1
            s.shards.append(str(path))
            return [rec.id for rec, _analysis in items]
        if ledger.is_recorded(self._store, bid):
            s.batches_skipped += 1
            return []
        added = self._store.add_batch(items, marsad_version=marsad_version, before=before)
        ledger.record(self._store, bid, len(items), via="dask")
        return added


class DaskIngester(Ingester):
    """:class:`Ingester` whose analysis runs on Dask workers; see the module docstring.

    With ``shards`` set, batches go to shard files in that folder instead of the store (the store is
    then only read, to recognise what it already holds; the added count is what the shards hold).

    It reuses the corpus ingest as it is (reading, deduplication, chunking, counting, writing) and
    replaces only where the analysis runs (``_start``, ``_submit``, ``_finish`` waiting on Dask
    futures, ``_stop``) and what ``add_batch`` does (``_Writer``)."""

    def __init__(self, store: Store, dask="local", chunk_size: int | None = None,
                 pipeline_factory: Callable | None = None, progress: Callable | None = None,
                 near_threshold: float = dedup.NEAR_THRESHOLD, retries: int = DEFAULT_RETRIES,
                 shards: str | os.PathLike | None = None, shard_format: str | None = None,
                 part_size: int | None = None, connect_timeout: float = CONNECT_TIMEOUT_S):
        super().__init__(store, workers=2, chunk_size=chunk_size or 1,
                         pipeline_factory=pipeline_factory or _default_factory, progress=progress,
                         near_threshold=near_threshold)
        self.chunk_size = chunk_size  # decided in _start (from the number of workers) when None
        self.spec = dask
        self.retries = max(0, int(retries))
        self.part_size = part_size
        self.connect_timeout = connect_timeout
        self.shard_dir = os.fspath(shards) if shards is not None else None
        if self.shard_dir is not None:
            from marsad.scale.shards import default_format

            self.shard_format = shard_format or default_format()
        else:
            self.shard_format = None
        self.summary = ScaleSummary()
        self.summary.shard_dir = self.shard_dir
        self.store = _Writer(store, self.summary, self.shard_dir, self.shard_format)
        self.client = None
        self.cluster = None
        self._token = uuid.uuid4().hex[:8]

    # -- cluster --

    def _start(self) -> None:
        self.client, self.cluster = connect(self.spec, timeout=self.connect_timeout)
        try:
            self.workers = worker_count(self.client, wait=self.connect_timeout)
        except ClusterError:
            self._stop()
            raise
        if self.chunk_size is None:
            self.chunk_size = max(32, 24 * self.workers)
        where = "local cluster" if self.cluster is not None else f"scheduler {self.client.scheduler.address}"
        self.summary.backend = f"dask ({self.workers} workers, {where})"

    def _stop(self) -> None:
        client, cluster = self.client, self.cluster
        self.client = self.cluster = None
        if client is not None and client is not self.spec:  # a Client we were given stays open
            client.close()
        if cluster is not None:
            cluster.close()

    # -- analysis --

    def _submit(self, chunk: list) -> list:
        todo = [it for it in chunk if it.document is not None]
        parts: list = []
        step = self.part_size or max(1, min(8, -(-len(todo) // (self.workers * 2)) if todo else 1))
        bid = ledger.batch_id(it.record for it in chunk)
        for i in range(0, len(todo), step):
            part = todo[i:i + step]
            fut = self.client.submit(analyse_part, [it.document for it in part], self.factory,
                                     key=f"marsad-{self._token}-{bid}-{i}", retries=self.retries, pure=False)
            parts.append((part, fut))
        parts.append((chunk, None))
        return parts

    def _results(self, items: list, fut) -> list[tuple[dict | None, str | None]]:
        try:
            return pickle.loads(fut.result())
        except Exception as exc:  # noqa: BLE001 - retries exhausted or the worker died (KilledWorker)
            first = f"analysis failed ({type(exc).__name__}: {exc})"
        if len(items) == 1:
            return [(None, first)]
        # One document may be the cause: try each alone, one at a time (so that a worker it kills
        # takes no other document with it), twice when its worker died.
        self.summary.isolated += len(items)
        return [self._alone(it) for it in items]

    def _alone(self, it, attempts: int = 2) -> tuple[dict | None, str | None]:
        err = ""
        for _ in range(attempts):
            fut = self.client.submit(analyse_part, [it.document], self.factory,
                                     key=f"marsad-{self._token}-alone-{uuid.uuid4().hex[:12]}",
                                     retries=0, pure=False)
            try:
                return pickle.loads(fut.result())[0]
            except Exception as exc:  # noqa: BLE001
                err = f"analysis failed ({type(exc).__name__}: {exc})"
                if type(exc).__name__ != "KilledWorker":
                    break
        return None, err

    def _finish(self, parts: list) -> None:
        """Wait for the Dask results of one chunk, then let the corpus ingest write it (through
        :class:`_Writer`: the batch ledger, or a shard)."""
        done = []
        for items, fut in parts:
            if fut is not None:
                resolved: Future = Future()
                resolved.set_result(self._results(items, fut))
                fut = resolved
            done.append((items, fut))
        super()._finish(done)

    def rebuild(self) -> None:
        if self.shard_dir is None:  # shards are rebuilt into a store by `marsad load`
            super().rebuild()


def ingest_dask(store: Store, items, dask="local", **kw) -> IngestSummary:
    """Ingest ``items`` into ``store`` with the analysis on Dask; see :class:`DaskIngester`."""
    return DaskIngester(store, dask=dask, **kw).run(items)
