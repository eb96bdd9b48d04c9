// RUN: vm-opt --convert-to-vm %s | FileCheck %s

func.func private @sink.i32(i32)

// CHECK-LABEL: vm.func @int32
func.func @int32(%a: i32, %b: i32) {
  // CHECK: %[[R0:.*]] = vm.add.i32 %arg0, %arg1 : i32
  // CHECK-NEXT: vm.call @sink.i32(%[[R0]])
  %r0 = arith.addi %a, %b : i32
  func.call @sink.i32(%r0) : (i32) -> ()
  // CHECK: %[[R1:.*]] = vm.sub.i32 %arg0, %arg1 : i32
  // CHECK-NEXT: vm.call @sink.i32(%[[R1]])
  %r1 = arith.subi %a, %b : i32
  func.call @sink.i32(%r1) : (i32) -> ()
  // CHECK: %[[R2:.*]] = vm.mul.i32 %arg0, %arg1 : i32
  // CHECK-NEXT: vm.call @sink.i32(%[[R2]])
  %r2 = arith.muli %a, %b : i32
  func.call @sink.i32(%r2) : (i32) -> ()
  // CHECK: %[[R3:.*]] = vm.div.i32.s %arg0, %arg1 : i32
  // CHECK-NEXT: vm.call @sink.i32(%[[R3]])
  %r3 = arith.divsi %a, %b : i32
  func.call @sink.i32(%r3) : (i32) -> ()
  // CHECK: %[[R4:.*]] = vm.div.i32.u %arg0, %arg1 : i32
  // CHECK-NEXT: vm.call @sink.i32(%[[R4]])
  %r4 = arith.divui %a, %b : i32
  func.call @sink.i32(%r4) : (i32) -> ()
  // CHECK: %[[R5:.*]] = vm.rem.i32.s %arg0, %arg1 : i32
  // CHECK-NEXT: vm.call @sink.i32(%[[R5]])
  %r5 = arith.remsi %a, %b : i32
  func.call @sink.i32(%r5) : (i32) -> ()
  // CHECK: %[[R6:.*]] = vm.rem.i32.u %arg0, %arg1 : i32
  // CHECK-NEXT: vm.call @sink.i32(%[[R6]])
  %r6 = arith.remui %a, %b : i32
  func.call @sink.i32(%r6) : (i32) -> ()
  // CHECK: %[[R7:.*]] = vm.and.i32 %arg0, %arg1 : i32
  // CHECK-NEXT: vm.call @sink.i32(%[[R7]])
  %r7 = arith.andi %a, %b : i32
  func.call @sink.i32(%r7) : (i32) -> ()
  // CHECK: %[[R8:.*]] = vm.or.i32 %arg0, %arg1 : i32
  // CHECK-NEXT: vm.call @sink.i32(%[[R8]])
  %r8 = arith.ori %a, %b : i32
  func.call @sink.i32(%r8) : (i32) -> ()
  // CHECK: %[[R9:.*]] = vm.xor.i32 %arg0, %arg1 : i32
  // CHECK-NEXT: vm.call @sink.i32(%[[R9]])
  %r9 = arith.xori %a, %b : i32
  func.call @sink.i32(%r9) : (i32) -> ()
  // CHECK: %[[R10:.*]] = vm.shl.i32 %arg0, %arg1 : i32
  // CHECK-NEXT: vm.call @sink.i32(%[[R10]])
  %r10 = arith.shli %a, %b : i32
  func.call @sink.i32(%r10) : (i32) -> ()
  // CHECK: %[[R11:.*]] = vm.shr.i32.s %arg0, %arg1 : i32
  // CHECK-NEXT: vm.call @sink.i32(%[[R11]])
  %r11 = arith.shrsi %a, %b : i32
  func.call @sink.i32(%r11) : (i32) -> ()
  // CHECK: %[[R12:.*]] = vm.shr.i32.u %arg0, %arg1 : i32
  // CHECK-NEXT: vm.call @sink.i32(%[[R12]])
  %r12 = arith.shrui %a, %b : i32
  func.call @sink.i32(%r12) : (i32) -> ()
  // CHECK: %[[R13:.*]] = vm.min.i32.s %arg0, %arg1 : i32
  // CHECK-NEXT: vm.call @sink.i32(%[[R13]])
  %r13 = arith.minsi %a, %b : i32
  func.call @sink.i32(%r13) : (i32) -> ()
  // CHECK: %[[R14:.*]] = vm.max.i32.s %arg0, %arg1 : i32
  // CHECK-NEXT: vm.call @sink.i32(%[[R14]])
  %r14 = arith.maxsi %a, %b : i32
  func.call @sink.i32(%r14) : (i32) -> ()
  // CHECK: %[[R15:.*]] = vm.min.i32.u %arg0, %arg1 : i32
  // CHECK-NEXT: vm.call @sink.i32(%[[R15]])
  %r15 = arith.minui %a, %b : i32
  func.call @sink.i32(%r15) : (i32) -> ()
  // CHECK: %[[R16:.*]] = vm.max.i32.u %arg0, %arg1 : i32
  // CHECK-NEXT: vm.call @sink.i32(%[[R16]])
  %r16 = arith.maxui %a, %b : i32
  func.call @sink.i32(%r16) : (i32) -> ()
  return
}

