// RUN: vm-opt -split-input-file %s | vm-opt -split-input-file | FileCheck %s

// CHECK-LABEL: @narrow_i32
vm.module @m {
  vm.func @narrow_i32(%x : i32) -> i32 {
    // CHECK: %[[A:.+]] = vm.trunc.i32.i8 %{{.+}} : i32 -> i32
    %a = vm.trunc.i32.i8 %x : i32 -> i32
    // CHECK-NEXT: %[[B:.+]] = vm.trunc.i32.i16 %[[A]] : i32 -> i32
    %b = vm.trunc.i32.i16 %a : i32 -> i32
    // CHECK-NEXT: %[[C:.+]] = vm.trunc.i16.i8 %[[B]] : i32 -> i32
    %c = vm.trunc.i16.i8 %b : i32 -> i32
    // CHECK-NEXT: %[[D:.+]] = vm.ext.i8.i32.s %[[C]] : i32 -> i32
    %d = vm.ext.i8.i32.s %c : i32 -> i32
    // CHECK-NEXT: %[[E:.+]] = vm.ext.i8.i32.u %[[D]] : i32 -> i32
    %e = vm.ext.i8.i32.u %d : i32 -> i32
    // CHECK-NEXT: %[[F:.+]] = vm.ext.i16.i32.s %[[E]] : i32 -> i32
    %f = vm.ext.i16.i32.s %e : i32 -> i32
    // CHECK-NEXT: %[[G:.+]] = vm.ext.i16.i32.u %[[F]] : i32 -> i32
    %g = vm.ext.i16.i32.u %f : i32 -> i32
    vm.return %g : i32
  }
}

// -----

// CHECK-LABEL: @i64_widths
vm.module @m {
  vm.func @i64_widths(%x : i64, %y : i32) -> (i32, i32, i32, i64, i64, i64, i64, i64, i64) {
    // CHECK: vm.trunc.i64.i8 %{{.+}} : i64 -> i32
    %0 = vm.trunc.i64.i8 %x : i64 -> i32
    // CHECK-NEXT: vm.trunc.i64.i16 %{{.+}} : i64 -> i32
    %1 = vm.trunc.i64.i16 %x : i64 -> i32
    // CHECK-NEXT: vm.trunc.i64.i32 %{{.+}} : i64 -> i32
    %2 = vm.trunc.i64.i32 %x : i64 -> i32
    // CHECK-NEXT: vm.ext.i8.i64.s %{{.+}} : i32 -> i64
    %3 = vm.ext.i8.i64.s %y : i32 -> i64
    // CHECK-NEXT: vm.ext.i8.i64.u %{{.+}} : i32 -> i64
    %4 = vm.ext.i8.i64.u %y : i32 -> i64
    // CHECK-NEXT: vm.ext.i16.i64.s %{{.+}} : i32 -> i64
    %5 = vm.ext.i16.i64.s %y : i32 -> i64
    // CHECK-NEXT: vm.ext.i16.i64.u %{{.+}} : i32 -> i64
    %6 = vm.ext.i16.i64.u %y : i32 -> i64
    // CHECK-NEXT: vm.ext.i32.i64.s %{{.+}} : i32 -> i64
    %7 = vm.ext.i32.i64.s %y : i32 -> i64
    // CHECK-NEXT: vm.ext.i32.i64.u %{{.+}} : i32 -> i64
    %8 = vm.ext.i32.i64.u %y : i32 -> i64
    vm.return %0, %1, %2, %3, %4, %5, %6, %7, %8 : i32, i32, i32, i64, i64, i64, i64, i64, i64
  }
}

// -----

// CHECK-LABEL: @float_widths
vm.module @m {
  vm.func @float_widths(%s : f32, %d : f64) -> (f32, f64) {
    // CHECK: vm.trunc.f64.f32 %{{.+}} : f64 -> f32
    %0 = vm.trunc.f64.f32 %d : f64 -> f32
    // CHECK-NEXT: vm.ext.f32.f64 %{{.+}} : f32 -> f64
    %1 = vm.ext.f32.f64 %s : f32 -> f64
    vm.return %0, %1 : f32, f64
  }
}

// -----

