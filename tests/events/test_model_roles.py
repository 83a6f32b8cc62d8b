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
    source, target, best = _model().roles(_cands(), "CONSULT", ["obama"], ["kenya"])
    assert (source, target) == (["obama"], ["kenya"])
    assert best["source"].ids == ["obama"] and best["target"].ids == ["kenya"]
    feats = with_actors({"bias": 1.0}, best, {}, "CONSULT")
    assert "source=none" not in feats  # (scored without a source, the event looked worse than it is)


def test_a_one_sided_event_keeps_the_rankings_choice():
    source, target, best = _model().roles(_cands(), "ACCUSE", ["obama"], ["kenya"])
    assert source == [] and target == ["kenya"]
    assert "source" not in best


def _condemnation() -> list[ArgCand]:
    # ندد رئيس الوزراء الصربي بما فعلته الشرطة المجرية في صربيا: the minister, the police, his own state
    return [ArgCand([], "none", None, {"null": 1.0}),
            ArgCand(["pm"], "chunk", 0, {"pos=after0": 1.0}, "after", "PERSON", "SRB"),
            ArgCand(["serbia"], "chunk", 1, {"pos=after1": 1.0}, "after", "GPE", "SRB"),
            ArgCand(["police"], "chunk", 2, {"pos=after2": 1.0}, "after", "describedORG", "HUN")]


def test_the_pair_model_weighs_what_source_and_target_say_together():
    source = Linear({"pos=after0": 3.0})
    target = Linear({"pos=after1": 1.0, "pos=after2": 0.5})  # alone, the state right after the minister
    plain = EventModel(source, target, Linear({}), Isotonic((), ()), "test")
    assert plain.roles(_condemnation(), "ACCUSE", [], [])[:2] == (["pm"], ["serbia"])
    pair = Linear({"log_ps": 1.0, "log_pt": 1.0, "own_state=target|type=ACCUSE": -2.0})
    paired = EventModel(source, target, Linear({}), Isotonic((), ()), "test", pair)
    assert paired.roles(_condemnation(), "ACCUSE", [], [])[:2] == (["pm"], ["police"])


def test_one_actor_is_never_both_source_and_target():
    # the same entity in two phrases (منظمة الأمم المتحدة للطفولة … المنظمة) is one actor
    cands = [ArgCand([], "none", None, {"null": 1.0}),
             ArgCand(["unicef"], "chunk", 0, {"pos=after0": 1.0}, "after", "ORG", None),
             ArgCand(["unicef"], "chunk", 1, {"pos=after1": 1.0}, "after", "ORG", None),
             ArgCand(["kidnappers"], "chunk", 2, {"pos=after2": 1.0}, "after", "describedGROUP", "NGA")]
    m = EventModel(Linear({"pos=after0": 3.0}), Linear({"pos=after1": 3.0, "pos=after2": 2.0}), Linear({}),
                   Isotonic((), ()), "test")
    assert m.roles(cands, "ACCUSE", [], [])[:2] == (["unicef"], ["kidnappers"])
