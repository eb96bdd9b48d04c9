// RUN: vm-opt --convert-to-vm %s | FileCheck %s

// CHECK-LABEL: vm.func @basic
func.func @basic(%a: f32, %b: f32) -> f32 {
  // CHECK: vm.add.f32
  %0 = arith.addf %a, %b : f32
  // CHECK: vm.sub.f32
  %1 = arith.subf %0, %b : f32
  // CHECK: vm.mul.f32
  %2 = arith.mulf %1, %b : f32
  // CHECK: vm.div.f32
  %3 = arith.divf %2, %b : f32
  // CHECK: vm.neg.f32
  %4 = arith.negf %3 : f32
  return %4 : f32
}

// fmod from IEEE remainder.
// CHECK-LABEL: vm.func @remf
func.func @remf(%a: f64, %b: f64) -> f64 {
  // CHECK: %[[R:.*]] = vm.rem.f64 %[[A:.*]], %[[B:.*]] : f64
  // CHECK: vm.abs.f64 %[[B]]
  // CHECK: %[[FIX:.*]] = vm.add.f64 %[[R]]
  // CHECK: vm.select.f64 %{{.*}}, %[[FIX]], %[[R]] : f64
  %0 = arith.remf %a, %b : f64
  return %0 : f64
}

// CHECK-LABEL: vm.func @maximumf
func.func @maximumf(%a: f32, %b: f32) -> f32 {
  // CHECK-DAG: %[[M:.*]] = vm.max.f32 %[[A:[^,]*]], %[[B:[^ ]*]] : f32
  // CHECK-DAG: vm.cmp.nan.f32 %[[A]]
  // CHECK-DAG: vm.cmp.nan.f32 %[[B]]
  // CHECK-DAG: vm.cmp.eq.f32.o %[[A]], %[[B]]
  // CHECK-DAG: vm.and.i32
  // CHECK-DAG: vm.const.f32 0x7FC00000
  %0 = arith.maximumf %a, %b : f32
  return %0 : f32
}

// CHECK-LABEL: vm.func @minimumf
func.func @minimumf(%a: f32, %b: f32) -> f32 {
  // CHECK: vm.min.f32
  // CHECK: vm.or.i32
  %0 = arith.minimumf %a, %b : f32
  return %0 : f32
}

// CHECK-LABEL: vm.func @maxnumf
func.func @maxnumf(%a: f64, %b: f64) -> f64 {
  // CHECK: %[[M:.*]] = vm.max.f64 %[[A:.*]], %[[B:.*]] : f64
  // CHECK: %[[N:.*]] = vm.cmp.nan.f64 %[[A]]
  // CHECK: vm.select.f64 %[[N]], %[[B]], %[[M]] : f64
  %0 = arith.maxnumf %a, %b : f64
  return %0 : f64
}

// CHECK-LABEL: vm.func @minnumf
func.func @minnumf(%a: f64, %b: f64) -> f64 {
  // CHECK: vm.min.f64
  // CHECK: vm.cmp.nan.f64
  // CHECK: vm.select.f64
  %0 = arith.minnumf %a, %b : f64
  return %0 : f64
}

// CHECK-LABEL: vm.func @cmpf
func.func @cmpf(%a: f32, %b: f32) -> (i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1) {
  // CHECK: vm.const.i32 0
  %0 = arith.cmpf false, %a, %b : f32
  // CHECK: vm.cmp.eq.f32.o
  %1 = arith.cmpf oeq, %a, %b : f32
  // CHECK: vm.cmp.gt.f32.o
  %2 = arith.cmpf ogt, %a, %b : f32
  // CHECK: vm.cmp.gte.f32.o
  %3 = arith.cmpf oge, %a, %b : f32
  // CHECK: vm.cmp.lt.f32.o
  %4 = arith.cmpf olt, %a, %b : f32
  // CHECK: vm.cmp.lte.f32.o
  %5 = arith.cmpf ole, %a, %b : f32
  // CHECK: vm.cmp.ne.f32.o
  %6 = arith.cmpf one, %a, %b : f32
  // CHECK: vm.cmp.nan.f32
  // CHECK: vm.cmp.nan.f32
  // CHECK: vm.or.i32
  // CHECK: vm.xor.i32
  %7 = arith.cmpf ord, %a, %b : f32
  // CHECK: vm.cmp.eq.f32.u
  %8 = arith.cmpf ueq, %a, %b : f32
  // CHECK: vm.cmp.gt.f32.u
  %9 = arith.cmpf ugt, %a, %b : f32
  // CHECK: vm.cmp.gte.f32.u
  %10 = arith.cmpf uge, %a, %b : f32
  // CHECK: vm.cmp.lt.f32.u
  %11 = arith.cmpf ult, %a, %b : f32
  // CHECK: vm.cmp.lte.f32.u
  %12 = arith.cmpf ule, %a, %b : f32
  // CHECK: vm.cmp.ne.f32.u
  %13 = arith.cmpf une, %a, %b : f32
  // CHECK: vm.cmp.nan.f32
  // CHECK: vm.cmp.nan.f32
  // CHECK: vm.or.i32
  %14 = arith.cmpf uno, %a, %b : f32
  // CHECK: vm.const.i32 1
  %15 = arith.cmpf true, %a, %b : f32
  return %0, %1, %2, %3, %4, %5, %6, %7, %8, %9, %10, %11, %12, %13, %14, %15 : i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1
}
