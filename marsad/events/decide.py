"""Where the learned model meets the rules: the context of each proposed event (the actors around
it, whether it stands in a quote or a background clause), the model's choice of source and target,
and the event's confidence. Rows of features are also kept for training when asked
(``doc.extra["_collect_events"]``, a list: see ``scripts/train_event_model.py``)."""

from __future__ import annotations

from marsad.doc import Doc
from marsad.events.candidates import Cand
from marsad.events.features import argument_candidates, event_features, with_actors
from marsad.events.filters import _definite
from marsad.events.lexicon import Lexicon
from marsad.events.model import load_model
from marsad.events.speech import _quote_speaker, quotes_at
from marsad.events.view import SentView, build_view
from marsad.schema import Event

BACKGROUND_VERBS = frozenset({"كان", "وكان", "كانت", "وكانت", "فكان", "وكانوا"})
ACTOR_KINDS = frozenset({"PERSON", "ORG", "GROUP"})


class Decider:
    """One per document: the context the rules do not keep, and the model's decisions."""

    def __init__(self, doc: Doc, lex: Lexicon):
        self.doc, self.lex = doc, lex
        self.model = None if doc.extra.get("_no_model") else load_model()
        self.ents = {e.id: e for e in doc.entities}
        self.rows = doc.extra.get("_collect_events")
        self.first_body = next((i for i, s in enumerate(doc.sentences) if s.kind == "body"), 0)
        self._subjects: dict[int, list[str]] = {}
        self.types_told: set[str] = set()

    def _prev_subject(self, si: int) -> list[str]:
        """The first actor phrase of the sentence before (the subject a pro-drop verb continues)."""
        for k in range(si - 1, max(-1, si - 3), -1):
            if self.doc.sentences[k].kind == "boilerplate":
                continue
            if k not in self._subjects:
                view = build_view(self.doc, k, self.lex)
                ch = next((c for c in view.chunks if c.head_kind in ACTOR_KINDS), None)
                self._subjects[k] = [ch.head] if ch else []
            return self._subjects[k]
        return []

    def _flags(self, view: SentView, c: Cand, pos: int) -> dict:
        toks = view.toks
        before = [toks[k].text for k in range(max(0, c.t0 - 6), c.t0) if toks[k].clause == toks[c.t0].clause]
        return {
            "in_quote": any(q.direct for q in quotes_at(self.doc, pos)),
            "background": (any(w in BACKGROUND_VERBS for w in before) and "قد" in before)
            or "منذ" in before[-3:],
            "definite": _definite(view, c, self.lex), "reference": c.reference, "ambiguous": c.ambiguous,
        }

    def decide(self, view: SentView, c: Cand, si: int, pos: int, events: list[Event]) -> float | None:
        """Choose the source and target of ``c`` (in place) and return its confidence, or None when
        no model is shipped (the rules' choices and confidence stand)."""
        etype = self.lex.groups[c.group].type
        prev = events[-1] if events and events[-1].sentence >= si - 1 else None
        speaker = _quote_speaker(self.doc, pos)
        ctx = {"entities": self.ents, "speaker": [speaker] if speaker else [],
               "prev_source": list(prev.source) if prev else [], "prev_target": list(prev.target) if prev else [],
               "prev_subject": self._prev_subject(si), "first_body": self.first_body,
               "told_type": etype in self.types_told}
        ctx.update(self._flags(view, c, pos))
        self.types_told.add(etype)
        cands = argument_candidates(self.doc, view, c, self.lex, ctx)
        base = event_features(view, c, self.lex, self.doc, si, ctx)
        tense = "passive" if c.passive else c.tense
        if self.rows is not None:
            self.rows.append({"index": len(events), "type": etype, "tense": tense, "cands": cands,
                              "event": base, "rule_source": list(c.source), "rule_target": list(c.target)})
        if self.model is None:
            return None
        c.source, c.target, best = self.model.roles(cands, etype, list(c.source), list(c.target), tense)
        return self.model.confidence(with_actors(base, best, self.ents, etype))
