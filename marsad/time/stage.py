"""TimeStage: TIMEX3 tagging against the document date, given or inferred from the text."""

from __future__ import annotations

from marsad.doc import Doc
from marsad.schema import Evidence
from marsad.text.normalize import normalize
from marsad.time.dct import infer_document_date
from marsad.time.tagger import Hints, find, resolve, to_times

_DATELINE_CHARS = 30  # a place named this close to the start of the first body sentence is its dateline


class TimeStage:
    """Fills ``doc.times`` (sorted by start, offsets in the original text) and, when the document
    has no date, infers one from its evidence (``published_source = "inferred"``, the clues in
    ``published_evidence``; ``published`` is a day, or a month or a year when the clues pin no
    day). ``doc.extra["time"]`` holds
    ``sentence_times`` (sentence index -> indices into ``doc.times``) and ``tense`` (for each time,
    "past", "future" or None: the tense cue nearest before it in its sentence, where it was needed)."""

    name = "time"

    def __call__(self, doc: Doc) -> None:
        norm = doc.norm if doc.norm is not None else normalize(doc.text)
        found = find(norm, doc.sentences)
        hints = self.hints(doc)
        if doc.document.published is None:
            inferred = infer_document_date(norm, doc.sentences, found, hints)
            if inferred.value is not None:
                doc.document.published = inferred.value
                doc.document.published_source = "inferred"
                evidence = []
                for c in inferred.evidence:
                    s, e = norm.to_original(c.start, c.end)
                    if e > s:
                        evidence.append(Evidence(start=s, end=e, text=doc.text[s:e], why=c.why))
                doc.document.published_evidence = evidence
        resolved = resolve(norm, doc.sentences, doc.dct, found, hints)
        times = to_times(norm, resolved, doc.dct)
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

    @staticmethod
    def hints(doc: Doc) -> Hints:
        """The outlet, address and dateline country of the document (the dateline from the entity
        layer: a place named at the start of the first body sentence)."""
        country = None
        body = next((s for s in doc.sentences if s.kind == "body"), None)
        if body is not None:
            for ent in doc.entities:
                if ent.kind not in ("GPE", "LOC") or not ent.country:
                    continue
                if any(body.start <= m.start <= body.start + _DATELINE_CHARS for m in ent.mentions):
                    country = ent.country
                    break
        return Hints(source=doc.document.source, url=doc.document.url, dateline_country=country)
