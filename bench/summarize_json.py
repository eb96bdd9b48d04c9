#!/usr/bin/env python3
"""Best figure per benchmark from a kiln_vm_bench JSON report.

usage: kiln_vm_bench --benchmark_repetitions=5 --benchmark_out=out.json \
           --benchmark_out_format=json
       python3 bench/summarize_json.py out.json

For each benchmark the repetition with the lowest ns_per_* counter wins (the
machines are noisy, so the best run is the figure to compare); its ratio
counters (x_native, x_native_O2, x_bytecode) are printed beside it.
"""
import collections
import json
import sys

RATIOS = ("x_native", "x_native_O2", "x_native_all_calls", "x_bytecode")


def main():
    with open(sys.argv[1]) as f:
        report = json.load(f)
    best = collections.OrderedDict()
    for bench in report["benchmarks"]:
        if bench.get("run_type") != "iteration":
            continue
        units = [key for key in bench if key.startswith("ns_per_")]
        if not units:
            continue
        value = bench[units[0]]
        row = best.setdefault(bench["run_name"], {"ns": float("inf")})
        if value < row["ns"]:
            row.update(ns=value, unit=units[0])
            row.update({key: bench[key] for key in RATIOS if key in bench})
    for name, row in best.items():
        ratios = " ".join(f"{key}={row[key]:.2f}" for key in RATIOS if key in row)
        print(f"{name:40s} {row['unit']:12s} {row['ns']:10.3f} {ratios}")


if __name__ == "__main__":
    main()
