"""The timeline chart's layout (marsad/web/chart.py): ticks that adapt to the span and never
overlap, a scale the outliers do not stretch, lanes without a row per actor-less event, clusters,
and status changes drawn as reports joined to the event."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from marsad.corpus.filters import EventFilters
from marsad.web import chart
from marsad.web.app import translator

T = translator("en")


def _link(i, day, source=(), target=(), status="occurred", typ="CONSULT", history=None, day_end=None):
    return chart.Link.of(f"ev-{i}", typ, status, day, day_end or day, 1, history or [(day, status)], source, target)


def _info(ids):
    return {i: {"id": i, "name_en": i.upper(), "name_ar": i, "country": i[:3].upper(), "sector": "GOV",
                "cameo_actor": i[:3].upper() + " GOV"} for i in ids}


def _chart(links, mode="actor", since=None, until=None, **kw):
    f = EventFilters(since=since, until=until, min_confidence=0).checked()
    marks = {"links": links, "all_days": sorted(ln.first for ln in links if ln.first is not None), "filters": f}
    return chart.timeline_chart(marks, mode, _info, T, "en", {}, **kw)


def _no_overlap(ticks):
    for a, b in zip(ticks, ticks[1:], strict=False):
        assert b["x"] - a["x"] >= (chart.label_width(a["label"]) + chart.label_width(b["label"])) / 2, (a, b)


@pytest.mark.parametrize(("days", "unit"), [(3, "day"), (12, "day"), (20, "week"), (70, "week"), (200, "month"), (800, "month"),
                                            (4000, "year"), (40000, "year"), (520000, "year")])
def test_ticks_adapt_to_the_span_and_never_overlap(days, unit):
    lo = date(2024, 3, 1) - timedelta(days=days) if days < 700000 else date(615, 1, 1)
    lo = max(lo, date(1, 1, 1))
    scale = chart.Scale(lo, lo + timedelta(days=days), chart.LABEL_WIDTH + 10, chart.WIDTH - 16)
    ticks, step = chart.ticks(scale, T)
    assert len(ticks) >= 2, step
    assert step.startswith(unit), step
    _no_overlap(ticks)
    assert all(scale.x0 <= t["x"] <= scale.x1 for t in ticks)


def test_arabic_tick_labels_are_arabic_month_names():
    scale = chart.Scale(date(2024, 1, 1), date(2024, 9, 30), 260, 1084)
    ticks, _ = chart.ticks(scale, translator("ar"))
    assert any("مارس" in t["label"] for t in ticks)
    _no_overlap(ticks)


def test_a_far_date_does_not_set_the_scale_but_is_a_clipped_marker():
    links = [_link(i, (date(2024, 3, 1) + timedelta(days=i)).isoformat(), ["irq-police"]) for i in range(60)]
    links += [_link(100, "0615-01-01", ["irq-police"]), _link(101, "1428-05-01", ["irq-police"])]
    c = _chart(links)
    assert c["lo"] >= "2024-02-01" and c["hi"] <= "2024-06-01"
    assert c["clipped_before"]["n"] == 2 and c["clipped_before"]["first"] == "0615-01-01"
    assert "until=" in c["clipped_before"]["href"] and c["clipped_after"] is None
    assert c["n_links"] == 60
    _no_overlap(c["ticks"])
    assert c["overview"]["before"] == 2  # the overview strip counts them too, at its edge
    # asked for explicitly, the old dates are in view
    old = _chart(links[-2:], since="0600-01-01", until="1500-12-31")
    assert old["n_links"] == 2 and old["clipped_before"] is None
    _no_overlap(old["ticks"])


def test_events_without_actors_share_one_lane():
    links = [_link(i, f"2024-03-{i + 1:02d}") for i in range(10)]  # no actors at all
    links += [_link(20 + i, f"2024-03-{i + 1:02d}", ["usa-gov"], ["rus-gov"]) for i in range(5)]
    c = _chart(links)
    keys = [lane["key"] for lane in c["lanes"]]
    assert keys == ["rus-gov", "usa-gov", "~none"]
    assert c["lanes"][-1]["count"] == 10 and c["lanes"][-1]["label"] == "no named actor"
    assert c["lanes"][0]["code"] == "RUS GOV" and c["lanes"][0]["href"] == "/entities/rus-gov"
    by_type = _chart(links, mode="type")
    assert [lane["key"] for lane in by_type["lanes"]] == ["CONSULT"]
    by_country = _chart(links, mode="country")
    assert [lane["key"] for lane in by_country["lanes"]] == ["RUS", "USA", "~none"]


def test_lanes_are_the_most_frequent_then_the_rest():
    links = [_link(i, "2024-03-01", [f"a{i % 30:02d}"]) for i in range(300)]
    c = _chart(links, max_lanes=5)
    assert len(c["lanes"]) == 6 and c["lanes"][-1]["key"] == "~other"
    assert c["lanes"][-1]["count"] == 250


def test_close_marks_become_one_cluster_with_a_zoom_link():
    links = [_link(i, "2024-03-05", ["usa-gov"]) for i in range(8)] + [_link(99, "2024-04-20", ["usa-gov"])]
    c = _chart(links)
    (lane,) = c["lanes"]
    kinds = [m["kind"] for m in lane["marks"]]
    assert kinds == ["cluster", "link"]
    cl = lane["marks"][0]
    assert cl["n"] == 8 and "since=2024-03-05" in cl["href"] and "actor=usa-gov" in cl["href"]


def test_status_change_shows_each_report_joined_to_the_event():
    hist = [("2024-03-05", "scheduled"), ("2024-03-12", "occurred")]
    c = _chart([_link(1, "2024-03-11", ["usa-gov"], history=hist), _link(2, "2024-04-11", ["usa-gov"])])
    m = c["lanes"][0]["marks"][0]
    assert m["changed"] and m["steps"] == ["scheduled", "occurred"]
    assert [r["status"] for r in m["reports"]] == ["scheduled", "occurred"]
    assert m["reports"][0]["x"] < m["x"] < m["reports"][1]["x"] and m["line"] == (m["reports"][0]["x"], m["reports"][1]["x"])
    assert not c["lanes"][0]["marks"][1]["changed"]


def test_empty_and_single_day():
    assert _chart([])["empty"]
    c = _chart([_link(1, "2024-03-11", ["usa-gov"])])
    assert not c["empty"] and c["n_links"] == 1 and len(c["ticks"]) >= 2
