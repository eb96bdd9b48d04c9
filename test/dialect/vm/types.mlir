// RUN: vm-opt -split-input-file %s | vm-opt -split-input-file | FileCheck %s

// CHECK-LABEL: func.func private @ref_types
// CHECK-SAME: !vm.buffer, !vm.ref<?>, !vm.opaque
func.func private @ref_types(!vm.buffer, !vm.ref<?>, !vm.opaque)

// -----

// The long spellings of buffer and list refs print in their short forms.
// CHECK-LABEL: func.func private @long_spellings
// CHECK-SAME: !vm.buffer, !vm.list<i32>, !vm.list<?>
func.func private @long_spellings(!vm.ref<buffer>, !vm.ref<list<i32>>, !vm.ref<list<?>>)

// -----

// CHECK-LABEL: func.func private @list_types
// CHECK-SAME: !vm.list<i8>, !vm.list<i16>, !vm.list<i32>, !vm.list<i64>
// CHECK-SAME: !vm.list<f32>, !vm.list<f64>, !vm.list<?>
// CHECK-SAME: !vm.list<!vm.buffer>, !vm.list<!vm.list<i32>>, !vm.list<!vm.ref<?>>
func.func private @list_types(!vm.list<i8>, !vm.list<i16>, !vm.list<i32>, !vm.list<i64>,
                              !vm.list<f32>, !vm.list<f64>, !vm.list<?>,
                              !vm.list<!vm.buffer>, !vm.list<!vm.list<i32>>, !vm.list<!vm.ref<?>>)

// -----

// Refs wrap object types of any dialect.
// CHECK-LABEL: func.func private @ref_of_tensor
// CHECK-SAME: !vm.ref<tensor<4xf32>>
func.func private @ref_of_tensor(!vm.ref<tensor<4xf32>>)
