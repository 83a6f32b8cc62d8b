"""Cross-document layer on hand-built analyses (tests/corpus/_corpus.py)."""

import json

from marsad.corpus.crossdoc import _current_status, date_interval
from marsad.corpus.store import Store


def _links(store):
    out = {}
    for lid, status, hist in store.conn.execute("SELECT id, status, status_history FROM event_links"):
        members = sorted(d for (d,) in store.conn.execute(
            "SELECT doc_id FROM event_link_members WHERE link_id = ?", (lid,)))
        out[tuple(members)] = (lid, status, json.loads(hist))
    return out


def test_announcement_and_reports_are_one_event(store):
    links = _links(store)
    assert ("announce", "followup", "report") in links
    _lid, status, history = links[("announce", "followup", "report")]
    assert status == "occurred"
    assert [(h["document"], h["published"], h["status"]) for h in history] == [
        ("announce", "2024-03-01", "scheduled"),
        ("report", "2024-03-05", "occurred"),
        ("followup", "2024-03-06", "occurred"),
    ]
    # the same type and day, other actors and place: a different event
    assert ("egypt-jordan",) in links


def test_scheduled_only_stays_scheduled(tmp_path, corpus):
    st, _ = corpus.build_store(tmp_path / "a.db", ["announce", "oil"])
    ((_lid, status, history),) = [v for k, v in _links(st).items() if "announce" in k]
    assert status == "scheduled" and len(history) == 1
    st.close()


def test_local_entity_merges_with_kb_entity(store):
    row = store.conn.execute(
        "SELECT entity_id FROM doc_entities WHERE doc_id = 'report' AND local_id = 'L:PERSON:بلينكن'").fetchone()
    assert row[0] == "Q1002"
    n_docs = store.conn.execute("SELECT n_documents FROM entities WHERE id = 'Q1002'").fetchone()[0]
    assert n_docs == 2
    assert not store.conn.execute("SELECT 1 FROM entities WHERE id LIKE 'L:%'").fetchall()


def test_local_entities_merge_by_folded_name(tmp_path):
    from marsad.corpus.crossdoc import resolve_entities

    st = Store.open(tmp_path / "e.db")
    with st.transaction() as conn:
        rows = [("d1", "L:PERSON:أحمد", "PERSON", None, "أحمد السيد", "EGY"),
                ("d2", "L:PERSON:احمد", "PERSON", None, "احمد السيّد", None),
                ("d3", "L:ORG:احمد", "ORG", None, "أحمد السيد", None)]
        conn.executemany("INSERT INTO doc_entities (doc_id, local_id, kind, name_en, name_ar, country, n_mentions)"
                         " VALUES (?,?,?,?,?,?,1)", rows)
        m = resolve_entities(conn)
    assert m[("d1", "L:PERSON:أحمد")] == m[("d2", "L:PERSON:احمد")]
    assert m[("d3", "L:ORG:احمد")] != m[("d1", "L:PERSON:أحمد")]
    st.close()


def test_result_does_not_depend_on_ingest_order(tmp_path, corpus):
    ids = [a["id"] for a in corpus.ARTICLES]
    a, _ = corpus.build_store(tmp_path / "a.db", ids)
    b, _ = corpus.build_store(tmp_path / "b.db", list(reversed(ids)))
    la = {k: (v[1], [h["status"] for h in v[2]]) for k, v in _links(a).items()}
    lb = {k: (v[1], [h["status"] for h in v[2]]) for k, v in _links(b).items()}
    assert la == lb
    a.close()
    b.close()


def test_stories(store):
    groups = {}
    for sid, doc in store.conn.execute("SELECT story_id, doc_id FROM story_documents"):
        groups.setdefault(sid, set()).add(doc)
    stories = sorted(sorted(g) for g in groups.values())
    assert ["announce", "followup", "report"] in stories
    assert ["agency-okaz", "agency-watan", "agency-yaum"] in stories
    assert ["football"] in stories and ["oil"] in stories and ["egypt-jordan"] in stories


def test_date_intervals():
    assert date_interval("2024-03-05")[0].isoformat() == "2024-03-05"
    lo, hi = date_interval("2024-02")
    assert (lo.isoformat(), hi.isoformat()) == ("2024-02-01", "2024-02-29")
    lo, hi = date_interval("2024-W10")
    assert (hi - lo).days == 6
    assert date_interval("PRESENT_REF", "2024-01-02")[0].isoformat() == "2024-01-02"
    assert date_interval("XXXX-10") is None and date_interval(None) is None


