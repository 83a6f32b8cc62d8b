"""The learned role choice (marsad.events.model.EventModel.roles): what the event is scored with is
what it is emitted with."""

from __future__ import annotations

from marsad.events.features import ArgCand, with_actors
from marsad.events.model import EventModel, Isotonic, Linear


def _model() -> EventModel:
    # the source ranking prefers "no actor", the target ranking the phrase after the verb
    source = Linear({"null": 3.0})
    target = Linear({"pos=after0": 3.0})
    return EventModel(source, target, Linear({"source=none": -2.0, "source_p": 1.0}), Isotonic((), ()), "test")


def _cands() -> list[ArgCand]:
    return [ArgCand([], "none", None, {"null": 1.0}),
            ArgCand(["kenya"], "chunk", 1, {"pos=after0": 1.0}),
            ArgCand(["obama"], "chunk", 0, {"pos=before0": 1.0})]


def test_a_meeting_named_by_one_ranking_takes_the_rules_other_side_and_is_scored_with_it():
    # سيزور الرئيس الأمريكي باراك أوباما كينيا: the rules' visitor joins the ranking's host
    source, target, best = _model().roles(_cands(), True, ["obama"], ["kenya"])
    assert (source, target) == (["obama"], ["kenya"])
    assert best["source"].ids == ["obama"] and best["target"].ids == ["kenya"]
    feats = with_actors({"bias": 1.0}, best, {}, "CONSULT")
    assert "source=none" not in feats  # (scored without a source, the event looked worse than it is)


def test_a_one_sided_event_keeps_the_rankings_choice():
    source, target, best = _model().roles(_cands(), False, ["obama"], ["kenya"])
    assert source == [] and target == ["kenya"]
    assert "source" not in best
