#!/usr/bin/env bash
# Builds and runs the hal dispatch benchmarks (bench/dispatch_bench.cpp):
# matmul 512 with 1 and 2 workers in both kernel forms beside a native -O2
# loop, the same matmul from plain MLIR (dispatch_matmul.mlir, dispatched by
# vm-translate --kiln-dispatch-parallel-loops), and the cost of an empty
# workgroup.
#
#   bench/dispatch_run.sh [BUILD_DIR] [Google Benchmark flags...]
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
build="${1:-$root/build}"
if [[ $# -gt 0 ]]; then shift; fi
ninja -C "$build" -j "${JOBS:-2}" kiln_dispatch_bench
exec "$build/bin/kiln_dispatch_bench" --benchmark_counters_tabular=true "$@"
