#!/usr/bin/env bash
# Compile-time scaling of vm-translate along each axis a module can grow on
# (gen_axes.py, plus gen_module.py for the number of functions): for every
# axis and both targets (--vm-to-bytecode, --vm-to-c) it compiles a module
# of size N and one of size 2N and prints CPU seconds (user + sys, the
# figure to trust on a loaded machine), peak memory and the 2N/N CPU ratio.
# Linear passes give about 2.0; the target is <= 2.2 everywhere.
#
# usage: scaling.sh [AXIS...]    (default: all axes)
#   KILN_SCALE=0.5 halves every N (quicker, noisier ratios).
#   KILN_SCALE_TARGETS="--vm-to-c" measures one target only.
#   KILN_SCALE_REPS=3 compiles each module that many times, N and 2N
#   alternating, and keeps the least CPU time of each (default 3): on a
#   shared machine one run can be 15% off, which alone moves a ratio from
#   2.0 to 2.3.
#   KILN_SCALE_MEASURE=instructions counts executed instructions instead
#   (valgrind --tool=callgrind, about 50x slower, one run each). The count
#   does not depend on the machine's load or caches, so its ratio shows
#   whether the compiler's work is linear; the CPU ratio adds what cache
#   misses cost once one function or module outgrows the caches.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
bin="${KILN_BUILD_DIR:-$root/build}/bin"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
scale="${KILN_SCALE:-1}"
reps="${KILN_SCALE_REPS:-3}"

# N per axis: large enough that a compile takes about a second or more.
declare -A base=(
  [functions]=5000
  [globals]=35000
  [rodata]=10000
  [rodata_bytes]=8192
  [blocks]=10000
  [live_calls]=5000
  [call_depth]=2000
)
targets=(${KILN_SCALE_TARGETS:---vm-to-bytecode --vm-to-c})
axes=("$@")
[[ ${#axes[@]} -eq 0 ]] && axes=(functions globals rodata rodata_bytes blocks live_calls call_depth)

generate() { # axis n out
  if [[ $1 == functions ]]; then
    python3 "$root/bench/compile/gen_module.py" "$2" -o "$3"
  else
    python3 "$root/bench/compile/gen_axes.py" "$1" "$2" -o "$3"
  fi
}

count_instructions() { # target input -> "instructions 0"
  valgrind --tool=callgrind --callgrind-out-file="$work/cg.out" \
    "$bin/vm-translate" "$1" "$2" -o "$work/out" >"$work/err" 2>&1 || {
    echo "vm-translate $1 $2 failed under valgrind:" >&2
    tail -5 "$work/err" >&2
    exit 1
  }
  sed -n 's/.*Collected : \([0-9]*\).*/\1 0/p' "$work/err"
}

time_once() { # target input -> "cpu rss_kb" of one compile
  local status=0
  /usr/bin/time -f "%U %S %M" -o "$work/time" \
    "$bin/vm-translate" "$1" "$2" -o "$work/out" 2>"$work/err" || status=$?
  if [[ $status -ne 0 ]]; then
    echo "vm-translate $1 $2 failed:" >&2
    head -5 "$work/err" >&2
    exit 1
  fi
  read -r user sys rss <"$work/time"
  python3 -c "print('%.2f' % ($user + $sys), $rss)"
}

measure_pair() { # target input(N) input(2N) -> "cpu(N) rss(N) cpu(2N) rss(2N)"
  if [[ ${KILN_SCALE_MEASURE:-cpu} == instructions ]]; then
    echo "$(count_instructions "$1" "$2") $(count_instructions "$1" "$3")"
    return
  fi
  # N and 2N alternate, so both see the same spells of load on a shared
  # machine; each keeps its least CPU time.
  local i c1="" m1=0 c2="" m2=0 c m
  for ((i = 0; i < reps; ++i)); do
    read -r c m < <(time_once "$1" "$2")
    if [[ -z $c1 ]] || python3 -c "import sys; sys.exit(0 if $c < $c1 else 1)"; then c1=$c; fi
    ((m > m1)) && m1=$m
    read -r c m < <(time_once "$1" "$3")
    if [[ -z $c2 ]] || python3 -c "import sys; sys.exit(0 if $c < $c2 else 1)"; then c2=$c; fi
    ((m > m2)) && m2=$m
  done
  echo "$c1 $m1 $c2 $m2"
}

unit=cpu
if [[ ${KILN_SCALE_MEASURE:-cpu} == instructions ]]; then
  command -v valgrind >/dev/null || { echo "KILN_SCALE_MEASURE=instructions needs valgrind" >&2; exit 1; }
  unit=instr
fi
printf '%-13s %-16s %8s %12s %12s %7s %7s\n' axis target N "$unit(N)" "$unit(2N)" ratio "MB(2N)"
for axis in "${axes[@]}"; do
  n=$(python3 -c "print(max(1, int(${base[$axis]} * $scale)))")
  generate "$axis" "$n" "$work/n.mlir"
  generate "$axis" $((2 * n)) "$work/2n.mlir"
  for target in "${targets[@]}"; do
    read -r c1 m1 c2 m2 < <(measure_pair "$target" "$work/n.mlir" "$work/2n.mlir")
    ratio=$(python3 -c "print('%.2f' % ($c2 / max($c1, 0.01)))")
    printf '%-13s %-16s %8d %12s %12s %7s %7d\n' "$axis" "$target" "$n" "$c1" "$c2" "$ratio" $((m2 / 1024))
  done
done
