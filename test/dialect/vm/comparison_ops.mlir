// RUN: vm-opt -split-input-file %s | vm-opt -split-input-file | FileCheck %s

// CHECK-LABEL: @int_cmp_i32
vm.module @m {
  vm.func @int_cmp_i32(%a : i32, %b : i32) -> (i32, i32, i32, i32, i32, i32, i32, i32, i32, i32, i32) {
    // CHECK: %eq{{.*}} = vm.cmp.eq.i32 %arg0, %arg1 : i32
    %0 = vm.cmp.eq.i32 %a, %b : i32
    // CHECK-NEXT: %ne{{.*}} = vm.cmp.ne.i32 %arg0, %arg1 : i32
    %1 = vm.cmp.ne.i32 %a, %b : i32
    // CHECK-NEXT: %slt{{.*}} = vm.cmp.lt.i32.s %arg0, %arg1 : i32
    %2 = vm.cmp.lt.i32.s %a, %b : i32
    // CHECK-NEXT: %ult{{.*}} = vm.cmp.lt.i32.u %arg0, %arg1 : i32
    %3 = vm.cmp.lt.i32.u %a, %b : i32
    // CHECK-NEXT: %slte{{.*}} = vm.cmp.lte.i32.s %arg0, %arg1 : i32
    %4 = vm.cmp.lte.i32.s %a, %b : i32
    // CHECK-NEXT: %ulte{{.*}} = vm.cmp.lte.i32.u %arg0, %arg1 : i32
    %5 = vm.cmp.lte.i32.u %a, %b : i32
    // CHECK-NEXT: %sgt{{.*}} = vm.cmp.gt.i32.s %arg0, %arg1 : i32
    %6 = vm.cmp.gt.i32.s %a, %b : i32
    // CHECK-NEXT: %ugt{{.*}} = vm.cmp.gt.i32.u %arg0, %arg1 : i32
    %7 = vm.cmp.gt.i32.u %a, %b : i32
    // CHECK-NEXT: %sgte{{.*}} = vm.cmp.gte.i32.s %arg0, %arg1 : i32
    %8 = vm.cmp.gte.i32.s %a, %b : i32
    // CHECK-NEXT: %ugte{{.*}} = vm.cmp.gte.i32.u %arg0, %arg1 : i32
    %9 = vm.cmp.gte.i32.u %a, %b : i32
    // CHECK-NEXT: %nz{{.*}} = vm.cmp.nz.i32 %arg0 : i32
    %10 = vm.cmp.nz.i32 %a : i32
    vm.return %0, %1, %2, %3, %4, %5, %6, %7, %8, %9, %10 : i32, i32, i32, i32, i32, i32, i32, i32, i32, i32, i32
  }
}

// -----

// CHECK-LABEL: @int_cmp_i64
vm.module @m {
  vm.func @int_cmp_i64(%a : i64, %b : i64) -> (i32, i32, i32, i32, i32, i32, i32, i32, i32, i32, i32) {
    // CHECK: %eq{{.*}} = vm.cmp.eq.i64 %arg0, %arg1 : i64
    %0 = vm.cmp.eq.i64 %a, %b : i64
    // CHECK-NEXT: %ne{{.*}} = vm.cmp.ne.i64 %arg0, %arg1 : i64
    %1 = vm.cmp.ne.i64 %a, %b : i64
    // CHECK-NEXT: %slt{{.*}} = vm.cmp.lt.i64.s %arg0, %arg1 : i64
    %2 = vm.cmp.lt.i64.s %a, %b : i64
    // CHECK-NEXT: %ult{{.*}} = vm.cmp.lt.i64.u %arg0, %arg1 : i64
    %3 = vm.cmp.lt.i64.u %a, %b : i64
    // CHECK-NEXT: %slte{{.*}} = vm.cmp.lte.i64.s %arg0, %arg1 : i64
    %4 = vm.cmp.lte.i64.s %a, %b : i64
    // CHECK-NEXT: %ulte{{.*}} = vm.cmp.lte.i64.u %arg0, %arg1 : i64
    %5 = vm.cmp.lte.i64.u %a, %b : i64
    // CHECK-NEXT: %sgt{{.*}} = vm.cmp.gt.i64.s %arg0, %arg1 : i64
    %6 = vm.cmp.gt.i64.s %a, %b : i64
    // CHECK-NEXT: %ugt{{.*}} = vm.cmp.gt.i64.u %arg0, %arg1 : i64
    %7 = vm.cmp.gt.i64.u %a, %b : i64
    // CHECK-NEXT: %sgte{{.*}} = vm.cmp.gte.i64.s %arg0, %arg1 : i64
    %8 = vm.cmp.gte.i64.s %a, %b : i64
    // CHECK-NEXT: %ugte{{.*}} = vm.cmp.gte.i64.u %arg0, %arg1 : i64
    %9 = vm.cmp.gte.i64.u %a, %b : i64
    // CHECK-NEXT: %nz{{.*}} = vm.cmp.nz.i64 %arg0 : i64
    %10 = vm.cmp.nz.i64 %a : i64
    vm.return %0, %1, %2, %3, %4, %5, %6, %7, %8, %9, %10 : i32, i32, i32, i32, i32, i32, i32, i32, i32, i32, i32
  }
}

