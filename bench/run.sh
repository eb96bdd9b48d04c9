#!/usr/bin/env bash
# Builds and runs the VM benchmarks.
#
#   bench/run.sh [BUILD_DIR] [Google Benchmark flags...]
#
# BUILD_DIR defaults to build/ (configured with the compiler, so that
# workloads.vmfb is compiled). Set JOBS to limit build parallelism (default 2).
# Pass --vmfb=PATH to use a workloads.vmfb compiled elsewhere (e.g. in a
# runtime-only build). Extra flags go to Google Benchmark, e.g.
#   bench/run.sh build --benchmark_filter=fib --benchmark_repetitions=5
# For the best of the repetitions with their ratios:
#   bench/run.sh build --benchmark_repetitions=5 --benchmark_out=out.json --benchmark_out_format=json
#   python3 bench/summarize_json.py out.json
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
build="${1:-$root/build}"
if [[ $# -gt 0 ]]; then shift; fi
if [[ ! -f "$build/build.ninja" ]]; then
  cmake -G Ninja -S "$root" -B "$build" -DCMAKE_BUILD_TYPE=Release
fi
targets=(kiln_vm_bench)
if ninja -C "$build" -t targets all 2>/dev/null | grep -q '^kiln_bench_workloads:'; then
  targets+=(kiln_bench_workloads)
fi
ninja -C "$build" -j "${JOBS:-2}" "${targets[@]}"
exec "$build/bin/kiln_vm_bench" --benchmark_counters_tabular=true "$@"
