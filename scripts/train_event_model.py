"""Train the event stage's learned decisions (marsad/events/model/events.json) and write its data card.

Data: articles written for the project and annotated to shared/ANNOTATION.md — the synthetic set's
train split (devsets/synthetic/train_ids.txt) and the articles in training/*.jsonl. Never SaudiNewsNet
or the real-news dev set (non-commercial, and the measure).

Steps (deterministic; a few minutes on one core):
1. run the pipeline with the rules alone, keeping the features of every proposed event and of its
   argument candidates;
2. label each candidate from the gold event the system event stands on (the same actor by name, else
   by country when no candidate matches by name);
3. source and target: conditional logits over each event's candidates ("no actor" among them); a
   third conditional logit reranks their best (source, target) pairs, learned on their out-of-fold
   scores (5 folds by article); the out-of-fold choices give the event rows their actor features;
4. event: a logistic regression of "right at the country level" over those rows; its out-of-fold
   scores fit the isotonic calibration (held-apart articles);
5. the same pipeline with the new model is scored on the synthetic dev split, and a gradient-boosted
   alternative is compared on the event decision (log-loss, out of fold).

usage: python scripts/train_event_model.py [--shared ../shared] [--out marsad/events/model]
Needs scikit-learn (pip install -e ".[train]").
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

import numpy as np
from sklearn.ensemble import HistGradientBoostingClassifier
from sklearn.feature_extraction import DictVectorizer
from sklearn.isotonic import IsotonicRegression
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import log_loss, roc_auc_score

from marsad.events.features import with_actors
from marsad.events.model import EventModel, Isotonic, Linear
from marsad.events.words import MUTUAL_TYPES
from marsad.scoring.gold import load_gold, select
from marsad.scoring.match import Actor, country_match, name_match
from marsad.scoring.score import DocEval, system_actor

ROOT = Path(__file__).resolve().parents[1]
FOLDS = 5
L2_ARG, L2_PAIR, C_EVENT = 1.0, 10.0, 0.3


def training_records(shared: Path) -> list[dict]:
    recs = select(load_gold([str(shared / "data/events_gold")]), str(ROOT / "devsets/synthetic/train_ids.txt"))
    extra = sorted((ROOT / "training").glob("*.jsonl"))
    if extra:
        recs += load_gold([str(p) for p in extra])
    return recs


def collect(records: list[dict]) -> list[dict]:
    """Run the rules on every article; keep its rows and its DocEval (for the labels)."""
    from marsad.corpus.readers import document_from_text
    from marsad.doc import Doc
    from marsad.pipeline import load

    pipe = load()
    out = []
    for rec in records:
        document = document_from_text(rec["text"], rec["id"], rec.get("published"), source=rec.get("source"))
        doc = Doc(document=document)
        doc.extra["_collect_events"] = []
        doc.extra["_collect_quotes"] = []
        doc.extra["_no_model"] = True
        for stage in pipe.stages:
            stage(doc)
        an = doc.to_analysis()
        out.append({"rec": rec, "an": an, "rows": doc.extra["_collect_events"], "qrows": doc.extra["_collect_quotes"],
                    "de": DocEval.build(rec, an)})
    return out


def _actors(an, ids: list[str]) -> list[Actor]:
    ents = {e.id: e for e in an.entities}
    return [system_actor(ents, x) for x in ids]


def label_doc(item: dict) -> None:
    """Labels of every candidate (source, target) and the gold events each row stands on."""
    de, an = item["de"], item["an"]
    for row in item["rows"]:
        golds = [de.gold[p.g] for p in de.pairs if p.s == row["index"]]
        row["golds"] = golds
        mutual = row["type"] in MUTUAL_TYPES
        for role in ("source", "target"):
            sides = [a for g in golds for a in (g.source + (g.target if mutual else []) if role == "source"
                                                else g.target + (g.source if mutual else []))]
            acts = [_actors(an, a.ids) for a in row["cands"]]
            by_name = [any(name_match(g, a) for g in sides for a in al) for al in acts]
            if not any(by_name):
                by_name = [any(country_match(g, a) for g in sides for a in al) for al in acts]
            if golds and not sides:
                by_name = [not a.ids for a in row["cands"]]  # no actor on this side: "none" is right
            row[f"y_{role}"] = [int(b) for b in by_name]


def speaker_groups(items: list[dict]) -> list[tuple[list[dict], list[int]]]:
    """Each system quote that overlaps a gold quote: its candidates and which of them is the gold
    speaker (by name, else by country; "nobody" when the gold gives no speaker)."""
    from marsad.scoring.match import occurrences

    groups = []
    for it in items:
        text, an = it["rec"]["text"], it["an"]
        for row in it["qrows"]:
            s, e = row["span"]
            golds = [q for q in it["rec"]["quotes"]
                     if any(a < e and s < b for a, b in occurrences(text, q["contains"]))]
            if not golds:
                continue
            g = golds[0]["speaker"]
            if g is None:
                y = [int(not ids) for ids, _o, _f in row["cands"]]
            else:
                ga = Actor.gold(text, g)
                said = tuple(occurrences(text, row["rule_text"])) if row.get("rule_text") else ()
                acts = [[Actor(said, None, True)] if ids == ["#text"] else _actors(an, ids)
                        for ids, _o, _f in row["cands"]]
                y = [int(any(name_match(ga, a) for a in al)) for al in acts]
                if not any(y):
                    y = [int(any(country_match(ga, a) for a in al)) for al in acts]
            if any(y):
                groups.append(([f for _ids, _o, f in row["cands"]], y))
    return groups


def fit_lr(X, y, C: float) -> LogisticRegression:
    m = LogisticRegression(C=C, solver="lbfgs", max_iter=5000)
    m.fit(X, y)
    return m


def to_linear(m: LogisticRegression, vec: DictVectorizer) -> Linear:
    w = {name: float(c) for name, c in zip(vec.get_feature_names_out(), m.coef_[0], strict=True) if abs(c) > 1e-4}
    return Linear(w, float(m.intercept_[0]))


def fit_ranker(groups: list[tuple[list[dict], list[int]]], l2: float) -> Linear:
    """A conditional logit: for each event, a softmax over its candidates; the loss is minus the log
    of the probability of its right candidates (L2-regularised, L-BFGS)."""
    from scipy.optimize import minimize
    from scipy.sparse import csr_matrix

    vec = DictVectorizer()
    X = csr_matrix(vec.fit_transform([f for feats, _y in groups for f in feats]))
    sizes = np.array([len(feats) for feats, _y in groups])
    starts = np.concatenate([[0], np.cumsum(sizes)[:-1]])
    right = np.concatenate([np.array(y, dtype=float) for _f, y in groups])
    gid = np.repeat(np.arange(len(groups)), sizes)

    def loss(w):
        z = X @ w
        zmax = np.maximum.reduceat(z, starts)
        e = np.exp(z - zmax[gid])
        tot = np.add.reduceat(e, starts)
        good = np.add.reduceat(e * right, starts)
        p = e / tot[gid]
        q = e * right / good[gid]
        val = -np.sum(np.log(good / tot)) + l2 * w @ w
        grad = X.T @ (p - q) + 2 * l2 * w
        return val, grad

    res = minimize(loss, np.zeros(X.shape[1]), jac=True, method="L-BFGS-B", options={"maxiter": 500})
    w = {n: float(c) for n, c in zip(vec.get_feature_names_out(), res.x, strict=True) if abs(c) > 1e-4}
    return Linear(w, 0.0)


def arg_model(items: list[dict], role: str) -> Linear:
    groups = []
    for it in items:
        for row in it["rows"]:
            y = row[f"y_{role}"]
            if row["golds"] and any(y):
                groups.append(([a.feats for a in row["cands"]], y))
    return fit_ranker(groups, L2_ARG)


def pair_groups(items: list[dict], src: Linear, tgt: Linear) -> list[tuple[list[dict], list[int]]]:
    """The (source, target) options of every event under the given rankings (out of fold), and
    which of them are right (both sides labelled right)."""
    chooser = EventModel(src, tgt, Linear({}), Isotonic((), ()), "train")
    groups = []
    for it in items:
        for row in it["rows"]:
            if not row["golds"]:
                continue
            cands = row["cands"]
            ps, pt = chooser._probs(cands)
            options = chooser.pairs(cands, ps, pt, row["type"], row["tense"])
            y = [int(row["y_source"][i] and row["y_target"][j]) for i, j, _f in options]
            if any(y):
                groups.append(([f for _i, _j, f in options], y))
    return groups


def event_rows(items: list[dict], src: Linear, tgt: Linear, pair: Linear | None) -> tuple[list, list]:
    """Event features with the actors the given argument models choose, and whether the event is
    then right at the country level."""
    chooser = EventModel(src, tgt, Linear({}), Isotonic((), ()), "train", pair)
    feats, ys = [], []
    for it in items:
        ents = {e.id: e for e in it["an"].entities}
        for row in it["rows"]:
            s_ids, t_ids, best = chooser.roles(row["cands"], row["type"], row["rule_source"], row["rule_target"],
                                               row["tense"])
            feats.append(with_actors(row["event"], best, ents, row["type"]))
            ys.append(int(any(_right(g, it["an"], s_ids, t_ids, row["type"]) for g in row["golds"])))
    return feats, ys


def _right(g, an, s_ids, t_ids, etype) -> bool:
    from marsad.scoring.match import actors_match

    return actors_match(g.rec["type"], g.source, g.target, _actors(an, s_ids), _actors(an, t_ids), "country")


def _evaluated(records: list[dict]) -> list:
    """The records analysed with the model just written (DocEvals, for :func:`_dev_scores`)."""
    from marsad.events.model import load_model
    from marsad.pipeline import Pipeline
    from marsad.quotes.speakers import load_speaker_model
    from marsad.scoring.evaluate import evaluate

    load_model.cache_clear()
    load_speaker_model.cache_clear()
    return evaluate(records, Pipeline())


def _dev_scores(docs: list) -> dict:
    from marsad.scoring.evaluate import report

    rep = report(docs, 0.0, calibration=True,
                 thresholds=[i / 10 for i in range(10)])
    return {"detection": rep["overall"]["detection"], "country": rep["overall"]["country"],
            "thresholds": rep["thresholds"],
            "ece": rep["calibration"]["ece"], "sources": rep["sources"]["share"],
            "quotes": rep["quotes"]["speaker_name"]}


def choose_threshold(rows: list[dict]) -> float:
    """Chosen for precision: the highest threshold whose F1 for events with actors is within 0.01
    of the best (a floor on detection precision would leave, on real news, few events to keep)."""
    best = max(r["country"]["f1"] for r in rows)
    return max(r["threshold"] for r in rows if r["country"]["f1"] >= best - 0.01)


def data_card(model: dict, records: list[dict], shared: Path) -> str:
    """model/README.md: what the model is, what it learned from, how it scores."""
    tr = model["training"]
    size_mb = len(json.dumps(model, ensure_ascii=False, indent=0).encode("utf-8")) / 1e6
    files: dict[str, int] = {}
    for r in records:
        key = r["id"].rsplit("-", 1)[0]
        files[key] = files.get(key, 0) + 1
    rows = []
    syn = select(load_gold([str(shared / "data/events_gold")]), str(ROOT / "devsets/synthetic/dev_ids.txt")) \
        if (shared / "data/events_gold").exists() else []
    wire = load_gold([str(ROOT / "devsets/wire/gold.jsonl")])
    real = load_gold([str(ROOT / "devsets/saudinewsnet/gold.jsonl")])
    syn_docs, wire_docs = _evaluated(syn), _evaluated(wire)
    # the synthetic dev sets (the model's own kind of data, 110 articles) choose the default threshold
    model["min_confidence"] = choose_threshold(_dev_scores(syn_docs + wire_docs)["thresholds"])
    for name, docs in ((f"synthetic dev split ({len(syn)} articles)", syn_docs),
                       (f"wire-style synthetic dev set ({len(wire)} articles)", wire_docs),
                       (f"real-news dev set (SaudiNewsNet, {len(real)} articles)", _evaluated(real))):
        if docs:
            d = _dev_scores(docs)
            rows.append(f"| {name} | {d['detection']['precision']:.3f} / {d['detection']['recall']:.3f} | "
                        f"{d['country']['precision']:.3f} / {d['country']['recall']:.3f} / {d['country']['f1']:.3f} | "
                        f"{d['sources']:.3f} | {d['ece']:.3f} | {d['quotes']['precision']:.3f} / "
                        f"{d['quotes']['recall']:.3f} |")
    cmp_ = tr["event_model_comparison"]
    return f"""# Event model: data card

