// The yieldable_test module (see kiln/modules/yieldable_test/module.h).
#include "kiln/modules/yieldable_test/module.h"

#include <cstring>

#include "../packed_args.h"

namespace kiln::yieldable_test {
namespace {

// A suspended call's progress lives in its frame's token: the suspensions
// still to come (high half) and the running result (low half).
vm::StatusOr<int32_t> resume(vm::NativeCall &call, uint64_t token);

// Suspends once more (adding one to the result) while any remain.
vm::StatusOr<int32_t> suspend_or_finish(vm::NativeCall &call, uint32_t remaining, uint32_t value) {
  if (remaining == 0)
    return static_cast<int32_t>(value);
  return call.defer(&resume, (uint64_t{remaining - 1} << 32) | (value + 1u));
}

vm::StatusOr<int32_t> resume(vm::NativeCall &call, uint64_t token) {
  return suspend_or_finish(call, static_cast<uint32_t>(token >> 32), static_cast<uint32_t>(token));
}

uint32_t suspensions(int32_t yield_count) {
  return yield_count > 0 ? static_cast<uint32_t>(yield_count) : 0u;
}

} // namespace

vm::StatusOr<vm::RefT<vm::NativeModule>> create_yieldable_test_module(vm::Instance &) {
  auto module = vm::NativeModule::create("yieldable_test");
  module->export_function("yield_n", [](vm::NativeCall &call, int32_t arg, int32_t yield_count) {
    return suspend_or_finish(call, suspensions(yield_count), static_cast<uint32_t>(arg));
  });
  module->export_packed(
      "yield_variadic_sum", "CiDi", "i",
      [](vm::NativeCall &call, vm::ByteSpan arguments, vm::ByteSpan results) -> vm::Status {
        modules::PackedArgs args(arguments);
        int32_t count = args.span_count();
        uint32_t sum = 0;
        for (int32_t i = 0; i < count && args.ok(); ++i)
          sum += static_cast<uint32_t>(args.i32());
        int32_t yield_count = args.i32();
        if (!args.ok())
          return args.error();
        vm::StatusOr<int32_t> r = suspend_or_finish(call, suspensions(yield_count), sum);
        if (!r.ok())
          return std::move(r).status(); // DEFERRED: resume() finishes
        int32_t value = r.value();
        std::memcpy(results.data, &value, sizeof(value));
        return vm::Status();
      });
  return module;
}

} // namespace kiln::yieldable_test
