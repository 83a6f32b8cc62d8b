"""Event days as the web layer uses them: stored with events and event links (store version 3),
they give exactly what the days computed per row gave (the SQL functions still used for an older
store served read-only), and the date sort and filters go through their indexes."""

from __future__ import annotations

import shutil
import sqlite3
import warnings

import pytest

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

from marsad.corpus.store import SCHEMA_VERSION, Store
from marsad.web.app import create_app
from marsad.web.queries import EventFilters, Queries, open_store

DATE_QUERIES = [
    "/api/events", "/api/events?order=desc", "/api/events?sort=date&order=desc&limit=2&offset=1",
    "/api/events?sort=type&until=2024-03-13", "/api/events?sort=published&order=desc&since=2024-03-12",
    "/api/events?since=2024-03-12", "/api/events?since=2024-03-14", "/api/events?since=2024-04-30",
    "/api/events?since=2024-05-01", "/api/events?until=2024-03-11", "/api/events?until=2024-03-10",
    "/api/events?since=2024-03-13&until=2024-03-13", "/api/events?since=2024-03-16&until=2024-03-31",
    "/api/events?since=2024-03-12&until=2024-04-02&type=CONSULT",
    "/api/timeline", "/api/timeline?since=2024-03-14", "/api/timeline?until=2024-03-12",
    "/api/timeline?since=2024-03-13&until=2024-03-17", "/api/timeline?since=2024-04-15&actor=Q156733",
    "/api/network?since=2024-03-13", "/api/network?until=2024-03-12",
]


def _as_version_2(src: str, dst) -> None:
    """A copy of the store as Marsad wrote it before version 3: no stored days."""
    shutil.copy(src, dst)
    conn = sqlite3.connect(dst)
    for index in ("entities_cameo", "event_args_local", "events_day_order_desc"):  # version 4
        conn.execute(f"DROP INDEX {index}")
    for table in ("doc_entities", "entities"):
        conn.execute(f"ALTER TABLE {table} DROP COLUMN sector")
        conn.execute(f"ALTER TABLE {table} DROP COLUMN cameo_actor")
    for index in ("events_day", "events_day_order", "event_links_day"):
        conn.execute(f"DROP INDEX {index}")
    for table in ("events", "event_links"):
        conn.execute(f"ALTER TABLE {table} DROP COLUMN day")
        conn.execute(f"ALTER TABLE {table} DROP COLUMN day_end")
    conn.execute("PRAGMA user_version = 2")
    conn.commit()
    conn.close()


def _answers(client: TestClient) -> dict:
    out = {}
    for q in DATE_QUERIES:
        r = client.get(q)
        assert r.status_code == 200, (q, r.text)
        out[q] = r.json()
    return out


def _without_codes(value):
    if isinstance(value, dict):
        return {k: _without_codes(v) for k, v in value.items() if k not in ("sector", "cameo_actor")}
    if isinstance(value, list):
        return [_without_codes(v) for v in value]
    return value


def test_stored_days_in_date_order(web_db):
    items = TestClient(create_app(web_db)).get("/api/events").json()["items"]
    assert [(e["doc_id"], e["event_id"], e["day"]) for e in items] == [
        ("d-announce", "e1", "2024-03-11"),  # 2024-W11
        ("d-meeting", "e1", "2024-03-11"),
        ("d-accuse", "e1", "2024-03-13"),
        ("d-accuse", "e2", "2024-03-13"),   # undated: its report's day
        ("d-xss", "e1", "2024-03-14"),
        ("d-accuse", "e3", "2024-04-01"),   # 2024-04
    ]
    timeline = TestClient(create_app(web_db)).get("/api/timeline").json()["items"]
    assert [(it["day"], it["day_end"]) for it in timeline] == [
        ("2024-03-11", "2024-03-11"), ("2024-03-13", "2024-03-13"), ("2024-03-13", "2024-03-13"),
        ("2024-03-14", "2024-03-14"), ("2024-04-01", "2024-04-30")]


def test_stored_days_answer_as_the_per_row_days_did(web_db, tmp_path):
    current = _answers(TestClient(create_app(web_db)))
    old = tmp_path / "v2.db"
    _as_version_2(web_db, old)
    # served read-only, an older store is not migrated: the days are computed per row, as before (and
    # its actors have no codes yet)
    answers = _answers(TestClient(create_app(str(old))))
    assert _without_codes(answers) == _without_codes(current)
    assert {a["sector"] for a in answers["/api/events"]["items"][0]["source"]} == {None}  # no codes before version 4
    with open_store(str(old)) as st:
        assert st.version == 2
    # opened for writing, it is migrated: the days are backfilled, the answers stay the same
    with Store.open(old) as st:
        assert st.version == SCHEMA_VERSION
    assert _answers(TestClient(create_app(str(old)))) == current
    with open_store(str(old)) as a, open_store(web_db) as b:
        for sql in ("SELECT doc_id, event_id, day, day_end FROM events ORDER BY 1, 2",
                    "SELECT id, day, day_end FROM event_links ORDER BY 1"):
            assert a.conn.execute(sql).fetchall() == b.conn.execute(sql).fetchall()


@pytest.mark.parametrize("order", ["asc", "desc"])
def test_date_sort_and_filters_use_the_stored_days_and_their_indexes(web_db, order):
    store = open_store(web_db)
    statements: list[str] = []
    store.conn.set_trace_callback(statements.append)
    q = Queries(store)
    q.events(sort="date", order=order)
    q.events(EventFilters(since="2024-03-12", until="2024-03-20"), sort="date", order=order)
    q.timeline(EventFilters(since="2024-03-12", until="2024-03-20"))
    store.conn.set_trace_callback(None)
    assert statements and not any("marsad_day" in s for s in statements)
    lists = [s for s in statements if "FROM events e" in s and "ORDER BY" in s]
    plans = [" | ".join(r[-1] for r in store.conn.execute("EXPLAIN QUERY PLAN " + s)) for s in lists]
    assert "INDEX events_day_order" in plans[0]  # the date sort reads the index in order
    assert "INDEX events_day" in plans[1]
    store.close()
