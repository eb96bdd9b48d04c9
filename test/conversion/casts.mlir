// RUN: vm-opt --convert-to-vm %s | FileCheck %s

// CHECK-LABEL: vm.func @ints
func.func @ints(%a: i8, %b: i32, %c: i64, %d: i1) -> (i32, i64, i64, i16, i8, i32, i64) {
  // CHECK: vm.ext.i8.i32.s
  %0 = arith.extsi %a : i8 to i32
  // CHECK: vm.ext.i32.i64.s
  %1 = arith.extsi %b : i32 to i64
  // CHECK: vm.ext.i32.i64.u
  %2 = arith.extui %b : i32 to i64
  // CHECK: vm.ext.i8.i32.s
  // CHECK: vm.ext.i16.i32.u
  %3 = arith.extsi %a : i8 to i16
  // CHECK: vm.trunc.i64.i32
  // CHECK: vm.ext.i8.i32.u
  %4 = arith.trunci %c : i64 to i8
  // CHECK: vm.const.i32 0
  // CHECK: vm.sub.i32
  %5 = arith.extsi %d : i1 to i32
  // CHECK: vm.ext.i32.i64.s
  %6 = arith.index_cast %b : i32 to index
  %7 = arith.index_cast %6 : index to i64
  return %0, %1, %2, %3, %4, %5, %7 : i32, i64, i64, i16, i8, i32, i64
}

// CHECK-LABEL: vm.func @to_float
func.func @to_float(%a: i32, %b: i64, %c: i8) -> (f32, f64, f32, f64, f32) {
  // CHECK: vm.cast.si32.f32
  %0 = arith.sitofp %a : i32 to f32
  // CHECK: vm.ext.i32.i64.s
  // CHECK: vm.cast.si64.f64
  %1 = arith.sitofp %a : i32 to f64
  // CHECK: vm.cast.ui64.f32
  %2 = arith.uitofp %b : i64 to f32
  // CHECK: vm.ext.i32.i64.u
  // CHECK: vm.cast.ui64.f64
  %3 = arith.uitofp %a : i32 to f64
  // CHECK: vm.ext.i8.i32.s
  // CHECK: vm.cast.si32.f32
  %4 = arith.sitofp %c : i8 to f32
  return %0, %1, %2, %3, %4 : f32, f64, f32, f64, f32
}

// Truncation toward zero before vm's round-to-nearest cast.
// CHECK-LABEL: vm.func @to_int
func.func @to_int(%a: f32, %b: f64) -> (i32, i64, i32, i64) {
  // CHECK: vm.cmp.lt.f32.o
  // CHECK: vm.ceil.f32
  // CHECK: vm.floor.f32
  // CHECK: vm.select.f32
  // CHECK: vm.cast.f32.si32
  %0 = arith.fptosi %a : f32 to i32
  // CHECK: vm.cast.f32.ui64
  %1 = arith.fptoui %a : f32 to i64
  // CHECK: vm.cast.f64.si64
  // CHECK: vm.trunc.i64.i32
  %2 = arith.fptosi %b : f64 to i32
  // CHECK: vm.cast.f64.ui64
  %3 = arith.fptoui %b : f64 to i64
  return %0, %1, %2, %3 : i32, i64, i32, i64
}

// CHECK-LABEL: vm.func @floats
func.func @floats(%a: f32, %b: f64, %i: i32, %j: i64) -> (f64, f32, i32, f32, i64, f64) {
  // CHECK: vm.ext.f32.f64
  %0 = arith.extf %a : f32 to f64
  // CHECK: vm.trunc.f64.f32
  %1 = arith.truncf %b : f64 to f32
  // CHECK: vm.bitcast.f32.i32
  %2 = arith.bitcast %a : f32 to i32
  // CHECK: vm.bitcast.i32.f32
  %3 = arith.bitcast %i : i32 to f32
  // CHECK: vm.bitcast.f64.i64
  %4 = arith.bitcast %b : f64 to i64
  // CHECK: vm.bitcast.i64.f64
  %5 = arith.bitcast %j : i64 to f64
  return %0, %1, %2, %3, %4, %5 : f64, f32, i32, f32, i64, f64
}
