#!/usr/bin/env python3
"""Compares the numbers two runs printed for the same program.

usage: same_values.py REFERENCE ACTUAL

REFERENCE is mlir-runner's output of printMemref* calls ("... data =" then
the values in brackets); ACTUAL is run-module's ("NxMxf32=1 2 3 ..." per
result). Each line of run-module output is one printed memref, matched in
order with the reference's. Values agree when equal within a relative
1e-5 (the programs compute the same operations in the same order; the
tolerance only absorbs the printers' roundings to 6 significant digits).
"""
import re
import sys

NUMBER = re.compile(r"[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?|[-+]?(?:inf|nan)")


def reference_values(text):
    memrefs = []
    for chunk in text.split("data =")[1:]:
        end = chunk.find("Unranked")
        body = chunk if end < 0 else chunk[:end]
        memrefs.append([float(v) for v in NUMBER.findall(body)])
    return memrefs


def actual_values(text):
    memrefs = []
    for line in text.splitlines():
        if "=" not in line:
            continue
        memrefs.append([float(v) for v in NUMBER.findall(line.split("=", 1)[1])])
    return memrefs


def close(a, b):
    if a == b:
        return True
    return abs(a - b) <= 1e-5 * max(abs(a), abs(b))


def main():
    reference = reference_values(open(sys.argv[1]).read())
    actual = actual_values(open(sys.argv[2]).read())
    if not reference:
        sys.exit("no memref in the reference output " + sys.argv[1])
    if len(reference) != len(actual):
        sys.exit(f"{len(reference)} memrefs in the reference, {len(actual)} in the run")
    for m, (ref, act) in enumerate(zip(reference, actual)):
        if len(ref) != len(act):
            sys.exit(f"memref {m}: {len(ref)} values in the reference, {len(act)} in the run")
        for i, (r, a) in enumerate(zip(ref, act)):
            if not close(r, a):
                sys.exit(f"memref {m}, element {i}: reference {r}, run {a}")
    print(f"same values: {sum(len(r) for r in reference)} in {len(reference)} memrefs")


if __name__ == "__main__":
    main()
