"""Measure the time tagger: the shipped gold cases (``data/eval_cases.jsonl``), Wojood DATE/TIME
span recall, and document-date inference (``data/dct_cases.jsonl``); ``dateparser`` side by side
when it is installed (it is never a runtime dependency of the tagger)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime
from importlib import resources
from pathlib import Path

from marsad.errors import InputError
from marsad.jsonl import parse_records
from marsad.text.normalize import normalize
from marsad.text.segment import segment
from marsad.time.tagger import tag


def load_jsonl(path: str | Path | None, default: str) -> list[dict]:
    if path is None:
        raw = resources.files("marsad.time").joinpath(f"data/{default}").read_text("utf-8")
    else:
        p = Path(path)
        if not p.is_file():
            raise InputError(f"no such file: {p}")
        raw = p.read_text("utf-8")
    return parse_records(raw, str(path or default))


@dataclass
class Score:
    gold: int = 0
    span: int = 0
    value: int = 0
    predicted: int = 0
    spurious: int = 0
    cases: int = 0
    cases_ok: int = 0
    errors: list[str] = field(default_factory=list)
    by_tag: dict[str, list[int]] = field(default_factory=dict)  # tag -> [gold, value right]

    def _tally(self, tag: str | None, gold: int, right: int) -> None:
        row = self.by_tag.setdefault(tag or "-", [0, 0])
        row[0] += gold
        row[1] += right

    @property
    def value_acc(self) -> float:
        return self.value / self.gold if self.gold else 0.0

    @property
    def span_acc(self) -> float:
        return self.span / self.gold if self.gold else 0.0

    @property
    def precision(self) -> float:
        return (self.predicted - self.spurious) / self.predicted if self.predicted else 0.0


def score_marsad(cases: list[dict]) -> Score:
    sc = Score()
    for case in cases:
        times = tag(case["text"], case.get("dct"))
        golds = case.get("times", [])
        sc.cases += 1
        sc.gold += len(golds)
        sc.predicted += len(times)
        ok = True
        matched = set()
        before = sc.value
        for g in golds:
            hit = next((i for i, t in enumerate(times) if t.text == g["text"] and i not in matched), None)
            if hit is None:
                ok = False
                got = "; ".join(f"{t.text}={t.value}" for t in times) or "nothing"
                sc.errors.append(f"{case.get('id')}: missed {g['text']}={g['value']} (got {got})")
                continue
            matched.add(hit)
            sc.span += 1
            t = times[hit]
            if t.value == g["value"] and (not g.get("values") or t.values == g["values"]):
                sc.value += 1
            else:
                ok = False
                sc.errors.append(f"{case.get('id')}: {g['text']}: {t.value} {t.values or ''} != {g['value']} {g.get('values') or ''}")
        extra = [t for i, t in enumerate(times) if i not in matched]
        sc.spurious += len(extra)
        for t in extra:
            ok = False
            sc.errors.append(f"{case.get('id')}: spurious {t.text}={t.value}")
        sc.cases_ok += ok
        sc._tally(case.get("tag"), len(golds), sc.value - before)
    return sc


def _dp_value(dt: datetime, gold: str) -> str | None:
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", gold):
        return dt.date().isoformat()
    if re.fullmatch(r"\d{4}-\d{2}", gold):
        return dt.strftime("%Y-%m")
    if re.fullmatch(r"\d{4}", gold):
        return dt.strftime("%Y")
    if re.fullmatch(r"\d{4}-W\d{2}", gold):
        y, w, _ = dt.isocalendar()
        return f"{y:04d}-W{w:02d}"
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}", gold):
        return dt.strftime("%Y-%m-%dT%H:%M")
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}T[A-Z]{2}", gold):
        return dt.date().isoformat() + gold[10:]  # dateparser has no part of day: give it the day
    return None  # durations, sets, decades, seasons, references, underspecified values


def score_dateparser(cases: list[dict]) -> Score | None:
    """``dateparser.search_dates`` on the same cases. Lenient: a found string that overlaps the gold
    text counts for the value (compared at the gold's granularity); span = the same string."""
    try:
        from dateparser.search import search_dates
    except ImportError:
        return None
    import warnings

    sc = Score()
    for case in cases:
        settings = {"PREFER_DATES_FROM": "past", "RETURN_AS_TIMEZONE_AWARE": False}
        if case.get("dct"):
            settings["RELATIVE_BASE"] = datetime.fromisoformat(case["dct"])
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            try:
                found = search_dates(case["text"], languages=["ar"], settings=settings) or []
            except Exception:  # noqa: BLE001 - a crash of the other library is a miss
                found = []
        golds = case.get("times", [])
        sc.cases += 1
        sc.gold += len(golds)
        sc.predicted += len(found)
        used = set()
        ok = True
        before = sc.value
        for g in golds:
            hit = next((i for i, (s, _) in enumerate(found)
                        if i not in used and (s.strip() in g["text"] or g["text"] in s)), None)
            if hit is None:
                ok = False
                continue
            used.add(hit)
            s, dt = found[hit]
            if s.strip() == g["text"]:
                sc.span += 1
            if not case.get("dct") and "X" in g["value"]:
                ok = False
                continue
            if _dp_value(dt, g["value"]) == g["value"]:
                sc.value += 1
            else:
                ok = False
        sc.spurious += len(found) - len(used)
        sc.cases_ok += ok and len(found) == len(used)
        sc._tally(case.get("tag"), len(golds), sc.value - before)
    return sc


# -- Wojood ---------------------------------------------------------------------------------------
def read_wojood(path: str | Path, kinds: tuple[str, ...] = ("DATE", "TIME")) -> list[tuple[str, list[tuple[int, int, str]]]]:
    """Sentences as (text with tokens joined by spaces, gold spans (start, end, kind)), nested tags
    read from every tag column."""
    p = Path(path)
    if not p.is_file():
        raise InputError(f"no such file: {p}")
    out = []
    sent: list[tuple[str, list[str]]] = []

    def flush() -> None:
        if not sent:
            return
        offs = []
        pos = 0
        for tok, _ in sent:
            offs.append((pos, pos + len(tok)))
            pos += len(tok) + 1
        text = " ".join(tok for tok, _ in sent)
        spans = []
        for kind in kinds:
            open_at = None
            for j, (_, tags) in enumerate(sent):
                b, i_ = f"B-{kind}" in tags, f"I-{kind}" in tags
                if open_at is not None and (b or not i_):
                    spans.append((offs[open_at][0], offs[j - 1][1], kind))
                    open_at = None
                if b:
                    open_at = j
            if open_at is not None:
                spans.append((offs[open_at][0], offs[-1][1], kind))
        out.append((text, spans))
        sent.clear()

    for line in p.read_text("utf-8").splitlines():
        parts = line.split()
        if not parts:
            flush()
            continue
        sent.append((parts[0], parts[1:]))
    flush()
    return out


def wojood_recall(path: str | Path, dct: str | None = None) -> dict:
    data = read_wojood(path)
    gold = overlap = exact = predicted = 0
    missed: list[str] = []
    for text, spans in data:
        times = tag(text, dct)
        predicted += len(times)
        for s, e, _kind in spans:
            gold += 1
            hits = [t for t in times if t.start < e and s < t.end]
            if hits:
                overlap += 1
                core = text[s:e].strip("() ")
                if any(t.text.strip("() ") == core or core.endswith(t.text.strip("() ")) and
                       len(t.text) >= len(core) - 8 for t in hits):
                    exact += 1
            else:
                missed.append(text[s:e])
    return {"gold": gold, "overlap": overlap, "exact": exact, "predicted": predicted,
            "recall": overlap / gold if gold else 0.0, "exact_recall": exact / gold if gold else 0.0,
            "missed": missed}


# -- document date --------------------------------------------------------------------------------
def dct_accuracy(cases: list[dict]) -> dict:
    """Document dates inferred for undated documents against the gold (a day, a month ``2023-03``,
    a year ``2023``, or null when the text decides none)."""
    from marsad.time.dct import infer_document_date

    ok = 0
    errors = []
    for c in cases:
        norm = normalize(c["text"])
        got = infer_document_date(norm, segment(norm)).value
        exp = c.get("dct")
        if got == exp:
            ok += 1
        else:
            errors.append(f"{c.get('id')}: {got} != {exp}")
    return {"cases": len(cases), "correct": ok, "accuracy": ok / len(cases) if cases else 0.0, "errors": errors}
