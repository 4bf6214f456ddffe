#!/usr/bin/env python3
"""The core/plan benchmarks, done with Python's ipaddress, for comparison.

Run: python3 bench/plan_python.py [--quick] [NAME ...]
--quick summarizes 100,000 prefixes instead of 1,000,000 (the full run takes
minutes); names pick benchmarks (Summarize1M Exclude RangePrefixes SplitPage
VLSM). Prints one line per benchmark with ns per op, comparable to the ns/op of
`go test -run='^$' -bench=. ./core/plan/`. The workloads match
core/plan/bench_test.go in size and distribution (the random numbers differ:
Go uses PCG, Python its Mersenne Twister, both with fixed seeds).
"""
import ipaddress
import random
import sys
import time


def bench(name, fn, min_seconds=1.0, max_ops=1_000_000):
    """Run fn until min_seconds have passed; print ns per op."""
    fn()  # warm up
    ops, start = 0, time.perf_counter_ns()
    while True:
        fn()
        ops += 1
        elapsed = time.perf_counter_ns() - start
        if elapsed >= min_seconds * 1e9 or ops >= max_ops:
            break
    print(f"{name:<24} {ops:>8} ops {elapsed / ops:>16.0f} ns/op")


def random_prefixes4(n, rng):
    """n random IPv4 prefixes of length 16 to 32, host bits cleared."""
    return [ipaddress.IPv4Network((rng.getrandbits(32), rng.randint(16, 32)), strict=False) for _ in range(n)]


def summarize_1m(quick):
    ps = random_prefixes4(100_000 if quick else 1_000_000, random.Random(1))
    bench("Summarize1M" + ("(100k)" if quick else ""), lambda: list(ipaddress.collapse_addresses(ps)), min_seconds=0.1)


def exclude():
    rng = random.Random(2)
    base = ipaddress.IPv4Network("10.0.0.0/8")
    remove = [ipaddress.IPv4Network((0x0A000000 | rng.randrange(256) << 16 | rng.randrange(256) << 8, 24)) for _ in range(100)]

    def run():
        # address_exclude removes one subnet of one network, so walk the list.
        nets = [base]
        for r in remove:
            out = []
            for n in nets:
                if n.overlaps(r):
                    if r.subnet_of(n):
                        out.extend(n.address_exclude(r))
                    # n inside r: dropped
                else:
                    out.append(n)
            nets = out
        return sorted(nets)

    bench("Exclude", run)


def range_prefixes():
    rng = random.Random(3)
    spans = []
    for _ in range(1024):
        x, y = sorted((rng.getrandbits(32), rng.getrandbits(32)))
        spans.append((ipaddress.IPv4Address(x), ipaddress.IPv4Address(y)))
    i = 0

    def run():
        nonlocal i
        first, last = spans[i % len(spans)]
        i += 1
        return list(ipaddress.summarize_address_range(first, last))

    bench("RangePrefixes", run)


def split_page():
    # subnets() is a generator from the start, so reaching index 2^39 with
    # it would take days; compute the page from the index instead, as a
    # Python user would.
    net = ipaddress.IPv6Network("2001:db8::/32")
    base, shift, offset = int(net.network_address), 128 - 72, 1 << 39

    def run():
        return [ipaddress.IPv6Network((base + ((offset + k) << shift), 72)) for k in range(100)]

    bench("SplitPage", run)


HOSTS = [4000, 2, 500, 30, 1000, 60, 2, 120, 250, 14, 2000, 6, 2, 90, 700, 45, 10, 300, 2, 1500]


def vlsm():
    within = ipaddress.IPv4Network("10.0.0.0/16")

    def run():
        # Largest first; IPv4 subnets keep network and broadcast.
        reqs = sorted(enumerate(HOSTS), key=lambda r: -max(2, (r[1] + 1).bit_length()))
        nxt, end, out = int(within.network_address), int(within.broadcast_address), []
        for i, hosts in reqs:
            h = max(2, (hosts + 1).bit_length())
            size = 1 << h
            if nxt + size - 1 > end:
                raise ValueError(f"net{i} does not fit")
            p = ipaddress.IPv4Network((nxt, 32 - h))
            out.append((f"net{i}", p, p.num_addresses - 2, p.num_addresses - 2 - hosts))
            nxt += size
        free = list(ipaddress.summarize_address_range(ipaddress.IPv4Address(nxt), within.broadcast_address)) if nxt <= end else []
        return out, free

    bench("VLSM", run)


def main():
    quick = "--quick" in sys.argv
    names = [a for a in sys.argv[1:] if not a.startswith("--")]
    benches = {
        "Summarize1M": lambda: summarize_1m(quick),
        "Exclude": exclude,
        "RangePrefixes": range_prefixes,
        "SplitPage": split_page,
        "VLSM": vlsm,
    }
    for name, run in benches.items():
        if not names or name in names:
            run()


main()
