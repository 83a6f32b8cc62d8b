"""Statistical Arabic named-entity recognizer: a linear-chain CRF (python-crfsuite) trained on ANERcorp.

The model (``model/ner.crfsuite``, trained by ``scripts/train_ner.py``) tags folded tokens
(:func:`marsad.text.normalize.fold`) with BIO labels over PERS, LOC, ORG and MISC. At run time
:meth:`NERModel.spans` tokenizes normalized text the way ANERcorp is tokenized (punctuation apart,
clitics left on their words), tags it sentence by sentence and returns entity spans in normalized
offsets with the labels PERSON, ORG, LOC and MISC and a confidence: the lowest marginal probability
of the span's labels. Over several sentences, a name found confidently in one is also labelled where
it recurs in another (:func:`propagate_labels`).

Features: the word, its proclitic-stripped stem and enclitic-stripped core, prefixes and suffixes
(1-4 letters), shape, length, hand-listed cue classes (titles before a person, heads of
organization names, place prepositions and nouns), the words, stems and cues of a +-2 window,
word bigrams, and gazetteer features read from ``model/ner.gaz.tsv`` (single words and phrases).

Feature extraction lives here and only here, so training and run time cannot drift apart.
"""

from __future__ import annotations

import re
import threading
from functools import lru_cache
from importlib import resources
from pathlib import Path

from marsad.errors import MarsadError

LABEL_MAP = {"PERS": "PERSON", "PER": "PERSON", "PERSON": "PERSON", "ORG": "ORG", "LOC": "LOC", "MISC": "MISC"}

# ANERcorp-style tokens: numbers keep their decimal point and percent sign, letters and digits run
# together, every other visible character is a token of its own.
TOKEN_RE = re.compile(r"\d+(?:[.,]\d+)*%?|[^\W_]+|[^\w\s]", re.UNICODE)

# Proclitic sequences, longest first; stripped only when at least two letters remain.
_PROCLITICS = ("وبال", "وكال", "فبال", "ولل", "فلل", "وال", "فال", "بال", "كال", "لل", "ال", "و", "ف", "ب", "ل", "ك")
_ENCLITICS = ("هما", "كما", "هم", "هن", "ها", "كم", "نا", "ه", "ك", "ي")

# Words (folded, clitic-stripped) that announce a person's name: titles, ranks, honorifics.
TITLE_WORDS = frozenset(
    """رئيس الرئيس وزير الوزير ملك الملك امير الامير شيخ الشيخ سيد السيد السيده دكتور الدكتور
    د الاستاذ استاذ المستشار مستشار نائب النائب الامين امين العام المتحدث متحدث الناطق ناطق باسم
    سفير السفير قائد القائد الجنرال جنرال العقيد عقيد اللواء لواء العميد عميد المشير الفريق
    الرائد النقيب المقدم مساعد مدير المدير السناتور سناتور المستشاره رئيسه الرئيسه وزيره الوزيره
    البابا بابا الحاخام المرشد الامام امام ولي عهد العاهل عاهل سلطان السلطان الاميره اميره
    مبعوث المبعوث المندوب مندوب المفوض مفوض النجم اللاعب لاعب المدرب مدرب الكاتب الكاتبه
    الروائي الشاعر المخرج الممثل الممثله المغني المغنيه الفنان الفنانه الزعيم زعيم البروفسور
    البروفيسور المحامي محامي القاضي قاضي الحاكم حاكم محافظ المحافظ عمده العمده النائبه
    السيناتور سيناتور المرشح مرشح المرشحه نظيره نظيرها""".split()
)
# Words before a place: prepositions of place and direction, and nouns that take a place.
PLACE_CUES = frozenset(
    """في الي من الى نحو عاصمه العاصمه مدينه المدينه بلده البلده قريه القريه منطقه المنطقه
    محافظه المحافظه ولايه الولايه اقليم الاقليم جزيره الجزيره شمال جنوب شرق غرب وسط شمالي
    جنوبي شرقي غربي مطار ميناء حدود عبر داخل خارج ضواحي""".split()
)
# Words that head an organization name.
ORG_HEADS = frozenset(
    """وزاره الوزاره حزب الحزب حركه الحركه منظمه المنظمه مجلس المجلس جامعه الجامعه شركه الشركه
    بنك البنك مصرف المصرف اتحاد الاتحاد وكاله الوكاله هيئه الهيئه جمعيه الجمعيه لجنه اللجنه
    جبهه الجبهه صندوق الصندوق مؤسسه موسسه المؤسسه الموسسه منتدي المنتدي نادي النادي فريق محكمه
    المحكمه برلمان البرلمان جيش الجيش قوات القوات صحيفه الصحيفه مجموعه المجموعه رابطه الرابطه
    معهد المعهد مركز المركز اداره الاداره مكتب المكتب تحالف التحالف""".split()
)


