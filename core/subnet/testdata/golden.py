#!/usr/bin/env python3
"""Writes golden.tsv: subnet facts from Python's ipaddress, for golden_test.go.

Run from this directory: python3 golden.py > golden.tsv
Columns: input, network, last (broadcast_address), num_addresses, netmask,
hostmask, supernet (or -). The seed is fixed, so the output is reproducible.
"""
import ipaddress
import random

rng = random.Random(20261125)

EDGE4 = [0, 1, 2, 7, 8, 9, 15, 16, 17, 23, 24, 25, 28, 29, 30, 31, 32]
EDGE6 = [0, 1, 2, 8, 16, 31, 32, 33, 48, 56, 63, 64, 65, 96, 104, 112, 120, 126, 127, 128]
ADDR4 = [0, 1, 2**32 - 1, 2**32 - 2, 0x0A000000, 0x7F000001, 0xC0A8010A, 0xAC110001, 0x80000000]
ADDR6 = [0, 1, 2**128 - 1, 2**128 - 2, 0xFFFF << 32, (0xFFFF << 32) | 0x0A000000,
         0x20010DB8 << 96, 0xFE80 << 112, 2**127, (0x20010DB8 << 96) | 0xFFFFFFFF]


def addr4():
    r = rng.random()
    if r < 0.2:
        return rng.choice(ADDR4)
    if r < 0.3:
        return rng.getrandbits(8) << 24
    return rng.getrandbits(32)


def addr6():
    r = rng.random()
    if r < 0.2:
        return rng.choice(ADDR6)
    if r < 0.3:
        return (0xFFFF << 32) | rng.getrandbits(32)
    if r < 0.45:
        return (0x20010DB8 << 96) | rng.getrandbits(rng.choice([16, 32, 64, 96]))
    return rng.getrandbits(128)


def row(iface):
    net = iface.network
    sup = str(net.supernet()) if net.prefixlen > 0 else "-"
    return "\t".join([str(iface), str(net.network_address), str(net.broadcast_address),
                      str(net.num_addresses), str(net.netmask), str(net.hostmask), sup])


def main():
    cases = []
    for _ in range(800):
        bits = rng.choice(EDGE4) if rng.random() < 0.5 else rng.randint(0, 32)
        cases.append(ipaddress.IPv4Interface((addr4(), bits)))
    for _ in range(800):
        bits = rng.choice(EDGE6) if rng.random() < 0.5 else rng.randint(0, 128)
        cases.append(ipaddress.IPv6Interface((addr6(), bits)))
    for c in cases:
        print(row(c))


main()
