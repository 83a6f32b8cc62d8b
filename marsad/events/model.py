"""The learned decisions of the event stage: which candidate actor is the source and which the target,
and how likely the event is right (its calibrated ``confidence``).

The rules propose (:mod:`marsad.events.extract`); three logistic regressions decide, their weights
in ``model/events.json`` (built by ``scripts/train_event_model.py``; see ``model/README.md``, the
data card): ``source`` and ``target`` score each argument candidate, ``event`` scores the event
with its chosen actors, and an isotonic map turns that score into the probability that the event is
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

from marsad.events.features import ArgCand, Feats

MODEL_FILE = "model/events.json"


@dataclass(frozen=True)
class Linear:
    weights: dict[str, float]
    bias: float = 0.0

    def prob(self, feats: Feats) -> float:
        z = self.bias + sum(self.weights.get(k, 0.0) * v for k, v in feats.items())
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


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
    min_source: float
    min_target: float
    version: str

    def choose(self, cands: list[ArgCand], mutual: bool) -> dict:
        """The source and target among the candidates (each needs its own threshold), with their
        scores; one actor is never both."""
        if not cands:
            return {}
        ps = [self.source.prob(c.feats) for c in cands]
        pt = [self.target.prob(c.feats) for c in cands]
        out: dict = {}
        si = max(range(len(cands)), key=lambda i: ps[i])
        if ps[si] >= self.min_source:
            out.update(source=cands[si], source_p=ps[si])
        order = sorted(range(len(cands)), key=lambda i: -pt[i])
        ti = next((i for i in order if "source" not in out or i != si), None)
        if ti is not None and pt[ti] >= self.min_target:
            out.update(target=cands[ti], target_p=pt[ti])
        return out

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
                      Isotonic(tuple(cal.get("x", ())), tuple(cal.get("y", ()))),
                      float(d.get("min_source", 0.5)), float(d.get("min_target", 0.5)), d.get("version", "?"))
