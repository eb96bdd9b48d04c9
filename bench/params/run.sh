#!/usr/bin/env bash
# Builds and runs the io_parameters figures (bench/params/params_bench.cpp):
# index load of 1,000 tensors per format, and loading a large file zero copy
# versus forced copies, side by side in one run.
#
#   bench/params/run.sh [BUILD_DIR] [--size-mb=N] [--dir=DIR]
#
# The large file (default 1024 MiB) is written under --dir (default $TMPDIR
# or /tmp) and removed afterwards.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
build="${1:-$root/build}"
if [[ $# -gt 0 ]]; then shift; fi
if [[ ! -f "$build/build.ninja" ]]; then
  cmake -G Ninja -S "$root" -B "$build" -DCMAKE_BUILD_TYPE=Release
fi
ninja -C "$build" -j "${JOBS:-2}" kiln_params_bench
exec "$build/bin/kiln_params_bench" "$@"
