#!/usr/bin/env bash
# Kiln's main job on the bundled samples. For each samples/*.mlir:
#   1. lower it to the vm dialect (upstream func/arith/scf/memref input goes
#      through vm-opt --kiln-lower-to-vm; vm input is canonicalized);
#   2. compile it to bytecode (.vmfb) and run it with run-module;
#   3. compile it to C, build a shared library with cc, and run that too.
# The function and inputs come from the sample's "// SAMPLE-RUN:" line.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="${KILN_BUILD_DIR:-$root/build}"
bin="$build/bin"

bash "$root/scripts/build.sh" vm-opt vm-translate run-module

out="$build/samples"
mkdir -p "$out"
for sample in "$root"/samples/*.mlir; do
  name="$(basename "$sample" .mlir)"
  run_line="$(sed -n 's|^// SAMPLE-RUN: *||p' "$sample" | head -1)"
  read -r function inputs <<<"$run_line"
  echo "=== $name: $function $inputs"
  if grep -q "vm.module" "$sample"; then
    "$bin/vm-opt" --canonicalize "$sample" -o "$out/$name.vm.mlir"
  else
    "$bin/vm-opt" --kiln-lower-to-vm "$sample" -o "$out/$name.vm.mlir"
  fi
  "$bin/vm-translate" --vm-to-bytecode "$out/$name.vm.mlir" -o "$out/$name.vmfb"
  # shellcheck disable=SC2086
  echo "  bytecode: $("$bin/run-module" --module="$out/$name.vmfb" --function="$function" $inputs | tr '\n' ' ')"
  "$bin/vm-translate" --vm-to-c "$out/$name.vm.mlir" -o "$out/$name.c"
  cc -std=c11 -O2 -shared -fPIC -I"$root/runtime/include" "$out/$name.c" -lm -o "$out/$name.so"
  # shellcheck disable=SC2086
  echo "  C:        $("$bin/run-module" --module="$out/$name.so" --function="$function" $inputs | tr '\n' ' ')"
done