// CHECK-LABEL: vm.func @int64_shift
func.func @int64_shift(%a: i64, %b: i64) -> i64 {
  // CHECK: %[[AMT:.*]] = vm.trunc.i64.i32 %{{.*}} : i64 -> i32
  // CHECK: vm.shl.i64 %{{.*}}, %[[AMT]] : i64
  %0 = arith.shli %a, %b : i64
  return %0 : i64
}

// CHECK-LABEL: vm.func @narrow
func.func @narrow(%a: i8, %b: i8) -> i8 {
  // CHECK: %[[S:.*]] = vm.add.i32
  // CHECK: vm.ext.i8.i32.u %[[S]]
  %0 = arith.addi %a, %b : i8
  // CHECK: vm.ext.i8.i32.s
  // CHECK: vm.ext.i8.i32.s
  // CHECK: vm.div.i32.s
  // CHECK: vm.ext.i8.i32.u
  %1 = arith.divsi %0, %b : i8
  return %1 : i8
}

// CHECK-LABEL: vm.func @bool
func.func @bool(%a: i1, %b: i1) -> i1 {
  // CHECK: %[[S:.*]] = vm.add.i32
  // CHECK: %[[ONE:.*]] = vm.const.i32 1
  // CHECK: vm.and.i32 %[[S]], %[[ONE]]
  %0 = arith.addi %a, %b : i1
  return %0 : i1
}

// CHECK-LABEL: vm.func @constants
func.func @constants() -> (i1, i8, i32, i64, index, f32, f64) {
  // CHECK: vm.const.i32 1
  %0 = arith.constant true
  // CHECK: vm.const.i32 255
  %1 = arith.constant -1 : i8
  // CHECK: vm.const.i32 -7
  %2 = arith.constant -7 : i32
  // CHECK: vm.const.i64 1099511627776
  %3 = arith.constant 1099511627776 : i64
  // CHECK: vm.const.i64 42
  %4 = arith.constant 42 : index
  // CHECK: vm.const.f32 1.5
  %5 = arith.constant 1.5 : f32
  // CHECK: vm.const.f64 2.5
  %6 = arith.constant 2.5 : f64
  return %0, %1, %2, %3, %4, %5, %6 : i1, i8, i32, i64, index, f32, f64
}

// CHECK-LABEL: vm.func @rounded_div
func.func @rounded_div(%a: i32, %b: i32) -> (i32, i32, i32) {
  // CHECK: vm.div.i32.s
  // CHECK: vm.rem.i32.s
  // CHECK: vm.select.i32
  %0 = arith.floordivsi %a, %b : i32
  // CHECK: vm.div.i32.s
  // CHECK: vm.rem.i32.s
  // CHECK: vm.select.i32
  %1 = arith.ceildivsi %a, %b : i32
  // CHECK: vm.div.i32.u
  // CHECK: vm.rem.i32.u
  // CHECK: vm.cmp.nz.i32
  // CHECK: vm.select.i32
  %2 = arith.ceildivui %a, %b : i32
  return %0, %1, %2 : i32, i32, i32
}

// CHECK-LABEL: vm.func @cmpi
func.func @cmpi(%a: i64, %b: i64) -> (i1, i1, i1, i1, i1, i1, i1, i1, i1, i1) {
  // CHECK: vm.cmp.eq.i64
  %0 = arith.cmpi eq, %a, %b : i64
  // CHECK: vm.cmp.ne.i64
  %1 = arith.cmpi ne, %a, %b : i64
  // CHECK: vm.cmp.lt.i64.s
  %2 = arith.cmpi slt, %a, %b : i64
  // CHECK: vm.cmp.lte.i64.s
  %3 = arith.cmpi sle, %a, %b : i64
  // CHECK: vm.cmp.gt.i64.s
  %4 = arith.cmpi sgt, %a, %b : i64
  // CHECK: vm.cmp.gte.i64.s
  %5 = arith.cmpi sge, %a, %b : i64
  // CHECK: vm.cmp.lt.i64.u
  %6 = arith.cmpi ult, %a, %b : i64
  // CHECK: vm.cmp.lte.i64.u
  %7 = arith.cmpi ule, %a, %b : i64
  // CHECK: vm.cmp.gt.i64.u
  %8 = arith.cmpi ugt, %a, %b : i64
  // CHECK: vm.cmp.gte.i64.u
  %9 = arith.cmpi uge, %a, %b : i64
  return %0, %1, %2, %3, %4, %5, %6, %7, %8, %9 : i1, i1, i1, i1, i1, i1, i1, i1, i1, i1
}

// CHECK-LABEL: vm.func @select
func.func @select(%c: i1, %a: f64, %b: f64) -> f64 {
  // CHECK: vm.select.f64
  %0 = arith.select %c, %a, %b : f64
  return %0 : f64
}
