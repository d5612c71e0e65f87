"""Scores image pairs with scikit-image itself, for the evaluator's parity test.

Usage: skimage_metrics.py MANIFEST.json    (or --versions)

The manifest lists pairs {"name", "truth", "pred", "width", "height", "labTruth", "labPred", "de"}: two
8-bit RGB PNGs of the same band, and raw little-endian float64 files of colorize's CIELAB pixels of both
(L, a, b interleaved) and of its per-pixel CIEDE2000. Prints one JSON object keyed by pair name, each
with scikit-image's SSIM, PSNR, RMSE (from its mean squared error), mean CIEDE2000 from its own CIELAB,
the AuC of the ab error from its CIELAB, the largest difference between colorize's CIELAB and
scikit-image's rgb2lab, and the largest difference between colorize's per-pixel CIEDE2000 and
scikit-image's deltaE_ciede2000 of colorize's own CIELAB values (the formula alone); plus, under
"matrix", scikit-image's linear sRGB to XYZ matrix.
"""
import json
import sys

import numpy as np
from PIL import Image
import skimage
from skimage.color import colorconv, deltaE_ciede2000, rgb2lab
from skimage.metrics import mean_squared_error, peak_signal_noise_ratio, structural_similarity


def score(pair):
    truth = np.asarray(Image.open(pair["truth"]).convert("RGB"))
    pred = np.asarray(Image.open(pair["pred"]).convert("RGB"))
    h, w = pair["height"], pair["width"]
    assert truth.shape == (h, w, 3) and pred.shape == (h, w, 3), (truth.shape, pred.shape)
    lab_t = rgb2lab(truth)
    lab_p = rgb2lab(pred)
    de = deltaE_ciede2000(lab_t, lab_p)
    ab = np.sqrt(((lab_t[..., 1:] - lab_p[..., 1:]) ** 2).sum(axis=-1))
    ours_lab_t = np.fromfile(pair["labTruth"], dtype="<f8").reshape(h, w, 3)
    ours_lab_p = np.fromfile(pair["labPred"], dtype="<f8").reshape(h, w, 3)
    ours_de = np.fromfile(pair["de"], dtype="<f8").reshape(h, w)
    mse = mean_squared_error(truth, pred)
    return {
        "ssim": float(structural_similarity(truth, pred, channel_axis=-1, data_range=255)),
        "psnr": float(peak_signal_noise_ratio(truth, pred, data_range=255)) if mse > 0 else None,
        "rmse": float(np.sqrt(mse)),
        "deltaE2000": float(de.mean()),
        "aucAb": float(np.mean([(ab <= t).mean() for t in range(151)])),
        "labMaxDiff": float(max(np.abs(ours_lab_t - lab_t).max(), np.abs(ours_lab_p - lab_p).max())),
        "formulaMaxDiff": float(np.abs(ours_de - deltaE_ciede2000(ours_lab_t, ours_lab_p)).max()),
    }


def main():
    if sys.argv[1:] == ["--versions"]:
        print(json.dumps({"skimage": skimage.__version__, "numpy": np.__version__}))
        return
    with open(sys.argv[1]) as f:
        pairs = json.load(f)
    out = {p["name"]: score(p) for p in pairs}
    out["matrix"] = colorconv.xyz_from_rgb.tolist()
    print(json.dumps(out))


if __name__ == "__main__":
    main()
