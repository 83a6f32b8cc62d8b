"""Run the pipeline on gold records and gather the scores (see :mod:`marsad.scoring.score`)."""

from __future__ import annotations

import sys

from marsad.scoring.score import DocEval, EntityCounts, EventCounts, QuoteCounts, event_errors, reliability


def default_threshold() -> float:
    """The confidence under which the pipeline does not report an event by default."""
    from marsad.events.confidence import DEFAULT_MIN_CONFIDENCE

    return DEFAULT_MIN_CONFIDENCE


def evaluate(records: list[dict], pipeline=None, progress: bool = False) -> list[DocEval]:
    """Each gold record analysed as a plain-text document would be (title from the first line)."""
    from marsad.corpus.readers import document_from_text
    from marsad.pipeline import load

    pipe = pipeline or load()
    out = []
    for i, rec in enumerate(records, 1):
        doc = document_from_text(rec["text"], rec["id"], rec.get("published"), source=rec.get("source"), url=rec.get("url"))
        if rec.get("kind") == "sentence":
            doc.title = None  # a one-sentence record has no headline
        out.append(DocEval.build(rec, pipe.run(doc)))
        if progress:
            print(f"\r{i}/{len(records)}", end="", file=sys.stderr, flush=True)
    if progress:
        print("\r", end="", file=sys.stderr)
    return out


def report(docs: list[DocEval], min_conf: float = 0.0, thresholds: list[float] | None = None,
           calibration: bool = False, errors: bool = False) -> dict:
    ev = EventCounts()
    qc, ec = QuoteCounts(), EntityCounts()
    errs: dict[str, list[str]] = {}
    for d in docs:
        ev.add(d, min_conf)
        found = qc.add(d) + ec.add(d)
        if errors and (found := event_errors(d, min_conf) + found):
            errs[d.rec["id"]] = found
    levels = ("detection", "country", "name", "strict")
    out: dict = {
        "documents": len(docs), "min_confidence": min_conf,
        "overall": {lv: ev.table(lv) for lv in levels},
        "by_type": {t: {lv: ev.table(lv, t) for lv in levels} for t in ev.types()},
        "sources": ev.sources(), "quotes": qc.report(), "entities": ec.report(),
    }
    if thresholds:
        rows = []
        for t in thresholds:
            c = EventCounts()
            for d in docs:
                c.add(d, t)
            rows.append({"threshold": t, "detection": c.table("detection"), "country": c.table("country")})
        out["thresholds"] = rows
    if calibration:
        out["calibration"] = reliability(docs)
    if errors:
        out["errors"] = errs
    return out
