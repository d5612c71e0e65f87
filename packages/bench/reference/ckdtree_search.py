"""Exact k-nearest-neighbour search with scipy's cKDTree, one thread: the bench's independent reference.

usage: ckdtree_search.py TRAIN QUERY OUT [K] [DIMS]
       ckdtree_search.py --versions

TRAIN and QUERY hold raw little-endian int32 rows of DIMS values (default 9). The rows are searched
as float64, as scikit-learn and scipy users would. OUT receives, as raw little-endian float64, the
squared distances of each query's K (default 6) neighbours in ascending order, recomputed in exact
integer arithmetic from the neighbours cKDTree returned, so they can be compared for equality with
another exact search. stdout gets one JSON line: build and query seconds, versions, row counts.
Exit status 3 means numpy or scipy could not be imported.
"""

import json
import sys
import time


def versions():
    try:
        import numpy
        import scipy
        from scipy.spatial import cKDTree  # noqa: F401
    except ImportError as e:
        sys.stderr.write(f"{type(e).__name__}: {e}\n")
        sys.exit(3)
    return {"scipy": scipy.__version__, "numpy": numpy.__version__, "python": sys.version.split()[0]}


def main(argv):
    if len(argv) == 1 and argv[0] == "--versions":
        print(json.dumps(versions()))
        return
    if len(argv) not in (3, 4, 5):
        sys.stderr.write("usage: ckdtree_search.py TRAIN QUERY OUT [K] [DIMS] | --versions\n")
        sys.exit(2)
    found = versions()
    import numpy as np
    from scipy.spatial import cKDTree

    k = int(argv[3]) if len(argv) > 3 else 6
    dims = int(argv[4]) if len(argv) > 4 else 9
    train = np.fromfile(argv[0], dtype="<i4").reshape(-1, dims)
    query = np.fromfile(argv[1], dtype="<i4").reshape(-1, dims)
    if k > len(train):
        sys.stderr.write(f"k = {k} exceeds the {len(train)} training rows\n")
        sys.exit(2)
    train_f = train.astype(np.float64)
    query_f = query.astype(np.float64)

    t0 = time.perf_counter()
    tree = cKDTree(train_f)
    t1 = time.perf_counter()
    _, idx = tree.query(query_f, k=k, workers=1)
    t2 = time.perf_counter()

    # cKDTree reports square-rooted float distances; exact squared distances come from the integers
    # of the neighbours it chose, in blocks to bound memory on megapixel inputs.
    idx = idx.reshape(len(query), k)
    dist2 = np.empty((len(query), k), dtype="<f8")
    block = 1 << 16
    for s in range(0, len(query), block):
        diff = train[idx[s : s + block]].astype(np.int64) - query[s : s + block, None, :].astype(np.int64)
        dist2[s : s + block] = (diff * diff).sum(axis=2)
    dist2.sort(axis=1)
    dist2.tofile(argv[2])

    print(
        json.dumps(
            {"build": t1 - t0, "query": t2 - t1, **found, "train": len(train), "queries": len(query), "k": k}
        )
    )


if __name__ == "__main__":
    main(sys.argv[1:])
