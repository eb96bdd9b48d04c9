"""Checks a run-module --profile file: valid Chrome trace JSON whose events
and per-function totals match the expected call counts.

usage: check_profile.py FILE NAME=CALLS...   (CALLS of 0: name absent)
"""
import json
import sys

with open(sys.argv[1]) as f:
    profile = json.load(f)
events = profile["traceEvents"]
functions = {fn["name"]: fn for fn in profile["kiln"]["functions"]}
for spec in sys.argv[2:]:
    name, calls = spec.split("=")
    calls = int(calls)
    got = sum(1 for e in events if e["name"] == name)
    assert got == calls, f"{name}: {got} events, expected {calls}"
    if calls == 0:
        assert name not in functions, functions
        continue
    fn = functions[name]
    assert fn["calls"] == calls, fn
    assert fn["total_us"] >= fn["self_us"] >= 0, fn
    # Every range ran at least once and ranges do not overlap.
    last = -1
    for r in fn["ranges"]:
        assert r["count"] > 0 and r["pc_begin"] > last and r["pc_last"] >= r["pc_begin"], fn
        last = r["pc_last"]
for e in events:
    assert e["ph"] == "X" and e["dur"] >= 0 and e["ts"] >= 0, e
print("profile ok:", profile["kiln"]["instructions"], "instructions")
