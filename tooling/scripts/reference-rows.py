#!/usr/bin/env python3
"""Reference rows of an independent scikit-learn run, for photographs of your own.

For each PNG in IN_DIR (convert JPEGs to PNG first, so that both sides score the same pixels) it
writes OUT_DIR/NAME.json in the layout of the development set's reference rows: the split at
floor(W/2), k = 5, seed 0; rows `gray` (R = G = B = round(gray)), `basic` (scikit-learn's k-means
with n_init=4, then the 6 nearest 3x3 gray patches of the left half by an exact kd-tree, the
majority palette colour, a tie to the nearest patch's colour), and three learners on the 9 gray
values of the 3x3 patch scaled to [0, 1], trained on at most 100,000 left-half patches drawn with
seed 0: `logreg` (LogisticRegression), `mlp_clf` (MLPClassifier(64), early stopping) over the
palette, `mlp_reg` (MLPRegressor(64), early stopping) on RGB / 255. Each row holds the mean
CIEDE2000 of scikit-image over the right half; `best_row` is the lowest.

Needs numpy, scipy, scikit-learn, scikit-image and Pillow (Debian: python3-sklearn python3-skimage
python3-scipy python3-pil). Compare with a `colorize eval` run by tooling/scripts/compare-reference.mjs.
Usage: reference-rows.py IN_DIR OUT_DIR
"""
import glob
import json
import os
import sys
import warnings

import numpy as np
from PIL import Image
from scipy.spatial import cKDTree
from skimage.color import deltaE_ciede2000, rgb2lab
from sklearn.cluster import KMeans
from sklearn.linear_model import LogisticRegression
from sklearn.neural_network import MLPClassifier, MLPRegressor

K = 5
NEIGHBOURS = 6
MAX_TRAIN = 100_000


def patches(gray):
    """3x3 patches of an edge-replicated half, one row of 9 values per pixel (row-major)."""
    padded = np.pad(gray, 1, mode="edge")
    h, w = gray.shape
    return np.stack([padded[dy:dy + h, dx:dx + w] for dy in range(3) for dx in range(3)], -1).reshape(-1, 9)


def delta_e(truth, pred):
    return float(deltaE_ciede2000(rgb2lab(truth / 255.0), rgb2lab(pred / 255.0)).mean())


def majority(votes):
    """Per row, the most frequent label; a tie goes to the tied label met first (nearest patch)."""
    out = np.empty(len(votes), dtype=np.int64)
    for i, v in enumerate(votes):
        counts = np.bincount(v, minlength=K)
        top = counts.max()
        out[i] = next(x for x in v if counts[x] == top)
    return out


def rows_of(path):
    rgb = np.asarray(Image.open(path).convert("RGB")).astype(np.float64)
    h, w, _ = rgb.shape
    c = w // 2
    gray = 0.21 * rgb[..., 0] + 0.72 * rgb[..., 1] + 0.07 * rgb[..., 2]
    left, right = rgb[:, :c], rgb[:, c:]
    km = KMeans(K, n_init=4, random_state=0).fit(left.reshape(-1, 3))
    palette = np.clip(np.round(km.cluster_centers_), 0, 255)
    labels = km.labels_
    train, test = patches(gray[:, :c]), patches(gray[:, c:])
    rows = {}
    g8 = np.clip(np.round(gray[:, c:]), 0, 255)
    rows["gray"] = delta_e(right, np.stack([g8] * 3, -1))
    _, idx = cKDTree(train).query(test, NEIGHBOURS, workers=-1)
    rows["basic"] = delta_e(right, palette[majority(labels[idx])].reshape(right.shape))
    rng = np.random.default_rng(0)
    chosen = rng.choice(len(train), MAX_TRAIN, replace=False) if len(train) > MAX_TRAIN else np.arange(len(train))
    x, xt = train[chosen] / 255.0, test / 255.0
    y, yr = labels[chosen], left.reshape(-1, 3)[chosen] / 255.0
    lr = LogisticRegression(max_iter=1000).fit(x, y)
    rows["logreg"] = delta_e(right, palette[lr.predict(xt)].reshape(right.shape))
    clf = MLPClassifier((64,), early_stopping=True, random_state=0).fit(x, y)
    rows["mlp_clf"] = delta_e(right, palette[clf.predict(xt)].reshape(right.shape))
    reg = MLPRegressor((64,), early_stopping=True, random_state=0).fit(x, yr)
    rows["mlp_reg"] = delta_e(right, np.clip(np.round(reg.predict(xt) * 255), 0, 255).reshape(right.shape))
    best = min(rows, key=rows.get)
    return {
        "photo": os.path.basename(path),
        "size": [w, h],
        "k": K,
        "seed": 0,
        "rows": {name: {"deltaE2000": round(v, 6)} for name, v in rows.items()},
        "best_row": best,
        "best_deltaE2000": round(rows[best], 6),
    }


def main(argv):
    if len(argv) != 3:
        sys.stderr.write("usage: reference-rows.py IN_DIR OUT_DIR\n")
        return 2
    files = sorted(glob.glob(os.path.join(argv[1], "*.png")))
    if not files:
        sys.stderr.write(f"reference-rows: no PNG in {argv[1]}\n")
        return 1
    os.makedirs(argv[2], exist_ok=True)
    warnings.filterwarnings("ignore")
    for path in files:
        doc = rows_of(path)
        name = os.path.splitext(os.path.basename(path))[0]
        target = os.path.join(argv[2], f"{name}.json")
        tmp = f"{target}.tmp"
        with open(tmp, "w") as f:
            json.dump(doc, f, indent=1)
        os.replace(tmp, target)
        print(name, doc["best_row"], doc["best_deltaE2000"], flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
