#!/usr/bin/env bash
# Runs IREE's own VM test modules (runtime/src/iree/vm/test/*.mlir of an IREE
# checkout) through Kiln in every form test/e2e/run_e2e.py knows: each
# exported test_* must succeed and each fail_* must fail cleanly, exactly as
# IREE's own runner expects of them. The modules are not part of Kiln's tree
# (they are IREE's); point the script at a checkout.
#
#   scripts/iree-vm-tests.sh IREE_SRC [FORMS]     FORMS: bytecode,c (default), llvm
#
# Newer IREE revisions keep these tests as `.vmasm` register assembly rather
# than MLIR; use a revision that has the `.mlir` files (before May 2026), or
# `git -C IREE_SRC show REV:runtime/src/iree/vm/test/NAME.mlir`.
# KILN_BUILD_DIR selects the build (default: build).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
iree="${1:?usage: iree-vm-tests.sh IREE_SRC [FORMS]}"
forms="${2:-bytecode,c}"
build="${KILN_BUILD_DIR:-$root/build}"
tests="$iree/runtime/src/iree/vm/test"
shopt -s nullglob
modules=("$tests"/*.mlir)
if [[ ${#modules[@]} -eq 0 ]]; then
  echo "no .mlir test modules in $tests (see the note at the top of this script)" >&2
  exit 2
fi
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT
python3 "$root/test/e2e/run_e2e.py" --bin "$build/bin" --out "$out" \
  --junit "$out/iree-vm-tests.xml" --forms "$forms" "${modules[@]}"