_SENT_END = frozenset(".!?…")
PROPAGATE_MIN_CONF = 0.7


def tokenize(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int, str]]:
    """ANERcorp-style tokens ``(start, end, text)`` of ``text[start:end]``."""
    if end is None:
        end = len(text)
    return [(m.start(), m.end(), m.group()) for m in TOKEN_RE.finditer(text, start, end)]


def _shape(w: str) -> str:
    c = w[0]
    if c.isdigit():
        return "D" if w.isdigit() else "DX"
    if "\u0600" <= c <= "\u06ff":
        return "A"
    if c.isalpha():
        return "L"
    return "P"


@lru_cache(maxsize=200_000)
def _word_info(w: str) -> tuple[tuple[str, ...], str, str, str, str]:
    """Features of a word alone, plus the short forms its neighbours look at:
    (own features, stem, 2-letter suffix, shape, cue class)."""
    n = len(w)
    stem = w
    pre = ""
    for p in _PROCLITICS:
        if w.startswith(p) and n - len(p) >= 2:
            stem = w[len(p):]
            pre = p
            break
    core = stem
    for e in _ENCLITICS:
        if core.endswith(e) and len(core) - len(e) >= 3:
            core = core[: -len(e)]
            break
    shape = _shape(w)
    feats = [
        "w=" + w,
        "st=" + stem,
        "co=" + core,
        "pr=" + pre,
        "sh=" + shape,
        "ln=" + (str(n) if n < 8 else "8+"),
        "p1=" + w[:1], "p2=" + w[:2], "p3=" + w[:3], "p4=" + w[:4],
        "s1=" + w[-1:], "s2=" + w[-2:], "s3=" + w[-3:], "s4=" + w[-4:],
        "ss2=" + stem[-2:], "ss3=" + stem[-3:], "sp2=" + stem[:2],
    ]
    cue = ""
    if stem in TITLE_WORDS or w in TITLE_WORDS:
        cue = "T"
    elif stem in ORG_HEADS or w in ORG_HEADS:
        cue = "O"
    elif w in PLACE_CUES or stem in PLACE_CUES:
        cue = "P"
    if cue:
        feats.append("cue=" + cue)
    if shape == "A" and (w.endswith("يه") or w.endswith("ي") or w.endswith("يون") or w.endswith("يين")):
        feats.append("nisba")
    return tuple(feats), stem, w[-2:], shape, cue


class Gazetteer(dict):
    """Folded word -> its gazetteer features; keys of several words (``الامم المتحده``) are phrases,
    indexed by first word in ``phrases`` (longest first) and matched over the sentence."""

    def __init__(self, items=()):
        super().__init__(items)
        index: dict[str, list[tuple[tuple[str, ...], tuple[str, ...]]]] = {}
        for key, feats in self.items():
            if " " in key:
                words = tuple(key.split())
                index.setdefault(words[0], []).append((words, feats))
        for cands in index.values():
            cands.sort(key=lambda c: -len(c[0]))
        self.phrases = index


def load_gazetteer(path: str | Path) -> Gazetteer:
    """``word<TAB>feature feature ...`` lines (folded words or phrases) as a :class:`Gazetteer`."""
    p = Path(path)
    if not p.is_file():
        return Gazetteer()
    items = {}
    for line in p.read_text("utf-8").splitlines():
        word, _, feats = line.partition("\t")
        if word and feats:
            items[word] = tuple(feats.split())
    return Gazetteer(items)


