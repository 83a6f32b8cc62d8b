"""The timeline chart's layout, computed on the server (the page draws it as SVG; its script only
adds the brush that selects a range).

- **Scale**: the filter's date range when it gives one; otherwise the bulk of the data. Dates far
  outside it (a historical date among this year's news: year 615 or 1428) do not stretch the axis:
  they are counted as clipped markers at the edge, each a link to them.
- **Ticks** adapt to the span (days, weeks, months, quarters, years, decades …): the first calendar
  step whose labels fit between two ticks, so tick labels never overlap.
- **Lanes**: one row per actor, country or event type (the most frequent ones), plus one row for the
  rest and one for events with no actor; an event without actors is never a row of its own.
- **Marks**: an event link at its day (a bar over the days it covers); marks too close to tell
  apart in one lane become one mark with a count, a link to zoom into them. An event whose reports
  gave it different statuses (scheduled, then occurred) shows each report at its publication day,
  in the colour of the status it gave, joined to the event.
"""

from __future__ import annotations

import math
from bisect import bisect_left, bisect_right
from datetime import date, timedelta
from typing import NamedTuple
from urllib.parse import quote, urlencode

from markupsafe import Markup, escape

from marsad.corpus.crossdoc import group

WIDTH = 1100
LABEL_WIDTH = 250
LANE = 26
TOP = 46
MAX_LANES = 18
CLUSTER_PX = 9
CHAR_PX = 7.4  # a conservative width of one character of a 12px tick label
TICK_GAP = 16
OUTLIER_FENCE = 3.0  # interquartile ranges beyond the quartiles that still belong to the bulk
MIN_FENCE_DAYS = 60
LANE_MODES = ("actor", "country", "type")
_STEPS = [("day", 1), ("day", 2), ("week", 1), ("week", 2), ("month", 1), ("month", 2), ("month", 3),
          ("month", 6), ("year", 1), ("year", 2), ("year", 5), ("year", 10), ("year", 20), ("year", 50),
          ("year", 100), ("year", 200), ("year", 500), ("year", 1000)]


class Link(NamedTuple):
    """One event link as the chart needs it: its first and last day (ordinals, None when unknown),
    type, current status, number of reports, the (publication day, status) of each report, and its
    actors' corpus-wide ids by role."""

    id: str
    first: int | None
    last: int | None
    type: str | None
    status: str | None
    n_documents: int
    history: tuple
    source: tuple
    target: tuple

    @classmethod
    def of(cls, id: str, type: str | None, status: str | None, day: str | None, day_end: str | None,
           n_documents: int = 1, history=(), source=(), target=()) -> Link:
        d0, d1 = _d(day), _d(day_end)
        first = d0.toordinal() if d0 else None
        last = d1.toordinal() if d1 else first
        return cls(id, first, last, type, status, n_documents or 1, tuple(history), tuple(source), tuple(target))


def _iso(o: int) -> str:
    return date.fromordinal(o).isoformat()


def _d(value: str | None) -> date | None:
    try:
        return date.fromisoformat(value[:10]) if value else None
    except ValueError:
        return None


