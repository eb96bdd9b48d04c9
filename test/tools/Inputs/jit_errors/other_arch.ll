; A C-ABI module's entry point, compiled for another architecture.
target triple = "aarch64-unknown-linux-gnu"

define ptr @kiln_module_v1_get() {
  ret ptr null
}
