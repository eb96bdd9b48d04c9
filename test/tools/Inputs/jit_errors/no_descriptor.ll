; The entry point returns no descriptor.
define ptr @kiln_module_v1_get() {
  ret ptr null
}