// -----

// CHECK-LABEL: @float_cmp_f32
vm.module @m {
  vm.func @float_cmp_f32(%a : f32, %b : f32) -> (i32, i32, i32, i32, i32, i32, i32, i32, i32, i32, i32, i32, i32, i32, i32, i32) {
    // CHECK: %0 = vm.cmp.eq.f32.o %arg0, %arg1 : f32
    %0 = vm.cmp.eq.f32.o %a, %b : f32
    // CHECK-NEXT: %1 = vm.cmp.eq.f32.u %arg0, %arg1 : f32
    %1 = vm.cmp.eq.f32.u %a, %b : f32
    // CHECK-NEXT: %2 = vm.cmp.ne.f32.o %arg0, %arg1 : f32
    %2 = vm.cmp.ne.f32.o %a, %b : f32
    // CHECK-NEXT: %3 = vm.cmp.ne.f32.u %arg0, %arg1 : f32
    %3 = vm.cmp.ne.f32.u %a, %b : f32
    // CHECK-NEXT: %4 = vm.cmp.lt.f32.o %arg0, %arg1 : f32
    %4 = vm.cmp.lt.f32.o %a, %b : f32
    // CHECK-NEXT: %5 = vm.cmp.lt.f32.u %arg0, %arg1 : f32
    %5 = vm.cmp.lt.f32.u %a, %b : f32
    // CHECK-NEXT: %6 = vm.cmp.lte.f32.o %arg0, %arg1 : f32
    %6 = vm.cmp.lte.f32.o %a, %b : f32
    // CHECK-NEXT: %7 = vm.cmp.lte.f32.u %arg0, %arg1 : f32
    %7 = vm.cmp.lte.f32.u %a, %b : f32
    // CHECK-NEXT: %8 = vm.cmp.gt.f32.o %arg0, %arg1 : f32
    %8 = vm.cmp.gt.f32.o %a, %b : f32
    // CHECK-NEXT: %9 = vm.cmp.gt.f32.u %arg0, %arg1 : f32
    %9 = vm.cmp.gt.f32.u %a, %b : f32
    // CHECK-NEXT: %10 = vm.cmp.gte.f32.o %arg0, %arg1 : f32
    %10 = vm.cmp.gte.f32.o %a, %b : f32
    // CHECK-NEXT: %11 = vm.cmp.gte.f32.u %arg0, %arg1 : f32
    %11 = vm.cmp.gte.f32.u %a, %b : f32
    // CHECK-NEXT: %12 = vm.cmp.eq.f32.near %arg0, %arg1 : f32
    %12 = vm.cmp.eq.f32.near %a, %b : f32
    // CHECK-NEXT: %13 = vm.cmp.nz.f32.o %arg0 : f32
    %13 = vm.cmp.nz.f32.o %a : f32
    // CHECK-NEXT: %14 = vm.cmp.nz.f32.u %arg0 : f32
    %14 = vm.cmp.nz.f32.u %a : f32
    // CHECK-NEXT: %15 = vm.cmp.nan.f32 %arg0 : f32
    %15 = vm.cmp.nan.f32 %a : f32
    vm.return %0, %1, %2, %3, %4, %5, %6, %7, %8, %9, %10, %11, %12, %13, %14, %15 : i32, i32, i32, i32, i32, i32, i32, i32, i32, i32, i32, i32, i32, i32, i32, i32
  }
}

// -----

