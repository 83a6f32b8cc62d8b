"""The ingest on a Dask cluster: documents analysed on the workers, stored by one writer.

:class:`DaskIngester` is the corpus :class:`~marsad.corpus.ingest.Ingester` with another analysis
backend. The client process does everything the ingest does in its main process — reading in input
order, recognising stored documents, exact and near copies, writing — and sends the new originals to
the Dask workers, a part of :data:`PART_SIZE` documents a task. Each worker loads the pipeline once,
when it joins (:class:`marsad.scale.plugin.PipelinePlugin`; a cached loader on its first task
otherwise), and sends back each document's Analysis already flattened into the store's rows
(:class:`~marsad.corpus.store.AnalysisRows`, one pickled buffer a task), so the client only inserts:
one batch (chunk) per transaction, each table in bulk, in input order, to the store or, with
``shards=DIR``, to one shard file per batch (:mod:`marsad.scale.shards`). At most :data:`DEPTH`
chunks are in flight, so the client's memory stays flat whatever the size of the corpus.

Failures: a task that raises is retried (``retries``, Dask's own mechanism, on any worker); a task
whose worker dies is rescheduled by Dask on another; a part that still fails is split and each of its
documents tried alone, so one poisonous document fails alone (stored with status ``failed``) and the
run goes on. When the scheduler is lost, or no worker is left for :data:`NO_WORKERS_S` seconds, the
run stops with :class:`ClusterError` and nothing of the unfinished chunks is written. Each batch id
(:mod:`marsad.scale.ledger`) is recorded in the store after its transaction and a recorded batch is
never written again.

Resuming: a rerun of the same ingest skips every document already stored (by id, as the corpus ingest
does) and continues with the rest; with ``shards=DIR`` the shards already in DIR count as stored, so
a rerun writes the missing documents only, to new shards after the old ones.

``dask`` is ``"local"`` (a LocalCluster, one worker process a core), ``"local:N"`` (N worker
processes), the address of a running scheduler (``tcp://host:8786`` or ``host:8786``), or a
``distributed.Client`` already connected.
"""

from __future__ import annotations

import logging
import os
import pickle
import threading
import time
import uuid
from collections.abc import Callable
from concurrent.futures import CancelledError, Future

from marsad.corpus import dedup
from marsad.corpus.ingest import Ingester, IngestSummary, analyse_rows
from marsad.corpus.store import Store
from marsad.errors import MarsadError
from marsad.scale import ledger

DEFAULT_RETRIES = 2
CONNECT_TIMEOUT_S = 30.0
PART_SIZE = 32  # documents a task: most of a second of analysis, so that Dask's overhead a task is small
CHUNK_MIN = 64  # documents a batch (one transaction) at least; PART_SIZE a worker when there are more
DEPTH = 2  # chunks waiting for their results while the next one is read and sent
NO_WORKERS_S = 120.0  # how long the run waits for a worker when the cluster has none left
POLL_S = 5.0
CLOSE_TIMEOUT_S = 10.0


class ClusterError(MarsadError):
    """The Dask cluster cannot be started or reached, or Dask is not installed."""


# ---- on the workers -----------------------------------------------------------------------------

_PIPELINES: dict[str, object] = {}
_PIPELINES_LOCK = threading.Lock()


def _factory_key(factory: Callable) -> str:
    return f"{getattr(factory, '__module__', '?')}.{getattr(factory, '__qualname__', repr(factory))}"


def worker_pipeline(factory: Callable):
    """The pipeline of this worker process (built by ``factory`` on first use, then kept)."""
    key = _factory_key(factory)
    pipeline = _PIPELINES.get(key)
    if pipeline is None:
        with _PIPELINES_LOCK:
            pipeline = _PIPELINES.get(key)
            if pipeline is None:
                pipeline = _PIPELINES[key] = factory()
    return pipeline


def analyse_part(docs: list, factory: Callable) -> bytes:
    """Analyse documents on a worker: (AnalysisRows, None) or (rows or None, why it failed) for each,
    as one pickled buffer of strings and tuples (Dask then sends and sizes one bytes object, and the
    client unpickles no nested Analysis dicts and flattens nothing: it only inserts)."""
    pipeline = worker_pipeline(factory)
    return pickle.dumps([analyse_rows(pipeline, d) for d in docs], protocol=pickle.HIGHEST_PROTOCOL)


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
# on each worker (it costs CPU and the GIL, and nobody looks at it here), and the periodic callbacks
# of every process (event-loop tick, system and memory monitors, work stealing: tasks here wait in
# the scheduler's queue until a worker is free) less often. Idle, a 2-worker cluster then costs 0.5 %
# of a core instead of 8 %. ``dask scheduler`` and ``dask worker`` processes started by hand take the
# same from the environment (DASK_DISTRIBUTED__WORKER__PROFILE__ENABLED=False …; see the README).
LOCAL_CONFIG = {
    "distributed.worker.profile.enabled": False,
    "distributed.admin.tick.interval": "200ms",
    "distributed.admin.system-monitor.interval": "2s",
    "distributed.worker.memory.monitor-interval": "500ms",
    "distributed.scheduler.work-stealing-interval": "500ms",
}


