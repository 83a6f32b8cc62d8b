"""Features of the learned decisions (see :mod:`marsad.events.model`).

For every event the rules propose, two kinds of rows:

- **argument candidates**: each entity phrase of the sentence, and a few actors from the context
  (the source of the previous event, the speaker of the quote the trigger stands in, the subject of
  the previous sentence), with where it stands from the trigger (before, after, how far, which
  phrase in order), the preposition that governs it, its kind and sector, what the rules made of it,
  and the trigger's type, part of speech and voice crossed with those;
- the **event**: trigger word and lexicon group, part of speech, light verb, tense and voice, status
  and its cues, position in the document (headline, lead), whether it stands in a quote or a
  background clause (وكان … قد, منذ), whether its type was told before, and the scores of the
  chosen source and target.

Features are strings (one-hot, weight 1) and a few numbers; a model is a dict of weights.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from marsad.doc import Doc
from marsad.events.candidates import Cand
from marsad.events.lexicon import Lexicon, _key
from marsad.events.view import SentView, in_apposition
from marsad.events.words import LOC_KINDS, MUTUAL_TYPES

Feats = dict[str, float]


@dataclass
class ArgCand:
    """An actor that may be the source or the target of one event."""

    ids: list[str]
    origin: str  # chunk | prev_source | prev_target | speaker | prev_subject
    chunk: int | None = None
    feats: Feats = field(default_factory=dict)
    # what the pair of source and target is judged on (see :func:`pair_features`)
    side: str = ""
    kind: str = "none"
    country: str | None = None


def _bucket(n: int) -> str:
    return str(n) if n <= 3 else ("4-5" if n <= 5 else ("6-9" if n <= 9 else "10+"))


def _sector(doc_ents: dict, eid: str) -> str:
    e = doc_ents.get(eid)
    return (e.sector or "none") if e is not None else "none"


def _country(doc_ents: dict, eid: str) -> str | None:
    e = doc_ents.get(eid)
    return e.country if e is not None else None


def _kind(doc_ents: dict, eid: str) -> str:
    e = doc_ents.get(eid)
    if e is None:
        return "none"
    return "described" + e.kind if e.id.startswith("A:") else e.kind


def trigger_info(view: SentView, c: Cand, lex: Lexicon) -> dict[str, str]:
    grp = lex.groups[c.group]
    tok = view.toks[c.t0].text
    return {"type": grp.type, "group": f"{grp.type}:{grp.mode}", "kind": c.kind,
            "tense": "passive" if c.passive else c.tense, "light": "light" if c.light is not None else "plain",
            "word": _key(tok), "wa": "wa" if c.proclitic[:1] in ("و", "ف") else "-"}


def argument_candidates(doc: Doc, view: SentView, c: Cand, lex: Lexicon, ctx: dict) -> list[ArgCand]:
    """Every actor phrase of the sentence, and the actors the context offers, with their features."""
    ents = ctx["entities"]
    toks = view.toks
    info = trigger_info(view, c, lex)
    anchor0 = c.light if c.light is not None and c.light < c.t0 else c.t0
    anchor1 = c.t1
    rule_src, rule_tgt = set(c.source), set(c.target)
    out: list[ArgCand] = []
    after_rank = before_rank = 0
    before = [ci for ci, ch in enumerate(view.chunks) if ch.t1 < anchor0]
    bare_before = [ci for ci in before if view.chunks[ci].prep is None]
    bare_after = [ci for ci, ch in enumerate(view.chunks) if ch.t0 > anchor1 and ch.prep is None]
    prev_src, prev_tgt = set(ctx.get("prev_source") or ()), set(ctx.get("prev_target") or ())
    for ci, ch in enumerate(view.chunks):
        if ch.head_kind == "MISC" or c.t0 <= ch.t0 <= c.t1 or ch.t0 == anchor0:
            continue
        if ch.head == c.location and ch.head not in rule_src and ch.head not in rule_tgt:
            continue  # محادثات جدة: where the event happens is none of its actors
        # (between a light verb and its noun: the light verb's subject, أجرى الوزير اتصالا)
        side = "after" if ch.t0 > anchor1 else ("mid" if ch.t0 > anchor0 else "before")
        if side == "mid":
            rank, dist = 0, ch.ext0 - anchor0
        elif side == "after":
            rank, dist = after_rank, ch.ext0 - anchor1
            after_rank += 1
        else:
            rank = len(before) - 1 - before.index(ci) if ci in before else 0
            dist = anchor0 - ch.t1
            before_rank += 1
        lo, hi = (anchor1, ch.ext0) if side == "after" else ((anchor0, ch.ext0) if side == "mid" else (ch.t1, anchor0))
        brk = any(toks[k].brk and not toks[k].comma for k in range(lo + 1, hi + 1))
        comma = any(toks[k].comma for k in range(lo + 1, hi + 1))
        same_clause = toks[ch.t0].clause == toks[c.t0].clause
        f: Feats = {}
        kind = _kind(ents, ch.head)
        sector = _sector(ents, ch.head)
        prep = ch.prep or "none"
        pos = f"{side}{min(rank, 2)}"
        rule = ("src" if ch.head in rule_src else "") + ("tgt" if ch.head in rule_tgt else "") or "none"
        for name, v in (("pos", pos), ("dist", f"{side}{_bucket(dist)}"), ("prep", prep), ("kind", kind),
                        ("sector", sector), ("clause", "same" if same_clause else "other"),
                        ("brk", "brk" if brk else "-"), ("comma", "comma" if comma else "-"),
                        ("conj", "conj" if ch.conj else "-"), ("place", "place" if ch.place_title else "-"),
                        ("loc", "loc" if ch.head_kind in LOC_KINDS else "-"),
                        ("rule", rule),
                        ("country", "country" if getattr(ents.get(ch.head), "country", None) else "nocountry")):
            f[f"{name}={v}"] = 1.0
        # the trigger crossed with where the phrase stands and what governs it
        for a in ("type", "kind", "tense", "light"):
            f[f"{a}={info[a]}|pos={pos}"] = 1.0
            f[f"{a}={info[a]}|prep={prep}"] = 1.0
        f[f"type={info['type']}|kind={kind}"] = 1.0
        f[f"type={info['type']}|sector={sector}"] = 1.0
        f[f"type={info['type']}|pos={pos}|prep={prep}"] = 1.0
        f[f"tense={info['tense']}|pos={pos}|prep={prep}"] = 1.0
        f[f"rule={rule}|type={info['type']}"] = 1.0
        if ch.prep is None and side != "mid":
            bare = sum(1 for x in (bare_after if side == "after" else bare_before) if (x < ci if side == "after" else x > ci))
            bpos = f"bare_{side}{min(bare, 2)}"
            f[f"bpos={bpos}"] = 1.0
            f[f"type={info['type']}|bpos={bpos}"] = 1.0
            f[f"tense={info['tense']}|bpos={bpos}"] = 1.0
            f[f"kind={info['kind']}|bpos={bpos}"] = 1.0
        via = ch.__dict__.get("_vias", [""])[ch.ids.index(ch.head)] if ch.head in ch.ids else ""
        f[f"via={via or 'none'}"] = 1.0
        f[f"via={via or 'none'}|pos={pos}"] = 1.0
        if ch.ext0 < ch.t0:
            f["titled"] = 1.0
        if in_apposition(view, ci, lex):
            f["apposition"] = 1.0
            f[f"apposition|type={info['type']}"] = 1.0
        if ch.ext0 > 0 and not toks[ch.ext0].brk:  # ضد, قبل, تشنها: the word that governs the phrase
            f[f"before_word={_key(toks[ch.ext0 - 1].text)}"] = 1.0
        if side == "after" and dist <= 1 and ch.prep is None:
            f[f"adjacent|kind={info['kind']}|type={info['type']}"] = 1.0
        f[f"word={info['word']}|pos={pos}|prep={prep}"] = 1.0
        f[f"group={info['group']}|pos={pos}"] = 1.0
        if ch.head in prev_src:
            f["prev_event_source"] = 1.0
        if ch.head in prev_tgt:
            f["prev_event_target"] = 1.0
        f["bias"] = 1.0
        out.append(ArgCand([ch.head], "chunk", ci, f, side, kind, _country(ents, ch.head)))
    seen = {x for a in out for x in a.ids}

    def extra(ids: list[str], origin: str) -> None:
        ids = [x for x in ids if x not in seen and x in ents]
        if not ids:
            return
        seen.update(ids)
        kind, sector = _kind(ents, ids[0]), _sector(ents, ids[0])
        f = {f"origin={origin}": 1.0, f"origin={origin}|type={info['type']}": 1.0,
             f"origin={origin}|kind={info['kind']}": 1.0, f"origin={origin}|wa={info['wa']}": 1.0,
             f"origin={origin}|before={min(len(before), 2)}": 1.0, f"kind={kind}": 1.0, f"sector={sector}": 1.0,
             f"origin={origin}|tense={info['tense']}": 1.0,
             "rule=" + (("src" if ids[0] in rule_src else "") + ("tgt" if ids[0] in rule_tgt else "") or "none"): 1.0,
             "bias": 1.0}
        out.append(ArgCand(ids, origin, None, f, origin, kind, _country(ents, ids[0])))

    # no actor at all: the first option of every ranking (a passive with no agent, a bare verbal noun)
    out.insert(0, ArgCand([], "none", None, {
        "null": 1.0, f"null|type={info['type']}": 1.0, f"null|kind={info['kind']}": 1.0,
        f"null|tense={info['tense']}": 1.0, f"null|light={info['light']}": 1.0,
        f"null|n={min(len(out), 4)}": 1.0, f"null|before={min(len(before), 2)}": 1.0,
        f"null|group={info['group']}": 1.0, f"null|word={info['word']}": 1.0}))
    extra(ctx.get("speaker") or [], "speaker")
    extra(ctx.get("prev_source") or [], "prev_source")
    extra(ctx.get("prev_subject") or [], "prev_subject")
    extra(ctx.get("prev_target") or [], "prev_target")
    # whatever the rules chose that is none of the above (a dual subject's actors)
    for x in list(rule_src) + list(rule_tgt):
        if x not in seen and x in ents:
            extra([x], "rule")
    return out


def pair_features(s: ArgCand, t: ArgCand, etype: str, tense: str) -> Feats:
    """What a source and a target say together: whether they are of one country (a minister and
    his own state are seldom each other's target), one of them the other's state, their order and
    sides around the trigger (ورشق الشبان الشرطة: the first phrase after a verb acts on the second),
    and their kinds."""
    if not s.ids or not t.ids:
        return {f"pair={'s' if s.ids else '-'}{'t' if t.ids else '-'}|type={etype}": 1.0}
    cty = "unknown" if not (s.country and t.country) else ("same" if s.country == t.country else "diff")
    f: Feats = {f"cty={cty}|type={etype}": 1.0, f"cty={cty}|kinds={s.kind}-{t.kind}": 1.0,
                f"kinds={s.kind}-{t.kind}|type={etype}": 1.0}
    if cty == "same" and "GPE" in (s.kind, t.kind):
        f[f"own_state={'target' if t.kind == 'GPE' else 'source'}|type={etype}"] = 1.0
    if s.chunk is not None and t.chunk is not None:
        order = "st" if s.chunk < t.chunk else "ts"
        f[f"order={order}|sides={s.side}-{t.side}|tense={tense}"] = 1.0
        f[f"order={order}|sides={s.side}-{t.side}|type={etype}"] = 1.0
        if abs(s.chunk - t.chunk) == 1:
            f[f"adjacent={order}|type={etype}"] = 1.0
    else:
        f[f"origins={s.side}-{t.side}"] = 1.0
    return f


def event_features(view: SentView, c: Cand, lex: Lexicon, doc: Doc, si: int, ctx: dict) -> Feats:
    """The features of one proposed event that do not depend on its chosen actors."""
    info = trigger_info(view, c, lex)
    kind = doc.sentences[si].kind
    where = "title" if kind in ("title", "heading") else ("lead" if si <= ctx.get("first_body", 0) else "body")
    f: Feats = {"bias": 1.0}
    for name in ("type", "group", "kind", "tense", "light", "wa"):
        f[f"{name}={info[name]}"] = 1.0
    f[f"word={info['word']}"] = 1.0
    f[f"word={info['word']}|kind={info['kind']}"] = 1.0
    f[f"status={c.status}"] = 1.0
    f[f"status={c.status}|type={info['type']}"] = 1.0
    f[f"where={where}"] = 1.0
    f[f"where={where}|kind={info['kind']}"] = 1.0
    f[f"type={info['type']}|kind={info['kind']}"] = 1.0
    f[f"type={info['type']}|light={info['light']}"] = 1.0
    for flag in ("in_quote", "background", "told_type", "definite", "reference", "ambiguous"):
        if ctx.get(flag):
            f[f"flag={flag}"] = 1.0
            f[f"flag={flag}|type={info['type']}"] = 1.0
    # the words either side of the trigger: what tells a sense (حفل | استقبال, درع | التكريم, بدعم | من)
    toks = view.toks
    prev_w = _key(toks[c.t0 - 1].text) if c.t0 > 0 and not toks[c.t0].brk else "<s>"
    next_w = _key(toks[c.t1 + 1].text) if c.t1 + 1 < len(toks) and not toks[c.t1 + 1].brk else "</s>"
    f[f"prev_word={prev_w}"] = 1.0
    f[f"next_word={next_w}"] = 1.0
    for k in range(max(0, c.t0 - 4), min(len(toks), c.t1 + 5)):
        if not c.t0 <= k <= c.t1 and toks[k].clause == toks[c.t0].clause:
            f[f"near={_key(toks[k].text)}"] = 0.5
    f["n_chunks"] = min(len(view.chunks), 8) / 8
    f["n_tokens"] = min(len(view.toks), 80) / 80
    return f


def with_actors(base: Feats, best: dict, ents: dict, etype: str) -> Feats:
    """The event's features with those of its chosen source and target (``best``: candidates and
    their scores, as :meth:`marsad.events.model.EventModel.choose` gives them)."""
    f = dict(base)
    for role in ("source", "target"):
        cand = best.get(role)
        if cand is None:
            f[f"{role}=none"] = 1.0
            f[f"{role}=none|type={etype}"] = 1.0
            continue
        p = best[role + "_p"]
        f[f"{role}_p"] = p
        f[f"{role}_logit"] = math.log(max(p, 1e-6) / max(1 - p, 1e-6)) / 10
        f[f"{role}=some|origin={cand.origin}"] = 1.0
        f[f"{role}=some|kind={_kind(ents, cand.ids[0])}"] = 1.0
        f[f"{role}=some|sector={_sector(ents, cand.ids[0])}"] = 1.0
        f[f"{role}=some|type={etype}"] = 1.0
        f[f"{role}=some|type={etype}|sector={_sector(ents, cand.ids[0])}"] = 1.0  # (ASSAULT by a university?)
        f[f"{role}=some|type={etype}|kind={_kind(ents, cand.ids[0])}"] = 1.0
    if etype in MUTUAL_TYPES:
        f["mutual"] = 1.0
    return f
