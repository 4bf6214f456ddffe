#!/usr/bin/env python3
"""Service-name prefix search over the IANA port registry CSV, in Python.

The Go equivalent is BenchmarkSearchPrefix in core/port: both look up the
names starting with a query through a sorted index (binary search, then a scan),
rank shorter names first and keep 20. A naive linear scan over every row is
timed as well. Prints ns/op for each, to compare with `go test -bench`.

Usage: python3 bench/ports_python.py [query]
"""

import bisect
import csv
import os
import sys
import timeit

CSV = os.path.join(os.path.dirname(__file__), "..", "core", "port", "data",
                   "service-names-port-numbers.csv")
LIMIT = 20


def load():
    with open(CSV, newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    index = sorted((r["Service Name"].lower(), i) for i, r in enumerate(rows) if r["Service Name"])
    keys = [k for k, _ in index]
    return rows, index, keys


def search_indexed(rows, index, keys, query):
    q = query.strip().lower()
    lo = bisect.bisect_left(keys, q)
    hits = []
    for k, i in index[lo:]:
        if not k.startswith(q):
            break
        hits.append((len(k), k, i))
    hits.sort()
    return [rows[i] for _, _, i in hits[:LIMIT]]


def search_linear(rows, query):
    q = query.strip().lower()
    hits = [(len(r["Service Name"]), r["Service Name"].lower(), i) for i, r in enumerate(rows)
            if r["Service Name"].lower().startswith(q)]
    hits.sort()
    return [rows[i] for _, _, i in hits[:LIMIT]]


def ns_per_op(fn):
    timer = timeit.Timer(fn)
    n, _ = timer.autorange()
    best = min(timer.repeat(repeat=5, number=n)) / n
    return best * 1e9


def main():
    query = sys.argv[1] if len(sys.argv) > 1 else "ms-"
    rows, index, keys = load()
    got = search_indexed(rows, index, keys, query)
    assert got == search_linear(rows, query), "indexed and linear search disagree"
    print(f"query {query!r}: {len(got)} results, first {got[0]['Service Name'] if got else None}")
    print(f"BenchmarkPythonSearchPrefixIndexed {ns_per_op(lambda: search_indexed(rows, index, keys, query)):.0f} ns/op")
    print(f"BenchmarkPythonSearchPrefixLinear {ns_per_op(lambda: search_linear(rows, query)):.0f} ns/op")


if __name__ == "__main__":
    main()
