"""Exact k-nearest-neighbour search with pykdtree or scipy's cKDTree: the bench's peers.

usage: tree_search.py [--tree ckdtree|pykdtree] [--threads N] TRAIN QUERY OUT [K] [DIMS]
       tree_search.py [--tree ckdtree|pykdtree] --versions

TRAIN and QUERY hold raw little-endian int32 rows of DIMS values (default 9). The rows are searched
as float64, as scipy and pykdtree users would. `--tree` picks the peer (default ckdtree);
`--threads` its threads (default 1): cKDTree's `workers`, pykdtree's OpenMP threads (the caller
sets OMP_NUM_THREADS, read when pykdtree loads; it is set here too when absent). OUT receives, as
raw little-endian float64, the squared distances of each query's K (default 6) neighbours in
ascending order, recomputed in exact integer arithmetic from the neighbours the tree returned, so
they can be compared for equality with another exact search. stdout gets one JSON line: build and
query seconds, versions, row counts. Exit status 3 means numpy or the tree could not be imported.
"""

import json
import os
import sys
import time


def versions(tree):
    try:
        import numpy

        found = {"numpy": numpy.__version__, "python": sys.version.split()[0], "tree": tree}
        if tree == "pykdtree":
            import pykdtree
            from pykdtree.kdtree import KDTree  # noqa: F401

            found["version"] = getattr(pykdtree, "__version__", None) or package_version("pykdtree")
        else:
            import scipy
            from scipy.spatial import cKDTree  # noqa: F401

            found["version"] = scipy.__version__
    except ImportError as e:
        sys.stderr.write(f"{type(e).__name__}: {e}\n")
        sys.exit(3)
    return found


def package_version(name):
    try:
        from importlib.metadata import version

        return version(name)
    except Exception:
        return "unknown"


def main(argv):
    tree_name = "ckdtree"
    threads = 1
    rest = []
    i = 0
    while i < len(argv):
        if argv[i] == "--tree" and i + 1 < len(argv):
            tree_name = argv[i + 1]
            i += 2
        elif argv[i] == "--threads" and i + 1 < len(argv):
            threads = int(argv[i + 1])
            i += 2
        else:
            rest.append(argv[i])
            i += 1
    if tree_name not in ("ckdtree", "pykdtree") or threads < 1:
        sys.stderr.write("--tree is ckdtree or pykdtree, --threads a positive integer\n")
        sys.exit(2)
    os.environ.setdefault("OMP_NUM_THREADS", str(threads))
    if rest == ["--versions"]:
        print(json.dumps(versions(tree_name)))
        return
    if len(rest) not in (3, 4, 5):
        sys.stderr.write(__doc__.split("\n\n")[1] + "\n")
        sys.exit(2)
    found = versions(tree_name)
    import numpy as np

    k = int(rest[3]) if len(rest) > 3 else 6
    dims = int(rest[4]) if len(rest) > 4 else 9
    train = np.fromfile(rest[0], dtype="<i4").reshape(-1, dims)
    query = np.fromfile(rest[1], dtype="<i4").reshape(-1, dims)
    if k > len(train):
        sys.stderr.write(f"k = {k} exceeds the {len(train)} training rows\n")
        sys.exit(2)
    train_f = train.astype(np.float64)
    query_f = query.astype(np.float64)

    if tree_name == "pykdtree":
        from pykdtree.kdtree import KDTree

        t0 = time.perf_counter()
        tree = KDTree(train_f)
        t1 = time.perf_counter()
        _, idx = tree.query(query_f, k=k)
        t2 = time.perf_counter()
    else:
        from scipy.spatial import cKDTree

        t0 = time.perf_counter()
        tree = cKDTree(train_f)
        t1 = time.perf_counter()
        _, idx = tree.query(query_f, k=k, workers=threads)
        t2 = time.perf_counter()

    # The trees report square-rooted float distances; exact squared distances come from the
    # integers of the neighbours they chose, in blocks to bound memory on megapixel inputs.
    idx = np.asarray(idx, dtype=np.int64).reshape(len(query), k)
    dist2 = np.empty((len(query), k), dtype="<f8")
    block = 1 << 16
    for s in range(0, len(query), block):
        diff = train[idx[s : s + block]].astype(np.int64) - query[s : s + block, None, :].astype(np.int64)
        dist2[s : s + block] = (diff * diff).sum(axis=2)
    dist2.sort(axis=1)
    dist2.tofile(rest[2])

    print(
        json.dumps(
            {
                "build": t1 - t0,
                "query": t2 - t1,
                **found,
                "threads": threads,
                "train": len(train),
                "queries": len(query),
                "k": k,
            }
        )
    )


if __name__ == "__main__":
    main(sys.argv[1:])
