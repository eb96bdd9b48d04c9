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
#   KILN_SCALE_REPS=5 compiles each module that many times, N and 2N
#   alternating (each 2N compile after an untimed one, see measure_pair),
#   and keeps the least CPU time of each (default 5): on a shared machine
#   one run can be 15% off, which alone moves a ratio from 2.0 to 2.3.
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
reps="${KILN_SCALE_REPS:-5}"

# N per axis: large enough that a compile takes about a second or more.
declare -A base=(
  [functions]=5000
  [globals]=35000
  [rodata]=20000
  [rodata_bytes]=16384
  [blocks]=10000
  [live_calls]=10000
  [call_depth]=16000
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

measure_pair() { # target input(N) input(2N) -> "cpu(N) rss(N) cpu(2N) rss(2N) pair-median"
  if [[ ${KILN_SCALE_MEASURE:-cpu} == instructions ]]; then
    read -r c1 m1 < <(count_instructions "$1" "$2")
    read -r c2 m2 < <(count_instructions "$1" "$3")
    echo "$c1 $m1 $c2 $m2 $(python3 -c "print('%.2f' % ($c2 / $c1))")"
    return
  fi
  # N and 2N alternate, so both see the same spells of load on a shared
  # machine; each keeps its least CPU time. The median of the ratios of
  # the pairs run back to back is printed too: when the two disagree, the
  # machine's load moved during the run.
  local i c m cs1=() cs2=() m1=0 m2=0
  # One untimed compile first: the first run after the machine was busy
  # (or after generating the inputs) was up to a quarter slower in user
  # time with no page faults, steal or compaction to account for it, and
  # would otherwise land on the N side of the first pair.
  time_once "$1" "$3" >/dev/null
  for ((i = 0; i < reps; ++i)); do
    read -r c m < <(time_once "$1" "$2")
    cs1+=("$c")
    ((m > m1)) && m1=$m
    # The 2N compile runs twice and the second is timed. This machine's
    # kernel reports free 2 MiB blocks to the hypervisor within seconds
    # (virtio-balloon free page reporting) and the host drops them, so a
    # run that touches more memory than the one before it pays the host's
    # faults for the difference in sys time: 20,000 blocks to C took 0.30 s
    # of sys right after a 10,000-block run and 0.11-0.16 s right after
    # itself. The N compile needs no such help, as it follows a larger one.
    time_once "$1" "$3" >/dev/null
    read -r c m < <(time_once "$1" "$3")
    cs2+=("$c")
    ((m > m2)) && m2=$m
  done
  python3 - "$m1" "$m2" "${#cs1[@]}" "${cs1[@]}" "${cs2[@]}" <<'PY'
import statistics, sys
m1, m2, n = sys.argv[1], sys.argv[2], int(sys.argv[3])
a = [float(x) for x in sys.argv[4:4 + n]]
b = [float(x) for x in sys.argv[4 + n:]]
pairs = statistics.median(y / max(x, 0.01) for x, y in zip(a, b))
print('%.2f %s %.2f %s %.2f' % (min(a), m1, min(b), m2, pairs))
PY
}

unit=cpu
if [[ ${KILN_SCALE_MEASURE:-cpu} == instructions ]]; then
  command -v valgrind >/dev/null || { echo "KILN_SCALE_MEASURE=instructions needs valgrind" >&2; exit 1; }
  unit=instr
fi
printf '%-13s %-16s %8s %12s %12s %7s %7s %7s\n' axis target N "$unit(N)" "$unit(2N)" ratio pairs "MB(2N)"
for axis in "${axes[@]}"; do
  n=$(python3 -c "print(max(1, int(${base[$axis]} * $scale)))")
  generate "$axis" "$n" "$work/n.mlir"
  generate "$axis" $((2 * n)) "$work/2n.mlir"
  for target in "${targets[@]}"; do
    read -r c1 m1 c2 m2 pairs < <(measure_pair "$target" "$work/n.mlir" "$work/2n.mlir")
    ratio=$(python3 -c "print('%.2f' % ($c2 / max($c1, 0.01)))")
    printf '%-13s %-16s %8d %12s %12s %7s %7s %7d\n' "$axis" "$target" "$n" "$c1" "$c2" "$ratio" "$pairs" $((m2 / 1024))
  done
done