def bulk_range(days: list[int]) -> tuple[date, date] | None:
    """The range the bulk of ``days`` (sorted day ordinals) falls in: the quartiles widened by
    :data:`OUTLIER_FENCE` interquartile ranges (at least :data:`MIN_FENCE_DAYS`), cut to the data."""
    if not days:
        return None
    n = len(days)
    q1, q3 = days[n // 4], days[(3 * n) // 4 if n > 1 else 0]
    fence = max(int(OUTLIER_FENCE * (q3 - q1)), MIN_FENCE_DAYS)
    first = days[bisect_left(days, q1 - fence)]
    last = days[bisect_right(days, q3 + fence) - 1]
    return date.fromordinal(first), date.fromordinal(last)


class Scale:
    """Days to x (pixels), linear over [lo, hi + 1 day)."""

    def __init__(self, lo: date, hi: date, x0: float, x1: float):
        self.lo, self.hi, self.x0, self.x1 = lo, hi, x0, x1
        self.span = max((hi - lo).days + 1, 1)

    def x(self, d: date) -> float:
        return round(self.x0 + (d - self.lo).days / self.span * (self.x1 - self.x0), 1)

    def clamp(self, d: date) -> date:
        return min(max(d, self.lo), self.hi)

    @property
    def per_day(self) -> float:
        return (self.x1 - self.x0) / self.span


def _months(t) -> list[str]:
    return [t(f"month.{i}") for i in range(1, 13)]


def _step_start(lo: date, unit: str, n: int) -> date:
    if unit == "day":
        return lo
    if unit == "week":
        return lo - timedelta(days=lo.weekday())
    if unit == "month":
        m = ((lo.month - 1) // n) * n + 1
        return date(lo.year, m, 1)
    y = max(1, (lo.year // n) * n)
    return date(y, 1, 1)


def _advance(d: date, unit: str, n: int) -> date | None:
    try:
        if unit == "day":
            return d + timedelta(days=n)
        if unit == "week":
            return d + timedelta(weeks=n)
        if unit == "month":
            m = d.month - 1 + n
            return date(d.year + m // 12, m % 12 + 1, 1)
        return date(d.year + n, 1, 1)
    except (OverflowError, ValueError):
        return None


def _label(d: date, unit: str, first: bool, months: list[str]) -> str:
    if unit in ("day", "week"):
        s = f"{d.day} {months[d.month - 1]}"
        return s + f" {d.year}" if first or (d.month == 1 and d.day <= 7) else s
    if unit == "month":
        return f"{months[d.month - 1]} {d.year}" if first or d.month == 1 else months[d.month - 1]
    return str(d.year)


def label_width(text: str) -> float:
    return len(text) * CHAR_PX


def ticks(scale: Scale, t) -> tuple[list[dict], str]:
    """Ticks at calendar steps: the finest step whose labels all fit between neighbouring ticks."""
    months = _months(t)
    for unit, n in _STEPS:
        approx = {"day": 1, "week": 7, "month": 30.4, "year": 365.25}[unit] * n
        if approx * scale.per_day < 3 * CHAR_PX:  # clearly too dense: skip without building it
            continue
        out = []
        d = _step_start(scale.lo, unit, n)
        while d is not None and d <= scale.hi:
            if d >= scale.lo:
                out.append({"x": scale.x(d), "label": _label(d, unit, not out, months), "day": d.isoformat()})
            d = _advance(d, unit, n)
        if len(out) > 400:
            continue
        out = [tk for tk in out if tk["x"] + label_width(tk["label"]) / 2 <= scale.x1 + 14]  # none cut at the edge
        ok = all(b["x"] - a["x"] >= (label_width(a["label"]) + label_width(b["label"])) / 2 + TICK_GAP
                 for a, b in zip(out, out[1:], strict=False))
        if ok and (not out or out[-1]["x"] + label_width(out[-1]["label"]) / 2 <= scale.x1 + LABEL_WIDTH):
            return out, f"{unit}:{n}"
    return [], "none"


class _Days:
    """ISO day -> ordinal, parsed once each (a corpus has few distinct days)."""

    def __init__(self):
        self.seen: dict[str, int | None] = {}

    def __call__(self, value: str | None) -> int | None:
        if not value:
            return None
        got = self.seen.get(value, -1)
        if got == -1:
            d = _d(value)
            got = self.seen[value] = d.toordinal() if d else None
        return got


def timeline_chart(marks: dict, mode: str, info_of, t, lang: str, base_params: dict,
                   width: int = WIDTH, max_lanes: int = MAX_LANES) -> dict:
    """The chart of :meth:`marsad.web.queries.Queries.timeline_marks` (``marks``): lanes by ``mode``
    (actor, country or type), ``info_of(ids)`` the entities' names and codes, ``t`` the labels,
    ``base_params`` the page's filters (for the links the marks lead to)."""
    f = marks["filters"]
    links: list[Link] = marks["links"]
    day = _Days()
    all_days: list[int] = marks["all_days"]  # sorted day ordinals
    x0, x1 = LABEL_WIDTH + 10, width - 16
    since, until = _d(f.since), _d(f.until)
    bulk = bulk_range(all_days)
    empty = {"width": width, "height": TOP + 40, "lanes": [], "ticks": [], "x0": x0, "x1": x1, "empty": True,
             "clipped_before": None, "clipped_after": None, "overview": None, "mode": mode, "n_links": 0}
    if bulk is None and not (since and until):
        return empty
    lo = since or (bulk[0] if bulk else until)
    hi = until or (bulk[1] if bulk else since)
    if lo > hi:  # one end given, beyond the data: a month from it
        if since:
            hi = lo + timedelta(days=30)
        else:
            lo = hi - timedelta(days=30) if hi.toordinal() > 30 else date.min
    if not (since and until):  # a margin around the data, so edge marks are not cut
        pad = max(1, (hi - lo).days // 40)
        lo = lo - timedelta(days=pad) if not since and lo.toordinal() > pad else lo
        hi = hi + timedelta(days=pad) if not until and hi.toordinal() + pad < date.max.toordinal() else hi
    if (hi - lo).days < 6:  # at least a week in view
        extra = (6 - (hi - lo).days + 1) // 2
        lo = lo - timedelta(days=extra) if lo.toordinal() > extra else lo
        hi = hi + timedelta(days=extra)
    scale = Scale(lo, hi, x0, x1)
    tick_list, step = ticks(scale, t)
    lo_o, hi_o = lo.toordinal(), hi.toordinal()
    px = (x1 - x0) / scale.span

    before, after, keyed = [], [], []
    counts: dict[str, int] = {}
    if mode == "country":
        ids = sorted({a for ln in links for a in (*ln.source, *ln.target)})
        country = {k: v.get("country") for k, v in info_of(ids).items()} if ids else {}
    for ln in links:
        d0 = ln.first
        if d0 is None:
            continue
        d1 = ln.last or d0
        if d1 < lo_o:
            before.append(ln)
            continue
        if d0 > hi_o:
            after.append(ln)
            continue
        if mode == "type":
            keys = (ln.type or "?",)
        else:
            keys = ln.source + ln.target
            if mode == "country":
                keys = tuple(c for c in (country.get(k) for k in keys) if c)
            if len(keys) > 1 and len(set(keys)) != len(keys):
                keys = tuple(dict.fromkeys(keys))
        for k in keys:
            counts[k] = counts.get(k, 0) + 1
        keyed.append((ln, d0 if d0 > lo_o else lo_o, min(max(d1, d0), hi_o), keys))
    top = sorted(counts, key=lambda k: (-counts[k], k))[:max_lanes]
    top_set = set(top)
    info = info_of(top) if mode == "actor" and top else {}
    # marks: the links of one lane in one cell of CLUSTER_PX pixels are one mark (a cluster when several)
    cells: dict[str, dict[int, list]] = {k: {} for k in [*top, "~other", "~none"]}
    lane_counts = dict.fromkeys(cells, 0)
    cpx = px / CLUSTER_PX
    for item in keyed:
        cell = int((item[1] - lo_o) * cpx)
        lanes = [k for k in item[3] if k in top_set] or ["~other" if item[3] else "~none"]
        for k in lanes:
            lane_counts[k] += 1
            got = cells[k].get(cell)
            if got is None:
                cells[k][cell] = [item]
            else:
                got.append(item)
    visible = keyed

    def lane_label(key: str) -> tuple[str, str, str | None]:
        """(label, code, href)"""
        if key == "~other":
            return t("tl.other_" + mode), "", None
        if key == "~none":
            return t("tl.no_" + ("country" if mode == "country" else "actor")), "", None
        if mode == "type":
            return t("ev." + key), key, None
        if mode == "country":
            return key, key, None
        e = info.get(key) or {"id": key, "name_ar": key}
        name = (e.get("name_en") if lang == "en" and e.get("name_en") else e.get("name_ar")) or key
        code = e.get("cameo_actor") or " ".join(x for x in (e.get("country"), e.get("sector")) if x)
        return name, code, "/entities/" + quote(key, safe="")

    base_q = {k: v for k, v in base_params.items() if v not in (None, "") and k not in ("since", "until")}
    lanes = []
    order = [k for k in [*top, "~other", "~none"] if lane_counts[k]]
    for i, key in enumerate(order):
        y = TOP + i * LANE + LANE / 2
        label, code, href = lane_label(key)
        # what fits left of the chart, with the code and the count
        room = 34 - len(str(lane_counts[key])) - (len(code) + 3 if code and code != label else 0)
        if len(label) > room:
            label = label[:room - 1] + "…"
        lane_filter = {}
        if key not in ("~other", "~none"):
            lane_filter = {"type": key} if mode == "type" else {"country": key} if mode == "country" else {"actor": key}
        lane_q = urlencode({**base_q, **lane_filter})
        items = []
        for cell in sorted(cells[key]):
            grp = cells[key][cell]
            if len(grp) == 1:
                items.append(_single(grp[0], scale, day, px, lo_o))
                continue
            items.append(_cluster_mark(grp, lane_q, x0, px, lo_o))
        lanes.append({"key": key, "y": y, "label": label, "code": code, "href": href, "count": lane_counts[key],
                      "marks": items})
    height = TOP + max(1, len(lanes)) * LANE + 12

    def clipped(group_links: list[dict], side: str) -> dict | None:
        if not group_links:
            return None
        days = [_iso(o) for o in sorted(ln.first for ln in group_links)]
        span = {"until": (lo - timedelta(days=1)).isoformat()} if side == "before" else {
            "since": (hi + timedelta(days=1)).isoformat()}
        return {"n": len(group_links), "first": days[0], "last": days[-1],
                "href": "/timeline?" + urlencode({**base_q, **span})}

    # the overview strip: every link passing the filters but the dates, over the bulk of the data
    overview = None
    if bulk is not None:
        olo, ohi = bulk
        olo, ohi = min(olo, lo) if since else olo, max(ohi, hi) if until else ohi
        if (ohi - olo).days < 6:
            ohi = olo + timedelta(days=6)
        oscale = Scale(olo, ohi, x0, x1)
        nbins = 120
        bins = [0] * nbins
        out_before = out_after = 0
        olo_o, ohi_o = olo.toordinal(), ohi.toordinal()
        for o in all_days:
            if o < olo_o:
                out_before += 1
            elif o > ohi_o:
                out_after += 1
            else:
                bins[min(nbins - 1, int((o - olo_o) / oscale.span * nbins))] += 1
        peak = max(bins) or 1
        bw = (x1 - x0) / nbins
        overview = {"height": 46, "bins": [{"x": round(x0 + i * bw, 1), "w": round(max(bw - 0.5, 0.5), 1),
                                            "h": round(30 * c / peak, 1), "n": c} for i, c in enumerate(bins) if c],
                    "window": (oscale.x(oscale.clamp(lo)), oscale.x(oscale.clamp(hi) + timedelta(days=1))),
                    "lo": olo.isoformat(), "hi": ohi.isoformat(), "ticks": ticks(oscale, t)[0],
                    "before": out_before, "after": out_after}

    span_days = (hi - lo).days + 1
    centre = lo + timedelta(days=span_days // 2)

    def window(a: date, b: date) -> str:
        return "/timeline?" + urlencode({**base_q, "since": max(a, date.min).isoformat(), "until": b.isoformat()})

    def shifted(days: int) -> tuple[date, date]:
        try:
            return lo + timedelta(days=days), hi + timedelta(days=days)
        except OverflowError:
            return lo, hi

    q = max(1, span_days // 4)
    nav = {
        "zoom_in": window(centre - timedelta(days=q), centre + timedelta(days=q)) if span_days > 8 else None,
        "zoom_out": window(*_safe(lo, hi, span_days // 2)),
        "earlier": window(*shifted(-max(1, span_days // 2))),
        "later": window(*shifted(max(1, span_days // 2))),
        "reset": "/timeline?" + urlencode(base_q),
    }
    out = {"width": width, "height": height, "lanes": lanes, "ticks": tick_list, "step": step, "x0": x0, "x1": x1,
           "lo": lo.isoformat(), "hi": hi.isoformat(), "top": TOP, "empty": not lanes, "mode": mode,
           "clipped_before": clipped(before, "before"), "clipped_after": clipped(after, "after"),
           "overview": overview, "nav": nav, "n_links": len(visible), "explicit": bool(since or until)}
    out["lanes_svg"] = lanes_svg(out, t)
    return out


def _single(m: tuple, scale: Scale, day: _Days, px: float, lo_o: int) -> dict:
    ln, a, b, _keys = m
    x = round(scale.x0 + (a - lo_o) * px, 1)
    x_end = round(scale.x0 + (b + 1 - lo_o) * px, 1) if b > a else None
    history = ln.history
    statuses = [st for _, st in history]
    changed = len(set(statuses)) > 1
    reports = []
    if changed:
        lo, hi = scale.lo.toordinal(), scale.hi.toordinal()
        for pub, st in history[:40]:
            o = day(pub)
            if o is not None:
                o = min(max(o, lo), hi)
                reports.append({"x": round(scale.x0 + (o - lo_o) * px, 1), "status": st, "published": pub})
    steps: list[str] = []
    for st in statuses:
        if not steps or steps[-1] != st:
            steps.append(st)
    xs = [r["x"] for r in reports] + [x]
    return {"kind": "link", "x": x, "x_end": x_end, "id": ln.id, "status": ln.status, "type": ln.type,
            "group": group(ln.type), "day": _iso(ln.first), "day_end": _iso(ln.last or ln.first),
            "n_documents": ln.n_documents,
            "changed": changed, "steps": steps, "reports": reports,
            "line": (min(xs), max(xs)) if changed and len(xs) > 1 else None,
            "href": "/events?link=" + quote(ln.id, safe="") + "&min_confidence=0"}


def _cluster_mark(grp: list, query: str, x0: float, px: float, lo_o: int) -> dict:
    n = len(grp)
    statuses: dict[str, int] = {}
    first, last, total = grp[0][1], grp[0][2], 0
    for ln, a, b, _ in grp:
        statuses[ln.status] = statuses.get(ln.status, 0) + 1
        total += a
        if a < first:
            first = a
        if b > last:
            last = b
    main = max(statuses.items(), key=lambda kv: (kv[1], kv[0] == "occurred"))[0]
    first_s, last_s = _iso(first), _iso(last)
    return {"kind": "cluster", "x": round(x0 + (total / n - lo_o) * px, 1), "n": n,
            "r": round(min(11.0, 4 + 1.6 * math.sqrt(n)), 1), "status": main, "first": first_s, "last": last_s,
            "href": "/timeline?" + (query + "&" if query else "") + f"since={first_s}&until={last_s}"}


def _shape(status: str, x: float, y: float) -> str:
    if status in ("occurred", "ongoing", "scheduled"):
        return f'<circle class="tl-event st-{status}" cx="{x}" cy="{y}" r="6"></circle>'
    if status == "negated":
        return (f'<path class="tl-event st-negated" d="M{x - 5:.1f},{y - 5:.1f} L{x + 5:.1f},{y + 5:.1f} '
                f'M{x + 5:.1f},{y - 5:.1f} L{x - 5:.1f},{y + 5:.1f}"></path>')
    return (f'<path class="tl-event st-{status}" d="M{x:.1f},{y - 7:.1f} L{x + 7:.1f},{y:.1f} '
            f'L{x:.1f},{y + 7:.1f} L{x - 7:.1f},{y:.1f} Z"></path>')


_STATUSES = {s: s for s in ("occurred", "ongoing", "scheduled", "negated", "conditional", "hypothetical")}
_GROUPS = {g: g for g in ("cooperation", "verbal", "conflict")}


def lanes_svg(layout: dict, t) -> Markup:
    """The lanes and their marks as SVG (built here rather than in the template: a chart holds
    thousands of marks). Every text and attribute value from the data goes through
    :func:`markupsafe.escape`; class names come from fixed lists."""
    out: list[str] = []
    e = escape
    memo: dict[str, str] = {}

    def label(key: str) -> str:  # an escaped interface label
        got = memo.get(key)
        if got is None:
            got = memo[key] = str(e(t(key)))
        return got

    x0, x1 = layout["x0"], layout["x1"]
    docs = label("documents_count")
    links_label = label("links_count")
    for lane in layout["lanes"]:
        y = lane["y"]
        out.append(f'<g class="lane" data-lane="{e(lane["key"])}" data-count="{lane["count"]}">'
                   f'<line class="lane-line" x1="{x0}" x2="{x1}" y1="{y}" y2="{y}"></line>')
        text = str(e(lane["label"])) + (f" · {e(lane['code'])}" if lane["code"] and lane["code"] != lane["label"] else "")
        text = f'<text class="lane-label" x="{x0 - 10}" y="{y + 4}" text-anchor="end">{text} ({lane["count"]})</text>'
        out.append(f'<a href="{e(lane["href"])}">{text}</a>' if lane["href"] else text)
        for m in lane["marks"]:
            st = _STATUSES.get(m["status"], "other")
            if m["kind"] == "cluster":
                out.append(f'<a href="{e(m["href"])}" class="tl-mark tl-cluster" data-n="{m["n"]}">'
                           f'<circle class="tl-cluster st-{st}" cx="{m["x"]}" cy="{y}" r="{m["r"]}"></circle>'
                           f'<title>{m["n"]} {links_label}: {m["first"]} – {m["last"]}</title></a>')
                continue
            cls = f'tl-mark tl-link grp-{_GROUPS.get(m["group"], "other")}' + (" tl-changed" if m["changed"] else "")
            parts = [f'<a href="{e(m["href"])}" class="{cls}" data-link="{e(m["id"])}" data-status="{st}">']
            if m["line"]:
                parts.append(f'<line class="tl-follow" x1="{m["line"][0]}" x2="{m["line"][1]}" y1="{y}" y2="{y}"></line>')
            if m["x_end"] and m["x_end"] - m["x"] > 4:
                parts.append(f'<rect class="tl-span st-{st}" x="{m["x"]}" y="{y - 5}" '
                             f'width="{round(m["x_end"] - m["x"], 1)}" height="10" rx="5"></rect>')
            parts.append(_shape(st, m["x"], y))
            for r in m["reports"]:
                parts.append(f'<circle class="tl-report st-{_STATUSES.get(r["status"], "other")}" cx="{r["x"]}" cy="{y}"'
                             ' r="3.5"></circle>')
            title = f'{label("ev." + str(m["type"]))} · {label("st." + str(m["status"]))} · {e(m["day"])}'
            if m["day_end"] and m["day_end"] != m["day"]:
                title += f" – {e(m['day_end'])}"
            if m["changed"]:
                title += " · " + " → ".join(label("st." + str(x)) for x in m["steps"])
            title += f' · {m["n_documents"]} {docs}'
            parts.append(f"<title>{title}</title></a>")
            out.append("".join(parts))
        out.append("</g>")
    return Markup("".join(out))


def _safe(lo: date, hi: date, days: int) -> tuple[date, date]:
    a = lo - timedelta(days=days) if lo.toordinal() > days else date.min
    try:
        b = hi + timedelta(days=days)
    except OverflowError:
        b = date.max
    return a, b
