#!/usr/bin/env python3
"""Checks that two builds of one module use exactly the same fuel.

usage: same_fuel.py SOURCE.mlir A.so B.so

SOURCE names cases in lines `// EXACT: FUNCTION ARGS...`. For each, the
smallest --fuel at which module A does not run out of fuel is found by
bisection (the outcome then: the result, or another error); module B must
give the same outcome at that fuel, and both must print the same
RESOURCE_EXHAUSTED error and trace one unit below it. Exits non-zero with a
message on the first difference.
"""
import re
import subprocess
import sys

OUT_OF_FUEL = "RESOURCE_EXHAUSTED: out of fuel"


def run(module, function, args, fuel):
    p = subprocess.run(
        ["run-module", "--module=" + module, "--function=" + function,
         "--fuel=%d" % fuel] + args,
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, timeout=120)
    # The module's path differs between A and B; nothing else may.
    text = (p.stdout + p.stderr).replace(module, "MODULE")
    return p.returncode, text


def out_of_fuel(outcome):
    return outcome[0] != 0 and OUT_OF_FUEL in outcome[1]


def least_fuel(module, function, args):
    hi = 1
    while out_of_fuel(run(module, function, args, hi)):
        hi *= 2
        if hi > 1 << 40:
            sys.exit("%s %s: still out of fuel at 2^40" % (function, args))
    lo = 0  # out of fuel at lo (fuel 0 runs nothing)
    while hi - lo > 1:
        mid = (lo + hi) // 2
        if out_of_fuel(run(module, function, args, mid)):
            lo = mid
        else:
            hi = mid
    return hi


def main():
    source, a, b = sys.argv[1:4]
    cases = re.findall(r"^// EXACT: (\w+)(.*)$", open(source).read(), re.M)
    if not cases:
        sys.exit("no EXACT cases in " + source)
    for function, rest in cases:
        args = rest.split()
        n = least_fuel(a, function, args)
        for fuel in (n, n - 1):
            if fuel < 1:
                continue
            got_a = run(a, function, args, fuel)
            got_b = run(b, function, args, fuel)
            if got_a != got_b:
                sys.exit("%s %s at fuel %d:\n  A: %r\n  B: %r" %
                         (function, " ".join(args), fuel, got_a, got_b))
            if fuel == n - 1 and not out_of_fuel(got_a):
                sys.exit("%s: not out of fuel at %d" % (function, fuel))
        print("%s %s: %d units in both" % (function, " ".join(args), n))


if __name__ == "__main__":
    main()
