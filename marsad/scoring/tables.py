"""Plain-text tables of a :func:`marsad.scoring.evaluate.report`."""

from __future__ import annotations


def _row(name: str, t: dict) -> str:
    return f"{name:<18}{t['gold']:>6}{t['system']:>6}{t['recall']:>8.3f}{t['precision']:>8.3f}{t['f1']:>8.3f}" \
           f"{t['duplicates']:>6}"


def render(rep: dict) -> str:
    out = [f"documents: {rep['documents']}   events under confidence {rep['min_confidence']:.2f} left out"]
    head = f"{'':18}{'gold':>6}{'sys':>6}{'R':>8}{'P':>8}{'F1':>8}{'dup':>6}"
    names = {"detection": "detection (type on the sentence)", "country": "events with actors, country level",
             "name": "events with actors, name level", "strict": "strict (actors, status and date)"}
    for level in ("detection", "country", "name", "strict"):
        out += ["", names[level], head]
        for etype, levels in rep["by_type"].items():
            out.append(_row(etype, levels[level]))
        out.append(_row("overall", rep["overall"][level]))
    src = rep["sources"]
    out += ["", f"sources: of {src['detected']} detected gold events with a source (of {src['gold_with_source']}), "
                f"{src['source_right']} have a system event with the right source (country level): {src['share']:.3f}"]
    q = rep["quotes"]
    out += ["", f"{'quotes':18}{'gold':>6}{'sys':>6}{'R':>8}{'P':>8}{'F1':>8}"]
    for key, label in (("words", "words"), ("speaker_name", "words+speaker"),
                       ("speaker_country", "speaker country")):
        t = q[key]
        out.append(f"{label:<18}{t['gold']:>6}{t['system']:>6}{t['recall']:>8.3f}{t['precision']:>8.3f}{t['f1']:>8.3f}")
    e = rep["entities"]
    out.append(f"{'entities':<18}{e['gold']:>6}{e['system']:>6}{e['recall']:>8.3f}{e['precision']:>8.3f}{e['f1']:>8.3f}")
    if "thresholds" in rep:
        out += ["", f"{'confidence >=':<14}{'det R':>8}{'det P':>8}{'act R':>8}{'act P':>8}{'act F1':>8}{'events':>8}"]
        for r in rep["thresholds"]:
            d, c = r["detection"], r["country"]
            out.append(f"{r['threshold']:<14.1f}{d['recall']:>8.3f}{d['precision']:>8.3f}{c['recall']:>8.3f}"
                       f"{c['precision']:>8.3f}{c['f1']:>8.3f}{c['system'] + c['duplicates']:>8}")
    if "calibration" in rep:
        cal = rep["calibration"]
        out += ["", "calibration (right = type and actors at country level)",
                f"{'confidence':<12}{'events':>8}{'mean conf':>11}{'correct':>9}"]
        for b in cal["bins"]:
            if b["count"]:
                out.append(f"{b['bin']:<12}{b['count']:>8}{b['mean_confidence']:>11.3f}{b['share_correct']:>9.3f}")
        out.append(f"expected calibration error: {cal['ece']:.3f} over {cal['events']} events")
    for doc_id, lines in rep.get("errors", {}).items():
        out += ["", f"== {doc_id}"] + ["  " + ln for ln in lines]
    return "\n".join(out)
