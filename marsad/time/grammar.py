"""The engine of the time grammar: load the data files, compile the rules, find candidates.

The grammar itself is data (``data/lexicon.json`` word lists and normalization tables,
``data/rules.json`` patterns); this module only expands macros, compiles the patterns and applies
them to normalized text with clitic-aware boundaries, HeidelTime style. It knows nothing of TIMEX3
values: :mod:`marsad.time.normalize` turns a candidate's groups into one.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

from marsad.text.normalize import fold

# Proclitics that may stand glued before a time expression (وفي → في is a separate word; these are
# the letters that attach: و ف ب ل ك and their sequences). The span starts after them.
_CLITICS = ("ولل", "فلل", "وب", "فب", "ول", "فل", "لل", "وك", "و", "ف", "ب", "ل", "ك")
_CLITIC_RE = "(?:" + "|".join(_CLITICS) + ")"
_MACRO_RE = re.compile(r"\{([a-z_]+)(?::([a-z_0-9]+))?\}")
_ARABIC_RUN = re.compile(r"[\u0600-\u06FF]+")
_LOOKBEHIND = re.compile(r"\(\?<[=!][^()]*\)")
_WORD_RE = re.compile(r"[^\W_]+")
_DIGIT_RE = re.compile(r"(?<![0-9])[0-9]")
_ANY_DIGIT_RE = re.compile(r"[0-9]")
# A rule runs on a window around each of its trigger words: this far before and after it.
_LEFT, _RIGHT = 56, 72
_DIGIT_FEATURES = (
    ("numdate", re.compile(r"[0-9]\s*[/.\-]\s*[0-9]")),
    ("clockdigits", re.compile(r"[0-9]:[0-5][0-9]")),
    ("year4", re.compile(r"(?<![0-9])[12][0-9]{3}(?![0-9])")),
)


def _data(name: str) -> dict:
    return json.loads(resources.files("marsad.time").joinpath(f"data/{name}").read_text("utf-8"))


@lru_cache(maxsize=1)
def lexicon() -> dict:
    return _data("lexicon.json")


def word_map(key: str, part: str | None = None) -> dict[str, str]:
    """Folded word -> its value (the key it is listed under) for one lexicon table."""
    return dict(_word_map(key, part))


@lru_cache(maxsize=128)
def _word_map(key: str, part: str | None = None) -> tuple[tuple[str, str], ...]:
    table = lexicon()[key]
    out: dict[str, str] = {}
    if isinstance(table, list):
        for w in table:
            out.setdefault(fold(w), fold(w))
    else:
        for value, words in table.items():
            if value.startswith("_"):
                continue
            if isinstance(words, dict):  # units: {"sg": [...], "dual": [...], "pl": [...]}
                for form, ws in words.items():
                    if part is None or form == part:
                        for w in ws:
                            out.setdefault(fold(w), f"{value}:{form}")
            elif isinstance(words, list):
                for w in words:
                    out.setdefault(fold(w), value)
    return tuple(out.items())


def lookup(key: str, text: str, part: str | None = None) -> str | None:
    """The value of the longest lexicon entry that starts ``text`` (spaces collapsed)."""
    t = " ".join(text.split())
    best = None
    for w, v in _word_map(key, part):
        if t.startswith(w) and (len(t) == len(w) or not t[len(w)].isalnum()):
            if best is None or len(w) > len(best[0]):
                best = (w, v)
    return best[1] if best else None


def _alternation(words: list[str], bare: bool = False) -> str:
    words = sorted({w for w in words if w}, key=lambda w: (-len(w), w))
    alts = "|".join(r"\s+".join(re.escape(p) for p in w.split()) for w in words)
    return alts if bare else "(?:" + alts + r")(?![^\W_])"


@dataclass
class Rule:
    name: str
    type: str
    norm: str
    regex: re.Pattern
    trigger: frozenset[str]
    needs_mod: bool = False
    not_after: frozenset[str] = frozenset()
    not_before: frozenset[str] = frozenset()
    require_any: tuple[str, ...] = ()
    order: int = 0
    requires: frozenset[str] = frozenset()
    left: int = 56


@dataclass
class Candidate:
    start: int  # normalized offsets of the expression (clitics excluded)
    end: int
    rule: Rule
    groups: dict[str, str | None]
    mod: str | None = None
    extra: dict = field(default_factory=dict)

    @property
    def text(self) -> str:
        return self.groups.get("_text") or ""


class Grammar:
    def __init__(self) -> None:
        spec = _data("rules.json")
        lex = lexicon()
        self._macro_spec = spec["macros"]
        self._macro_cache: dict[str, str] = {}
        self.rules: list[Rule] = []
        for i, r in enumerate(spec["rules"]):
            core = self._expand(r["pattern"])
            pattern = rf"(?<![^\W_]){_CLITIC_RE}?(?P<_core>{core})(?![^\W_])"
            try:
                regex = re.compile(pattern)
            except re.error as exc:  # pragma: no cover - a broken data file is a developer error
                raise ValueError(f"time rule {r['name']}: {exc}") from exc
            self.rules.append(Rule(
                name=r["name"], type=r["type"], norm=r["norm"], regex=regex,
                trigger=frozenset(r.get("trigger", [])), needs_mod=bool(r.get("needs_mod")),
                not_after=frozenset(word_map(r["not_after"])) if r.get("not_after") else frozenset(),
                not_before=frozenset(word_map(r["not_before"])) if r.get("not_before") else frozenset(),
                require_any=tuple(r.get("require_any", ())), order=i,
                requires=frozenset(r.get("requires", ())), left=int(r.get("left", _LEFT)),
            ))
        # Modifier words (نهاية، مطلع ...) folded -> TIMEX3 mod.
        self.modifiers = word_map("modifiers")
        self._mod_re = re.compile(
            rf"(?<![^\W_]){_CLITIC_RE}?(?P<m>{_alternation(list(self.modifiers), bare=True)})\s+$"
        )
        self._features = self._build_features(lex)
        self._rules_by_feature: dict[str, list[int]] = {}
        for r in self.rules:
            for f in r.trigger:
                self._rules_by_feature.setdefault(f, []).append(r.order)
        self._untriggered = [r.order for r in self.rules if not r.trigger]

    # -- compiling -------------------------------------------------------------------------------
    def _template(self, pattern: str) -> str:
        pattern = _ARABIC_RUN.sub(lambda m: fold(m.group()), pattern)
        # Inside lookbehinds a space stays one space (they must have a fixed width).
        protected = _LOOKBEHIND.sub(lambda m: m.group().replace(" ", "\x00"), pattern)
        protected = protected.replace(" ", r"\s+").replace("~", r"\s*")
        return protected.replace("\x00", " ")

    def _macro(self, name: str) -> str:
        if name in self._macro_cache:
            return self._macro_cache[name]
        spec = self._macro_spec[name]
        if "words" in spec:
            words = list(word_map(spec["words"], spec.get("part")))
            if "except" in spec:
                bad = set(word_map(spec["except"]))
                words = [w for w in words if w not in bad]
            if "only" in spec:
                keep = {fold(w) for w in spec["only"]}
                words = [w for w in words if w in keep]
            out = _alternation(words)
        else:
            out = "(?:" + self._expand(spec["re"]) + ")"
        self._macro_cache[name] = out
        return out

    def _expand(self, pattern: str) -> str:
        pattern = self._template(pattern)

        def repl(m: re.Match) -> str:
            body = self._macro(m.group(1))
            return f"(?P<{m.group(2)}>{body})" if m.group(2) else body

        return _MACRO_RE.sub(repl, pattern)

    def _build_features(self, lex: dict) -> dict[str, frozenset[str]]:
        """Word class -> words (first word of each entry) whose presence lets a rule run."""
        def firsts(*keys: str, part: str | None = None) -> set[str]:
            out: set[str] = set()
            for k in keys:
                for w in word_map(k, part):
                    out.add(w.split()[0])
            return out

        def lasts(*keys: str) -> set[str]:
            return {w.split()[-1] for k in keys for w in word_map(k)}

        feats = {
            "month": firsts("months"),
            "hmonth": firsts("hijri_months"),
            "weekday": firsts("weekdays", "weekdays_bare"),
            "dayrel": lasts("day_relative") | {"الليله"},
            "pod": lasts("part_of_day") | {"الصباح", "المساء", "الليله"},
            "clock": {"الساعه", "ساعه", "تمام"},
            "unit": firsts("units"),
            "unitdef": firsts("units_definite", "units_definite_plural"),
            "sameref": {"الشهر", "شهر"},
            "hmark": firsts("hijri_marks"),
            "yearword": firsts("year_words"),
            "agow": {"منذ", "قبل", "بعد", "خلال", "غضون", "بغضون"},
            "rangew": {"بين", "من", "الي", "حتي"},
            "century_word": {"القرن"},
            "mod": firsts("modifiers"),
            "decade": firsts("decades"),
            "season": firsts("seasons"),
            "setadv": firsts("set_adverbs"),
            "ref": lasts("refs"),
        }
        self._feature_index = self._index_features(feats)
        return {k: frozenset(v) for k, v in feats.items()}

    @staticmethod
    def _index_features(feats: dict[str, set[str]]) -> dict[str, frozenset[str]]:
        """Every feature word, bare and behind the proclitics, -> the word classes it signals."""
        index: dict[str, set[str]] = {}
        for name, words in feats.items():
            for w in words:
                forms = {w} | {c + w for c in _CLITICS}
                if w.startswith("ال"):
                    forms |= {c + w[2:] for c in ("لل", "ولل", "فلل")}
                for f in forms:
                    index.setdefault(f, set()).add(name)
        return {k: frozenset(v) for k, v in index.items()}

    # -- matching --------------------------------------------------------------------------------
    def features(self, text: str, start: int, end: int) -> dict[str, list[int]]:
        """Word classes present in ``text[start:end]`` and where their words start."""
        index = self._feature_index
        found: dict[str, list[int]] = {}
        hits = index.keys() & set(_WORD_RE.findall(text, start, end))
        for w in hits:
            n = len(w)
            i = text.find(w, start, end)
            while i != -1:
                if (i == start or not text[i - 1].isalnum()) and (i + n >= end or not text[i + n].isalnum()):
                    for name in index[w]:
                        found.setdefault(name, []).append(i)
                i = text.find(w, i + n, end)
        if _ANY_DIGIT_RE.search(text, start, end):
            found["digit"] = [m.start() for m in _DIGIT_RE.finditer(text, start, end)]
            for name, rx in _DIGIT_FEATURES:
                pos = [m.start() for m in rx.finditer(text, start, end)]
                if pos:
                    found[name] = pos
        return found

    def candidates(self, text: str, start: int = 0, end: int | None = None) -> list[Candidate]:
        """All rule matches in ``text[start:end]`` (normalized text), before overlap resolution.

        A rule runs only where one of its trigger words occurs: on windows around them."""
        end = len(text) if end is None else end
        feats = self.features(text, start, end)
        if not feats:
            return []
        out: list[Candidate] = []
        by_feature = self._rules_by_feature
        orders = set(self._untriggered)
        for f in feats:
            orders.update(by_feature.get(f, ()))
        present = feats.keys()
        for i in sorted(orders):
            rule = self.rules[i]
            if rule.requires and not (rule.requires <= present):
                continue
            windows = self._windows(rule, text, feats, start, end) if rule.trigger else [(start, end)]
            for ws, we in windows:
                self._match(rule, text, start, end, ws, we, out)
        return out

    @staticmethod
    def _windows(rule: Rule, text: str, feats: dict[str, list[int]], start: int, end: int) -> list[tuple[int, int]]:
        pos = sorted(p for f in rule.trigger if f in feats for p in feats[f])
        out: list[list[int]] = []
        for p in pos:
            a, b = max(start, p - rule.left), min(end, p + _RIGHT)
            if out and a <= out[-1][1]:
                out[-1][1] = max(out[-1][1], b)
            else:
                out.append([a, b])
        for w in out:  # never cut a word at the right edge (the lookbehinds see past the left one)
            while w[1] < end and text[w[1]].isalnum():
                w[1] += 1
        return [(a, b) for a, b in out]

    def _match(self, rule: Rule, text: str, start: int, end: int, ws: int, we: int, out: list[Candidate]) -> None:
        for m in rule.regex.finditer(text, ws, we):
            s, e = m.span("_core")
            if e <= s:
                continue
            groups = {k: v for k, v in m.groupdict().items() if v is not None and k != "_core"}
            cand = Candidate(s, e, rule, groups)
            has_mod = self._extend_mod(text, start, cand)
            if rule.require_any and not has_mod and not any(groups.get(g) for g in rule.require_any):
                continue
            if rule.needs_mod and not has_mod:
                continue
            if rule.not_after and self._word_before(text, s, start) in rule.not_after:
                continue
            if rule.not_before and self._word_after(text, e, end) in rule.not_before:
                continue
            out.append(self._finish(text, cand))

    def _finish(self, text: str, cand: Candidate) -> Candidate:
        s, e = cand.start, cand.end
        # Balance parentheses: drop an unmatched one at either edge (and the spaces it leaves).
        for _ in range(2):
            seg = text[s:e]
            if seg.endswith(")") and seg.count(")") > seg.count("("):
                e -= 1
                while e > s and text[e - 1].isspace():
                    e -= 1
            seg = text[s:e]
            if seg.startswith("(") and seg.count("(") > seg.count(")"):
                s += 1
                while s < e and text[s].isspace():
                    s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        while s < e and text[s].isspace():
            s += 1
        cand.start, cand.end = s, e
        cand.groups["_text"] = text[s:e]
        return cand

    def _extend_mod(self, text: str, floor: int, cand: Candidate) -> bool:
        """Take a modifier word before the match into it (نهاية العام, أواخر ديسمبر)."""
        lo = max(floor, cand.start - 24)
        m = self._mod_re.search(text, lo, cand.start)
        if not m:
            return False
        cand.mod = self.modifiers.get(" ".join(m.group("m").split()))
        cand.start = m.start("m")
        return cand.mod is not None

    @staticmethod
    def _word_before(text: str, pos: int, floor: int) -> str:
        i = pos
        while i > floor and text[i - 1].isspace():
            i -= 1
        j = i
        while j > floor and (text[j - 1].isalnum()):
            j -= 1
        return text[j:i]

    @staticmethod
    def _word_after(text: str, pos: int, end: int) -> str:
        i = pos
        while i < end and text[i].isspace():
            i += 1
        j = i
        while j < end and text[j].isalnum():
            j += 1
        return text[i:j]


def select(cands: list[Candidate]) -> list[Candidate]:
    """Longest match first (then rule order); keep those that overlap nothing already kept."""
    chosen: list[Candidate] = []
    taken: list[tuple[int, int]] = []
    for c in sorted(cands, key=lambda c: (-(c.end - c.start), c.rule.order, c.start)):
        if any(c.start < e and s < c.end for s, e in taken):
            continue
        chosen.append(c)
        taken.append((c.start, c.end))
    chosen.sort(key=lambda c: c.start)
    return chosen


@lru_cache(maxsize=1)
def grammar() -> Grammar:
    return Grammar()