// CHECK-LABEL: @float_cmp_f64
vm.module @m {
  vm.func @float_cmp_f64(%a : f64, %b : f64) -> (i32, i32, i32, i32, i32, i32, i32, i32, i32, i32, i32, i32, i32, i32, i32, i32) {
    // CHECK: %0 = vm.cmp.eq.f64.o %arg0, %arg1 : f64
    %0 = vm.cmp.eq.f64.o %a, %b : f64
    // CHECK-NEXT: %1 = vm.cmp.eq.f64.u %arg0, %arg1 : f64
    %1 = vm.cmp.eq.f64.u %a, %b : f64
    // CHECK-NEXT: %2 = vm.cmp.ne.f64.o %arg0, %arg1 : f64
    %2 = vm.cmp.ne.f64.o %a, %b : f64
    // CHECK-NEXT: %3 = vm.cmp.ne.f64.u %arg0, %arg1 : f64
    %3 = vm.cmp.ne.f64.u %a, %b : f64
    // CHECK-NEXT: %4 = vm.cmp.lt.f64.o %arg0, %arg1 : f64
    %4 = vm.cmp.lt.f64.o %a, %b : f64
    // CHECK-NEXT: %5 = vm.cmp.lt.f64.u %arg0, %arg1 : f64
    %5 = vm.cmp.lt.f64.u %a, %b : f64
    // CHECK-NEXT: %6 = vm.cmp.lte.f64.o %arg0, %arg1 : f64
    %6 = vm.cmp.lte.f64.o %a, %b : f64
    // CHECK-NEXT: %7 = vm.cmp.lte.f64.u %arg0, %arg1 : f64
    %7 = vm.cmp.lte.f64.u %a, %b : f64
    // CHECK-NEXT: %8 = vm.cmp.gt.f64.o %arg0, %arg1 : f64
    %8 = vm.cmp.gt.f64.o %a, %b : f64
    // CHECK-NEXT: %9 = vm.cmp.gt.f64.u %arg0, %arg1 : f64
    %9 = vm.cmp.gt.f64.u %a, %b : f64
    // CHECK-NEXT: %10 = vm.cmp.gte.f64.o %arg0, %arg1 : f64
    %10 = vm.cmp.gte.f64.o %a, %b : f64
    // CHECK-NEXT: %11 = vm.cmp.gte.f64.u %arg0, %arg1 : f64
    %11 = vm.cmp.gte.f64.u %a, %b : f64
    // CHECK-NEXT: %12 = vm.cmp.eq.f64.near %arg0, %arg1 : f64
    %12 = vm.cmp.eq.f64.near %a, %b : f64
    // CHECK-NEXT: %13 = vm.cmp.nz.f64.o %arg0 : f64
    %13 = vm.cmp.nz.f64.o %a : f64
    // CHECK-NEXT: %14 = vm.cmp.nz.f64.u %arg0 : f64
    %14 = vm.cmp.nz.f64.u %a : f64
    // CHECK-NEXT: %15 = vm.cmp.nan.f64 %arg0 : f64
    %15 = vm.cmp.nan.f64 %a : f64
    vm.return %0, %1, %2, %3, %4, %5, %6, %7, %8, %9, %10, %11, %12, %13, %14, %15 : i32, i32, i32, i32, i32, i32, i32, i32, i32, i32, i32, i32, i32, i32, i32, i32
  }
}

// -----

// CHECK-LABEL: @ref_cmp
vm.module @m {
  vm.func @ref_cmp(%a : !vm.buffer, %b : !vm.buffer, %c : !vm.ref<?>) -> (i32, i32, i32, i32) {
    // CHECK: %req = vm.cmp.eq.ref %arg0, %arg1 : !vm.buffer
    %0 = vm.cmp.eq.ref %a, %b : !vm.buffer
    // CHECK-NEXT: %rne = vm.cmp.ne.ref %arg0, %arg1 : !vm.buffer
    %1 = vm.cmp.ne.ref %a, %b : !vm.buffer
    // CHECK-NEXT: %rnz = vm.cmp.nz.ref %arg0 : !vm.buffer
    %2 = vm.cmp.nz.ref %a : !vm.buffer
    // CHECK-NEXT: %rnz_0 = vm.cmp.nz.ref %arg2 : !vm.ref<?>
    %3 = vm.cmp.nz.ref %c : !vm.ref<?>
    vm.return %0, %1, %2, %3 : i32, i32, i32, i32
  }
}
