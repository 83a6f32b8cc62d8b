"""The event filters every reader of the store shares: ``marsad events``, ``marsad timeline``,
``marsad export``, the REST API and the web pages select events with the same :class:`EventFilters`
turned into the same SQL (:class:`EventSQL`), so a table on a page, its download and the export
command with the same options hold the same events.

Filters
- ``actor``: an entity id, its CAMEO actor code (``IRQ COP``), or its English or Arabic name
  (folded; names containing it when none is equal); the event has it as source or target.
  ``source`` / ``target``: the same, in that role only.
- ``type``: PLOVER types or families of :mod:`marsad.corpus.crossdoc` (``consult``,
  ``verbal-conflict`` …), comma-separated; ``status``: statuses, comma-separated.
- ``since`` / ``until``: the days the event covers (its date, else its report's publication date;
  ``events.day``/``day_end``) overlap the range.
- ``country`` / ``sector``: some source or target actor has that country (ISO 3166 alpha-3 or IGO
  code) and that sector (CAMEO agent code: GOV, MIL, COP …), comma-separated lists; the two together
  mean one actor with both.
- ``story``, ``link``, ``doc``: the event's story, event link, document.
- ``min_confidence``: events with a lower confidence are left out; ``None`` means the pipeline's
  :data:`marsad.events.confidence.DEFAULT_MIN_CONFIDENCE`, ``0`` shows everything. Events under the
  threshold stay stored.
"""

from __future__ import annotations

import re
import sqlite3
from dataclasses import dataclass, fields, replace
from datetime import date

from marsad.errors import InputError
from marsad.schema import EventStatus, EventType
from marsad.text.normalize import fold

EVENT_TYPES: tuple[str, ...] = tuple(EventType.__args__)
EVENT_STATUSES: tuple[str, ...] = tuple(EventStatus.__args__)
MAX_ACTORS = 500  # an actor filter matching more names than this uses the best-known ones
STORED_DAYS_VERSION = 3  # the store version from which events and event links keep their days
CODES_VERSION = 4  # the store version from which actors keep their sector and CAMEO actor code
_CODE_RE = re.compile(r"^[A-Z]{2,5}$")


class FilterError(InputError, ValueError):
    """A filter value that cannot be used (unknown type, bad date …): a 400 on the web, one line on
    the command line."""


def default_min_confidence() -> float:
    """The pipeline's threshold, read when used (its value changes as the model is retrained)."""
    from marsad.events import confidence

    return float(confidence.DEFAULT_MIN_CONFIDENCE)


def check_date(value: str | None, what: str) -> str | None:
    if value is None or not str(value).strip():
        return None
    try:
        return date.fromisoformat(str(value).strip()).isoformat()
    except ValueError:
        raise FilterError(f"{what}: {value!r} is not a date (YYYY-MM-DD)") from None


def check_confidence(value, what: str = "min_confidence") -> float | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    try:
        x = float(value)
    except (TypeError, ValueError):
        raise FilterError(f"{what}: {value!r} is not a number between 0 and 1") from None
    if not 0.0 <= x <= 1.0 or x != x:
        raise FilterError(f"{what}: {value!r} is not a number between 0 and 1")
    return x


def _families() -> dict[str, list[str]]:
    from marsad.corpus.crossdoc import config

    return config()["families"]


def _check_types(value: str | None, what: str) -> list[str]:
    out: list[str] = []
    for part in (value or "").split(","):
        p = part.strip()
        if not p:
            continue
        if p.upper() in EVENT_TYPES:
            out.append(p.upper())
        elif p.lower() in _families():
            out += _families()[p.lower()]
        else:
            raise FilterError(f"unknown {what} {p!r} (one of {', '.join(EVENT_TYPES)}, or a family: "
                              f"{', '.join(_families())})")
    return sorted(set(out), key=EVENT_TYPES.index)


def check_choices(value: str | None, allowed: tuple[str, ...], what: str, case=str.lower) -> list[str]:
    """The comma-separated values of ``value``, each one of ``allowed`` once put in ``case``."""
    out = []
    for part in (value or "").split(","):
        p = case(part.strip())
        if not p:
            continue
        if p not in allowed:
            raise FilterError(f"unknown {what} {part.strip()!r} (one of {', '.join(allowed)})")
        out.append(p)
    return out


def _check_codes(value: str | None, what: str) -> list[str]:
    out = []
    for part in (value or "").split(","):
        p = part.strip().upper()
        if not p:
            continue
        if not _CODE_RE.match(p):
            raise FilterError(f"{what}: {part.strip()!r} is not a code (2 to 5 letters, such as IRQ or COP)")
        out.append(p)
    return out


