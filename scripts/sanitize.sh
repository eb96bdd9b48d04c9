#!/usr/bin/env bash
# The sanitizer leg: the runtime's unit tests and the e2e suite in both forms
# under ASan + UBSan, the emitted C too (and built bounded, -DKILN_C_BOUNDED=1,
# so the fuel and native stack checks run under the sanitizers as well).
#
#   scripts/sanitize.sh
#
# Builds the runtime and its tools with clang-22 and
# KILN_SANITIZE=address,undefined into build-asan/ (no compiler: the e2e
# modules are translated by build/bin/vm-translate, which scripts/build.sh
# makes), with the runtime's libFuzzer targets, so CI's fuzz smoke
# (scripts/fuzz.sh with KILN_FUZZ_BUILD_DIR=build-asan) needs no second
# build. Any sanitizer report fails the run, UBSan's function check
# included (emitted C hands a ref's last reference to the runtime's
# ref_release service instead of calling the C++ destroy through a C
# function type; docs/fuzzing.md, "Sanitizer leg"). .ci/run runs it unless
# KILN_CI_SANITIZE=0.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="${KILN_ASAN_BUILD_DIR:-$root/build-asan}"
bash "$root/scripts/build.sh" vm-translate >/dev/null
# Configured every time, not only when build.ninja is missing: a build
# directory left by an older checkout (say without the fuzzers) then picks
# up these options instead of failing the fuzz smoke later.
CC=clang-22 CXX=clang++-22 cmake -G Ninja -S "$root" -B "$build" \
  -DCMAKE_BUILD_TYPE=RelWithDebInfo -DKILN_SANITIZE=address,undefined \
  -DKILN_BUILD_COMPILER=OFF -DKILN_BUILD_BENCHMARKS=OFF -DKILN_BUILD_FUZZERS=ON >/dev/null
ninja -C "$build" -j "${KILN_JOBS:-2}"
export ASAN_OPTIONS="detect_leaks=1:abort_on_error=1:allocator_may_return_null=1"
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1"
status=0
ctest --test-dir "$build" -L unit --output-on-failure -j "${KILN_JOBS:-2}" || status=1
python3 "$root/test/e2e/run_e2e.py" --bin "$build/bin" --translate-bin "$root/build/bin" \
  --out "$build/e2e" --forms bytecode,c --cc clang-22 \
  --cflags "-fsanitize=address,undefined -fno-sanitize-recover=all -DKILN_C_BOUNDED=1" \
  --junit "$build/e2e.xml" || status=1
python3 - "$build/e2e.xml" <<'PY'
import sys, xml.etree.ElementTree as ET
root = ET.parse(sys.argv[1]).getroot()
cases = list(root.iter("testcase"))
failed = [c for c in cases if c.find("failure") is not None]
print(f"sanitized e2e: {len(cases) - len(failed)} passed, {len(failed)} failed")
PY
exit $status
