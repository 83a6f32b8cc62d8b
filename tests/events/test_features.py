"""Features of the learned decisions (marsad.events.features): what the pair model sees of a source
and a target together."""

from __future__ import annotations

from marsad.events.features import ArgCand, pair_features


def test_pair_features_tell_an_actor_from_its_own_state():
    pm = ArgCand(["pm"], "chunk", 0, {}, "after", "PERSON", "SRB")
    serbia = ArgCand(["serbia"], "chunk", 1, {}, "after", "GPE", "SRB")
    police = ArgCand(["police"], "chunk", 2, {}, "after", "describedORG", "HUN")
    own = pair_features(pm, serbia, "ACCUSE", "past")
    assert "own_state=target|type=ACCUSE" in own and "cty=same|type=ACCUSE" in own
    assert "adjacent=st|type=ACCUSE" in own
    other = pair_features(pm, police, "ACCUSE", "past")
    assert "cty=diff|type=ACCUSE" in other and not any(k.startswith("own_state") for k in other)
    assert "order=st|sides=after-after|tense=past" in other
    none = pair_features(pm, ArgCand([], "none"), "ACCUSE", "past")
    assert none == {"pair=s-|type=ACCUSE": 1.0}
