#!/usr/bin/env bash
# Compile throughput of vm-translate --vm-to-bytecode on generated modules of
# 10,000 and 20,000 functions (about 50 ops each): wall and CPU time, peak
# memory, and the 20k/10k ratios (2.0 means the cost grows linearly). CPU
# time is the figure to compare on a loaded machine.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
bin="${KILN_BUILD_DIR:-$root/build}/bin"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
declare -A cpu mem
for n in 10000 20000; do
  python3 "$root/bench/compile/gen_module.py" "$n" -o "$work/gen$n.mlir"
  /usr/bin/time -f "%e %U %S %M" -o "$work/time$n" \
    "$bin/vm-translate" --vm-to-bytecode "$work/gen$n.mlir" -o "$work/gen$n.vmfb"
  read -r wall user sys rss <"$work/time$n"
  cpu[$n]=$(python3 -c "print($user + $sys)")
  mem[$n]=$rss
  printf '%6d functions: wall %6.2f s  cpu %6.2f s  peak %6d MB  .vmfb %d bytes\n' \
    "$n" "$wall" "${cpu[$n]}" $((rss / 1024)) "$(stat -c %s "$work/gen$n.vmfb")"
done
python3 -c "print('20k/10k ratio: cpu %.2f, peak memory %.2f' % (${cpu[20000]} / ${cpu[10000]}, ${mem[20000]} / ${mem[10000]}))"
