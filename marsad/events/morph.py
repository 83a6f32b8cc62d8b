"""Inflected forms of Arabic verbs and nouns for the trigger and speech-verb lexicons.

Lexicons list a verb once, as ``PAST/PRESENT`` in the third person masculine singular
(``ناقش/يناقش``); :func:`verb_forms` generates the written forms the press uses: the past with its
subject suffixes (ناقشت, ناقشوا, ناقشا), the present with its prefixes and suffixes (يناقش, تناقش,
نناقش, يناقشون), defective verbs (دعا → دعت, دعوا; يلتقي → يلتقون) and the Form III passive
(ناقش → نوقش). Proclitics (و ف س ل) and enclitics (ه ها هم) are not generated: the matcher strips
them (:func:`splits`). Everything is in folded form (marsad.text.normalize.fold).
"""

from __future__ import annotations

from marsad.text.normalize import fold

PAST_SUFFIXES = ("", "ت", "وا", "ا", "تا", "ن", "نا", "تم")
PRES_PREFIXES = ("ي", "ت", "ن")
PRES_SUFFIXES = ("", "ون", "ان", "ن", "وا", "ين")

VERB_PROCLITICS = ("", "و", "ف", "س", "وس", "فس", "ل", "ول", "فل")
NOUN_PROCLITICS = (
    "", "و", "ف", "ب", "ل", "ك", "ال", "وال", "فال", "بال", "كال", "لل", "ولل", "فلل",
    "وب", "ول", "فب", "فل", "وبال", "فبال", "وك", "وكال",
)
VERB_ENCLITICS = ("", "ه", "ها", "هم", "هما", "هن", "ك", "كم", "ني", "نا")
NOUN_ENCLITICS = ("", "ه", "ها", "هم", "هما", "هن", "ك", "كم", "ي", "نا")


def verb_forms(spec: str) -> dict[str, str]:
    """``PAST/PRESENT[+EXTRA…]`` → {form: tense} with tense ``past``, ``present`` or ``passive``."""
    extra: list[str] = []
    if "+" in spec:
        spec, *extra = spec.split("+")
    past, _, pres = spec.partition("/")
    past, pres = fold(past), fold(pres)
    out: dict[str, str] = {}

    def add(form: str, tense: str) -> None:
        if len(form) >= 2 and form not in out:
            out[form] = tense

    for suf in PAST_SUFFIXES:
        add(past + suf, "past")
    if past[-1] in "اي":
        root = past[:-1]
        for suf in ("ت", "وا", "تا"):
            add(root + suf, "past")
        if past[-1] == "ي":
            add(root + "ا", "past")  # نفى → نفاه, ألغى → ألغاها: the final alif before a pronoun
    if pres:
        stem = pres[1:]
        for pre in PRES_PREFIXES:
            for suf in PRES_SUFFIXES:
                add(pre + stem + suf, "present")
            if stem[-1] in "وي":
                for suf in ("", "ون", "ان", "ن", "وا", "ين"):
                    add(pre + stem[:-1] + suf, "present")
    if len(past) == 4 and past[1] == "ا":  # Form III: ناقش → نوقش
        p = past[0] + "و" + past[2:]
        for suf in ("", "ت", "وا"):
            out[p + suf] = "passive"
    for e in extra:
        e = fold(e)
        for suf in ("", "ت", "وا"):
            out.setdefault(e + suf, "passive")
    return out


def noun_forms(spec: str) -> dict[str, bool]:
    """``SINGULAR[/PLURAL…]`` → {form: needs_enclitic}. Multi-word nouns are left to phrases."""
    out: dict[str, bool] = {}
    parts = [fold(p) for p in spec.split("/") if p.strip()]
    base = parts[0]
    out[base] = False
    if base.endswith("ه"):
        stem = base[:-1]
        out.setdefault(stem + "ات", False)
        out.setdefault(stem + "تين", False)
        out.setdefault(stem + "تان", False)
        out.setdefault(stem + "ت", True)
    elif not base.endswith("ات"):
        out.setdefault(base + "ا", False)
        out.setdefault(base + "ين", False)
        out.setdefault(base + "ان", False)
        if base.endswith("اء"):  # ثناء → ثنائه, استيلاء → استيلائها: the hamza sits on ya before a pronoun
            out.setdefault(base[:-1] + "ي", True)
    for p in parts[1:]:
        out.setdefault(p, False)
        if not p.endswith(("ات", "ه")):
            out.setdefault(p + "ا", False)
    return out


def splits(token: str, proclitics: tuple[str, ...], enclitics: tuple[str, ...], min_len: int = 2):
    """Every (proclitic, core, enclitic) reading of ``token`` with a core of at least ``min_len``."""
    n = len(token)
    for p in proclitics:
        if not token.startswith(p):
            continue
        rest = token[len(p):]
        for e in enclitics:
            if e and not rest.endswith(e):
                continue
            core = rest[: len(rest) - len(e)] if e else rest
            if len(core) >= min_len and len(core) <= n:
                yield p, core, e