@dataclass
class EventFilters:
    actor: str | None = None
    type: str | None = None
    status: str | None = None
    since: str | None = None
    until: str | None = None
    story: str | None = None
    link: str | None = None
    doc: str | None = None
    country: str | None = None
    sector: str | None = None
    source: str | None = None
    target: str | None = None
    min_confidence: float | str | None = None

    def checked(self, flag: str = "") -> EventFilters:
        """The filters validated and normalised (``flag``: ``--`` to name them as command-line
        options in messages); ``min_confidence`` is a number afterwards (the default filled in)."""
        since = check_date(self.since, flag + "since")
        until = check_date(self.until, flag + "until")
        if since and until and since > until:
            raise FilterError(f"{flag}since ({since}) is after {flag}until ({until})")
        conf = check_confidence(self.min_confidence, flag + "min" + ("-" if flag else "_") + "confidence")

        def text(v):
            return (v or "").strip() or None

        return EventFilters(
            actor=text(self.actor), source=text(self.source), target=text(self.target),
            type=",".join(_check_types(self.type, "event type")) or None,
            status=",".join(check_choices(self.status, EVENT_STATUSES, "status")) or None,
            since=since, until=until, story=text(self.story), link=text(self.link), doc=text(self.doc),
            country=",".join(_check_codes(self.country, flag + "country")) or None,
            sector=",".join(_check_codes(self.sector, flag + "sector")) or None,
            min_confidence=default_min_confidence() if conf is None else conf,
        )

    def params(self) -> dict[str, str]:
        """The filters as query parameters (what is set)."""
        out = {}
        for f in fields(self):
            v = getattr(self, f.name)
            if v not in (None, ""):
                out[f.name] = f"{v:g}" if isinstance(v, float) else str(v)
        return out

    def but(self, **changes) -> EventFilters:
        return replace(self, **changes)


def _placeholders(n: int) -> str:
    return ",".join("?" * n)


def _day(value, published):
    from marsad.corpus.crossdoc import covered_days

    return covered_days(value, published)[0]


def _day_end(value, published):
    from marsad.corpus.crossdoc import covered_days

    return covered_days(value, published)[1]


@dataclass(frozen=True)
class Days:
    """SQL for the first and last day of an event (``e``, its document ``d``) and of an event link (``l``)."""

    event: str
    event_end: str
    link: str
    link_end: str


STORED_DAYS = Days("e.day", "e.day_end", "l.day", "l.day_end")
COMPUTED_DAYS = Days("marsad_day(e.date, d.published)", "marsad_day_end(e.date, d.published)",
                     "marsad_day(l.date, l.first_published)", "marsad_day_end(l.date, l.first_published)")


