import csv
import io
import json

import pytest

from marsad.cli import main
from marsad.corpus.timeline import Filters, event_rows, format_timeline, timeline
from marsad.errors import InputError


def test_timeline_in_date_order_with_status_and_sources(store):
    entries = timeline(store)
    assert [e["date"] for e in entries] == sorted(e["date"] for e in entries)
    meeting = next(e for e in entries if len(e["documents"]) == 3)
    assert meeting["status"] == "occurred"
    assert [d["document"] for d in meeting["documents"]] == ["announce", "report", "followup"]
    lines = format_timeline(entries)
    assert any("scheduled → occurred" in ln for ln in lines)


@pytest.mark.parametrize("actor", ["Q1002", "Antony Blinken", "antony blinken", "أنتوني بلينكن", "انتونى بلينكن"])
def test_actor_filter_by_id_or_name(store, actor):
    rows = event_rows(store, Filters(actor=actor))
    assert {r["document"] for r in rows} == {"announce", "report"}


def test_other_filters(store):
    assert {r["document"] for r in event_rows(store, Filters(actor="Egypt"))} == {"egypt-jordan"}
    assert event_rows(store, Filters(type="AGREE")) == []
    assert len(event_rows(store, Filters(type="consult"))) == 4
    assert event_rows(store, Filters(since="2024-03-06")) == []
    assert len(event_rows(store, Filters(until="2024-03-05"))) == 4
    story = store.conn.execute("SELECT story_id FROM story_documents WHERE doc_id = 'egypt-jordan'").fetchone()[0]
    assert {r["document"] for r in event_rows(store, Filters(story=story))} == {"egypt-jordan"}
    with pytest.raises(InputError):
        event_rows(store, Filters(type="MEET"))
    with pytest.raises(InputError):
        event_rows(store, Filters(since="March"))


def test_cli_timeline_events_search_stories(store, capsys):
    db = store.path
    assert main(["timeline", "--db", db, "--actor", "بلينكن"]) == 0
    out = capsys.readouterr().out
    assert "scheduled → occurred" in out and "egypt-jordan" not in out
    assert main(["events", "--db", db, "--format", "csv"]) == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert len(rows) == 4 and {r["document"] for r in rows} >= {"announce", "report"}
    assert main(["events", "--db", db, "--format", "json", "--type", "CONSULT"]) == 0
    assert len(json.loads(capsys.readouterr().out)) == 4
    assert main(["events", "--db", db]) == 0
    assert "CONSULT" in capsys.readouterr().out
    assert main(["search", "--db", db, "الكهرباء"]) == 0
    assert "agency-okaz" in capsys.readouterr().out
    assert main(["stories", "--db", db]) == 0
    assert "3 documents" in capsys.readouterr().out
    assert main(["timeline", "--db", db, "--since", "yesterday"]) == 1
    assert "--since" in capsys.readouterr().err
