"""TimeStage: TIMEX3 tagging against the document date, given or inferred from the text."""

from __future__ import annotations

from marsad.doc import Doc
from marsad.text.normalize import normalize
from marsad.time.dct import infer_dct
from marsad.time.tagger import find, resolve, to_times


class TimeStage:
    """Fills ``doc.times`` (sorted by start, offsets in the original text) and, when the document
    has no date, infers one (``published_source = "inferred"``). ``doc.extra["time"]`` holds
    ``sentence_times`` (sentence index -> indices into ``doc.times``) and ``tense`` (for each time,
    "past", "future" or None: the tense cue nearest before it in its sentence, where it was needed)."""

    name = "time"

    def __call__(self, doc: Doc) -> None:
        norm = doc.norm if doc.norm is not None else normalize(doc.text)
        found = find(norm, doc.sentences)
        if doc.document.published is None:
            inferred = infer_dct(norm, doc.sentences, found)
            if inferred is not None:
                doc.document.published = inferred.isoformat()
                doc.document.published_source = "inferred"
        resolved = resolve(norm, doc.sentences, doc.dct, found)
        times = to_times(norm, resolved)
        doc.times = times
        by_sentence: dict[int, list[int]] = {}
        index = {(t.start, t.end): i for i, t in enumerate(times)}
        for r in resolved:
            s, e = norm.to_original(r.cand.start, r.cand.end)
            i = index.get((s, e))
            if i is None:
                continue
            by_sentence.setdefault(r.sentence, []).append(i)
        tense = [None] * len(times)
        for r in resolved:
            s, e = norm.to_original(r.cand.start, r.cand.end)
            i = index.get((s, e))
            if i is not None:
                tense[i] = r.tense
        doc.extra["time"] = {
            "sentence_times": {k: sorted(v) for k, v in by_sentence.items()},
            "tense": tense,
        }
