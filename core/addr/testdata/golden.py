#!/usr/bin/env python3
"""Writes golden.json: test vectors from Python's ipaddress module for package addr.

Run from core/addr:  python3 testdata/golden.py > testdata/golden.json

The seed is fixed, so the output only changes when this script, the registry CSVs or
Python's ipaddress change. The vectors were made with Python 3.11.7; the Go test knows
exactly where that version's flags differ from the IANA registries
(docs/python-differences.md).
"""
import csv
import ipaddress
import json
import random
import re
import sys

SEED = 20260718
rng = random.Random(SEED)

seen = set()
addrs = []


def add(a):
    a = ipaddress.ip_address(a)
    if a not in seen:
        seen.add(a)
        addrs.append(a)


def add_int(v, version):
    top = 2**32 if version == 4 else 2**128
    if 0 <= v < top:
        add(ipaddress.IPv4Address(v) if version == 4 else ipaddress.IPv6Address(v))


def blocks():
    for name in ("data/iana-ipv4-special-registry-1.csv", "data/iana-ipv6-special-registry-1.csv"):
        with open(name, newline="") as f:
            for row in csv.DictReader(f):
                for cell in row["Address Block"].split(","):
                    yield ipaddress.ip_network(re.sub(r"\s*\[\d+\]$", "", cell.strip()))
    for b in ("224.0.0.0/4", "224.0.0.0/24", "232.0.0.0/8", "239.0.0.0/8", "ff00::/8",
              "2000::/3", "fc00::/7", "fe80::/10", "fec0::/10"):
        yield ipaddress.ip_network(b)


# Every special block: its edges, the addresses just outside, and a few inside.
for net in blocks():
    first, last = int(net.network_address), int(net.broadcast_address)
    for v in (first - 1, first, first + 1, last - 1, last, last + 1):
        add_int(v, net.version)
    for _ in range(3):
        add_int(rng.randint(first, last), net.version)

for s in ("0.0.0.0", "0.0.0.1", "1.1.1.1", "8.8.8.8", "127.0.0.1", "169.254.169.254",
          "255.255.255.255", "::", "::1", "::2", "::ffff:0.0.0.0", "::ffff:255.255.255.255",
          "::ffff:127.0.0.1", "::ffff:10.0.0.1", "::ffff:8.8.8.8", "::ffff:100.64.0.1",
          "::ffff:192.0.0.9", "::0.0.0.1", "::192.0.2.1", "64:ff9b::8.8.8.8",
          "64:ff9b::10.0.0.1", "64:ff9b:1::", "2001:0:4136:e378:8000:63bf:3fff:fdd2",
          "2002:c000:0201::1", "2001:db8::1", "fe80::1", "fd00::1", "ff02::1", "ff05::2",
          "ff0e::101", "ff3e::8000:1", "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff",
          "1:0:0:1:0:0:0:1", "1:0:0:0:1:0:0:1", "0:0:1::", "1::", "1:2:3:4:5:6:7:8"):
    add(s)

# Every multicast scope and flag combination.
for flags in range(16):
    for scope in range(16):
        add_int(((0xff00 | flags << 4 | scope) << 112) | rng.getrandbits(112), 6)

# Transition mechanisms around random IPv4 addresses.
for _ in range(60):
    v4 = rng.getrandbits(32)
    add_int((0xffff << 32) | v4, 6)                                         # IPv4-mapped
    add_int((0x64ff9b << 96) | v4, 6)                                       # NAT64 /96
    add_int((0x2002 << 112) | (v4 << 80) | rng.getrandbits(80), 6)          # 6to4
    add_int((0x20010000 << 96) | rng.getrandbits(96), 6)                    # Teredo
    add_int(v4, 4)

# Uniformly random addresses, and random global unicast with zero runs to exercise "::".
for _ in range(700):
    add_int(rng.getrandbits(32), 4)
for _ in range(400):
    add_int(rng.getrandbits(128), 6)
for _ in range(300):
    v = (0x2000 | rng.getrandbits(13)) << 112 | rng.getrandbits(112)
    for _ in range(rng.randint(0, 3)):
        g = rng.randrange(8)
        v &= ~(((1 << (16 * rng.randint(1, 4))) - 1) << (16 * g)) % (1 << 128)
    add_int(v, 6)


def opt(x):
    return None if x is None else str(x)


out = []
for a in addrs:
    text = str(a)
    if a.version == 6 and rng.random() < 0.2:
        text = a.exploded.upper() if rng.random() < 0.5 else a.exploded
    out.append({
        "input": text,
        "str": str(a),
        "exploded": a.exploded,
        "reverse_pointer": a.reverse_pointer,
        "int": str(int(a)),
        "version": a.version,
        "ipv4_mapped": opt(a.ipv4_mapped) if a.version == 6 else None,
        "sixtofour": opt(a.sixtofour) if a.version == 6 else None,
        "teredo": [str(x) for x in a.teredo] if a.version == 6 and a.teredo else None,
        "is_private": a.is_private,
        "is_global": a.is_global,
        "is_loopback": a.is_loopback,
        "is_link_local": a.is_link_local,
        "is_multicast": a.is_multicast,
        "is_reserved": a.is_reserved,
        "is_unspecified": a.is_unspecified,
    })

fields = list(out[0])
sys.stdout.write('{"python": %s, "seed": %d,\n"fields": %s,\n"vectors": [\n' % (
    json.dumps(sys.version.split()[0]), SEED, json.dumps(fields)))
sys.stdout.write(",\n".join(json.dumps([o[k] for k in fields], separators=(",", ":")) for o in out))
sys.stdout.write("\n]}\n")
