"""The contract: the shipped schema is the shared one, and Analyses round-trip through it."""

import json

import jsonschema
import pytest

import marsad
from marsad.schema import Analysis, json_schema

TEXT = "قمة عربية في الرياض\n\nالرياض - انطلقت اليوم أعمال القمة العربية بحضور القادة العرب.\n(واس)\n"


def test_shipped_schema_is_the_shared_contract(shared):
    assert json_schema() == json.loads((shared / "schema" / "analysis.schema.json").read_text("utf-8"))


def test_analysis_round_trips_and_validates():
    a = marsad.analyze(TEXT, published="2023-05-19", doc_id="summit")
    data = json.loads(a.to_json())
    jsonschema.Draft202012Validator(json_schema()).validate(data)
    assert Analysis.from_dict(data).to_dict() == data
    assert [s["kind"] for s in data["sentences"]] == ["title", "body", "boilerplate"]


def test_a_broken_analysis_fails_validation():
    data = json.loads(marsad.analyze(TEXT).to_json())
    data["sentences"][0]["kind"] = "paragraph"
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.Draft202012Validator(json_schema()).validate(data)


def test_api_rejects_a_bad_date_with_a_marsad_error():
    with pytest.raises(marsad.InputError):
        marsad.analyze(TEXT, published="5 March")