def _phrase_feats(tokens: list[str], index) -> list[list[str]]:
    """Longest-first, left-to-right matches of gazetteer phrases (the first word may carry a
    proclitic): ``phB=`` features on a match's first token, ``phI=`` on the rest."""
    n = len(tokens)
    out: list[list[str]] = [[] for _ in range(n)]
    i = 0
    while i < n:
        w = tokens[i]
        cands = index.get(w)
        if cands is None:
            sw = _strip_proclitic(w)
            cands = index.get(sw) if sw != w else None
        step = 1
        if cands:
            for words, feats in cands:
                L = len(words)
                if i + L <= n and all(tokens[i + k] == words[k] for k in range(1, L)):
                    out[i] += ["phB=" + f for f in feats]
                    for k in range(i + 1, i + L):
                        out[k] += ["phI=" + f for f in feats]
                    step = L
                    break
        i += step
    return out


def _gaz_feats(w: str, stem: str, gaz: Gazetteer) -> tuple[str, ...]:
    g = gaz.get(w, ())
    if stem != w:
        sg = gaz.get(stem)
        if sg:
            g = g + tuple("s" + f for f in sg)
    return g


def sent_features(tokens: list[str], gaz: Gazetteer | None = None) -> list[list[str]]:
    """CRF features of every token of one sentence (tokens already folded); ``gaz`` maps a folded
    word to its gazetteer features (see ``scripts/train_ner.py``)."""
    n = len(tokens)
    infos = [_word_info(t or "_") for t in tokens]
    if gaz:
        gz = [_gaz_feats(tokens[i], infos[i][1], gaz) for i in range(n)]
        index = getattr(gaz, "phrases", None)
        if index:
            for i, pf in enumerate(_phrase_feats(tokens, index)):
                if pf:
                    gz[i] = gz[i] + tuple(pf)
    else:
        gz = [()] * n
    pad = ("", "<s>", "", "B", "")
    pad_end = ("", "</s>", "", "E", "")
    out: list[list[str]] = []
    for i in range(n):
        own, stem, s2, shape, cue = infos[i]
        f = ["b", *own]
        w = tokens[i]
        pm2 = infos[i - 2] if i >= 2 else pad
        pm1 = infos[i - 1] if i >= 1 else pad
        pp1 = infos[i + 1] if i + 1 < n else pad_end
        pp2 = infos[i + 2] if i + 2 < n else pad_end
        wm1 = tokens[i - 1] if i >= 1 else "<s>"
        wp1 = tokens[i + 1] if i + 1 < n else "</s>"
        wm2 = tokens[i - 2] if i >= 2 else "<s>"
        wp2 = tokens[i + 2] if i + 2 < n else "</s>"
        f += (
            "-1w=" + wm1, "-1st=" + pm1[1], "-1s2=" + pm1[2], "-1sh=" + pm1[3], "-1cue=" + pm1[4],
            "+1w=" + wp1, "+1st=" + pp1[1], "+1s2=" + pp1[2], "+1sh=" + pp1[3], "+1cue=" + pp1[4],
            "-2w=" + wm2, "-2st=" + pm2[1], "-2cue=" + pm2[4],
            "+2w=" + wp2, "+2st=" + pp2[1],
            "-1w|w=" + wm1 + "|" + w, "w|+1w=" + w + "|" + wp1,
            "-1st|st=" + pm1[1] + "|" + stem,
            "-2w|-1w=" + wm2 + "|" + wm1, "+1w|+2w=" + wp1 + "|" + wp2,
        )
        g = gz[i]
        if g:
            f += g
        if i >= 1 and gz[i - 1]:
            f += ["-1" + x for x in gz[i - 1]]
        if i + 1 < n and gz[i + 1]:
            f += ["+1" + x for x in gz[i + 1]]
        if i == 0:
            f.append("BOS")
        if i == n - 1:
            f.append("EOS")
        out.append(f)
    return out


def _model_path() -> Path:
    return Path(str(resources.files("marsad.entities").joinpath("model/ner.crfsuite")))


class NERModelError(MarsadError):
    """The NER model file is missing or unreadable."""


