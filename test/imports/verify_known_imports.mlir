// RUN: vm-opt -split-input-file -verify-diagnostics --vm-verify-known-imports %s | FileCheck %s
// RUN: not vm-translate --vm-to-bytecode %S/Inputs/bad_hal_import.mlir -o /dev/null 2>&1 | FileCheck %s --check-prefix=TRANSLATE
// RUN: not vm-translate --vm-to-c %S/Inputs/bad_hal_import.mlir -o /dev/null 2>&1 | FileCheck %s --check-prefix=TRANSLATE

// TRANSLATE: bad_hal_import.mlir:4:3: error: 'vm.import' op signature of 'hal.buffer_view.dim' does not match the runtime's 'hal' module: declared (!vm.ref<!hal.buffer_view>, i64) -> i64, but the module exports (!vm.ref<!hal.buffer_view>, i32) -> i64

// Imports that match the declarations pass, named or not, with or without
// other attributes; imports of other modules are not checked.
// CHECK-LABEL: vm.module public @good
vm.module @good {
  vm.import private @hal.buffer_view.dim(%view : !vm.ref<!hal.buffer_view>, %i : i32) -> i64
  vm.import private @hal.buffer_view.create(!vm.ref<!hal.buffer>, i64, i64, i32, i32, i64 ...) -> !vm.ref<!hal.buffer_view>
  vm.import private @hal.fence.await(%timeout : i32, %flags : i64, %fences : !vm.ref<!hal.fence> ...) -> i32 attributes {vm.yield}
  vm.import private @hal.allocator.select(i32, i32, i64, tuple<!vm.ref<!hal.device>, i64> ...) -> (!vm.ref<!hal.device>, i64)
  vm.import private optional @check.expect_almost_eq(!vm.ref<!hal.device>, !vm.ref<!hal.buffer_view>, !vm.ref<!hal.buffer_view>, f32, f32)
  vm.import private @check.expect_true(i32)
  vm.import private @mylib.anything(i64) -> i64
  vm.import private @halfway.there(i32)
  // !vm.ref<?> stands for any ref type.
  vm.import private @hal.buffer_view.buffer(!vm.ref<?>) -> !vm.ref<?>
  vm.import private @hal.command_buffer.dispatch(!vm.ref<?>, !vm.ref<?>, i64, i32, i32, i32, i64, i32 ..., tuple<i32, i32, !vm.ref<?>, i64, i64> ...)
}

// -----

vm.module @wrong_argument_type {
  // expected-error @+1 {{signature of 'hal.buffer_view.dim' does not match the runtime's 'hal' module: declared (!vm.ref<!hal.buffer_view>, i64) -> i64, but the module exports (!vm.ref<!hal.buffer_view>, i32) -> i64}}
  vm.import private @hal.buffer_view.dim(!vm.ref<!hal.buffer_view>, i64) -> i64
}

// -----

vm.module @ref_is_not_a_scalar {
  // expected-error @+1 {{declared (!vm.ref<?>, i64) -> i64}}
  vm.import private @hal.buffer_view.dim(!vm.ref<?>, i64) -> i64
}

// -----

vm.module @wrong_ref_type {
  // expected-error @+1 {{declared (!vm.ref<!hal.buffer>) -> i32, but the module exports (!vm.ref<!hal.buffer_view>) -> i32}}
  vm.import private @hal.buffer_view.rank(!vm.ref<!hal.buffer>) -> i32
}

// -----

vm.module @missing_result {
  // expected-error @+1 {{declared (!vm.ref<!hal.fence>), but the module exports (!vm.ref<!hal.fence>) -> i32}}
  vm.import private @hal.fence.query(!vm.ref<!hal.fence>)
}

// -----

vm.module @not_variadic {
  // expected-error @+1 {{declared (i64, !vm.ref<!hal.fence>) -> !vm.ref<!hal.fence>, but the module exports (i64, !vm.ref<!hal.fence> ...) -> !vm.ref<!hal.fence>}}
  vm.import private @hal.fence.join(i64, !vm.ref<!hal.fence>) -> !vm.ref<!hal.fence>
}

// -----

vm.module @missing_yield {
  // expected-error @+1 {{declared (i32, i64, !vm.ref<!hal.fence> ...) -> i32, but the module exports (i32, i64, !vm.ref<!hal.fence> ...) -> i32 {vm.yield}}}
  vm.import private @hal.fence.await(i32, i64, !vm.ref<!hal.fence> ...) -> i32
}

// -----

vm.module @unknown_function {
  // expected-error @+1 {{imports 'hal.buffer_view.shape', which the runtime's 'hal' module does not export}}
  vm.import private @hal.buffer_view.shape(!vm.ref<!hal.buffer_view>) -> i64
}

// -----

vm.module @check_mismatch {
  // expected-error @+1 {{signature of 'check.expect_eq' does not match the runtime's 'check' module}}
  vm.import private @check.expect_eq(!vm.ref<!hal.buffer_view>, !vm.ref<!hal.buffer_view>)
}
