"""Gold files in the format of the annotation guideline (``shared/ANNOTATION.md`` section 7).

One JSON object a line: ``id``, ``published``, ``text`` and the annotated ``entities``, ``events``
and ``quotes``; every ``ar`` form, ``trigger``, ``sentence`` and ``contains`` is an exact substring
of ``text``. This is the one loader of gold data: the bundled gold set, the synthetic articles
written for the project and the real-news dev set all read through it.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from marsad.errors import InputError
from marsad.jsonl import parse_records

TYPES = frozenset({
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST", "ACCUSE",
    "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"})
STATUSES = frozenset({"occurred", "ongoing", "scheduled", "conditional", "negated", "hypothetical"})
BUNDLED = "marsad.events"  # package whose data/gold/*.jsonl is the bundled gold set


def _forms(actor: dict) -> list[str]:
    forms = actor.get("ar") or []
    return [forms] if isinstance(forms, str) else list(forms)


def _actor(a: object, text: str, where: str) -> dict:
    if not isinstance(a, dict):
        raise ValueError(f"{where}: an actor must be an object")
    forms = _forms(a)
    if not forms and not a.get("en"):
        raise ValueError(f"{where}: an actor needs ar forms or an en name")
    for f in forms:
        if f not in text:
            raise ValueError(f"{where}: ar form {f!r} is not in the text")
    return {"ar": forms, "en": a.get("en"), "country": (a.get("country") or None),
            "kind": a.get("kind")}


def check_record(rec: object) -> dict:
    """The record with defaults filled in (lists for status, alt_types, also; optional False);
    ValueError naming the first problem otherwise."""
    if not isinstance(rec, dict):
        raise ValueError("a gold record must be a JSON object")
    text = rec.get("text")
    if not isinstance(text, str) or not text.strip():
        raise ValueError("no text")
    for k in ("id", "events", "quotes", "entities"):
        if k not in rec:
            raise ValueError(f"missing field {k}")
    out = dict(rec)
    out["entities"] = [dict(_actor(e, text, f"entity {i}"), kind=e.get("kind"))
                       for i, e in enumerate(rec["entities"] or [])]
    events = []
    for i, ev in enumerate(rec["events"] or []):
        w = f"event {i}"
        if ev.get("type") not in TYPES:
            raise ValueError(f"{w}: type {ev.get('type')!r} is not PLOVER")
        status = ev.get("status") or ["occurred"]
        status = [status] if isinstance(status, str) else list(status)
        if any(s not in STATUSES for s in status):
            raise ValueError(f"{w}: status {status!r}")
        for k in ("trigger", "sentence"):
            if not ev.get(k) or ev[k] not in text:
                raise ValueError(f"{w}: {k} is not an exact substring of the text")
        alt = [t for t in ev.get("alt_types") or [] if t in TYPES]
        events.append({
            "type": ev["type"], "alt_types": alt, "mode": ev.get("mode"), "trigger": ev["trigger"],
            "sentence": ev["sentence"], "also": [t for t in ev.get("also") or [] if t and t in text],
            "source": [_actor(a, text, f"{w} source") for a in ev.get("source") or []],
            "target": [_actor(a, text, f"{w} target") for a in ev.get("target") or []],
            "status": status, "date": ev.get("date"), "place": ev.get("place"),
            "optional": bool(ev.get("optional", False))})
    out["events"] = events
    quotes = []
    for i, q in enumerate(rec["quotes"] or []):
        if not q.get("contains") or q["contains"] not in text:
            raise ValueError(f"quote {i}: contains is not an exact substring of the text")
        sp = q.get("speaker")
        quotes.append({"contains": q["contains"], "kind": q.get("kind", "reported"),
                       "speaker": _actor(sp, text, f"quote {i} speaker") if sp else None})
    out["quotes"] = quotes
    return out


def read_gold(text: str, name: str) -> list[dict]:
    out = []
    for ln, rec in enumerate(parse_records(text, name), 1):
        try:
            out.append(check_record(rec))
        except ValueError as exc:
            raise InputError(f"{exc} (record {ln}, id {rec.get('id') if isinstance(rec, dict) else None})",
                             name) from None
    return out


def load_gold(paths: list[str] | None = None) -> list[dict]:
    """Gold records from files (or folders of ``*.jsonl``); the bundled gold set without paths."""
    if not paths:
        root = resources.files(BUNDLED).joinpath("data/gold")
        files = sorted((f.name, f.read_text("utf-8")) for f in root.iterdir() if f.name.endswith(".jsonl"))
    else:
        files = []
        for p in map(Path, paths):
            if p.is_dir():
                files += [(str(f), f.read_text("utf-8")) for f in sorted(p.glob("*.jsonl"))]
            elif p.is_file():
                try:
                    files.append((str(p), p.read_text("utf-8")))
                except UnicodeDecodeError:
                    raise InputError("not UTF-8 text", str(p)) from None
            else:
                raise InputError("no such file or folder", str(p))
    if not files:
        raise InputError(f"no gold files (*.jsonl) in {', '.join(paths or ['the package'])}")
    return [rec for name, t in files for rec in read_gold(t, name)]


def select(records: list[dict], ids_file: str | None) -> list[dict]:
    """The records whose id is listed in ``ids_file`` (one id a line, # comments), or all of them."""
    if not ids_file:
        return records
    try:
        lines = Path(ids_file).read_text("utf-8").splitlines()
    except OSError as exc:
        raise InputError(f"cannot read the id list ({exc.strerror})", ids_file) from None
    ids = {ln.split("#")[0].strip() for ln in lines} - {""}
    picked = [r for r in records if r["id"] in ids]
    if not picked:
        raise InputError("none of the listed ids is in the gold data", ids_file)
    return picked
