#!/usr/bin/env bash
# Builds Kiln and runs the entire test suite (lit, GoogleTest, end-to-end,
# pytest), all through ctest, then prints one line: "N passed, N failed".
set -uo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="${KILN_BUILD_DIR:-$root/build}"

bash "$root/scripts/build.sh" || { echo "0 passed, 1 failed"; exit 1; }

results="$build/test-results"
rm -rf "$results"
mkdir -p "$results"
ctest --test-dir "$build" --output-on-failure -j "${KILN_JOBS:-$(nproc)}" "$@"
ctest_status=$?

python3 "$root/scripts/summarize_tests.py" "$results"
summary_status=$?
if [[ $ctest_status -ne 0 || $summary_status -ne 0 ]]; then
  exit 1
fi
