#include "kiln/tooling/run.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <string>

#include "kiln/modules/hal/module.h"
#include "kiln/modules/runner_utils/module.h"
#include "kiln/modules/yieldable_test/module.h"
#include "kiln/tooling/tensor_io.h"
#include "kiln/tooling/value_io.h"
#include "kiln/vm/loop.h"
#include "kiln/vm/signature.h"

#if defined(KILN_TOOLING_HAVE_CMODULE)
#include "kiln/cmodule/c_module.h"
#endif

namespace kiln::tooling {

using vm::Status;
using vm::StatusOr;

namespace {

// A decimal integer in [min, max], with an optional k/m/g (binary) suffix
// when `suffixes`.
Status parse_bounded(const std::string &name, const std::string &text, int64_t min, int64_t max,
                     bool suffixes, int64_t *out) {
  auto bad = [&]() {
    return vm::invalid_argument_error(
        "--" + name + " needs an integer in [" + std::to_string(min) + ", " + std::to_string(max) +
        "]" + (suffixes ? " (k, m, g suffixes allowed)" : "") + ", got '" + text + "'");
  };
  std::string digits = text;
  int shift = 0;
  if (suffixes && !digits.empty()) {
    char c = static_cast<char>(digits.back() | 0x20);
    shift = c == 'k' ? 10 : c == 'm' ? 20 : c == 'g' ? 30 : 0;
    if (shift)
      digits.pop_back();
  }
  if (digits.empty() || digits.size() > 19)
    return bad();
  uint64_t u = 0;
  for (char c : digits) {
    if (c < '0' || c > '9')
      return bad();
    u = u * 10 + static_cast<uint64_t>(c - '0'); // 19 digits fit in 64 bits
  }
  if (u > static_cast<uint64_t>(INT64_MAX >> shift))
    return bad();
  int64_t v = static_cast<int64_t>(u << shift);
  if (v < min || v > max)
    return bad();
  *out = v;
  return Status();
}

} // namespace

vm::StackOptions stack_options(const RunFlags &flags) {
  vm::StackOptions options;
  if (flags.stack_size)
    options.storage_bytes = flags.stack_size;
  if (flags.max_stack_depth > 0) {
    options.max_depth = static_cast<int32_t>(flags.max_stack_depth);
    const size_t wanted =
        static_cast<size_t>(flags.max_stack_depth) * vm::StackOptions::kBytesPerFrame;
    if (!flags.stack_size && wanted > options.storage_bytes)
      options.storage_bytes = wanted;
  }
  return options;
}

vm::ExecutionLimits execution_limits(const RunFlags &flags) {
  vm::ExecutionLimits limits;
  limits.fuel = flags.fuel;
  if (flags.deadline_ms >= 0) {
    limits.deadline_ns = vm::now_ns() + flags.deadline_ms * 1000000;
  }
  return limits;
}

void warn_unbounded_modules(std::FILE *out, const vm::Context &context, const RunFlags &flags) {
  if (flags.fuel < 0 && flags.deadline_ms < 0)
    return;
#if defined(KILN_TOOLING_HAVE_CMODULE)
  for (int32_t i = 0; i < context.module_count(); ++i) {
    const kiln_module_desc_t *desc = cmodule::descriptor_of(context.module(i));
    if (desc && !(desc->flags & KILN_MODULE_FLAG_BOUNDED)) {
      std::fprintf(out,
                   "warning: C module '%s' was built without KILN_C_BOUNDED: "
                   "--fuel and --deadline are checked only when calls enter it, "
                   "not inside its loops (rebuild with -DKILN_C_BOUNDED=1)\n",
                   desc->name);
    }
  }
#else
  (void)out;
  (void)context;
#endif
}

void print_version(std::FILE *out, const char *tool) {
  std::fprintf(out, "Kiln %s %s\n", tool, KILN_VERSION);
}

Status parse_run_flags(int argc, char **argv, RunFlags *flags,
                       const std::vector<ExtraFlag> &extra) {
  for (int i = 1; i < argc; ++i) {
    std::string arg = argv[i];
    if (arg == "-h" || arg == "--help" || arg == "-help") {
      flags->help = true;
      continue;
    }
    if (arg == "--version" || arg == "-version") {
      flags->version = true;
      continue;
    }
    if (arg.size() < 2 || arg[0] != '-') {
      return vm::invalid_argument_error("unexpected argument '" + arg +
                                        "' (flags are --name=value; see --help)");
    }
    std::string body = arg.substr(arg[1] == '-' ? 2 : 1);
    std::string name = body, value;
    bool has_value = false;
    size_t eq = body.find('=');
    if (eq != std::string::npos) {
      name = body.substr(0, eq);
      value = body.substr(eq + 1);
      has_value = true;
    }
    std::replace(name.begin(), name.end(), '_', '-');
    auto take_value = [&](std::string *out) -> Status {
      if (has_value) {
        *out = value;
        return Status();
      }
      if (i + 1 >= argc) {
        return vm::invalid_argument_error("flag --" + name + " needs a value");
      }
      *out = argv[++i];
      return Status();
    };
    if (name == "module") {
      std::string v;
      KILN_RETURN_IF_ERROR(take_value(&v));
      flags->modules.push_back(v);
    } else if (name == "parameters") {
      std::string v;
      KILN_RETURN_IF_ERROR(take_value(&v));
      flags->parameters.push_back(v);
    } else if (name == "function") {
      KILN_RETURN_IF_ERROR(take_value(&flags->function));
    } else if (name == "input") {
      std::string v;
      KILN_RETURN_IF_ERROR(take_value(&v));
      flags->inputs.push_back(v);
    } else if (name == "output") {
      std::string v;
      KILN_RETURN_IF_ERROR(take_value(&v));
      flags->outputs.push_back(v);
    } else if (name == "device") {
      KILN_RETURN_IF_ERROR(take_value(&flags->device.name));
    } else if (name == "task-workers" || name == "invocations") {
      std::string v;
      KILN_RETURN_IF_ERROR(take_value(&v));
      bool workers = name == "task-workers";
      // Each worker is a thread and each invocation a VM stack: bounded so
      // a typo cannot exhaust the host.
      int64_t n;
      KILN_RETURN_IF_ERROR(
          parse_bounded(name, v, workers ? 0 : 1, workers ? 1024 : 10000, false, &n));
      if (workers)
        flags->device.workers = static_cast<int32_t>(n);
      else
        flags->invocations = static_cast<int32_t>(n);
    } else if (name == "max-stack-depth" || name == "stack-size") {
      std::string v;
      KILN_RETURN_IF_ERROR(take_value(&v));
      const bool depth = name == "max-stack-depth";
      // Frames and storage are preallocated per stack: bounded so a typo
      // cannot ask for the host's whole memory.
      int64_t n;
      KILN_RETURN_IF_ERROR(parse_bounded(
          name, v, 1, depth ? vm::StackOptions::kMaxDepthLimit : int64_t{UINT32_MAX} & ~int64_t{15},
          !depth, &n));
      if (depth)
        flags->max_stack_depth = n;
      else
        flags->stack_size = static_cast<size_t>(n);
    } else if (name == "memory-limit" || name == "fuel" || name == "deadline") {
      std::string v;
      KILN_RETURN_IF_ERROR(take_value(&v));
      int64_t n;
      // Deadlines up to a year of milliseconds (now_ns() + it cannot wrap).
      int64_t max = name == "deadline" ? int64_t{365} * 24 * 3600 * 1000 : INT64_MAX;
      KILN_RETURN_IF_ERROR(parse_bounded(name, v, 0, max, name == "memory-limit", &n));
      if (name == "memory-limit")
        flags->memory_limit = static_cast<size_t>(n);
      else if (name == "fuel")
        flags->fuel = n;
      else
        flags->deadline_ms = n;
    } else if (name == "expected-output") {
      std::string v;
      KILN_RETURN_IF_ERROR(take_value(&v));
      flags->expected_outputs.push_back(v);
    } else if (name == "expected-f16-threshold" || name == "expected-f32-threshold" ||
               name == "expected-f64-threshold") {
      std::string v;
      KILN_RETURN_IF_ERROR(take_value(&v));
      char *end = nullptr;
      double t = std::strtod(v.c_str(), &end);
      if (v.empty() || *end || !(t >= 0) || !std::isfinite(t)) {
        return vm::invalid_argument_error("--" + name +
                                          " needs a finite non-negative number, got '" + v + "'");
      }
      if (name == "expected-f16-threshold")
        flags->thresholds.f16 = t;
      else if (name == "expected-f32-threshold")
        flags->thresholds.f32 = t;
      else
        flags->thresholds.f64 = t;
    } else if (name == "trace" && !has_value) {
      flags->trace = true;
    } else if (name == "print-statistics" && !has_value) {
      flags->print_statistics = true;
    } else if (name == "profile") {
      KILN_RETURN_IF_ERROR(take_value(&flags->profile_path));
    } else if (name == "list-functions" && !has_value) {
      flags->list_functions = true;
    } else {
      bool matched = false;
      for (const ExtraFlag &flag : extra) {
        std::string flag_name = flag.name;
        std::replace(flag_name.begin(), flag_name.end(), '_', '-');
        if (name != flag_name)
          continue;
        matched = true;
        if (flag.takes_value) {
          KILN_RETURN_IF_ERROR(take_value(flag.value));
        } else {
          *flag.value = has_value ? value : "1";
        }
      }
      if (!matched) {
        return vm::invalid_argument_error("unknown flag '" + arg + "' (see --help)");
      }
    }
  }
  return Status();
}

Status register_utility_modules(vm::Instance &instance, vm::Context &context,
                                const vm::Module &importer,
                                std::vector<vm::RefT<vm::NativeModule>> *held) {
  using Factory = StatusOr<vm::RefT<vm::NativeModule>> (*)(vm::Instance &);
  struct Utility {
    std::string_view name;
    Factory create;
  };
  static constexpr Utility kUtilities[] = {
      {"runner_utils", &runner_utils::create_runner_utils_module},
      {"yieldable_test", &yieldable_test::create_yieldable_test_module},
  };
  for (const Utility &utility : kUtilities) {
    bool imported = false;
    for (int32_t i = 0; i < importer.import_count() && !imported; ++i) {
      std::string_view name = importer.import_info(i).full_name;
      imported = name.size() > utility.name.size() && name[utility.name.size()] == '.' &&
                 name.substr(0, utility.name.size()) == utility.name;
    }
    bool registered = false;
    for (const auto &module : *held)
      registered |= module->name() == utility.name;
    if (!imported || registered)
      continue;
    KILN_ASSIGN_OR_RETURN(vm::RefT<vm::NativeModule> module, utility.create(instance));
    KILN_RETURN_IF_ERROR(context.register_module(module.get()));
    held->push_back(std::move(module));
  }
  return Status();
}

Session::Session() : instance_(new vm::Instance()), context_(new vm::Context(*instance_)) {}

StatusOr<std::unique_ptr<Session>> Session::create(const std::vector<std::string> &module_paths,
                                                   const ModuleLoadOptions &options,
                                                   const hal::DeviceOptions &device,
                                                   const std::vector<std::string> &parameters) {
  std::unique_ptr<Session> session(new Session());
  session->device_options_ = device;
  if (module_paths.empty()) {
    return vm::invalid_argument_error("no --module given");
  }
  // Modules may name hal types (!vm.ref<!hal.buffer>): known before loading.
  KILN_RETURN_IF_ERROR(hal::register_types(*session->instance_));
  session->parameters_ = std::make_shared<io_parameters::Parameters>();
  for (const std::string &spec : parameters) {
    KILN_RETURN_IF_ERROR(session->parameters_->add_spec(spec));
  }
  std::vector<vm::Ref> modules;
  bool imports_hal = false, imports_check = false, imports_parameters = false;
  for (const std::string &path : module_paths) {
    auto module = load_module(*session->instance_, path, options);
    if (!module.ok())
      return std::move(module).status();
    vm::Module *m = module.value().as<vm::Module>();
    for (int32_t i = 0; i < m->import_count(); ++i) {
      std::string_view name = m->import_info(i).full_name;
      imports_hal |= name.substr(0, 4) == "hal.";
      imports_check |= name.substr(0, 6) == "check.";
      imports_parameters |= name.substr(0, 14) == "io_parameters.";
    }
    modules.push_back(std::move(module).value());
  }
  if (imports_parameters) {
    KILN_ASSIGN_OR_RETURN(session->io_parameters_, io_parameters::create_io_parameters_module(
                                                       *session->instance_, session->parameters_));
    KILN_RETURN_IF_ERROR(session->context_->register_module(session->io_parameters_.get()));
  }
  if (imports_hal || imports_check || imports_parameters) {
    KILN_ASSIGN_OR_RETURN(session->hal_, hal::create_modules(*session->instance_, device));
    KILN_RETURN_IF_ERROR(session->context_->register_module(session->hal_.hal.get()));
    if (imports_check) {
      KILN_RETURN_IF_ERROR(session->context_->register_module(session->hal_.check.get()));
    }
  }
  for (const vm::Ref &module : modules) {
    KILN_RETURN_IF_ERROR(register_utility_modules(*session->instance_, *session->context_,
                                                  *module.as<vm::Module>(),
                                                  &session->utility_modules_));
  }
  for (size_t i = 0; i < modules.size(); ++i) {
    Status s = session->context_->register_module(modules[i]);
    if (!s.ok()) {
      s.annotate("while registering module '" + module_paths[i] + "'");
      return s;
    }
  }
  return session;
}

StatusOr<vm::Function> Session::lookup_function(std::string_view name) const {
  if (name.empty())
    return vm::invalid_argument_error("no --function given");
  auto found = context_->lookup_function(name);
  if (found.ok())
    return found;
  // Say what there is: the exports of the module that was searched.
  vm::Module *module = nullptr;
  size_t dot = name.find('.');
  if (dot != std::string_view::npos)
    module = context_->find_module(name.substr(0, dot));
  if (!module)
    module = context_->module(context_->module_count() - 1);
  std::string exports;
  for (int32_t i = 0; i < module->export_count(); ++i) {
    if (!exports.empty())
      exports += ", ";
    exports += std::string(module->export_info(i).name);
  }
  Status s = std::move(found).status();
  s.annotate("module '" + std::string(module->name()) +
             "' exports: " + (exports.empty() ? std::string("nothing") : exports));
  return s;
}

std::string Session::function_full_name(const vm::Function &function) const {
  return std::string(function.module->name()) + "." + function.module->function_name(function);
}

std::string Session::function_signature(const vm::Function &function) const {
  return std::string(function.module->function_signature(function));
}

void Session::print_functions(std::FILE *out) const {
  for (int32_t m = 0; m < context_->module_count(); ++m) {
    vm::Module *module = context_->module(m);
    for (int32_t i = 0; i < module->export_count(); ++i) {
      vm::ExportInfo info = module->export_info(i);
      std::fprintf(out, "%.*s.%.*s  %.*s  %s\n", static_cast<int>(module->name().size()),
                   module->name().data(), static_cast<int>(info.name.size()), info.name.data(),
                   static_cast<int>(info.signature.size()), info.signature.data(),
                   vm::format_signature_types(info.signature).c_str());
    }
  }
}

void print_error(std::FILE *out, const Status &status) {
  std::string line = status.to_string();
  for (char &c : line) {
    if (c == '\n' || c == '\r')
      c = ' ';
  }
  std::fprintf(out, "error: %s\n", line.c_str());
  if (!status.has_trace())
    return;
  for (const std::string &line : vm::format_trace(status.trace())) {
    std::fprintf(out, "%s\n", line.c_str());
  }
}

StatusOr<vm::ValueList> parse_function_arguments(Session &session, const vm::Function &function,
                                                 const std::vector<std::string> &inputs) {
  std::string signature = session.function_signature(function);
  std::string name = session.function_full_name(function);
  if (signature.empty()) {
    return vm::failed_precondition_error("function '" + name + "' has no signature string");
  }
  // A device only when some input is a tensor (making one starts
  // local-task's workers).
  hal::Device *device = nullptr;
  for (const std::string &input : inputs) {
    if (!looks_like_tensor(input) && !has_tensor_prefix(input))
      continue;
    KILN_ASSIGN_OR_RETURN(device, session.tensor_device());
    break;
  }
  return parse_arguments(inputs, signature, name, session.instance(), device);
}

StatusOr<hal::Device *> Session::tensor_device() {
  if (!hal_.device) {
    KILN_ASSIGN_OR_RETURN(hal_, hal::create_modules(*instance_, device_options_));
  }
  return hal_.device.get();
}

Status invoke_concurrently(vm::Context &context, const vm::Function &function,
                           const vm::ValueList &args, int32_t count, vm::ValueList *results) {
  vm::Loop loop(context.stack_options());
  Status first_failure;
  bool have_results = false;
  for (int32_t i = 0; i < count; ++i) {
    loop.spawn(context, function, args, [&, i](Status s, vm::ValueList &r) {
      if (!s.ok()) {
        if (first_failure.ok()) {
          first_failure = std::move(s);
          first_failure.annotate("in invocation " + std::to_string(i) + " of " +
                                 std::to_string(count));
        }
        return;
      }
      if (i == 0) {
        *results = std::move(r);
        have_results = true;
      }
    });
  }
  KILN_RETURN_IF_ERROR(loop.run());
  if (!first_failure.ok())
    return first_failure;
  if (!have_results)
    return vm::internal_error("invocation 0 produced no results");
  return Status();
}

} // namespace kiln::tooling