class NERModel:
    """A loaded CRF tagger with its gazetteer. crfsuite keeps the last tagged sequence inside the
    tagger, so tagging a sentence and reading its marginals happen under a lock: one model object
    can serve several threads (one at a time)."""

    # Optional recall boost: a token the Viterbi path leaves outside every entity is given its most
    # probable entity label when the marginal probability of O falls below this. Off by default:
    # on held-out training data thresholds 0.4-0.7 moved F1 by less than 0.4 points either way.
    O_THRESHOLD = 0.0

    # Label names again where they recur in other sentences of the same text (spans over several
    # sentences, tag_document).
    PROPAGATE = True

    def __init__(self, tagger, path: Path, gazetteer: Gazetteer | None = None, o_threshold: float | None = None):
        self._tagger = tagger
        self.path = path
        self.gazetteer: Gazetteer = gazetteer if gazetteer is not None else Gazetteer()
        self.o_threshold = self.O_THRESHOLD if o_threshold is None else o_threshold
        self._ent_labels = [lb for lb in tagger.labels() if lb != "O"]
        self.propagate = self.PROPAGATE
        self._lock = threading.Lock()

    @classmethod
    def load(cls, path: str | Path | None = None, o_threshold: float | None = None) -> NERModel:
        """Open a model file (default: the packaged ``model/ner.crfsuite``) and its gazetteer."""
        import pycrfsuite

        p = Path(path) if path is not None else _model_path()
        if not p.is_file():
            raise NERModelError(f"NER model not found: {p} (train it with scripts/train_ner.py)")
        tagger = pycrfsuite.Tagger()
        try:
            tagger.open(str(p))
        except Exception as exc:  # crfsuite raises ValueError/OSError on a bad file
            raise NERModelError(f"cannot open NER model {p}: {exc}") from exc
        return cls(tagger, p, load_gazetteer(p.with_name(p.stem + ".gaz.tsv")), o_threshold)

    def _tag(self, words: list[str]) -> tuple[list[str], list[float]]:
        """BIO tags of one sentence and the marginal probability of each."""
        xseq = sent_features(words, self.gazetteer)
        with self._lock:
            return self._tag_locked(xseq)

    def _tag_locked(self, xseq: list[list[str]]) -> tuple[list[str], list[float]]:
        tagger = self._tagger
        tags = list(tagger.tag(xseq))
        t = self.o_threshold
        if t > 0:
            changed = False
            for i, tag in enumerate(tags):
                if tag == "O" and tagger.marginal("O", i) < t:
                    tags[i] = max(self._ent_labels, key=lambda lb, i=i: tagger.marginal(lb, i))
                    changed = True
            if changed:
                prev = "O"
                for i, tag in enumerate(tags):
                    if tag[0] == "I" and prev[2:] != tag[2:]:
                        tags[i] = "B" + tag[1:]
                    prev = tag
        confs = [1.0 if tag == "O" else tagger.marginal(tag, i) for i, tag in enumerate(tags)]
        return tags, confs

    def tag_tokens(self, tokens: list[str]) -> list[str]:
        """BIO labels (ANERcorp types PERS, LOC, ORG, MISC) of one sentence of already folded tokens."""
        if not tokens:
            return []
        return self._tag(tokens)[0]

    def tag_document(self, sentences: list[list[str]], propagate: bool | None = None) -> list[list[str]]:
        """BIO labels of the sentences of one document (folded tokens); with ``propagate`` (default:
        the model's setting) a name the model found confidently in one sentence is also labelled
        where it recurs untagged in another (see :func:`propagate_labels`)."""
        tagged = [self._tag(s) if s else ([], []) for s in sentences]
        if propagate if propagate is not None else self.propagate:
            words = [w for s in sentences for w in s]
            tags = [t for ts, _ in tagged for t in ts]
            confs = [c for _, cs in tagged for c in cs]
            propagate_labels(words, tags, confs)
            out, k = [], 0
            for s in sentences:
                out.append(tags[k:k + len(s)])
                k += len(s)
            return out
        return [ts for ts, _ in tagged]

    def spans(self, norm_text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int, str, float]]:
        """Entities ``(start, end, label, confidence)`` in ``norm_text[start:end]`` (normalized text);
        offsets index ``norm_text``; labels are PERSON, ORG, LOC or MISC; the confidence is the lowest
        marginal probability of the span's tags. A longer range is cut into sentences the ANERcorp
        way (after a run of ``. ! ?``, and at line breaks), each tagged on its own as in training;
        when the model's ``propagate`` is on, names found in one sentence are then also labelled
        where they recur in the others."""
        toks = tokenize(norm_text, start, end)
        n = len(toks)
        tags: list[str] = []
        confs: list[float] = []
        first = 0
        n_sent = 0
        for k in range(n):
            if k == n - 1 or (toks[k][2] in _SENT_END and toks[k + 1][2] not in _SENT_END) or (
                "\n" in norm_text[toks[k][1]:toks[k + 1][0]]
            ):
                ts, cs = self._tag([t[2] for t in toks[first:k + 1]])
                tags += ts
                confs += cs
                first = k + 1
                n_sent += 1
        if self.propagate and n_sent > 1:
            propagate_labels([t[2] for t in toks], tags, confs)
        out: list[tuple[int, int, str, float]] = []
        i = 0
        while i < n:
            tag = tags[i]
            if tag == "O":
                i += 1
                continue
            typ = tag[2:]
            j = i + 1
            while j < n and tags[j] == "I-" + typ:
                j += 1
            out.append((toks[i][0], toks[j - 1][1], LABEL_MAP.get(typ, typ), round(min(confs[i:j]), 4)))
            i = j
        return out


