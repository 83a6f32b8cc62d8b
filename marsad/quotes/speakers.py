"""Who said it: the speaker of a quote chosen among candidates by a learned ranking.

The rules of :mod:`marsad.quotes.attribute` propose (the subject of the cue, the speaker carried on
from the quote before); the candidates are every actor phrase of the cue's sentence, the previous
quote's speaker, the subject of the sentence before and "nobody", each with where it stands from the
cue (before, after, which phrase in order, the preposition that governs it), its kind and sector,
whether the rules chose it, and the cue (its verb, a continuation verb such as وأضاف, a participle,
a direct or reported quote). A conditional logit (``model/speakers.json``, trained by
``scripts/train_event_model.py`` beside the event model) ranks them; without the model file the rules'
choice stands.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from marsad.events.features import ArgCand, _bucket, _kind, _sector
from marsad.events.model import Linear, _softmax
from marsad.events.view import SentView

MODEL_FILE = "model/speakers.json"


@dataclass(frozen=True)
class SpeakerModel:
    ranker: Linear

    def choose(self, cands: list[ArgCand]) -> tuple[ArgCand, float]:
        ps = _softmax([self.ranker.score(c.feats) for c in cands])
        i = max(range(len(cands)), key=lambda k: ps[k])
        return cands[i], ps[i]


@lru_cache(maxsize=1)
def load_speaker_model() -> SpeakerModel | None:
    path = resources.files("marsad.quotes").joinpath(MODEL_FILE)
    if not path.is_file():
        return None
    d = json.loads(path.read_text("utf-8"))
    return SpeakerModel(Linear(dict(d["speaker"]["weights"]), float(d["speaker"].get("bias", 0.0))))


TEXT = "#text"  # the rules' speaker phrase when it names no entity (وقال محمد الصفيان إن …)


def speaker_candidates(view: SentView | None, cue_tok: int | None, cue_base: str | None, kind: dict,
                       rule_ids: list[str], ctx: dict) -> list[ArgCand]:
    """The candidates of one quote. ``kind``: direct (bool), continuation, participle, prep (the
    preposition that introduces the speaker, عن after نقل); ``ctx``: entities, prev_speaker,
    prev_distance (sentences since that quote), prev_subject."""
    ents = ctx["entities"]
    cue = cue_base or "none"
    cue_kind = "cont" if kind.get("continuation") else ("part" if kind.get("participle") else "verb")
    if cue_base is None:
        cue_kind = "nocue"
    q = "direct" if kind.get("direct") else "reported"
    base = {f"cue={cue}": 1.0, f"cuekind={cue_kind}": 1.0, f"q={q}": 1.0}
    out = [ArgCand([], "none", None, {"null": 1.0, **{f"null|{k}": 1.0 for k in base}})]
    seen: set[str] = set()
    if view is not None and cue_tok is not None:
        toks = view.toks
        after = before = 0
        for ci, ch in enumerate(view.chunks):
            inside = ctx.get("quote_span")
            if ch.head_kind == "MISC" or ch.head in seen or (inside and inside[0] <= ch.start < inside[1]) \
                    or any(a <= ch.start < b for a, b in ctx.get("other_spans", ())):
                continue  # (nobody inside quoted words is their speaker, nor a later quote's)
            side = "after" if ch.ext0 > cue_tok else "before"
            if side == "after":
                rank, dist = after, ch.ext0 - cue_tok
                after += 1
            else:
                rank, dist = 0, cue_tok - ch.t1
                before += 1
            lo, hi = (cue_tok, ch.ext0) if side == "after" else (ch.t1, cue_tok)
            brk = any(toks[k].brk and not toks[k].comma for k in range(lo + 1, hi + 1))
            pos = f"{side}{min(rank, 2)}"
            prep = ch.prep or "none"
            kd, sec = _kind(ents, ch.head), _sector(ents, ch.head)
            f = {"bias": 1.0, f"pos={pos}": 1.0, f"dist={side}{_bucket(dist)}": 1.0, f"prep={prep}": 1.0,
                 f"kind={kd}": 1.0, f"sector={sec}": 1.0, f"brk={brk}": 1.0,
                 f"pos={pos}|prep={prep}": 1.0, f"pos={pos}|cuekind={cue_kind}": 1.0,
                 f"pos={pos}|q={q}": 1.0, f"kind={kd}|pos={pos}": 1.0, f"cue={cue}|pos={pos}": 1.0,
                 f"rule={ch.head in rule_ids}": 1.0, f"rule={ch.head in rule_ids}|cuekind={cue_kind}": 1.0,
                 f"prev={ch.head in ctx.get('prev_speaker', ())}": 1.0}
            if ch.ext0 < ch.t0:
                f["titled"] = 1.0
            if kind.get("prep") and prep == kind["prep"]:
                f["speaker_prep"] = 1.0
            seen.add(ch.head)
            out.append(ArgCand([ch.head], "chunk", ci, f))

    def extra(ids: list[str], origin: str, more: dict) -> None:
        ids = [x for x in ids if x in ents and x not in seen]
        if not ids:
            return
        seen.update(ids)
        f = {"bias": 1.0, f"origin={origin}": 1.0, f"origin={origin}|cuekind={cue_kind}": 1.0,
             f"origin={origin}|q={q}": 1.0, f"kind={_kind(ents, ids[0])}": 1.0,
             f"rule={ids[0] in rule_ids}": 1.0, f"rule={ids[0] in rule_ids}|cuekind={cue_kind}": 1.0, **more}
        out.append(ArgCand(ids, origin, None, f))

    dist = ctx.get("prev_distance")
    extra(list(ctx.get("prev_speaker") or []), "prev_speaker",
          {f"prev_dist={_bucket(dist) if dist is not None else 'none'}": 1.0,
           f"prev_dist={_bucket(dist) if dist is not None else 'none'}|cuekind={cue_kind}": 1.0})
    extra(list(ctx.get("prev_subject") or []), "prev_subject", {})
    extra(list(rule_ids), "rule", {})
    if ctx.get("rule_text") and not rule_ids:
        out.append(ArgCand([TEXT], "rule_text", None, {
            "bias": 1.0, "origin=rule_text": 1.0, f"origin=rule_text|cuekind={cue_kind}": 1.0,
            f"origin=rule_text|q={q}": 1.0}))
    return out