def test_current_status_rules():
    h = [{"status": "scheduled"}, {"status": "occurred"}, {"status": "scheduled"}]
    assert _current_status(h) == "occurred"
    assert _current_status([{"status": "scheduled"}, {"status": "negated"}]) == "negated"
    assert _current_status([{"status": "scheduled"}]) == "scheduled"


def _raw_event(conn, doc, published, typ, status, date, actors, seq):
    conn.execute("INSERT INTO documents (id, content_hash, text, status, published, added) VALUES (?,?,?,?,?,?)",
                 (doc, doc, "نص", "analysed", published, "now"))
    conn.execute("INSERT INTO events (doc_id, event_id, type, status, date, sentence) VALUES (?,?,?,?,?,0)",
                 (doc, "e1", typ, status, date))
    for role, (lid, country) in zip(("source", "target"), actors, strict=False):
        conn.execute("INSERT INTO doc_entities (doc_id, local_id, kind, name_ar, country, n_mentions)"
                     " VALUES (?,?,?,?,?,1)", (doc, lid, "GPE", lid, country))
        conn.execute("INSERT INTO event_args (doc_id, event_id, role, local_id) VALUES (?,?,?,?)",
                     (doc, "e1", role, lid))


def test_undated_and_odd_dates(tmp_path):
    from marsad.corpus.crossdoc import rebuild

    st = Store.open(tmp_path / "raw.db")
    sau, usa, qat = ("Q851", "SAU"), ("Q30", "USA"), ("Q846", "QAT")
    with st.transaction() as conn:
        _raw_event(conn, "a", "2024-03-01", "CONSULT", "scheduled", None, [sau, usa], 1)
        _raw_event(conn, "b", "2024-03-05", "COOPERATE", "occurred", "PRESENT_REF", [sau, usa], 2)
        _raw_event(conn, "c", "2024-03-05", "CONSULT", "occurred", "PRESENT_REF", [sau, usa], 3)
        _raw_event(conn, "d", "2024-03-05", "CONSULT", "occurred", "2024-03-05TEV", [qat, usa], 4)
        _raw_event(conn, "e", "2024-06-05", "CONSULT", "occurred", "2024", [sau, usa], 5)
    rebuild(st)
    links = _links(st)
    assert ("a", "c") in links and links[("a", "c")][1] == "occurred"
    assert links[("a", "c")][0] == st.conn.execute(
        "SELECT link_id FROM event_link_members WHERE doc_id = 'a'").fetchone()[0]
    assert ("b",) in links and ("d",) in links and ("e",) in links  # other family / other states / a year
    dates = dict(st.conn.execute("SELECT m.doc_id, l.date FROM event_links l JOIN event_link_members m"
                                 " ON m.link_id = l.id"))
    assert dates["c"] is None or dates["c"].startswith("2024")
    assert dates["d"] == "2024-03-05" and dates["e"] == "2024"
    # the days each link covers are stored with it: its date's, else its first report's
    days = {doc: (day, end) for doc, day, end in st.conn.execute(
        "SELECT m.doc_id, l.day, l.day_end FROM event_links l JOIN event_link_members m ON m.link_id = l.id")}
    assert days == {"a": ("2024-03-01", "2024-03-01"), "c": ("2024-03-01", "2024-03-01"),
                    "b": ("2024-03-05", "2024-03-05"), "d": ("2024-03-05", "2024-03-05"),
                    "e": ("2024-01-01", "2024-12-31")}
    st.close()


def test_link_days_are_those_of_its_date_or_first_report(store):
    rows = store.conn.execute("SELECT date, first_published, day, day_end FROM event_links").fetchall()
    assert rows and all(day is not None for _, _, day, _ in rows)
    for value, published, day, end in rows:
        iv = date_interval(value, published) if value else None
        iv = iv or date_interval(published[:10])
        assert (day, end) == (iv[0].isoformat(), iv[1].isoformat())


