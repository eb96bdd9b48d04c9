// RUN: vm-opt -split-input-file %s | vm-opt -split-input-file | FileCheck %s

// CHECK-LABEL: @selects
vm.module @m {
  vm.func @selects(%c : i32, %a : i32, %b : i64, %s : f32, %d : f64,
                   %r0 : !vm.buffer, %r1 : !vm.buffer) -> (i32, i64, f32, f64, !vm.buffer) {
    // CHECK: vm.select.i32 %[[C:[a-z0-9]+]], %{{.+}}, %{{.+}} : i32
    %0 = vm.select.i32 %c, %a, %a : i32
    // CHECK-NEXT: vm.select.i64 %[[C]], %{{.+}}, %{{.+}} : i64
    %1 = vm.select.i64 %c, %b, %b : i64
    // CHECK-NEXT: vm.select.f32 %[[C]], %{{.+}}, %{{.+}} : f32
    %2 = vm.select.f32 %c, %s, %s : f32
    // CHECK-NEXT: vm.select.f64 %[[C]], %{{.+}}, %{{.+}} : f64
    %3 = vm.select.f64 %c, %d, %d : f64
    // CHECK-NEXT: vm.select.ref %[[C]], %{{.+}}, %{{.+}} : !vm.buffer
    %4 = vm.select.ref %c, %r0, %r1 : !vm.buffer
    vm.return %0, %1, %2, %3, %4 : i32, i64, f32, f64, !vm.buffer
  }
}

// -----

// CHECK-LABEL: @switches
vm.module @m {
  vm.func @switches(%i : i32, %a : i32, %b : i32, %x : i64, %s : f32, %d : f64,
                    %r0 : !vm.ref<?>, %r1 : !vm.ref<?>) -> (i32, i64, f32, f64, !vm.ref<?>) {
    // CHECK: vm.switch.i32 %{{.+}}[%{{.+}}, %{{.+}}] else %{{.+}} : i32
    %0 = vm.switch.i32 %i[%a, %b] else %a : i32
    // CHECK-NEXT: vm.switch.i64 %{{.+}}[%{{.+}}] else %{{.+}} : i64
    %1 = vm.switch.i64 %i[%x] else %x : i64
    // CHECK-NEXT: vm.switch.f32 %{{.+}}[%{{.+}}, %{{.+}}, %{{.+}}] else %{{.+}} : f32
    %2 = vm.switch.f32 %i[%s, %s, %s] else %s : f32
    // CHECK-NEXT: vm.switch.f64 %{{.+}}[] else %{{.+}} : f64
    %3 = vm.switch.f64 %i[] else %d : f64
    // CHECK-NEXT: vm.switch.ref %{{.+}}[%{{.+}}, %{{.+}}] else %{{.+}} : !vm.ref<?>
    %4 = vm.switch.ref %i[%r0, %r1] else %r0 : !vm.ref<?>
    vm.return %0, %1, %2, %3, %4 : i32, i64, f32, f64, !vm.ref<?>
  }
}

// -----

// Attributes go between the default value and the colon.
// CHECK-LABEL: @attrs
vm.module @m {
  vm.func @attrs(%i : i32, %r : !vm.buffer) -> !vm.buffer {
    // CHECK: vm.switch.ref %{{.+}}[%{{.+}}] else %{{.+}} {tag = 1 : i32} : !vm.buffer
    %0 = vm.switch.ref %i[%r] else %r {tag = 1 : i32} : !vm.buffer
    vm.return %0 : !vm.buffer
  }
}