class EventSQL:
    """The SQL of :class:`EventFilters` over one store connection (of any schema version: a store
    opened read-only is never migrated, so older stores compute the days per row and have no codes)."""

    def __init__(self, conn: sqlite3.Connection, version: int):
        self.conn = conn
        self.version = version
        self.has_codes = version >= CODES_VERSION
        if version >= STORED_DAYS_VERSION:
            self.days = STORED_DAYS
        else:
            conn.create_function("marsad_day", 2, _day, deterministic=True)
            conn.create_function("marsad_day_end", 2, _day_end, deterministic=True)
            self.days = COMPUTED_DAYS

    def code(self, alias: str, column: str) -> str:
        """``alias.column`` for a code column (``sector``, ``cameo_actor``), NULL on an older store."""
        return f"{alias}.{column}" if self.has_codes else "NULL"

    # ---- actors -----------------------------------------------------------------------------

    def match_actor(self, actor: str) -> list[str]:
        """Entity ids for an actor filter: the id itself, else the entities of that CAMEO actor code,
        else those whose folded Arabic or English name equals it, else whose name contains it."""
        a = actor.strip()
        c = self.conn
        if c.execute("SELECT 1 FROM entities WHERE id = ?", (a,)).fetchone() or c.execute(
            "SELECT 1 FROM doc_entities WHERE COALESCE(entity_id, local_id) = ? LIMIT 1", (a,)
        ).fetchone():
            return [a]
        if self.has_codes and re.fullmatch(r"[A-Za-z]{2,5}( [A-Za-z]{3})*", a):
            ids = [r[0] for r in c.execute("SELECT id FROM entities WHERE cameo_actor = ? ORDER BY n_documents DESC"
                                           " LIMIT ?", (a.upper(), MAX_ACTORS))]
            if ids:
                return ids
        f = fold(a)
        ids = [r[0] for r in c.execute(
            "SELECT id FROM entities WHERE folded_ar = ? OR folded_en = ? LIMIT ?", (f, f.lower(), MAX_ACTORS))]
        if not ids and f:
            ids = [r[0] for r in c.execute(
                "SELECT id FROM entities WHERE instr(folded_ar, ?) > 0 OR instr(folded_en, ?) > 0"
                " ORDER BY n_documents DESC, id LIMIT ?", (f, f.lower(), MAX_ACTORS))]
        return ids

    def _actor_clause(self, ids: list[str], roles: tuple[str, ...]) -> tuple[str, list]:
        """The events with one of the entities ``ids`` in one of ``roles``: found from the entities
        (indexed), not by testing every event."""
        r, i = _placeholders(len(roles)), _placeholders(len(ids))
        sql = ("(e.doc_id, e.event_id) IN (SELECT a.doc_id, a.event_id FROM doc_entities x JOIN event_args a"
               f" ON a.doc_id = x.doc_id AND a.local_id = x.local_id WHERE x.entity_id IN ({i}) AND a.role IN ({r})"
               " UNION SELECT a.doc_id, a.event_id FROM event_args a LEFT JOIN doc_entities x ON x.doc_id = a.doc_id"
               f" AND x.local_id = a.local_id WHERE x.entity_id IS NULL AND a.local_id IN ({i}) AND a.role IN ({r}))")
        return sql, [*ids, *roles, *ids, *roles]

    # ---- where clauses ----------------------------------------------------------------------

    def kind_and_days(self, f: EventFilters, alias: str, day: str, day_end: str, where: list[str],
                      params: list) -> None:
        """The type, status and date-range clauses that events and event links share (``alias`` is
        the table's; ``day``/``day_end`` the SQL of the first and last day it covers)."""
        for column, value in (("type", f.type), ("status", f.status)):
            if value:
                values = value.split(",")
                where.append(f"{alias}.{column} IN ({_placeholders(len(values))})")
                params += values
        if f.since:
            where.append(f"{day_end} >= ?")
            params.append(f.since)
        if f.until:
            where.append(f"{day} <= ?")
            params.append(f.until)

    def member_where(self, f: EventFilters) -> tuple[list[str], list]:
        """Clauses on one event (``e``, its document ``d``) for everything but type, status, dates and
        link: actors, codes, story, document, confidence."""
        where: list[str] = []
        params: list = []
        for value, roles in ((f.actor, ("source", "target")), (f.source, ("source",)), (f.target, ("target",))):
            if not value:
                continue
            ids = self.match_actor(value)
            if not ids:
                where.append("0")
            else:
                clause, values = self._actor_clause(ids, roles)
                where.append(clause)
                params += values
        if f.country or f.sector:
            conds = []
            if f.country:
                cs = f.country.split(",")
                conds.append(f"COALESCE(g.country, x.country) IN ({_placeholders(len(cs))})")
                params_c = cs
            else:
                params_c = []
            if f.sector:
                ss = f.sector.split(",")
                conds.append(f"COALESCE({self.code('g', 'sector')}, {self.code('x', 'sector')}) IN"
                             f" ({_placeholders(len(ss))})")
                params_s = ss
            else:
                params_s = []
            where.append(
                "(e.doc_id, e.event_id) IN (SELECT a.doc_id, a.event_id FROM event_args a JOIN doc_entities x"
                " ON x.doc_id = a.doc_id AND x.local_id = a.local_id LEFT JOIN entities g ON g.id = x.entity_id"
                " WHERE a.role IN ('source', 'target') AND " + " AND ".join(conds) + ")")
            params += params_c + params_s
        if f.story:
            where.append("e.doc_id IN (SELECT doc_id FROM story_documents WHERE story_id = ?)")
            params.append(f.story)
        if f.doc:
            where.append("e.doc_id = ?")
            params.append(f.doc)
        if f.min_confidence:
            where.append("COALESCE(e.confidence, 1.0) >= ?")
            params.append(f.min_confidence)
        return where, params

    def event_where(self, f: EventFilters) -> tuple[list[str], list]:
        """Every clause on an event row (``e``, document ``d``, link membership ``m``): ``f`` checked."""
        where, params = self.member_where(f)
        self.kind_and_days(f, "e", self.days.event, self.days.event_end, where, params)
        if f.link:
            where.append("m.link_id = ?")
            params.append(f.link)
        return where, params

    def link_where(self, f: EventFilters) -> tuple[list[str], list]:
        """Clauses on an event link (``l``): its type, status and days, and at least one member event
        passing the other filters (actors, codes, story, document, confidence)."""
        where: list[str] = []
        params: list = []
        self.kind_and_days(f, "l", self.days.link, self.days.link_end, where, params)
        if f.link:
            where.append("l.id = ?")
            params.append(f.link)
        mw, mparams = self.member_where(f)
        if mw:
            where.append(
                "l.id IN (SELECT m.link_id FROM event_link_members m JOIN events e ON e.doc_id = m.doc_id"
                " AND e.event_id = m.event_id JOIN documents d ON d.id = e.doc_id WHERE " + " AND ".join(mw) + ")")
            params += mparams
        return where, params
