#!/usr/bin/env bash
# Configures (once) and builds Kiln incrementally into build/.
# Usage: scripts/build.sh [extra ninja targets...]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="${KILN_BUILD_DIR:-$root/build}"

bash "$root/scripts/deps.sh"

if [[ ! -f "$build/build.ninja" ]]; then
  cmake -G Ninja -S "$root" -B "$build" -DCMAKE_BUILD_TYPE=Release >/dev/null
fi
jobs="${KILN_JOBS:-$(nproc)}"
ninja -C "$build" -j "$jobs" "$@"
