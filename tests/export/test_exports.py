"""Each export format on the fixture corpus: JSON / JSONL contract, CSV round trip, CAMEO TSV,
GraphML loads in networkx, iCalendar parses with icalendar."""

import csv
import io
import json

import pytest

from marsad.cli import main
from marsad.errors import InputError
from marsad.export import FORMATS, export


def _export(store, fmt) -> str:
    buf = io.StringIO(newline="")
    export(store, fmt, buf)
    return buf.getvalue()


def test_json(store):
    data = json.loads(_export(store, "json"))
    assert {"documents", "event_links", "stories"} <= set(data)
    assert len(data["documents"]) == 7
    assert all(d["schema_version"] == "1" for d in data["documents"])
    (meeting,) = [lk for lk in data["event_links"] if len(lk["events"]) == 3]
    assert meeting["status"] == "occurred"
    assert meeting["events"][0] == {"document": "announce", "event": "e1"}
    assert [h["status"] for h in meeting["status_history"]] == ["scheduled", "occurred", "occurred"]
    assert any(sorted(s["documents"]) == ["agency-okaz", "agency-watan", "agency-yaum"] for s in data["stories"])
    assert {d["document"] for d in data["duplicates"]} == {"agency-watan", "agency-yaum"}


def test_jsonl_is_the_contract(store):
    import jsonschema

    from marsad.schema import Analysis, json_schema

    lines = _export(store, "jsonl").splitlines()
    assert len(lines) == 7
    for line in lines:
        data = json.loads(line)
        jsonschema.validate(data, json_schema())
        assert Analysis.from_dict(data).document.id == data["document"]["id"]


def test_csv_round_trips(store):
    text = _export(store, "csv")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert len(rows) == 4
    r = next(x for x in rows if x["document"] == "report")
    assert r["type"] == "CONSULT" and r["cameo"] == "040" and r["status"] == "occurred"
    assert r["source"] == "Faisal bin Farhan" and r["source_country"] == "SAU"
    assert r["target"] == "Antony Blinken" and r["target_country"] == "USA" and r["place"] == "Riyadh"
    assert "بلينكن" in r["sentence"] and r["link_status"] == "occurred"
    again = io.StringIO()
    w = csv.DictWriter(again, fieldnames=list(rows[0]), lineterminator="\n")
    w.writeheader()
    w.writerows(rows)
    assert again.getvalue() == text


def test_cameo_tsv(store):
    lines = _export(store, "cameo").splitlines()
    header = lines[0].split("\t")
    rows = [dict(zip(header, ln.split("\t"), strict=True)) for ln in lines[1:]]
    assert len(rows) == 4
    r = next(x for x in rows if x["SentenceID"].startswith("report-"))
    assert r["Date"] == "20240305" and r["EventCode"] == "040" and r["EventRootCode"] == "04"
    assert r["SourceActorFull"] == "SAUGOV" and r["TargetActorEntity"] == "USA" and r["QuadClass"] == "1"


def test_graphml_loads_in_networkx(store):
    nx = pytest.importorskip("networkx")
    g = nx.read_graphml(io.BytesIO(_export(store, "graphml").encode("utf-8")))
    assert g.is_directed()
    assert g.nodes["Q1002"]["name_ar"] == "أنتوني بلينكن"
    edges = [(u, v, d) for u, v, d in g.edges(data=True)]
    fb = [d for u, v, d in edges if u == "Q1001" and v == "Q1002"]
    assert fb and fb[0]["type"] == "CONSULT" and fb[0]["date"] == "2024-03-05" and fb[0]["weight"] == 2.0
    assert ("Q79", "Q810") in {(u, v) for u, v, _ in edges}


def test_ics_parses_with_icalendar(store):
    icalendar = pytest.importorskip("icalendar")
    cal = icalendar.Calendar.from_ical(_export(store, "ics"))
    events = list(cal.walk("VEVENT"))
    assert len(events) == 1  # only the meeting was announced in advance
    ev = events[0]
    assert ev.decoded("DTSTART").isoformat() == "2024-03-05"
    assert str(ev["STATUS"]) == "CONFIRMED" and "Riyadh" in str(ev["LOCATION"])
    assert "Faisal bin Farhan" in str(ev["SUMMARY"])


def test_ics_scheduled_only(tmp_path, corpus):
    icalendar = pytest.importorskip("icalendar")
    st, _ = corpus.build_store(tmp_path / "s.db", ["announce"])
    (ev,) = icalendar.Calendar.from_ical(_export(st, "ics")).walk("VEVENT")
    assert str(ev["STATUS"]) == "TENTATIVE"
    st.close()


def test_cli_export_to_file(store, tmp_path, capsys):
    for fmt in FORMATS:
        out = tmp_path / f"x.{fmt}"
        assert main(["export", "--db", store.path, "--format", fmt, "--output", str(out)]) == 0
        assert out.stat().st_size > 0 and not (tmp_path / f"x.{fmt}.part").exists()
    assert main(["export", "--db", store.path, "--format", "jsonl"]) == 0
    assert len(capsys.readouterr().out.splitlines()) == 7
    assert main(["export", "--db", store.path, "--format", "csv", "--output", str(tmp_path)]) == 1
    with pytest.raises(InputError):
        export(store, "xml", io.StringIO())
