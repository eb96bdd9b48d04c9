// What `python -m kiln.run_module` shares with run-module: inputs parsed
// from IREE's text syntax against the signature, results printed (or
// written with --output) the same way, --invocations on one vm::Loop.
#include <pybind11/stl.h>

#include "common.h"
#include "kiln/tooling/run.h"
#include "kiln/tooling/tensor_io.h"
#include "kiln/tooling/value_io.h"
#include "kiln/vm/invocation.h"
#include "kiln/vm/signature.h"

namespace kiln::python {
namespace {

// Returns the lines run-module prints for the results.
std::vector<std::string> run_with_text_inputs(py::handle function,
                                              const std::vector<std::string> &inputs,
                                              const std::vector<std::string> &outputs,
                                              int32_t invocations) {
  FunctionHolder &f = function_holder(function);
  ContextHolder &ctx = *f.context;
  hal::Device *device = nullptr;
  for (const std::string &input : inputs) {
    if (tooling::looks_like_tensor(input) || tooling::has_tensor_prefix(input)) {
      device = &ctx.device();
      break;
    }
  }
  auto parsed =
      tooling::parse_arguments(inputs, f.signature, f.name, ctx.instance->instance, device);
  // Bad inputs are usage errors (ValueError), not failed calls.
  if (!parsed.ok())
    throw py::value_error(parsed.status().to_string());
  vm::ValueList args = std::move(parsed).value();
  vm::ValueList results;
  if (invocations > 1) {
    check(tooling::invoke_concurrently(*ctx.context, f.function, args, invocations, &results));
  } else {
    check(vm::invoke(*ctx.context, f.function, args, &results));
  }
  drain_released_objects();
  if (outputs.size() > results.size()) {
    throw py::type_error(std::to_string(outputs.size()) + " --output flags for " +
                         std::to_string(results.size()) + " results");
  }
  std::vector<std::string> lines;
  for (size_t i = 0; i < results.size(); ++i) {
    if (i < outputs.size() && outputs[i] != "-") {
      vm::Status s = tooling::write_tensor_output(results[i], outputs[i]);
      if (!s.ok()) {
        s.annotate("result " + std::to_string(i));
        throw py::value_error(s.to_string());
      }
      continue;
    }
    lines.push_back(tooling::format_value(results[i]));
  }
  return lines;
}

} // namespace

void bind_tooling(py::module_ &m) {
  m.def("_run_with_text_inputs", &run_with_text_inputs, py::arg("function"), py::arg("inputs"),
        py::arg("outputs"), py::arg("invocations") = 1);
  m.def("_format_signature_types",
        [](const std::string &signature) { return vm::format_signature_types(signature); });
  m.def("_input_syntax_help", [] { return std::string(tooling::input_syntax_help()); });
}

} // namespace kiln::python
