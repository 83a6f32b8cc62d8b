"""iCalendar export: a diplomatic calendar of the events announced in advance (any event link
with a report that it is scheduled) and dated to the day. Status: TENTATIVE while only scheduled,
CONFIRMED once reported as having happened, CANCELLED when a later report negates it (RFC 5545)."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from typing import TextIO

from marsad.corpus.store import Store
from marsad.corpus.timeline import Filters, display_name, timeline

_ICS_STATUS = {"scheduled": "TENTATIVE", "occurred": "CONFIRMED", "ongoing": "CONFIRMED", "negated": "CANCELLED"}


def escape_text(s: str) -> str:
    return (s.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
            .replace("\r\n", "\\n").replace("\n", "\\n").replace("\r", "\\n"))


def fold_line(line: str) -> str:
    """Lines longer than 75 octets folded as RFC 5545 says (never inside a UTF-8 character)."""
    out, cur, size = [], "", 0
    for ch in line:
        n = len(ch.encode("utf-8"))
        if size + n > (75 if not out else 74):
            out.append(cur)
            cur, size = "", 0
        cur += ch
        size += n
    out.append(cur)
    return "\r\n ".join(out)


def write(store: Store, out: TextIO, filters: Filters | None = None) -> None:
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Marsad//Arabic news event calendar//EN",
             "CALSCALE:GREGORIAN", "METHOD:PUBLISH", "X-WR-CALNAME:Marsad diplomatic calendar"]
    for e in timeline(store, filters):
        if not any(h["status"] == "scheduled" for h in e["status_history"]):
            continue
        try:
            day = date.fromisoformat((e["date"] or "")[:10])
        except ValueError:
            continue
        src = ", ".join(display_name(a) for a in e["source"])
        tgt = ", ".join(display_name(a) for a in e["target"])
        summary = f"{e['type']}: {src}" + (f" – {tgt}" if tgt else "") if src else e["type"]
        desc = [e["summary_en"] or "", e["sentence"] or ""]
        desc += [f"{d['published'] or '?'} {d['status']}: {d['document']}" + (f" ({d['outlet']})" if d.get("outlet") else "")
                 for d in e["documents"]]
        lines += ["BEGIN:VEVENT", f"UID:{e['link']}@marsad", f"DTSTAMP:{stamp}",
                  f"DTSTART;VALUE=DATE:{day:%Y%m%d}", f"DTEND;VALUE=DATE:{day + timedelta(days=1):%Y%m%d}",
                  f"SUMMARY:{escape_text(summary)}",
                  f"DESCRIPTION:{escape_text(chr(10).join(x for x in desc if x))}",
                  f"STATUS:{_ICS_STATUS.get(e['status'], 'TENTATIVE')}", f"CATEGORIES:{e['type']}"]
        if e["location"]:
            lines.append(f"LOCATION:{escape_text(display_name(e['location']))}")
        lines.append("END:VEVENT")
    lines.append("END:VCALENDAR")
    out.write("".join(fold_line(ln) + "\r\n" for ln in lines))