// CHECK-LABEL: @int_to_float
vm.module @m {
  vm.func @int_to_float(%a : i32, %b : i64) -> (f32, f32, f64, f32, f32, f64) {
    // CHECK: vm.cast.si32.f32 %{{.+}} : i32 -> f32
    %0 = vm.cast.si32.f32 %a : i32 -> f32
    // CHECK-NEXT: vm.cast.si64.f32 %{{.+}} : i64 -> f32
    %1 = vm.cast.si64.f32 %b : i64 -> f32
    // CHECK-NEXT: vm.cast.si64.f64 %{{.+}} : i64 -> f64
    %2 = vm.cast.si64.f64 %b : i64 -> f64
    // CHECK-NEXT: vm.cast.ui32.f32 %{{.+}} : i32 -> f32
    %3 = vm.cast.ui32.f32 %a : i32 -> f32
    // CHECK-NEXT: vm.cast.ui64.f32 %{{.+}} : i64 -> f32
    %4 = vm.cast.ui64.f32 %b : i64 -> f32
    // CHECK-NEXT: vm.cast.ui64.f64 %{{.+}} : i64 -> f64
    %5 = vm.cast.ui64.f64 %b : i64 -> f64
    vm.return %0, %1, %2, %3, %4, %5 : f32, f32, f64, f32, f32, f64
  }
}

// -----

// CHECK-LABEL: @float_to_int
vm.module @m {
  vm.func @float_to_int(%s : f32, %d : f64) -> (i32, i64, i32, i64, i64, i64) {
    // CHECK: vm.cast.f32.si32 %{{.+}} : f32 -> i32
    %0 = vm.cast.f32.si32 %s : f32 -> i32
    // CHECK-NEXT: vm.cast.f32.si64 %{{.+}} : f32 -> i64
    %1 = vm.cast.f32.si64 %s : f32 -> i64
    // CHECK-NEXT: vm.cast.f32.ui32 %{{.+}} : f32 -> i32
    %2 = vm.cast.f32.ui32 %s : f32 -> i32
    // CHECK-NEXT: vm.cast.f32.ui64 %{{.+}} : f32 -> i64
    %3 = vm.cast.f32.ui64 %s : f32 -> i64
    // CHECK-NEXT: vm.cast.f64.si64 %{{.+}} : f64 -> i64
    %4 = vm.cast.f64.si64 %d : f64 -> i64
    // CHECK-NEXT: vm.cast.f64.ui64 %{{.+}} : f64 -> i64
    %5 = vm.cast.f64.ui64 %d : f64 -> i64
    vm.return %0, %1, %2, %3, %4, %5 : i32, i64, i32, i64, i64, i64
  }
}

// -----

// CHECK-LABEL: @bitcasts
vm.module @m {
  vm.func @bitcasts(%a : i32, %b : i64, %s : f32, %d : f64) -> (f32, i32, f64, i64) {
    // CHECK: vm.bitcast.i32.f32 %{{.+}} : i32 -> f32
    %0 = vm.bitcast.i32.f32 %a : i32 -> f32
    // CHECK-NEXT: vm.bitcast.f32.i32 %{{.+}} : f32 -> i32
    %1 = vm.bitcast.f32.i32 %s : f32 -> i32
    // CHECK-NEXT: vm.bitcast.i64.f64 %{{.+}} : i64 -> f64
    %2 = vm.bitcast.i64.f64 %b : i64 -> f64
    // CHECK-NEXT: vm.bitcast.f64.i64 %{{.+}} : f64 -> i64
    %3 = vm.bitcast.f64.i64 %d : f64 -> i64
    vm.return %0, %1, %2, %3 : f32, i32, f64, i64
  }
}

// -----

// CHECK-LABEL: @ref_casts
vm.module @m {
  vm.func @ref_casts(%any : !vm.ref<?>, %list : !vm.list<i32>) -> (!vm.buffer, !vm.ref<?>) {
    // CHECK: vm.cast.any.ref %{{.+}} : !vm.ref<?> -> !vm.buffer
    %0 = vm.cast.any.ref %any : !vm.ref<?> -> !vm.buffer
    // CHECK-NEXT: vm.cast.ref.any %{{.+}} : !vm.list<i32> -> !vm.ref<?>
    %1 = vm.cast.ref.any %list : !vm.list<i32> -> !vm.ref<?>
    vm.return %0, %1 : !vm.buffer, !vm.ref<?>
  }
}
