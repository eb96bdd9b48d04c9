// RUN: vm-opt --convert-to-vm %s | FileCheck %s

// CHECK-LABEL: vm.func @unary
func.func @unary(%x: f32) -> f32 {
  // CHECK: vm.abs.f32
  %0 = math.absf %x : f32
  // CHECK: vm.ceil.f32
  %1 = math.ceil %0 : f32
  // CHECK: vm.floor.f32
  %2 = math.floor %1 : f32
  // CHECK: vm.round.f32 %
  %3 = math.round %2 : f32
  // CHECK: vm.round.f32.even
  %4 = math.roundeven %3 : f32
  // CHECK: vm.exp.f32
  %5 = math.exp %4 : f32
  // CHECK: vm.exp2.f32
  %6 = math.exp2 %5 : f32
  // CHECK: vm.expm1.f32
  %7 = math.expm1 %6 : f32
  // CHECK: vm.log.f32
  %8 = math.log %7 : f32
  // CHECK: vm.log10.f32
  %9 = math.log10 %8 : f32
  // CHECK: vm.log1p.f32
  %10 = math.log1p %9 : f32
  // CHECK: vm.log2.f32
  %11 = math.log2 %10 : f32
  // CHECK: vm.rsqrt.f32
  %12 = math.rsqrt %11 : f32
  // CHECK: vm.sqrt.f32
  %13 = math.sqrt %12 : f32
  // CHECK: vm.sin.f32
  %14 = math.sin %13 : f32
  // CHECK: vm.cos.f32
  %15 = math.cos %14 : f32
  // CHECK: vm.tanh.f32
  %16 = math.tanh %15 : f32
  // CHECK: vm.atan.f32
  %17 = math.atan %16 : f32
  // CHECK: vm.erf.f32
  %18 = math.erf %17 : f32
  return %18 : f32
}

// CHECK-LABEL: vm.func @binary
func.func @binary(%x: f64, %y: f64) -> f64 {
  // CHECK: vm.pow.f64
  %0 = math.powf %x, %y : f64
  // CHECK: vm.atan2.f64
  %1 = math.atan2 %0, %y : f64
  // CHECK: vm.fma.f64
  %2 = math.fma %1, %x, %y : f64
  return %2 : f64
}

// CHECK-LABEL: vm.func @ints
func.func @ints(%a: i32, %b: i64, %c: i8) -> (i32, i64, i8) {
  // CHECK: vm.abs.i32
  %0 = math.absi %a : i32
  // CHECK: vm.ctlz.i64
  %1 = math.ctlz %b : i64
  // CHECK: %[[N:.*]] = vm.ctlz.i32
  // CHECK: %[[K:.*]] = vm.const.i32 24
  // CHECK: vm.sub.i32 %[[N]], %[[K]]
  %2 = math.ctlz %c : i8
  return %0, %1, %2 : i32, i64, i8
}
