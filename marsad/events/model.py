"""The learned decisions of the event stage: which candidate actor is the source and which the target,
and how likely the event is right (its calibrated ``confidence``).

The rules propose (:mod:`marsad.events.extract`); four linear models decide, their weights in
``model/events.json`` (built by ``scripts/train_event_model.py``; see ``model/README.md``, the data
card): ``source`` and ``target`` rank the argument candidates (a conditional logit: a softmax over
the candidates of one event, "no actor" among them), ``pair`` reranks the best few (source, target)
pairs of the two rankings with what the two say together (one country, one the other's state,
their order: :func:`marsad.events.features.pair_features`), ``event`` (a logistic regression)
scores the event with its chosen actors, and an isotonic map turns that score into the probability that the event is
right (type and actors at the country level), calibrated on held-apart articles. Scoring is a sparse
dot product in plain Python; without the model file the rules' choices stand and the confidence is
the rules' fixed estimate.
"""

from __future__ import annotations

import json
import math
from bisect import bisect_right
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from marsad.events.features import ArgCand, Feats, pair_features
from marsad.events.words import MUTUAL_TYPES

MODEL_FILE = "model/events.json"
MIN_ROLE_P = 0.1
PAIR_TOP = 5  # options of each ranking the pair model weighs


@dataclass(frozen=True)
class Linear:
    weights: dict[str, float]
    bias: float = 0.0

    def score(self, feats: Feats) -> float:
        return self.bias + sum(self.weights.get(k, 0.0) * v for k, v in feats.items())

    def prob(self, feats: Feats) -> float:
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, self.score(feats)))))


def _softmax(zs: list[float]) -> list[float]:
    m = max(zs)
    es = [math.exp(z - m) for z in zs]
    t = sum(es)
    return [e / t for e in es]


@dataclass(frozen=True)
class Isotonic:
    """A monotone step map from raw score to probability (x ascending, y the value from x on)."""

    x: tuple[float, ...]
    y: tuple[float, ...]

    def __call__(self, p: float) -> float:
        if not self.x:
            return p
        i = bisect_right(self.x, p) - 1
        return self.y[max(0, i)] if i >= 0 else self.y[0]


@dataclass(frozen=True)
class EventModel:
    source: Linear
    target: Linear
    event: Linear
    calibration: Isotonic
    version: str
    pair: Linear | None = None  # reranks the best pairs of the two rankings with what they say together

    def _probs(self, cands: list[ArgCand]) -> tuple[list[float], list[float]]:
        return (_softmax([self.source.score(c.feats) for c in cands]),
                _softmax([self.target.score(c.feats) for c in cands]))

    def pairs(self, cands: list[ArgCand], ps: list[float], pt: list[float], etype: str,
              tense: str) -> list[tuple[int, int, Feats]]:
        """The (source, target) options the pair model chooses among: the best few of each ranking
        ("no actor" always among them), one actor never on both sides, with their features."""
        top = [sorted(range(len(cands)), key=lambda k, p=p: -p[k])[:PAIR_TOP] for p in (ps, pt)]
        out = []
        for i in sorted(set(top[0]) | {0}):
            for j in sorted(set(top[1]) | {0}):
                if cands[i].ids and (i == j or cands[i].ids == cands[j].ids):
                    continue
                f = pair_features(cands[i], cands[j], etype, tense)
                f["log_ps"], f["log_pt"] = math.log(max(ps[i], 1e-9)), math.log(max(pt[j], 1e-9))
                out.append((i, j, f))
        return out

    def choose(self, cands: list[ArgCand], etype: str, tense: str = "") -> dict:
        """The source and the target: the pair of options with the highest score (the pair model's,
        else the joint probability under the two rankings, a softmax each over the candidates, the
        first of which is "no actor"), one actor never being both."""
        return self._pick(cands, *self._probs(cands), etype, tense) if cands else {}

    def _pick(self, cands: list[ArgCand], ps: list[float], pt: list[float], etype: str, tense: str) -> dict:
        options = self.pairs(cands, ps, pt, etype, tense)
        if self.pair is not None:
            i, j, _f = max(options, key=lambda o: self.pair.score(o[2]))
        else:
            i, j, _f = max(options, key=lambda o: o[2]["log_ps"] + o[2]["log_pt"])
        out: dict = {}
        if cands[i].ids and ps[i] >= MIN_ROLE_P:  # (a pair forced on a ranking that has no second actor)
            out.update(source=cands[i], source_p=ps[i])
        if cands[j].ids and pt[j] >= MIN_ROLE_P:
            out.update(target=cands[j], target_p=pt[j])
        return out

    def roles(self, cands: list[ArgCand], etype: str, rule_source: list[str],
              rule_target: list[str], tense: str = "") -> tuple[list[str], list[str], dict]:
        """The event's final source and target ids, and the choice they stand on (for the event's
        features). For meetings, agreements and cooperation either order is right: the two sides
        the rankings name (with the rules' other side when they name one), in the rules' order
        (the caller, the host, the visitor), each side with the better of its two probabilities."""
        if not cands:
            return [], [], {}
        ps, pt = self._probs(cands)
        best = self._pick(cands, ps, pt, etype, tense)
        src, tgt = best.get("source"), best.get("target")
        source = list(src.ids) if src else []
        target = [x for x in (tgt.ids if tgt else []) if x not in source]
        if etype not in MUTUAL_TYPES:
            return source, target, best
        rule_src, rule_tgt = set(rule_source), set(rule_target)
        chosen = source + target
        if len(chosen) == 1:
            chosen += [x for x in list(rule_source) + list(rule_target) if x not in chosen][:1]
        rank = {x: 0 if x in rule_src else (2 if x in rule_tgt else 1) for x in chosen}
        chosen.sort(key=lambda x: rank[x])
        if len(chosen) == 1:
            source, target = ([], chosen) if rank[chosen[0]] == 2 else (chosen, [])
        else:
            source, target = chosen[:1], chosen[1:]
        settled: dict = {}
        for role, ids in (("source", source), ("target", target)):
            i = next((k for k, c in enumerate(cands) if ids and ids[0] in c.ids), None)
            if i is not None:
                settled.update({role: cands[i], role + "_p": max(ps[i], pt[i])})
        return source, target, settled

    def confidence(self, feats: Feats) -> float:
        return self.calibration(self.event.prob(feats))


def _linear(spec: dict) -> Linear:
    return Linear(dict(spec["weights"]), float(spec.get("bias", 0.0)))


@lru_cache(maxsize=1)
def load_model() -> EventModel | None:
    """The shipped model, or None when it is not there (the rules then decide alone)."""
    path = resources.files("marsad.events").joinpath(MODEL_FILE)
    if not path.is_file():
        return None
    d = json.loads(path.read_text("utf-8"))
    cal = d.get("calibration") or {}
    return EventModel(_linear(d["source"]), _linear(d["target"]), _linear(d["event"]),
                      Isotonic(tuple(cal.get("x", ())), tuple(cal.get("y", ()))), d.get("version", "?"),
                      _linear(d["pair"]) if "pair" in d else None)
