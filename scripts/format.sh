#!/usr/bin/env bash
# Formats Kiln's C and C++ sources with .clang-format, or checks them.
#
#   scripts/format.sh            format every tracked .c/.h/.cpp in place
#   scripts/format.sh --check    list the files that are not formatted; exit 1
#                                if there are any
#
# CLANG_FORMAT names the binary (default: clang-format).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
tool="${CLANG_FORMAT:-clang-format}"
mapfile -t files < <(git ls-files '*.c' '*.h' '*.cpp' 2>/dev/null ||
                     find compiler dialects runtime tools python bench test \
                       -name '*.c' -o -name '*.h' -o -name '*.cpp')
if [[ "${1:-}" != "--check" ]]; then
  "$tool" -i "${files[@]}"
  exit 0
fi
bad=0
for f in "${files[@]}"; do
  if ! "$tool" --dry-run -Werror "$f" >/dev/null 2>&1; then
    echo "not formatted: $f (scripts/format.sh formats it)"
    bad=1
  fi
done
exit "$bad"