def dask_config(settings: dict):
    import dask

    return dask.config.set(settings)


def quiet_dask_logs() -> None:
    """Leave Dask's own log lines (and their tracebacks, when a worker or the scheduler goes away)
    out of this process's stderr: the ingest says what happened in its own words. For the command
    line; a library caller keeps its logging as it configured it."""
    import warnings

    _import_distributed()  # (its import sets the levels of its loggers from Dask's config)
    for name in ["distributed", *logging.root.manager.loggerDict]:
        if name == "distributed" or name.startswith("distributed."):
            logging.getLogger(name).setLevel(logging.CRITICAL)
    warnings.filterwarnings("ignore", module="distributed")


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
                    n_workers=int(value), threads_per_worker=1, processes=True, dashboard_address=":0",
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
        self.resumed_shards = 0  # shards already in shard_dir (an earlier run's), their documents skipped

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
            resumed = f" (after the {self.resumed_shards} shards already there)" if self.resumed_shards else ""
            out.append(f"  wrote {len(self.shards)} {fmt} shards to {self.shard_dir}{resumed}; "
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
        self.next_seq = 0

    def __getattr__(self, name):
        return getattr(self._store, name)

    def add_batch(self, items, marsad_version: str = "", **kw) -> list[str]:
        items = list(items)
        if not items:
            return []
        bid = ledger.batch_id(rec for rec, _analysis in items)
        s = self._summary
        s.batches += 1
        if self._shard_dir is not None:
            from marsad.scale.shards import write_shard

            path = write_shard(self._shard_dir, self.next_seq, bid, items, fmt=self._shard_format)
            self.next_seq += 1
            s.shards.append(str(path))
            return [rec.id for rec, _analysis in items]
        if ledger.is_recorded(self._store, bid):
            s.batches_skipped += 1
            return []
        added = self._store.add_batch(items, marsad_version=marsad_version, **kw)
        ledger.record(self._store, bid, len(items), via="dask")
        return added


class DaskIngester(Ingester):
    """:class:`Ingester` whose analysis runs on Dask workers; see the module docstring.

    With ``shards`` set, batches go to shard files in that folder (a local path or an fsspec URL)
    instead of the store (the store is then only read, to recognise what it already holds; the added
    count is what the shards hold).

    It reuses the corpus ingest as it is (reading, deduplication, chunking, counting, writing) and
    replaces only where the analysis runs (``_start``, ``_submit``, ``_finish`` waiting on Dask
    futures, ``_stop``) and what ``add_batch`` does (``_Writer``)."""

    def __init__(self, store: Store, dask="local", chunk_size: int | None = None,
                 pipeline_factory: Callable | None = None, progress: Callable | None = None,
                 near_threshold: float = dedup.NEAR_THRESHOLD, retries: int = DEFAULT_RETRIES,
                 shards: str | os.PathLike | None = None, shard_format: str | None = None,
                 part_size: int | None = None, connect_timeout: float = CONNECT_TIMEOUT_S,
                 depth: int = DEPTH, no_workers_timeout: float = NO_WORKERS_S):
        super().__init__(store, workers=2, chunk_size=chunk_size or 1,
                         pipeline_factory=pipeline_factory or _default_factory, progress=progress,
                         near_threshold=near_threshold)
        self.chunk_size = chunk_size  # decided in _start (from the number of workers) when None
        self.depth = max(1, int(depth))
        self.spec = dask
        self.retries = max(0, int(retries))
        self.part_size = part_size
        self.connect_timeout = connect_timeout
        self.no_workers_timeout = no_workers_timeout
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
        self._plugin = None
        self._token = uuid.uuid4().hex[:8]

    # -- what is already done --

    def _load_index(self) -> None:
        super()._load_index()
        if self.shard_dir is None:
            return
        from marsad.scale.shards import shard_contents

        done = shard_contents(self.shard_dir)
        for doc_id, content_hash, duplicate_of, minhash in done.documents:
            self.run_ids[doc_id] = content_hash
            if duplicate_of is None:
                self.run_hashes.setdefault(content_hash, doc_id)
                if minhash:
                    try:
                        self.index.add(doc_id, dedup.from_bytes(minhash))
                    except (ValueError, TypeError):
                        pass
        self.store.next_seq = done.next_seq
        self.summary.resumed_shards = done.shards

    # -- cluster --

    def _start(self) -> None:
        self.client, self.cluster = connect(self.spec, timeout=self.connect_timeout)
        try:
            self.workers = worker_count(self.client, wait=self.connect_timeout)
            self._load_pipelines()
        except ClusterError:
            self._stop()
            raise
        if self.part_size is None:
            self.part_size = PART_SIZE
        if self.chunk_size is None:
            self.chunk_size = max(CHUNK_MIN, self.part_size * self.workers)
        where = "local cluster" if self.cluster is not None else f"scheduler {self.client.scheduler.address}"
        self.summary.backend = f"dask ({self.workers} workers, {where})"

    def _load_pipelines(self) -> None:
        """Every worker loads the pipeline now, side by side (and each worker that joins later, when
        it starts), instead of on its first task."""
        from marsad.scale.plugin import PipelinePlugin

        plugin = PipelinePlugin(self.factory)
        try:
            self.client.register_plugin(plugin)
        except Exception as exc:  # noqa: BLE001 - the first task loads it then, and fails in its own right
            logging.getLogger(__name__).warning("the workers did not preload the pipeline (%s: %s)",
                                                type(exc).__name__, exc)
            return
        self._plugin = plugin.name

    def _stop(self) -> None:
        client, cluster = self.client, self.cluster
        self.client = self.cluster = None
        running = client is not None and client.status == "running"
        if running and self._plugin is not None and cluster is None:
            try:  # a cluster that outlives the run keeps no plugin of it (its pipelines stay cached)
                client.unregister_worker_plugin(self._plugin)
            except Exception:  # noqa: BLE001 - the cluster may be going away
                pass
        self._plugin = None
        if client is not None and client is not self.spec:  # a Client we were given stays open
            try:
                client.close(timeout=CLOSE_TIMEOUT_S if running else 1.0)
            except Exception:  # noqa: BLE001 - closing a client whose scheduler is gone
                pass
        if cluster is not None:
            cluster.close()

    # -- analysis --

    def _submit(self, chunk: list) -> list:
        todo = [it for it in chunk if it.document is not None]
        parts: list = []
        step = max(1, min(self.part_size, -(-len(todo) // self.workers) if todo else 1))
        bid = ledger.batch_id(it.record for it in chunk)
        for i in range(0, len(todo), step):
            part = todo[i:i + step]
            fut = self.client.submit(analyse_part, [it.document for it in part], self.factory,
                                     key=f"marsad-{self._token}-{bid}-{i}", retries=self.retries, pure=False)
            parts.append((part, fut))
        parts.append((chunk, None))
        return parts

    def _wait(self, fut) -> bytes:
        """The result of one task; :class:`ClusterError` when the scheduler is lost or no worker has
        been left for ``no_workers_timeout`` seconds (the task's exception, if it failed, is raised)."""
        alone_since = None
        while True:
            try:
                return fut.result(timeout=POLL_S)
            except (TimeoutError, CancelledError) as exc:
                if isinstance(exc, CancelledError) or self.client.status not in ("running", "connecting"):
                    raise ClusterError("lost the Dask scheduler (the connection closed); every stored batch "
                                       "is complete — run the same command again to finish") from None
            try:
                n = len(self.client.scheduler_info().get("workers", {}))
            except Exception:  # noqa: BLE001 - asked again at the next poll
                n = -1
            if n != 0:
                alone_since = None
            elif alone_since is None:
                alone_since = time.monotonic()
            elif time.monotonic() - alone_since > self.no_workers_timeout:
                raise ClusterError(f"the Dask cluster has had no workers for {self.no_workers_timeout:g} s; every "
                                   "stored batch is complete — start workers and run the same command again")

    def _results(self, items: list, fut) -> list:
        try:
            return pickle.loads(self._wait(fut))
        except ClusterError:
            raise
        except Exception as exc:  # noqa: BLE001 - retries exhausted or the worker died (KilledWorker)
            first = f"analysis failed ({type(exc).__name__}: {exc})"
        if len(items) == 1:
            return [(None, first)]
        # One document may be the cause: try each alone, one at a time (so that a worker it kills
        # takes no other document with it), twice when its worker died.
        self.summary.isolated += len(items)
        return [self._alone(it) for it in items]

    def _alone(self, it, attempts: int = 2) -> tuple:
        err = ""
        for _ in range(attempts):
            fut = self.client.submit(analyse_part, [it.document], self.factory,
                                     key=f"marsad-{self._token}-alone-{uuid.uuid4().hex[:12]}",
                                     retries=0, pure=False)
            try:
                return pickle.loads(self._wait(fut))[0]
            except ClusterError:
                raise
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
