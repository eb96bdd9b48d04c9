#!/usr/bin/env bash
# Kiln's main job on the bundled samples. For each samples/*.mlir (written in
# the vm dialect or in upstream func/arith/math/scf/memref, which vm-translate
# lowers itself):
#   1. compile it to bytecode (.vmfb) and run it with run-module;
#   2. compile it to C, build a shared library with cc, and run that too.
# The function and inputs come from the sample's "// SAMPLE-RUN:" line, extra
# vm-translate flags from an optional "// SAMPLE-FLAGS:" line.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="${KILN_BUILD_DIR:-$root/build}"
bin="$build/bin"

bash "$root/scripts/build.sh" vm-translate run-module

out="$build/samples"
mkdir -p "$out"
for sample in "$root"/samples/*.mlir; do
  name="$(basename "$sample" .mlir)"
  run_line="$(sed -n 's|^// SAMPLE-RUN: *||p' "$sample" | head -1)"
  read -r function inputs <<<"$run_line"
  flags="$(sed -n 's|^// SAMPLE-FLAGS: *||p' "$sample" | head -1)"
  echo "=== $name: $function $inputs"
  # shellcheck disable=SC2086
  "$bin/vm-translate" --vm-to-bytecode $flags "$sample" -o "$out/$name.vmfb"
  # shellcheck disable=SC2086
  echo "  bytecode: $("$bin/run-module" --module="$out/$name.vmfb" --function="$function" $inputs | tr '\n' ' ')"
  # shellcheck disable=SC2086
  "$bin/vm-translate" --vm-to-c $flags "$sample" -o "$out/$name.c"
  cc -std=c11 -O2 -shared -fPIC -I"$root/runtime/include" "$out/$name.c" -lm -o "$out/$name.so"
  # shellcheck disable=SC2086
  echo "  C:        $("$bin/run-module" --module="$out/$name.so" --function="$function" $inputs | tr '\n' ' ')"
done
