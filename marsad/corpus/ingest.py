"""Ingest: documents in, deduplicated, analysed in parallel, stored batch by batch.

The main process reads documents in input order, recognises what is already stored, exact copies
and near copies (:mod:`marsad.corpus.dedup`), and sends only new originals to the analysis workers
(one process each, the pipeline loaded once per worker). Results are written in input order, one
chunk per transaction, so a copy is never stored before its original and an interrupted run leaves
whole chunks only; a rerun skips what is stored and completes the rest. After each chunk, undated
documents are dated from the events of dated ones where the same event is told as on the document
day (:mod:`marsad.corpus.redate`, re-analysed in the main process). The cross-document layer is
rebuilt at the end (and at the start of the next run if an earlier one stopped before it).
"""

from __future__ import annotations

import os
import signal
import sys
import threading
import time
from collections import Counter, defaultdict, deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field

from marsad import __version__
from marsad.corpus import dedup
from marsad.corpus.store import AnalysisRows, DocRecord, Store, analysis_rows
from marsad.errors import MarsadError
from marsad.schema import Document
from marsad.text.normalize import normalized_text

PipelineFactory = Callable[[], object]


@dataclass
class IngestSummary:
    added: int = 0
    exact_duplicates: int = 0
    near_duplicates: int = 0
    already_stored: int = 0
    failed: int = 0
    skipped: Counter = field(default_factory=Counter)
    examples: dict = field(default_factory=lambda: defaultdict(list))
    duplicates: list = field(default_factory=list)  # (id, original id, kind, similarity)
    failures: list = field(default_factory=list)  # first few "id: reason" of failed analyses
    seen: int = 0
    seconds: float = 0.0
    interrupted: bool = False
    redated: list = field(default_factory=list)  # documents dated from the corpus (marsad.corpus.redate.Redated)

    @property
    def duplicates_total(self) -> int:
        return self.exact_duplicates + self.near_duplicates

    def skip(self, reason: str, where: str) -> None:
        self.skipped[reason] += 1
        if len(self.examples[reason]) < 3:
            self.examples[reason].append(where)

    def lines(self) -> list[str]:
        rate = self.seen / self.seconds if self.seconds > 0 else 0.0
        head = (
            f"{'interrupted: ' if self.interrupted else ''}added {self.added}, duplicates {self.duplicates_total} "
            f"(exact {self.exact_duplicates}, near {self.near_duplicates}), already stored {self.already_stored}, "
            f"skipped {sum(self.skipped.values()) + self.failed} — {self.seen} documents in {self.seconds:.1f} s "
            f"({rate:.1f} documents/s)"
        )
        out = [head]
        if self.redated:
            out.append(f"  dated from other documents' events: {len(self.redated)} ("
                       + ", ".join(f"{r.doc} {r.published}" for r in self.redated[:3])
                       + (", …" if len(self.redated) > 3 else "") + ")")
        if self.failed:
            out.append(f"  analysis failed: {self.failed} (stored without analysis): " + "; ".join(self.failures))
        for reason, n in self.skipped.most_common():
            ex = ", ".join(self.examples[reason])
            out.append(f"  skipped {n}: {reason} ({ex}{', …' if n > len(self.examples[reason]) else ''})")
        return out


class Progress:
    """Documents read and documents/s on stderr: a live line on a terminal, a line every
    ``every`` seconds otherwise."""

    def __init__(self, stream=None, enabled: bool = True, every: float = 10.0):
        self.stream = stream or sys.stderr
        self.enabled = enabled
        self.tty = bool(getattr(self.stream, "isatty", lambda: False)())
        self.every = 0.1 if self.tty else every
        self.start = time.monotonic()
        self.last = self.start if not self.tty else 0.0
        self.drawn = False

    def __call__(self, summary: IngestSummary, final: bool = False) -> None:
        if not self.enabled:
            return
        now = time.monotonic()
        if not final and now - self.last < self.every:
            return
        self.last = now
        elapsed = max(now - self.start, 1e-9)
        line = (f"ingest: {summary.seen} documents, {summary.added} added, {summary.duplicates_total} duplicates, "
                f"{summary.seen / elapsed:.1f} documents/s")
        if self.tty:
            self.stream.write("\r\x1b[K" + line + ("\n" if final else ""))
            self.drawn = not final
        elif not final:
            self.stream.write(line + "\n")
        self.stream.flush()

    def clear(self) -> None:
        if self.enabled and self.tty and self.drawn:
            self.stream.write("\n")
            self.stream.flush()
            self.drawn = False


