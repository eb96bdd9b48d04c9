#!/usr/bin/env bash
# Kiln's main job on the bundled samples: for each samples/*.mlir, parse,
# verify and canonicalize it with vm-opt and print the result.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="${KILN_BUILD_DIR:-$root/build}"

bash "$root/scripts/build.sh" vm-opt

for sample in "$root"/samples/*.mlir; do
  echo "=== $(basename "$sample") ==="
  "$build/bin/vm-opt" --canonicalize "$sample"
done