def _strip_proclitic(w: str) -> str:
    for p in ("وب", "ول", "وك", "و", "ب", "ل", "ك", "ف"):
        if w.startswith(p) and len(w) - len(p) >= 3:
            return w[len(p):]
    return w


def propagate_labels(words: list[str], tags: list[str], confs: list[float], min_conf: float = PROPAGATE_MIN_CONF,
                     max_len: int = 4) -> None:
    """Document-level consistency, in place: every entity tagged with confidence >= ``min_conf``
    (and the last word of a person's name of two or more words: the surname) is a name; where one
    recurs with all its words outside any entity, possibly behind a proclitic (``ورامسفيلد``), it gets
    the same type and a confidence of 0.9 times the source's."""
    names: dict[tuple[str, ...], tuple[str, float]] = {}
    n = len(tags)
    i = 0
    while i < n:
        if tags[i] == "O":
            i += 1
            continue
        typ = tags[i][2:]
        j = i + 1
        while j < n and tags[j] == "I-" + typ:
            j += 1
        conf = min(confs[i:j])
        key = tuple([_strip_proclitic(words[i]), *words[i + 1:j]])
        if conf >= min_conf and j - i <= max_len and all(len(w) >= 2 and w.isalpha() for w in key):
            if len(key) > 1 or len(key[0]) >= 3:
                names.setdefault(key, (typ, conf))
            if typ == "PERS" and j - i >= 2 and len(words[j - 1]) >= 3:
                names.setdefault((words[j - 1],), (typ, conf))
        i = j
    if not names:
        return
    # Only a word that (stripped or not) starts a known name can start a recurrence: test that
    # first, and strip each word once, so the scan stays linear in the document.
    firsts = {k[0] for k in names}
    i = 0
    while i < n:
        if tags[i] != "O":
            i += 1
            continue
        word = words[i]
        stripped = _strip_proclitic(word)
        if stripped not in firsts and word not in firsts:
            i += 1
            continue
        found = 0
        for L in range(min(max_len, n - i), 0, -1):
            if any(tags[k] != "O" for k in range(i, i + L)):
                continue
            key = (stripped, *words[i + 1:i + L])
            hit = names.get(key) or (names.get(tuple(words[i:i + L])) if stripped != word else None)
            if hit:
                typ, conf = hit
                for k in range(i, i + L):
                    tags[k] = ("B-" if k == i else "I-") + typ
                    confs[k] = 0.9 * conf
                found = L
                break
        i += found or 1


@lru_cache(maxsize=1)
def load_model() -> NERModel:
    """The packaged model, loaded once per process."""
    return NERModel.load()
