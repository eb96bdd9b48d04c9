; The entry point calls a function that nothing defines.
declare ptr @kiln_test_nowhere()

define ptr @kiln_module_v1_get() {
  %d = call ptr @kiln_test_nowhere()
  ret ptr %d
}