`events.json`, built by `python scripts/train_event_model.py` on {model['version']} (deterministic;
{len(records)} articles; a few minutes on one core). What it decides is described in
`marsad/events/model.py`: two conditional logits rank each proposed event's argument candidates
(source, target; "no actor" among them), a third reranks their best pairs with what source and
target say together (learned on the two rankings' out-of-fold scores), a logistic regression scores
the event with its chosen actors, and an isotonic map (fit on out-of-fold scores, 5 folds by article) makes that score the
probability that the event is right: of its type, on its sentence, with source and target right at
the country level (`shared/ANNOTATION.md` section 8).

## Trained on
Only articles written for the project and annotated to the guideline, which the project may
redistribute a model of: the train split of `shared/data/events_gold` (`devsets/synthetic/train_ids.txt`)
and `training/*.jsonl`. Never SaudiNewsNet text nor the real-news dev set.

| source | articles |
|---|---|
""" + "\n".join(f"| `{k}` | {v} |" for k, v in sorted(files.items())) + f"""

{tr['proposed_events']} proposed events, {tr['argument_candidates']} argument candidates; out of fold
{tr['right_out_of_fold']} proposed events are right ({tr['right_share']:.1%}).

## Chosen by measurement
The event decision, out of fold: logistic regression log-loss {cmp_['logistic_regression']['log_loss']}, AUC
{cmp_['logistic_regression']['auc']}; gradient-boosted trees (scikit-learn) log-loss
{cmp_['gradient_boosting']['log_loss']}, AUC {cmp_['gradient_boosting']['auc']}. The linear model is kept: as good or
better, a JSON file of {size_mb:.1f} MB, scored in plain Python.

Default threshold (`marsad/events/confidence.py`): {model.get('min_confidence', 0.0)}, chosen on the
synthetic dev split and the wire-style dev set together (`devsets/wire/`): the highest threshold whose F1
for events with actors is within 0.01 of the best.

## Scores (all events, no threshold)

| set | detection P / R | events with actors (country) P / R / F1 | sources right | ECE | quotes with speaker P / R |
|---|---|---|---|---|---|
""" + "\n".join(rows) + """

Regenerate with the training command; `marsad eval gold` gives the full tables.
"""


def _spec(m: Linear) -> dict:
    """A linear model as JSON, its weights rounded (the file's bytes do not move with the last bits
    of the optimiser's arithmetic, and it is smaller)."""
    return {"bias": round(m.bias, 8), "weights": {k: round(v, 8) for k, v in sorted(m.weights.items())}}


def folds(items: list[dict]) -> list[list[dict]]:
    return [items[k::FOLDS] for k in range(FOLDS)]


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--shared", default=str(ROOT.parent / "shared"))
    ap.add_argument("--out", default=str(ROOT / "marsad/events/model"))
    args = ap.parse_args()
    t0 = time.time()
    records = training_records(Path(args.shared))
    items = collect(records)
    for it in items:
        label_doc(it)
    n_rows = sum(len(it["rows"]) for it in items)
    n_cands = sum(len(r["cands"]) for it in items for r in it["rows"])
    print(f"{len(items)} articles, {n_rows} proposed events, {n_cands} argument candidates", file=sys.stderr)
    # out-of-fold actor models; the thresholds that make the most events right; their choices give
    # the event rows their actor features
    parts = folds(items)
    fold_models = []
    for k, _held in enumerate(parts):
        rest = [it for j, p in enumerate(parts) if j != k for it in p]
        fold_models.append((arg_model(rest, "source"), arg_model(rest, "target")))
    # the pair model learns on the rankings' out-of-fold options; its own choices for the event rows
    # come from a pair model that did not see the fold
    pair_parts = [pair_groups(held, s, t) for held, (s, t) in zip(parts, fold_models, strict=True)]
    oof_feats, oof_y, oof_doc = [], [], []
    for k, (held, (s, t)) in enumerate(zip(parts, fold_models, strict=True)):
        pair_k = fit_ranker([g for j, p in enumerate(pair_parts) if j != k for g in p], L2_PAIR)
        f, y = event_rows(held, s, t, pair_k)
        oof_feats += f
        oof_y += y
        oof_doc += [k] * len(y)
    y = np.array(oof_y)
    oof_doc = np.array(oof_doc)
    vec = DictVectorizer()
    X = vec.fit_transform(oof_feats)
    # the event model's own out-of-fold scores, for the calibration and the model comparison
    raw = np.zeros(len(y))
    gbt = np.zeros(len(y))
    dense = X[:, np.flatnonzero(np.asarray((X != 0).sum(axis=0)).ravel() >= 5)].toarray()  # frequent features
    for k in range(FOLDS):
        tr, te = oof_doc != k, oof_doc == k
        raw[te] = fit_lr(X[tr], y[tr], C_EVENT).predict_proba(X[te])[:, 1]
        g = HistGradientBoostingClassifier(max_iter=200, learning_rate=0.05, max_leaf_nodes=15, random_state=0)
        g.fit(dense[tr], y[tr])
        gbt[te] = g.predict_proba(dense[te])[:, 1]
    iso = IsotonicRegression(out_of_bounds="clip", y_min=0.0, y_max=1.0).fit(raw, y)
    xs = [float(v) for v in iso.X_thresholds_]
    ys = [float(v) for v in iso.y_thresholds_]
    comparison = {
        "logistic_regression": {"log_loss": round(log_loss(y, np.clip(raw, 1e-6, 1 - 1e-6)), 4),
                                "auc": round(roc_auc_score(y, raw), 4)},
        "gradient_boosting": {"log_loss": round(log_loss(y, np.clip(gbt, 1e-6, 1 - 1e-6)), 4),
                              "auc": round(roc_auc_score(y, gbt), 4)},
    }
    event = to_linear(fit_lr(X, y, C_EVENT), vec)
    src, tgt = arg_model(items, "source"), arg_model(items, "target")
    pair = fit_ranker([g for p in pair_parts for g in p], L2_PAIR)
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    model = {
        "version": time.strftime("%Y-%m-%d"),
        "about": "Learned decisions of the Marsad event stage; see README.md (data card).",
        "source": _spec(src),
        "target": _spec(tgt),
        "pair": _spec(pair),
        "event": _spec(event),
        "calibration": {"x": xs, "y": ys},
        "training": {"articles": len(items), "right_out_of_fold": int(y.sum()), "proposed_events": n_rows, "argument_candidates": n_cands,
                     "right_share": round(float(y.mean()), 4), "event_model_comparison": comparison},
    }
    (out / "events.json").write_text(json.dumps(model, ensure_ascii=False, indent=0) + "\n", "utf-8")
    print(json.dumps(model["training"], indent=1), file=sys.stderr)
    sp = fit_ranker(speaker_groups(items), L2_ARG)
    qdir = ROOT / "marsad/quotes/model"
    qdir.mkdir(parents=True, exist_ok=True)
    (qdir / "speakers.json").write_text(json.dumps({
        "version": model["version"], "about": "Quote speaker ranking; see marsad/quotes/speakers.py and "
        "marsad/events/model/README.md (trained with the event model, on the same articles).",
        "speaker": _spec(sp)}, ensure_ascii=False, indent=0) + "\n", "utf-8")
    card = data_card(model, records, Path(args.shared))
    (out / "events.json").write_text(json.dumps(model, ensure_ascii=False, indent=0) + "\n", "utf-8")
    (out / "README.md").write_text(card, "utf-8")
    print(f"trained in {time.time() - t0:.0f} s -> {out / 'events.json'}", file=sys.stderr)


if __name__ == "__main__":
    main()
