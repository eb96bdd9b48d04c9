// For the fuzz targets and the .vmfb mutation check: load untrusted bytes
// and, when they load, verify and link, run every export under fuel, a
// deadline and a memory limit. Whatever the bytes are, this must return:
// no crash, no hang, no sanitizer report.
#ifndef KILN_BYTECODE_TESTING_RUN_EXPORTS_H_
#define KILN_BYTECODE_TESTING_RUN_EXPORTS_H_

#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

#include "kiln/bytecode/bytecode_module.h"
#include "kiln/modules/hal/api.h"
#include "kiln/modules/hal/module.h"
#include "kiln/vm/budget.h"
#include "kiln/vm/context.h"
#include "kiln/vm/instance.h"
#include "kiln/vm/invocation.h"
#include "kiln/vm/signature.h"

namespace kiln::bytecode::testing {

struct RunLimits {
  int64_t fuel = 200000;          // per call
  int64_t deadline_ms = 2000;     // per call
  size_t memory_bytes = 64 << 20; // per context
  int32_t max_exports = 64;
};

enum class Outcome {
  kRejected, // the loader, verifier or linker refused the module
  kRan,      // every export ran to a status (OK or an error)
};

struct RunReport {
  Outcome outcome = Outcome::kRejected;
  int32_t calls = 0;
  int32_t failed_calls = 0;
  int32_t limit_stops = 0; // calls ended by fuel, deadline or memory limit
};

// A private, 64-byte aligned copy of untrusted bytes: the loader reads it in
// place (it copies a less aligned input), so a sanitizer sees its reads.
class AlignedBytes {
public:
  AlignedBytes(const uint8_t *data, size_t size)
      : data_(static_cast<uint8_t *>(std::aligned_alloc(64, (size + 64) / 64 * 64))) {
    if (data_ && size)
      std::memcpy(data_, data, size);
  }
  ~AlignedBytes() { std::free(data_); }
  AlignedBytes(const AlignedBytes &) = delete;
  AlignedBytes &operator=(const AlignedBytes &) = delete;
  const uint8_t *data() const { return data_; }

private:
  uint8_t *data_;
};

// Arguments for `codes`: small integers (so loops run a little), zero
// floats, null refs. False for variadic signatures.
inline bool default_arguments(std::string_view codes, vm::ValueList *out) {
  out->clear();
  for (char c : codes) {
    switch (c) {
    case 'i':
      out->push_back(vm::Value::i32(3));
      break;
    case 'I':
      out->push_back(vm::Value::i64(3));
      break;
    case 'f':
      out->push_back(vm::Value::f32(0.5f));
      break;
    case 'F':
      out->push_back(vm::Value::f64(0.5));
      break;
    case 'r':
      out->push_back(vm::Value::ref(vm::Ref()));
      break;
    case 'v':
      break;
    default:
      return false;
    }
  }
  return true;
}

// One instance for the process (hal types registered once); each call gets
// a fresh context.
inline vm::Instance &shared_instance() {
  static vm::Instance *instance = [] {
    auto *i = new vm::Instance();
    (void)hal::register_types(*i);
    return i;
  }();
  return *instance;
}

inline RunReport run_exports(const uint8_t *data, size_t size,
                             const RunLimits &limits = RunLimits()) {
  RunReport report;
  vm::Instance &instance = shared_instance();
  AlignedBytes aligned(data, size);
  if (!aligned.data())
    return report;
  auto loaded = load_module(instance, aligned.data(), size, vm::Ref());
  if (!loaded.ok())
    return report;
  vm::Module *module = loaded->as<vm::Module>();
  vm::Context context(instance);
  if (!context.set_memory_limit(limits.memory_bytes).ok())
    return report;
  bool wants_hal = false;
  for (int32_t i = 0; i < module->import_count(); ++i) {
    std::string_view name = module->import_info(i).full_name;
    wants_hal |= name.substr(0, 4) == "hal." || name.substr(0, 6) == "check.";
  }
  hal::Modules hal_modules;
  if (wants_hal) {
    hal::DeviceOptions device;
    device.name = "local-sync";
    auto made = hal::create_modules(instance, device);
    if (!made.ok())
      return report;
    hal_modules = std::move(made).value();
    if (!context.register_module(hal_modules.hal.get()).ok())
      return report;
    if (!context.register_module(hal_modules.check.get()).ok())
      return report;
  }
  {
    // __init runs at registration: under the limits too.
    vm::ExecutionLimits init_limits;
    init_limits.fuel = limits.fuel;
    init_limits.deadline_ns = vm::now_ns() + limits.deadline_ms * 1000000;
    context.set_execution_limits(init_limits);
    vm::ScopedMemoryBudget memory(context.memory_budget());
    if (!context.register_module(*loaded).ok())
      return report;
  }
  report.outcome = Outcome::kRan;
  int32_t exports = module->export_count();
  if (exports > limits.max_exports)
    exports = limits.max_exports;
  for (int32_t e = 0; e < exports; ++e) {
    vm::Function fn = module->export_function(e);
    auto sig = vm::parse_signature(module->function_signature(fn));
    vm::ValueList args, results;
    if (!sig.ok() || !default_arguments(sig->arguments, &args))
      continue;
    vm::ExecutionLimits call_limits;
    call_limits.fuel = limits.fuel;
    call_limits.deadline_ns = vm::now_ns() + limits.deadline_ms * 1000000;
    context.set_execution_limits(call_limits);
    vm::Status s = vm::invoke(context, fn, args, &results);
    ++report.calls;
    if (!s.ok()) {
      ++report.failed_calls;
      if (s.code() == vm::StatusCode::kResourceExhausted ||
          s.code() == vm::StatusCode::kDeadlineExceeded) {
        ++report.limit_stops;
      }
    }
  }
  return report;
}

} // namespace kiln::bytecode::testing

#endif // KILN_BYTECODE_TESTING_RUN_EXPORTS_H_
