#!/usr/bin/env python3
"""Reference rows of an independent scikit-learn run, for photographs of your own.

For each PNG or JPEG in IN_DIR it writes OUT_DIR/png/NAME.png, the pixels it scores (decoded by Pillow,
transparent pixels composited over white as colorize does), and OUT_DIR/NAME.json in the layout of the development set's reference rows: the split at
floor(W/2), k = 5, seed 0; rows `gray` (R = G = B = round(gray)), `basic` (scikit-learn's k-means
with n_init=4, then the 6 nearest 3x3 gray patches of the left half by an exact kd-tree, the
majority palette colour, a tie to the nearest patch's colour), and three learners on the 9 gray
values of the 3x3 patch scaled to [0, 1], trained on at most 100,000 left-half patches drawn with
seed 0: `logreg` (LogisticRegression), `mlp_clf` (MLPClassifier(64), early stopping) over the
palette, `mlp_reg` (MLPRegressor(64), early stopping) on RGB / 255. Each row holds the mean
CIEDE2000 of scikit-image over the right half; `best_row` is the lowest. Run `colorize eval` on
OUT_DIR/png, so that both sides score the same pixels (JPEG decoders differ by about 1 % of ΔE2000).

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


def decoded(path):
    """The photograph's 8-bit RGB pixels, transparent ones composited over white."""
    image = Image.open(path)
    if image.mode in ("RGBA", "LA", "PA") or (image.mode == "P" and "transparency" in image.info):
        rgba = np.asarray(image.convert("RGBA")).astype(np.float64)
        alpha = rgba[..., 3:] / 255.0
        return np.round(rgba[..., :3] * alpha + 255.0 * (1 - alpha)).astype(np.uint8)
    return np.asarray(image.convert("RGB"))


def write_atomic(target, write):
    tmp = f"{target}.tmp"
    write(tmp)
    os.replace(tmp, target)


def rows_of(path, pixels):
    rgb = pixels.astype(np.float64)
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
    files = sorted(
        f for f in glob.glob(os.path.join(argv[1], "*")) if f.lower().endswith((".png", ".jpg", ".jpeg"))
    )
    if not files:
        sys.stderr.write(f"reference-rows: no PNG or JPEG in {argv[1]}\n")
        return 1
    names = [os.path.splitext(os.path.basename(f))[0] for f in files]
    if len(set(names)) != len(names):
        sys.stderr.write("reference-rows: two inputs share a name (a.png and a.jpg); rename one\n")
        return 1
    os.makedirs(os.path.join(argv[2], "png"), exist_ok=True)
    warnings.filterwarnings("ignore")
    for path, name in zip(files, names):
        pixels = decoded(path)
        write_atomic(os.path.join(argv[2], "png", f"{name}.png"), lambda t: Image.fromarray(pixels).save(t, "PNG"))
        doc = rows_of(path, pixels)

        def dump(t):
            with open(t, "w") as f:
                json.dump(doc, f, indent=1)

        write_atomic(os.path.join(argv[2], f"{name}.json"), dump)
        print(name, doc["best_row"], doc["best_deltaE2000"], flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
