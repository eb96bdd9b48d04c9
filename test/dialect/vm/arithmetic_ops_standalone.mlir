// RUN: vm-opt %s | vm-opt | FileCheck %s

// Parses and prints each shape of arithmetic op (unary, binary, ternary,
// shift; signed/unsigned and `.even` suffixes) inside builtin functions, so
// it runs without the structural ops.

// CHECK-LABEL: func.func @shapes
func.func @shapes(%i32 : i32, %i64 : i64, %f32 : f32, %f64 : f64) -> (i32, i64, i64, f32, f64, f32, i64, f64) {
  // CHECK: %[[A:.+]] = vm.add.i32 %arg0, %arg0 : i32
  %0 = vm.add.i32 %i32, %i32 : i32
  // CHECK: vm.div.i64.u %arg1, %arg1 : i64
  %1 = vm.div.i64.u %i64, %i64 : i64
  // CHECK: vm.fma.i64 %arg1, %arg1, %{{.+}} : i64
  %2 = vm.fma.i64 %i64, %i64, %1 : i64
  // CHECK: vm.round.f32.even %arg2 : f32
  %3 = vm.round.f32.even %f32 : f32
  // CHECK: vm.atan2.f64 %arg3, %arg3 : f64
  %4 = vm.atan2.f64 %f64, %f64 : f64
  // CHECK: vm.fma.f32 %arg2, %{{.+}}, %arg2 : f32
  %5 = vm.fma.f32 %f32, %3, %f32 : f32
  // CHECK: vm.shr.i64.s %arg1, %arg0 : i64
  %6 = vm.shr.i64.s %i64, %i32 : i64
  // CHECK: vm.min.f64 %{{.+}}, %arg3 : f64
  %7 = vm.min.f64 %4, %f64 : f64
  return %0, %1, %2, %3, %4, %5, %6, %7 : i32, i64, i64, f32, f64, f32, i64, f64
}
