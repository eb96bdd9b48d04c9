#!/usr/bin/env bash
# The LLVM form against LuaJIT on the same shapes, measured back to back:
# kiln_vm_bench's BM_llvm_* rows (the LLVM-form .so through the runtime's
# invoke path), then bench/luajit/shapes.lua; prints LLVM form / LuaJIT per
# shape. Needs luajit (Debian package luajit) and a build with the compiler.
#
#   bench/luajit/run.sh [BUILD_DIR]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
build="${1:-$here/../../build}"
out="$(mktemp)"
trap 'rm -f "$out"' EXIT
"$build/bin/kiln_vm_bench" --benchmark_filter='BM_llvm_(loop_sum|reduce_i32|fib)' \
  --benchmark_out="$out" --benchmark_out_format=json >/dev/null
luajit "$here/shapes.lua" 2>/dev/null | python3 -c '
import json, sys
kiln = {b["name"].removeprefix("BM_llvm_"): b["cpu_time"] for b in json.load(open(sys.argv[1]))["benchmarks"]}
print("shape              LLVM form ns   LuaJIT ns   LLVM/LuaJIT")
for line in sys.stdin:
    name, ns = line.split()
    if name in kiln:
        print(f"{name:18} {kiln[name]:12.1f} {float(ns):11.1f} {kiln[name] / float(ns):13.3f}")
' "$out"
