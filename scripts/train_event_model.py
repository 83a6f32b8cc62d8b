"""Train the event stage's learned decisions (marsad/events/model/events.json) and write its data card.

Data: articles written for the project and annotated to shared/ANNOTATION.md — the synthetic set's
train split (devsets/synthetic/train_ids.txt) and the articles in training/*.jsonl. Never SaudiNewsNet
or the real-news dev set (non-commercial, and the measure).

Steps (deterministic; a few minutes on one core):
1. run the pipeline with the rules alone, keeping the features of every proposed event and of its
   argument candidates;
2. label each candidate from the gold event the system event stands on (the same actor by name, else
   by country when no candidate matches by name);
3. source and target: logistic regressions over the candidates; their out-of-fold choices (5 folds by
   article) give the event rows their actor features;
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

from marsad.events.features import ArgCand, with_actors
from marsad.events.model import EventModel, Isotonic, Linear
from marsad.events.words import MUTUAL_TYPES
from marsad.scoring.gold import load_gold, select
from marsad.scoring.match import Actor, country_match, name_match
from marsad.scoring.score import DocEval, system_actor

ROOT = Path(__file__).resolve().parents[1]
FOLDS = 5
C_ARG, C_EVENT = 0.5, 0.3


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
        doc.extra["_no_model"] = True
        for stage in pipe.stages:
            stage(doc)
        an = doc.to_analysis()
        out.append({"rec": rec, "an": an, "rows": doc.extra["_collect_events"], "de": DocEval.build(rec, an)})
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
        for role, other in (("source", "target"), ("target", "source")):
            sides = [a for g in golds for a in (g.source + (g.target if mutual else []) if role == "source"
                                                else g.target + (g.source if mutual else []))]
            acts = [_actors(an, ids) for ids, _o, _f in row["cands"]]
            by_name = [any(name_match(g, a) for g in sides for a in al) for al in acts]
            if not any(by_name):
                by_name = [any(country_match(g, a) for g in sides for a in al) for al in acts]
            row[f"y_{role}"] = [int(b) for b in by_name]


def fit_lr(X, y, C: float) -> LogisticRegression:
    m = LogisticRegression(C=C, solver="lbfgs", max_iter=5000)
    m.fit(X, y)
    return m


def to_linear(m: LogisticRegression, vec: DictVectorizer) -> Linear:
    w = {name: float(c) for name, c in zip(vec.get_feature_names_out(), m.coef_[0], strict=True) if abs(c) > 1e-4}
    return Linear(w, float(m.intercept_[0]))


def arg_model(items: list[dict], role: str) -> Linear:
    feats, ys = [], []
    for it in items:
        for row in it["rows"]:
            if not row["golds"]:
                continue  # a proposed event on no gold event says nothing of its actors
            feats += [f for _ids, _o, f in row["cands"]]
            ys += row[f"y_{role}"]
    vec = DictVectorizer()
    X = vec.fit_transform(feats)
    return to_linear(fit_lr(X, np.array(ys), C_ARG), vec)


def event_rows(items: list[dict], src: Linear, tgt: Linear, min_s: float, min_t: float) -> tuple[list, list]:
    """Event features with the actors the given argument models choose, and whether the event is
    then right at the country level."""
    chooser = EventModel(src, tgt, Linear({}), Isotonic((), ()), min_s, min_t, "train")
    feats, ys = [], []
    for it in items:
        ents = {e.id: e for e in it["an"].entities}
        for row in it["rows"]:
            cands = [ArgCand(ids, o, None, f) for ids, o, f in row["cands"]]
            best = chooser.choose(cands, row["type"] in MUTUAL_TYPES)
            feats.append(with_actors(row["event"], best, ents, row["type"]))
            s_ids = best["source"].ids if "source" in best else []
            t_ids = [x for x in (best["target"].ids if "target" in best else []) if x not in s_ids]
            ys.append(int(any(_right(g, it["an"], s_ids, t_ids, row["type"]) for g in row["golds"])))
    return feats, ys


def _right(g, an, s_ids, t_ids, etype) -> bool:
    from marsad.scoring.match import actors_match

    return actors_match(g.rec["type"], g.source, g.target, _actors(an, s_ids), _actors(an, t_ids), "country")


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
    grid = {}
    for ms in (0.2, 0.3, 0.4, 0.5, 0.6):
        for mt in (0.2, 0.3, 0.4, 0.5, 0.6):
            grid[(ms, mt)] = sum(sum(event_rows(held, s, t, ms, mt)[1])
                                 for held, (s, t) in zip(parts, fold_models, strict=True))
    (min_s, min_t), best_right = max(grid.items(), key=lambda kv: (kv[1], -abs(kv[0][0] - 0.5) - abs(kv[0][1] - 0.5)))
    print(f"thresholds source {min_s} target {min_t}: {best_right} events right out of fold", file=sys.stderr)
    oof_feats, oof_y, oof_doc = [], [], []
    for k, (held, (s, t)) in enumerate(zip(parts, fold_models, strict=True)):
        f, y = event_rows(held, s, t, min_s, min_t)
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
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    model = {
        "version": time.strftime("%Y-%m-%d"),
        "about": "Learned decisions of the Marsad event stage; see README.md (data card).",
        "min_source": min_s, "min_target": min_t,
        "source": {"bias": src.bias, "weights": dict(sorted(src.weights.items()))},
        "target": {"bias": tgt.bias, "weights": dict(sorted(tgt.weights.items()))},
        "event": {"bias": event.bias, "weights": dict(sorted(event.weights.items()))},
        "calibration": {"x": xs, "y": ys},
        "training": {"articles": len(items), "thresholds_right_out_of_fold": best_right, "proposed_events": n_rows, "argument_candidates": n_cands,
                     "right_share": round(float(y.mean()), 4), "event_model_comparison": comparison},
    }
    (out / "events.json").write_text(json.dumps(model, ensure_ascii=False, indent=0) + "\n", "utf-8")
    print(json.dumps(model["training"], indent=1), file=sys.stderr)
    print(f"trained in {time.time() - t0:.0f} s -> {out / 'events.json'}", file=sys.stderr)


if __name__ == "__main__":
    main()
