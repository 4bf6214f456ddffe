#!/usr/bin/env python3
"""Writes golden.tsv: plan results from Python's ipaddress, for golden_test.go.

Run from this directory: python3 golden.py > golden.tsv
Rows, tab-separated, lists comma-separated:
  subnets   network  new_prefix  first  last  count
  collapse  inputs   collapse_addresses(inputs)
  exclude   network  other       sorted(network.address_exclude(other))
  range     first    last        summarize_address_range(first, last)
The seed is fixed, so the output is reproducible.
"""
import ipaddress
import random

rng = random.Random(20261126)


def network(version, address, bits):
    if version == 4:
        return ipaddress.IPv4Network((address, bits), strict=False)
    return ipaddress.IPv6Network((address, bits), strict=False)


def address(version, n):
    return ipaddress.IPv4Address(n) if version == 4 else ipaddress.IPv6Address(n)


def rand_net(version, region=None, min_bits=0):
    """A random network inside region (or anywhere), at least min_bits long."""
    width = 32 if version == 4 else 128
    base, rbits = (0, 0) if region is None else (int(region.network_address), region.prefixlen)
    bits = rng.randint(max(rbits, min_bits), width)
    return network(version, base | rng.getrandbits(width - rbits) if width > rbits else base, bits)


def region(version):
    """A network to work in: mostly 4 to 24 host bits, sometimes any size."""
    width = 32 if version == 4 else 128
    bits = rng.randint(width - 24, width - 4) if rng.random() < 0.8 else rng.randint(0, width)
    return network(version, rng.getrandbits(width), bits)


def join(nets):
    return ",".join(str(n) for n in nets)


def main():
    for i in range(300):
        v = 4 if i % 2 == 0 else 6
        width = 32 if v == 4 else 128
        net = region(v) if rng.random() < 0.7 else rand_net(v)
        new = min(width, net.prefixlen + rng.randint(0, 10))
        subs = list(net.subnets(new_prefix=new))
        print("\t".join(["subnets", str(net), str(new), str(subs[0]), str(subs[-1]), str(len(subs))]))
    for i in range(400):
        v = 4 if i % 2 == 0 else 6
        reg = region(v)
        nets = [rand_net(v, reg, reg.prefixlen + 1 if reg.prefixlen < (32 if v == 4 else 128) else 0)
                for _ in range(rng.randint(1, 12))]
        print("\t".join(["collapse", join(nets), join(ipaddress.collapse_addresses(nets))]))
    for i in range(400):
        v = 4 if i % 2 == 0 else 6
        net = region(v) if rng.random() < 0.8 else rand_net(v)
        other = rand_net(v, net)
        out = sorted(net.address_exclude(other))
        print("\t".join(["exclude", str(net), str(other), join(out)]))
    for i in range(300):
        v = 4 if i % 2 == 0 else 6
        reg = region(v) if rng.random() < 0.8 else rand_net(v)
        a, b = sorted([rng.randint(int(reg.network_address), int(reg.broadcast_address)) for _ in range(2)])
        first, last = address(v, a), address(v, b)
        print("\t".join(["range", str(first), str(last), join(ipaddress.summarize_address_range(first, last))]))


main()
