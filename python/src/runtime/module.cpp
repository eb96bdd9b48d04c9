// kiln._runtime: the extension behind kiln.runtime (python/kiln/runtime.py
// adds the Python-side conveniences).
#include "common.h"

PYBIND11_MODULE(_runtime, m) {
  namespace kp = kiln::python;
  m.doc() = "Kiln runtime bindings (use kiln.runtime)";
  kp::register_error_translator();
  kp::bind_values(m);
  kp::bind_ndarray(m);
  kp::bind_context(m);
  kp::bind_function(m);
  kp::bind_native(m);
  kp::bind_async(m);
  kp::bind_tooling(m);
}
