// What run-module and benchmark-module share: command-line flags, a
// context built from module files, function lookup and error printing.
#ifndef KILN_TOOLING_RUN_H_
#define KILN_TOOLING_RUN_H_

#include <cstdint>
#include <cstdio>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "kiln/modules/hal/api.h"
#include "kiln/modules/io_parameters/module.h"
#include "kiln/tooling/expected_output.h"
#include "kiln/tooling/module_loader.h"
#include "kiln/vm/budget.h"
#include "kiln/vm/context.h"
#include "kiln/vm/instance.h"
#include "kiln/vm/module.h"
#include "kiln/vm/native_module.h"
#include "kiln/vm/status.h"
#include "kiln/vm/value.h"

namespace kiln::tooling {

// The flags common to the run tools.
struct RunFlags {
  std::vector<std::string> modules; // --module=PATH, in registration order
  std::string function;             // --function=NAME or MODULE.NAME
  std::vector<std::string> inputs;  // --input=VALUE, in argument order
  std::vector<std::string> outputs; // --output=@PATH|+PATH|-, per result
  // --parameters=[SCOPE=]PATH, repeatable (IREE's syntax): parameter files
  // for the io_parameters module.
  std::vector<std::string> parameters;
  bool trace = false;            // --trace
  bool print_statistics = false; // --print-statistics
  std::string profile_path;      // --profile=PATH (kiln/tooling/profiler.h)
  bool list_functions = false;   // --list-functions
  bool help = false;             // --help / -h
  bool version = false;          // --version
  // --expected-output=VALUE, one per result (IREE's --expected_output), and
  // the float thresholds (--expected-f16/f32/f64-threshold).
  std::vector<std::string> expected_outputs;
  ExpectedThresholds thresholds;
  // The device of the hal module, created when a module imports hal.* or
  // check.*: --device=local-task|local-sync, --task-workers=N (0: one per
  // core).
  hal::DeviceOptions device;
  // --invocations=N: run the function N times concurrently on one thread.
  int32_t invocations = 1;
  // Limits (kiln/vm/budget.h). --memory-limit=BYTES[k|m|g]: host memory the
  // context's calls and inputs may hold; --fuel=N: units of work per call
  // (one per backward branch and per call); --deadline=MS: wall-clock
  // milliseconds per call.
  size_t memory_limit = SIZE_MAX;
  // The VM stack (kiln/vm/stack.h): --max-stack-depth=N frames and
  // --stack-size=BYTES[k|m|g] of frame storage; 0 keeps the default (a
  // 1 MiB budget, 8,192 frames).
  int64_t max_stack_depth = 0;
  size_t stack_size = 0;
  int64_t fuel = -1;
  int64_t deadline_ms = -1;
};

// The VM stack options of `flags`. A depth given alone brings storage for
// that many frames of the default estimate (kBytesPerFrame) with it, so
// --max-stack-depth=100000 is not cut short by the default byte budget.
vm::StackOptions stack_options(const RunFlags &flags);

// The execution limits of `flags`, with the deadline counted from now.
vm::ExecutionLimits execution_limits(const RunFlags &flags);

// With --fuel or --deadline: warns on `out` about every C module of
// `context` built without KILN_C_BOUNDED (it is charged only when calls
// enter it, not inside its loops).
void warn_unbounded_modules(std::FILE *out, const vm::Context &context, const RunFlags &flags);

// A flag the tool itself handles (e.g. benchmark-module's --repetitions).
struct ExtraFlag {
  const char *name;        // without dashes, e.g. "repetitions"
  std::string *value;      // receives the text after '=' (or next argv)
  bool takes_value = true; // false: a boolean switch, value set to "1"
};

// "Kiln TOOL VERSION" (--version).
void print_version(std::FILE *out, const char *tool);

// Registers in `context` each of the runtime's modules for test programs
// (runner_utils, yieldable_test) that `importer` imports and `held` does
// not hold yet; `held` keeps the registered ones. run-module and the Python
// Context call it before registering `importer`.
vm::Status register_utility_modules(vm::Instance &instance, vm::Context &context,
                                    const vm::Module &importer,
                                    std::vector<vm::RefT<vm::NativeModule>> *held);

// Parses `--name=value` and `--name value` forms (one or two dashes);
// '_' and '-' in names are the same (IREE spells its flags with '_').
// Unknown flags and stray positional arguments are errors.
vm::Status parse_run_flags(int argc, char **argv, RunFlags *flags,
                           const std::vector<ExtraFlag> &extra = {});

// An instance and a context with the modules of RunFlags registered in order.
class Session {
public:
  // Registers the hal types with the instance, loads the modules and, when
  // any of them imports hal.* or check.*, registers those modules (on a
  // device made from `device`) before them, as IREE's tools do. The
  // `parameters` specs ("[SCOPE=]PATH") are opened and indexed; when a
  // module imports io_parameters.*, that module (serving them) comes first.
  static vm::StatusOr<std::unique_ptr<Session>>
  create(const std::vector<std::string> &module_paths, const ModuleLoadOptions &options,
         const hal::DeviceOptions &device = hal::DeviceOptions(),
         const std::vector<std::string> &parameters = {});

  vm::Instance &instance() { return *instance_; }
  // The hal module's device, or null when no module imports hal or check.
  hal::Device *device() const { return hal_.device.get(); }
  // The device tensor inputs are allocated on: the hal module's, else one
  // made now (not registered: the program does not import hal).
  vm::StatusOr<hal::Device *> tensor_device();
  vm::Context &context() { return *context_; }

  // "NAME" (export of the last module) or "MODULE.NAME". The error lists the
  // exports of the module that was searched.
  vm::StatusOr<vm::Function> lookup_function(std::string_view name) const;
  // "module.name".
  std::string function_full_name(const vm::Function &function) const;
  // The export signature of `function` ("0ii_i").
  std::string function_signature(const vm::Function &function) const;

  // "module.export  signature  (types) -> types" lines for every registered
  // module.
  void print_functions(std::FILE *out) const;

private:
  Session();
  std::unique_ptr<vm::Instance> instance_;
  hal::Modules hal_;
  std::shared_ptr<io_parameters::Parameters> parameters_;
  vm::RefT<vm::NativeModule> io_parameters_;
  std::vector<vm::RefT<vm::NativeModule>> utility_modules_;
  hal::DeviceOptions device_options_;
  std::unique_ptr<vm::Context> context_;
};

// Prints "error: <one line>" and then one line per VM stack frame.
void print_error(std::FILE *out, const vm::Status &status);

// Parses the inputs against the function's signature.
vm::StatusOr<vm::ValueList> parse_function_arguments(Session &session, const vm::Function &function,
                                                     const std::vector<std::string> &inputs);

// Runs `function` `count` times concurrently on one vm::Loop (this thread)
// with the same arguments. OK when every invocation succeeded (`results`
// gets the first one's results); otherwise the first failure.
vm::Status invoke_concurrently(vm::Context &context, const vm::Function &function,
                               const vm::ValueList &args, int32_t count, vm::ValueList *results);

} // namespace kiln::tooling

#endif // KILN_TOOLING_RUN_H_
