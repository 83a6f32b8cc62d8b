"""Scoring events and quotes against the gold set (``data/gold/*.jsonl``).

A gold record is one sentence or one article::

    {"id": "dip-001", "domain": "diplomacy", "published": "2023-06-15", "text": "…",
     "events": [{"type": "CONSULT", "source": ["هاكان فيدان"], "target": ["أنطونيو غوتيريش"],
                 "status": "occurred", "date": "2023-06-14", "location": "الدوحة"}],
     "quotes": [{"text": "…", "speaker": "ناصر كنعاني"}]}

Actors are Arabic surface strings; a predicted entity id matches a gold string when one of the
entity's mentions overlaps an occurrence of the string, so the score does not depend on the entity
id scheme. Predicted and gold events are paired greedily within a document, best match first.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

from marsad.errors import InputError
from marsad.jsonl import parse_records
from marsad.schema import Analysis
from marsad.text.normalize import normalize


def load_gold(data_dir: str | None = None) -> list[dict]:
    if data_dir:
        root = Path(data_dir)
        if not root.is_dir():
            raise InputError(f"no such folder: {data_dir}")
        files = sorted(root.glob("*.jsonl"))
        texts = [(f.name, f.read_text("utf-8")) for f in files]
    else:
        root = resources.files("marsad.events").joinpath("data/gold")
        texts = sorted((f.name, f.read_text("utf-8")) for f in root.iterdir() if f.name.endswith(".jsonl"))
    if not texts:
        raise InputError(f"no gold files (*.jsonl) in {data_dir or 'the package'}")
    return [rec for name, t in texts for rec in parse_records(t, name)]


def occurrences(norm_text: str, surface: str) -> list[tuple[int, int]]:
    key = normalize(surface).text.strip()
    out = []
    if not key:
        return out
    p = norm_text.find(key)
    while p >= 0:
        out.append((p, p + len(key)))
        p = norm_text.find(key, p + 1)
    if not out and key.startswith("ال"):
        return occurrences(norm_text, key[2:])
    return out


def same_date(gold: str | None, pred: str | None) -> bool:
    """Equal, or the prediction refines the gold date with a time of day (2023-06-15TMO)."""
    if gold is None or pred is None:
        return gold == pred
    return pred == gold or (pred.startswith(gold) and pred[len(gold):len(gold) + 1] == "T")


@dataclass
class Scorer:
    n_gold: int = 0
    n_pred: int = 0
    tp_type: int = 0
    tp_actors: int = 0
    tp_full: int = 0
    status_ok: int = 0
    date_ok: int = 0
    date_n: int = 0
    loc_ok: int = 0
    loc_n: int = 0
    q_gold: int = 0
    q_pred: int = 0
    q_found: int = 0
    q_speaker: int = 0
    errors: list[str] = field(default_factory=list)

    def add(self, rec: dict, an: Analysis) -> None:
        norm = normalize(an.document.text)
        spans: dict[str, list[tuple[int, int]]] = {}
        for e in an.entities:
            spans[e.id] = [(norm.to_normalized(m.start), norm.to_normalized(m.end)) for m in e.mentions]

        def actors_match(gold: list[str], pred: list[str]) -> bool:
            g_occ = [occurrences(norm.text, g) for g in gold]
            p_occ = [spans.get(p, []) for p in pred]

            def ov(a, b):
                return any(s1 < e2 and s2 < e1 for s1, e1 in a for s2, e2 in b)

            return all(any(ov(go, po) for po in p_occ) for go in g_occ) and all(
                any(ov(go, po) for go in g_occ) for po in p_occ)

        gold_events = rec.get("events", [])
        preds = list(an.events)
        self.n_gold += len(gold_events)
        self.n_pred += len(preds)
        used: set[int] = set()
        # pair best first: actors and type, then type only
        pairs = []
        for gi, g in enumerate(gold_events):
            for pi, p in enumerate(preds):
                if p.type != g["type"]:
                    continue
                a = actors_match(g.get("source", []), p.source) and actors_match(g.get("target", []), p.target)
                st = p.status == g.get("status", "occurred")
                dt = "date" not in g or same_date(g["date"], p.date)
                pairs.append((-(4 * a + 2 * st + dt), gi, pi, a, st, dt))
        pairs.sort()
        gdone: set[int] = set()
        for _score, gi, pi, a, st, dt in pairs:
            if gi in gdone or pi in used:
                continue
            gdone.add(gi)
            used.add(pi)
            g, p = gold_events[gi], preds[pi]
            self.tp_type += 1
            self.status_ok += st
            if "date" in g:
                self.date_n += 1
                self.date_ok += same_date(g["date"], p.date)
            if g.get("location"):
                self.loc_n += 1
                self.loc_ok += bool(p.location) and actors_match([g["location"]], [p.location])
            if a:
                self.tp_actors += 1
                if st and dt:
                    self.tp_full += 1
            else:
                self.errors.append(f"{rec.get('id')}: {g['type']} actors gold {g.get('source')}>{g.get('target')}"
                                   f" pred {p.source}>{p.target}")
        for gi, g in enumerate(gold_events):
            if gi not in gdone:
                self.errors.append(f"{rec.get('id')}: missed {g['type']} {g.get('source')}>{g.get('target')}")
        for pi, p in enumerate(preds):
            if pi not in used:
                self.errors.append(f"{rec.get('id')}: spurious {p.type} '{p.trigger.text}'")
        # quotes
        gq = rec.get("quotes", [])
        self.q_gold += len(gq)
        self.q_pred += len(an.quotes)
        qused: set[int] = set()
        for q in gq:
            occ = occurrences(norm.text, q["text"])
            best = None
            for qi, pq in enumerate(an.quotes):
                if qi in qused:
                    continue
                ps, pe = norm.to_normalized(pq.start), norm.to_normalized(pq.end)
                if any(s < pe and ps < e for s, e in occ):
                    best = qi
                    break
            if best is None:
                self.errors.append(f"{rec.get('id')}: quote missed '{q['text'][:30]}'")
                continue
            qused.add(best)
            self.q_found += 1
            pq = an.quotes[best]
            ok = False
            if q.get("speaker") is None:
                ok = pq.speaker is None and not pq.speaker_text
            elif pq.speaker and actors_match([q["speaker"]], [pq.speaker]):
                ok = True
            elif pq.speaker_text:
                g, p_ = normalize(q["speaker"]).text, normalize(pq.speaker_text).text
                ok = g in p_ or (len(p_.split()) >= 2 and p_ in g)
            self.q_speaker += ok
            if not ok:
                self.errors.append(f"{rec.get('id')}: speaker gold {q.get('speaker')} pred {pq.speaker_text}")

    @staticmethod
    def prf(tp: int, n_pred: int, n_gold: int) -> tuple[float, float, float]:
        p = tp / n_pred if n_pred else 0.0
        r = tp / n_gold if n_gold else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        return p, r, f

    def report(self) -> dict:
        out = {}
        for name, tp in (("type", self.tp_type), ("type+actors", self.tp_actors), ("full", self.tp_full)):
            p, r, f = self.prf(tp, self.n_pred, self.n_gold)
            out[name] = {"precision": round(p, 3), "recall": round(r, 3), "f1": round(f, 3)}
        out["status_accuracy"] = round(self.status_ok / self.tp_type, 3) if self.tp_type else 0.0
        out["date_accuracy"] = round(self.date_ok / self.date_n, 3) if self.date_n else 0.0
        out["location_accuracy"] = round(self.loc_ok / self.loc_n, 3) if self.loc_n else 0.0
        qp, qr, qf = self.prf(self.q_found, self.q_pred, self.q_gold)
        out["quotes"] = {"precision": round(qp, 3), "recall": round(qr, 3), "f1": round(qf, 3)}
        out["speaker_accuracy"] = round(self.q_speaker / self.q_gold, 3) if self.q_gold else 0.0
        out["counts"] = {"gold_events": self.n_gold, "predicted_events": self.n_pred,
                         "gold_quotes": self.q_gold, "predicted_quotes": self.q_pred}
        return out


def oracle_names(records: list[dict]):
    """Gold actor strings as entities (to measure the event stage apart from the entity stage)."""
    from marsad.events.surface import Name
    from marsad.text.normalize import fold

    names: dict[str, Name] = {}
    for rec in records:
        for ev in rec.get("events", []):
            for s in ev.get("source", []) + ev.get("target", []):
                names.setdefault(fold(s), Name(s, "G:" + fold(s), "PERSON" if " " in s and not s.startswith("ال") else "ORG"))
            if ev.get("location"):
                loc = ev["location"]
                names[fold(loc)] = Name(loc, "G:" + fold(loc), "GPE")
        for q in rec.get("quotes", []):
            if q.get("speaker"):
                s = q["speaker"]
                names.setdefault(fold(s), Name(s, "G:" + fold(s), "PERSON"))
    return list(names.values())


def evaluate(records: list[dict], oracle: bool = False) -> Scorer:
    from marsad.pipeline import Pipeline, default_stages

    sc = Scorer()
    if oracle:
        from marsad.events.surface import SurfaceEntities

        stages = default_stages()
        stages[1] = SurfaceEntities(oracle_names(records))
        pipe = Pipeline(stages)
    else:
        from marsad.pipeline import load

        pipe = load()
    from marsad.text.segment import detect_title

    for rec in records:
        text = rec["text"]
        title = None
        if rec.get("kind") == "article":
            span = detect_title(text)
            if span:
                title = text[span[0]:span[1]]
        an = pipe(text, published=rec.get("published"), title=title, doc_id=rec.get("id"))
        sc.add(rec, an)
    return sc