# ---- workers ----------------------------------------------------------------------------------

_WORKER_PIPELINE = None


def _default_factory():
    from marsad.pipeline import load

    return load()


PARENT_CHECK_S = 0.5


def watch_parent(parent: int, every: float = PARENT_CHECK_S) -> threading.Thread:
    """Exit this worker process as soon as ``parent`` (the ingest that started it) is gone, even
    when it was killed without a word (kill -9, out of memory): a daemon thread looks every
    ``every`` seconds whether the process has been handed to another parent. An orphaned worker
    would otherwise go on analysing, or wait for work, forever."""

    def watch() -> None:
        while True:
            time.sleep(every)
            if os.getppid() != parent:
                os._exit(1)

    t = threading.Thread(target=watch, name="marsad-watch-parent", daemon=True)
    t.start()
    return t


def _init_worker(factory: PipelineFactory, parent: int | None = None) -> None:
    global _WORKER_PIPELINE
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the main process decides what Ctrl-C does
    watch_parent(parent if parent is not None else os.getppid())
    _WORKER_PIPELINE = factory()


def analyse_one(pipeline, doc: Document) -> tuple[dict | None, str | None]:
    try:
        analysis = pipeline.run(doc) if hasattr(pipeline, "run") else pipeline(doc)
        return analysis.to_dict(), None
    except Exception as exc:  # noqa: BLE001 - one bad document must not stop an ingest
        return None, f"analysis failed ({type(exc).__name__}: {exc})"


def analyse_rows(pipeline, doc: Document) -> tuple[AnalysisRows | None, str | None]:
    """Analyse one document and flatten it into the rows the store writes (:class:`AnalysisRows`,
    with its text rows: story terms, full-text stems), so that the work is done where the analysis
    runs and the one writer only inserts. ``(rows, None)``, or ``(rows without analysis, why)``."""
    published = doc.published  # (as given: the time stage may set the one it infers on the Document)
    analysis, err = analyse_one(pipeline, doc)
    try:
        return analysis_rows(doc.id, analysis, published, normalized_text(doc.text)), err
    except Exception as exc:  # noqa: BLE001 - an Analysis the store cannot take fails alone
        return None, err or f"analysis failed (cannot store it: {type(exc).__name__}: {exc})"


def _analyse_many(docs: list[Document]) -> list[tuple[AnalysisRows | None, str | None]]:
    return [analyse_rows(_WORKER_PIPELINE, d) for d in docs]


# ---- ingest -----------------------------------------------------------------------------------

@dataclass
class _Item:
    record: DocRecord
    document: Document | None  # set for originals that need analysis
    analysis: AnalysisRows | dict | None = None


