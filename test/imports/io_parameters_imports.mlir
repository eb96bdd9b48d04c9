// RUN: vm-opt -split-input-file -verify-diagnostics --vm-verify-known-imports %s | FileCheck %s

// The io_parameters module's declarations (runtime/imports/
// io_parameters.imports.mlir) are known to the compiler: matching imports
// pass, others are rejected at the import.
// CHECK-LABEL: vm.module public @good
vm.module @good {
  vm.import private @io_parameters.load(!vm.ref<!hal.device>, i64, !vm.ref<!hal.fence>, !vm.ref<!hal.fence>, !vm.buffer, i64, i32, i32, !vm.buffer, !vm.buffer, !vm.buffer) -> !vm.list<!vm.ref<!hal.buffer>>
  vm.import private @io_parameters.gather(!vm.ref<?>, i64, !vm.ref<?>, !vm.ref<?>, !vm.buffer, !vm.ref<?>, !vm.buffer, !vm.buffer, !vm.buffer)
  vm.import private @io_parameters.scatter(!vm.ref<!hal.device>, i64, !vm.ref<!hal.fence>, !vm.ref<!hal.fence>, !vm.ref<!hal.buffer>, !vm.buffer, !vm.buffer, !vm.buffer, !vm.buffer)
}

// -----

vm.module @wrong_affinity_type {
  // expected-error @+1 {{signature of 'io_parameters.gather' does not match the runtime's 'io_parameters' module}}
  vm.import private @io_parameters.gather(!vm.ref<?>, i32, !vm.ref<?>, !vm.ref<?>, !vm.buffer, !vm.ref<?>, !vm.buffer, !vm.buffer, !vm.buffer)
}

// -----

vm.module @unknown_export {
  // expected-error @+1 {{imports 'io_parameters.read', which the runtime's 'io_parameters' module does not export}}
  vm.import private @io_parameters.read(!vm.buffer) -> !vm.buffer
}
