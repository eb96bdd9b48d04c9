#!/usr/bin/env bash
# Runs one libFuzzer target under ASan + UBSan for SECONDS seconds.
#
#   scripts/fuzz.sh TARGET SECONDS [libFuzzer flags...]
#
# TARGET:
#   run        loader + verifier + interpreter: bytes that load, verify and
#              link have every export run under fuel, a deadline and a memory
#              limit (runtime/src/bytecode/fuzz_run.cpp)
#   load       the loader and the disassembler alone (fuzz_load.cpp)
#   values     the tools' --input parsers and printers
#              (runtime/src/tooling/fuzz_values.cpp)
#   translate  vm-translate's front door on mutated vm text: diagnostics,
#              never a crash (tools/vm-translate/fuzz_translate.cpp; builds
#              the compiler with clang, which takes a while the first time)
#   diff       the differential test: the bytes drive vm_diff.py's program
#              generator; the module is compiled to bytecode and to bounded
#              C (build/bin/vm-translate and cc at run time, about half a
#              second per input) and both forms must agree
#              (runtime/src/cmodule/fuzz_diff.cpp)
#
# Builds into build-fuzz/ (build-fuzz-compiler/ for translate) with clang-22,
# KILN_BUILD_FUZZERS=ON and KILN_SANITIZE=address,undefined; the corpus lives
# in build-fuzz*/corpus/TARGET, seeded from the e2e modules (compiled with
# build/bin/vm-translate, which scripts/build.sh makes), and crashes land in
# build-fuzz*/artifacts/TARGET/. The last lines printed are libFuzzer's final
# stats (executions, coverage).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
target="${1:?usage: scripts/fuzz.sh TARGET SECONDS [libFuzzer flags...]}"
seconds="${2:?usage: scripts/fuzz.sh TARGET SECONDS [libFuzzer flags...]}"
shift 2
case "$target" in
  run|load|values|diff) build="${KILN_FUZZ_BUILD_DIR:-$root/build-fuzz}"; compiler=OFF ;;
  translate) build="${KILN_FUZZ_BUILD_DIR:-$root/build-fuzz-compiler}"; compiler=ON ;;
  *) echo "unknown fuzz target '$target' (run, load, values, translate, diff)" >&2; exit 2 ;;
esac
if [[ ! -f "$build/build.ninja" ]]; then
  CC=clang-22 CXX=clang++-22 cmake -G Ninja -S "$root" -B "$build" \
    -DCMAKE_BUILD_TYPE=RelWithDebInfo -DKILN_BUILD_FUZZERS=ON \
    -DKILN_SANITIZE=address,undefined -DKILN_BUILD_TESTS=OFF \
    -DKILN_BUILD_BENCHMARKS=OFF -DKILN_BUILD_COMPILER="$compiler" >/dev/null
fi
ninja -C "$build" -j "${KILN_JOBS:-2}" "kiln_fuzz_$target" >/dev/null

corpus="$build/corpus/$target"
artifacts="$build/artifacts/$target"
mkdir -p "$corpus" "$artifacts"
if [[ -z "$(ls -A "$corpus")" ]]; then
  seeds="$build/seeds"
  mkdir -p "$seeds"
  case "$target" in
    run|load)
      translate="$root/build/bin/vm-translate"
      [[ -x "$translate" ]] || bash "$root/scripts/build.sh" vm-translate >/dev/null
      for m in "$root"/test/e2e/*.mlir; do
        "$translate" --vm-to-bytecode "$m" -o "$corpus/$(basename "$m" .mlir).vmfb" 2>/dev/null || true
      done ;;
    values)
      # One byte of argument code, then the text (see fuzz_values.cpp).
      i=0
      for text in "i32=7" "-3" "f32=1.5" "nan" "0x10" "buffer=zeros:16" \
                  "buffer=hex:00ff_10" "buffer=i32:1,2,3" "list<i32>=[1 2 3]" \
                  "2x3xf32=1,2,3,4,5,6" "2x3xf32=[1 2 3][4 5 6]" "4xi8=1,-1" \
                  "3xf64=1.5" "2x2xsi8=1,2,3,4" "i1=1" "1x0xf32=" \
                  "[1 [2 3]]" "list<?>=[i32=1 f64=2]"; do
        for code in 0 1 2 3 4 5; do
          printf "\\x$(printf %02x "$code")%s" "$text" > "$corpus/seed_$i"
          i=$((i + 1))
        done
      done ;;
    translate)
      cp "$root"/test/e2e/*.mlir "$corpus/" ;;
    diff)
      cp "$root"/test/fuzz/diff_seeds/seed_* "$corpus/" ;;
  esac
fi
if [[ "$target" == diff ]]; then
  # The forms are compiled by the normal build's vm-translate.
  export KILN_VM_TRANSLATE="${KILN_VM_TRANSLATE:-$root/build/bin/vm-translate}"
  [[ -x "$KILN_VM_TRANSLATE" ]] || bash "$root/scripts/build.sh" vm-translate >/dev/null
fi
exec "$build/bin/kiln_fuzz_$target" "$corpus" -max_total_time="$seconds" \
  -timeout="${KILN_FUZZ_TIMEOUT:-60}" -rss_limit_mb=3072 -print_final_stats=1 \
  -artifact_prefix="$artifacts/" "$@"