def test_stories_and_link_ids_do_not_depend_on_order(tmp_path, corpus):
    ids = ["announce", "report", "followup", "egypt-jordan", "agency-okaz", "oil", "football"]
    a, _ = corpus.build_store(tmp_path / "a.db", ids)
    b, _ = corpus.build_store(tmp_path / "b.db", list(reversed(ids)))
    q = "SELECT story_id, doc_id FROM story_documents ORDER BY doc_id"
    assert a.conn.execute(q).fetchall() == b.conn.execute(q).fetchall()
    q = "SELECT link_id, doc_id, event_id FROM event_link_members ORDER BY doc_id, event_id"
    assert a.conn.execute(q).fetchall() == b.conn.execute(q).fetchall()
    a.close()
    b.close()


def test_described_actors_merge_by_their_code_never_by_their_words(tmp_path):
    from marsad.corpus.crossdoc import resolve_entities

    st = Store.open(tmp_path / "a.db")
    with st.transaction() as conn:
        rows = [("d1", "A:IRQ:COP", "ORG", "الشرطة العراقية", "IRQ", "COP", "IRQ COP"),
                ("d2", "A:IRQ:COP:2", "GROUP", "قوات الشرطة في بغداد", "IRQ", "COP", "IRQ COP"),
                ("d3", "A:SYR:COP", "ORG", "الشرطة العراقية", "SYR", "COP", "SYR COP"),  # same words, other code
                ("d4", "A:X", "GROUP", "مسلحون مجهولون", None, "UAF", "UAF"),
                ("d5", "A:Y", "GROUP", "مسلحون مجهولون", None, None, None),
                ("d6", "A:Y", "GROUP", "مسلحون مجهولون", None, None, None),
                ("d7", "L:ORG:الشرطة العراقية", "ORG", "الشرطة العراقية", "IRQ", None, None)]
        conn.executemany("INSERT INTO doc_entities (doc_id, local_id, kind, name_ar, country, sector, cameo_actor,"
                         " n_mentions) VALUES (?,?,?,?,?,?,?,1)", rows)
        m = resolve_entities(conn)
    assert m[("d1", "A:IRQ:COP")] == m[("d2", "A:IRQ:COP:2")] == "A:IRQ:COP"
    assert m[("d3", "A:SYR:COP")] == "A:SYR:COP"
    assert m[("d4", "A:X")] == "A:UAF"
    assert m[("d5", "A:Y")] != m[("d6", "A:Y")]  # no code: each document's own
    assert m[("d7", "L:ORG:الشرطة العراقية")].startswith("L:ORG:")  # a named entity merges by name, as before
    row = st.conn.execute("SELECT kind, country, sector, cameo_actor, n_documents FROM entities"
                          " WHERE id = 'A:IRQ:COP'").fetchone()
    assert row[1:] == ("IRQ", "COP", "IRQ COP", 2)
    st.close()


def test_blocked_pairs_are_exactly_the_compatible_pairs():
    """The candidate blocks (pairs of entities and states, states two actors share) must lose no
    compatible pair: every event compared with every other gives the same pairs."""
    import random
    from datetime import date, timedelta

    from marsad.corpus.crossdoc import _compatible_pairs, _Ev, compatible

    rng = random.Random(7)
    country = {f"g{i}": rng.choice(["SAU", "SAU", "USA", "IRN", "YEM", None]) for i in range(12)}
    evs = []
    for i in range(400):
        ev = _Ev(f"d{i}", "e1", "CONSULT", "consult", "occurred", None, "2024-01-01", i)
        for gid in rng.sample(sorted(country), rng.choice([1, 2, 2, 3])):
            ev.actors.add(gid)
            ev.units.append((gid, country[gid]))
            if country[gid]:
                ev.countries.add(country[gid])
        ev.location = rng.choice([None, None, "riyadh", "jeddah"])
        start = date(2024, 1, 1) + timedelta(days=rng.randrange(20))
        ev.interval = (start, start + timedelta(days=rng.choice([0, 1])))
        evs.append(ev)
    evs.sort(key=lambda e: (e.interval[0], e.key))
    for n, ev in enumerate(evs):
        ev.n = n
    neighbours = _compatible_pairs(evs)
    expected = [{b.n for b in evs if b is not a and compatible(a, b)} for a in evs]
    assert sum(map(len, expected)) > 500  # (the sample holds many pairs of each kind)
    assert neighbours == expected
