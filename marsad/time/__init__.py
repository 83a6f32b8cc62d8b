"""Time: TIMEX3 tagging and normalization of Arabic temporal expressions against the document date.

- ``data/lexicon.json``, ``data/rules.json``: the grammar as data (word lists, normalization tables,
  patterns); ``grammar.py`` is the engine that compiles and applies it.
- ``normalize.py``: TIMEX3 values (Gregorian and Hijri, the calendar of a bare year read in context);
  ``tagger.py``: one document's times in document order; ``plausible.py``: which values may date an
  event; ``dct.py``: the document date of an undated document from its evidence (``data/holidays.json``
  for holidays, national days and anniversaries); ``stage.py``: the pipeline stage.
- ``data/eval_cases.jsonl``, ``data/dct_cases.jsonl``: gold cases for ``marsad eval time``.

Quick use: ``from marsad.time.tagger import tag; tag("وصل الوفد أمس الاثنين", "2023-03-07")``.
"""