class Ingester:
    def __init__(self, store: Store, workers: int = 1, chunk_size: int | None = None,
                 pipeline_factory: PipelineFactory | None = None, progress: Callable | None = None,
                 near_threshold: float = dedup.NEAR_THRESHOLD):
        self.store = store
        self.workers = max(1, int(workers))
        self.chunk_size = chunk_size or (32 if self.workers == 1 else 24 * self.workers)
        self.depth = 1  # chunks waiting for their analysis while the next one is read and sent
        self.factory = pipeline_factory or _default_factory
        self.progress = progress or (lambda summary, final=False: None)
        self.summary = IngestSummary()
        self.index = dedup.NearIndex(near_threshold)
        self.run_hashes: dict[str, str] = {}  # content hash -> original id (this run)
        self.run_ids: dict[str, str] = {}  # id -> content hash (this run)
        self.seen_seq = 0  # the store's documents up to this insertion number are in the index
        self.redirect: dict[str, str] = {}  # an original of this run found to copy another's -> that one
        self._pipeline = None
        self._main_pipeline = None  # for re-analysing a document dated from the corpus
        self._executor: ProcessPoolExecutor | None = None
        self._procs: dict = {}  # the worker processes seen (to say how one died)

    # -- deduplication (main process, input order) --

    def _load_index(self) -> None:
        self.seen_seq = self.store.max_seq()  # (read first: what comes after is looked at again)
        for doc_id, _n, blob in self.store.iter_signatures():
            try:
                self.index.add(doc_id, dedup.from_bytes(blob))
            except (ValueError, TypeError):
                continue

    def _stored_hash(self, doc_id: str) -> str | None:
        return self.run_ids.get(doc_id) or self.store.document_hash(doc_id)

    def classify(self, doc: Document) -> _Item | None:
        s = self.summary
        folded = normalized_text(doc.text)
        words = dedup.WORD_RE.findall(folded)
        h = dedup.content_hash(doc.text, words)
        doc_id = doc.id
        have = self._stored_hash(doc_id)
        if have is not None and have != h:  # the same id for a different text (e.g. two files named alike)
            doc_id = f"{doc.id}~{h[:8]}"
            have = self._stored_hash(doc_id)
        if have is not None:
            s.already_stored += 1
            return None
        if doc_id != doc.id:
            doc = doc.model_copy(update={"id": doc_id})
        rec = DocRecord(
            id=doc_id, text=doc.text, content_hash=h, title=doc.title, published=doc.published,
            published_source=doc.published_source, url=doc.url, source=doc.source, language=doc.language,
            folded=folded,
        )
        self.run_ids[doc_id] = h
        original = self.run_hashes.get(h) or self.store.original_by_hash(h)
        if original is not None:
            rec.status, rec.duplicate_of, rec.duplicate_kind, rec.similarity = "duplicate", original, "exact", 1.0
            return _Item(rec, None)
        n, sig = dedup.signature(words)
        rec.n_shingles = n
        near = self.index.find(sig)
        if near is not None:
            rec.status, rec.duplicate_of, rec.duplicate_kind = "duplicate", near[0], "near"
            rec.similarity = round(near[1], 3)
            return _Item(rec, None)
        if sig is not None:
            rec.minhash = dedup.to_bytes(sig)
            self.index.add(doc_id, sig)
        self.run_hashes[h] = doc_id
        return _Item(rec, doc)

    # -- analysis --

    def _start(self) -> None:
        if self.workers == 1:
            self._pipeline = self.factory()
        else:
            import multiprocessing as mp

            ctx = mp.get_context("fork") if "fork" in mp.get_all_start_methods() else None
            self._executor = ProcessPoolExecutor(
                max_workers=self.workers, mp_context=ctx, initializer=_init_worker,
                initargs=(self.factory, os.getpid())
            )

    def _submit(self, chunk: list[_Item]) -> list[tuple[list[_Item], Future | None]]:
        todo = [it for it in chunk if it.document is not None]
        if self._executor is None:
            for it in todo:
                it.analysis, err = analyse_rows(self._pipeline, it.document)
                self._mark_failed(it, err)
            return [(chunk, None)]
        parts: list[tuple[list[_Item], Future | None]] = []
        step = max(1, min(8, -(-len(todo) // (self.workers * 2)) if todo else 1))
        for i in range(0, len(todo), step):
            part = todo[i:i + step]
            parts.append((part, self._executor.submit(_analyse_many, [it.document for it in part])))
            self._procs.update(getattr(self._executor, "_processes", None) or {})
        parts.append((chunk, None))
        return parts

    def _mark_failed(self, it: _Item, err: str | None) -> None:
        if err is not None:
            it.record.status, it.record.problem = "failed", err

    def _finish(self, parts: list[tuple[list[_Item], Future | None]]) -> None:
        chunk: list[_Item] = []
        for items, fut in parts:
            if fut is None:
                chunk = items
                continue
            try:
                results = fut.result()
            except BrokenProcessPool:
                raise MarsadError(self._worker_died()) from None
            except Exception as exc:  # noqa: BLE001 - the documents cannot be sent or received: they fail
                results = [(None, f"analysis failed ({type(exc).__name__}: {exc})")] * len(items)
            for it, (analysis, err) in zip(items, results, strict=True):
                it.analysis = analysis
                self._mark_failed(it, err)
        batch = [(it.record, it.analysis) for it in chunk]
        added = set(self.store.add_batch(batch, marsad_version=__version__,
                                         before=lambda conn: self._reconcile(chunk, conn)))
        self._redate(added)
        s = self.summary
        for it in chunk:
            rec = it.record
            if rec.id not in added:  # stored meanwhile by another process
                s.already_stored += 1
            elif rec.status == "analysed":
                s.added += 1
            elif rec.status == "failed":
                s.failed += 1
                if len(s.failures) < 5:
                    s.failures.append(f"{rec.id}: {rec.problem}")
            elif rec.duplicate_kind == "exact":
                s.exact_duplicates += 1
                s.duplicates.append((rec.id, rec.duplicate_of, "exact", 1.0))
            else:
                s.near_duplicates += 1
                s.duplicates.append((rec.id, rec.duplicate_of, "near", rec.similarity))

    def _reconcile(self, chunk: list[_Item], conn) -> None:
        """Inside the chunk's write transaction: the documents another process stored since this
        run looked (a second ingest at the same time) are recognised as the first ingest of the two
        would have, so that marking copies does not depend on timing. An original of this chunk
        whose text another process stored meanwhile, exactly or nearly, becomes that one's copy
        (its analysis dropped), and the copies of it point to that one."""
        rows = conn.execute("SELECT seq, id, content_hash, duplicate_of, minhash FROM documents WHERE seq > ?"
                            " ORDER BY seq", (self.seen_seq,)).fetchall()
        if rows:
            self.seen_seq = rows[-1][0]
        hashes: dict[str, str] = {}
        fresh = dedup.NearIndex(self.index.threshold)
        for _seq, doc_id, h, dup_of, blob in rows:
            if doc_id in self.run_ids:
                continue  # stored by this run
            hashes.setdefault(h, dup_of or doc_id)
            if dup_of is None and blob is not None:
                try:
                    sig = dedup.from_bytes(blob)
                except (ValueError, TypeError):
                    continue
                fresh.add(doc_id, sig)
                self.index.add(doc_id, sig)
        for it in chunk:
            rec = it.record
            if rec.duplicate_of in self.redirect:
                rec.duplicate_of = self.redirect[rec.duplicate_of]
            if rec.status == "duplicate" or not rows:
                continue
            other, kind, sim = hashes.get(rec.content_hash), "exact", 1.0
            if other is None and rec.minhash is not None and len(fresh):
                near = fresh.find(dedup.from_bytes(rec.minhash))
                if near is not None:
                    other, kind, sim = near[0], "near", round(near[1], 3)
            if other is None:
                continue
            rec.status, rec.duplicate_of, rec.duplicate_kind, rec.similarity = "duplicate", other, kind, sim
            rec.problem, rec.minhash = None, None
            it.analysis = None
            self.redirect[rec.id] = other
            self.index.remove(rec.id)
            if self.run_hashes.get(rec.content_hash) == rec.id:
                self.run_hashes[rec.content_hash] = other

    def _redate(self, added: set[str]) -> None:
        """The re-link pass: undated documents dated from the events of dated ones."""
        from marsad.corpus.redate import redate

        if added:
            self.summary.redated.extend(redate(self.store, self._reanalyse, added, marsad_version=__version__))

    def _reanalyse(self, document: dict) -> dict | None:
        pipeline = self._pipeline
        if pipeline is None:
            if self._main_pipeline is None:
                self._main_pipeline = self.factory()
            pipeline = self._main_pipeline
        analysis, _err = analyse_one(pipeline, Document.model_validate(document))
        return analysis

    def run(self, items: Iterable) -> IngestSummary:
        """Ingest ``items`` (Documents and ReadProblems, as :func:`marsad.corpus.readers.iter_documents`
        yields them). Returns the summary; KeyboardInterrupt propagates after the store is left
        consistent (``summary.interrupted`` set)."""
        start = time.monotonic()
        s = self.summary
        if self.store.get_meta("crossdoc_dirty") == "1":
            self.rebuild()
        self._load_index()
        self._start()
        pending: deque[list[tuple[list[_Item], Future | None]]] = deque()
        try:
            for chunk in self._chunks(items):
                pending.append(self._submit(chunk))
                while len(pending) > self.depth:  # chunks in flight stay bounded, whatever the corpus size
                    self._finish(pending.popleft())
                    s.seconds = time.monotonic() - start
                    self.progress(s)
            while pending:
                self._finish(pending.popleft())
        except KeyboardInterrupt:
            s.interrupted = True
            raise
        except BrokenProcessPool:  # a worker died before its work was sent
            raise MarsadError(self._worker_died()) from None
        finally:
            self._stop()
            s.seconds = time.monotonic() - start
        self.rebuild()
        s.seconds = time.monotonic() - start
        self.progress(s, final=True)
        return s

    def _chunks(self, items: Iterable) -> Iterator[list[_Item]]:
        chunk: list[_Item] = []
        for obj in items:
            self.summary.seen += 1
            if isinstance(obj, Document):
                it = self.classify(obj)
                if it is not None:
                    chunk.append(it)
            else:  # a ReadProblem
                where = f"{obj.path}:{obj.line}" if getattr(obj, "line", None) is not None else str(getattr(obj, "path", "?"))
                self.summary.skip(getattr(obj, "reason", str(obj)), where)
            if len(chunk) >= self.chunk_size:
                yield chunk
                chunk = []
            self.progress(self.summary)
        if chunk:
            yield chunk

    def _worker_died(self) -> str:
        how = "out of memory?"
        codes = [p.exitcode for p in self._procs.values() if p.exitcode]
        codes.sort(key=lambda c: c == -signal.SIGTERM)  # (the pool terminates the others itself)
        for code in codes[:1]:
            if code < 0:
                try:
                    how = f"killed by {signal.Signals(-code).name}; out of memory?"
                except ValueError:
                    how = f"killed by signal {-code}; out of memory?"
                break
            if code:
                how = f"exit status {code}"
                break
        return (f"an analysis worker died ({how}); every stored batch is complete — run the same command "
                "again (with fewer --workers) to finish")

    def _stop(self) -> None:
        ex = self._executor
        if ex is None:
            return
        self._executor = None
        procs = list(getattr(ex, "_processes", {}).values())
        ex.shutdown(wait=False, cancel_futures=True)
        for p in procs:
            if p.is_alive():
                p.terminate()
        for p in procs:
            p.join(timeout=5)

    def rebuild(self) -> None:
        from marsad.corpus.crossdoc import rebuild

        rebuild(self.store)


def ingest(store: Store, items: Iterable, workers: int = 1, pipeline_factory: PipelineFactory | None = None,
           progress: Callable | None = None, chunk_size: int | None = None) -> IngestSummary:
    """Ingest documents into ``store``; see :class:`Ingester`."""
    return Ingester(store, workers=workers, pipeline_factory=pipeline_factory, progress=progress,
                    chunk_size=chunk_size).run(items)


def default_workers() -> int:
    return max(1, min(4, (os.cpu_count() or 1)))
