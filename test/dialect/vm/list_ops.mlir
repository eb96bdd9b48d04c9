// RUN: vm-opt -split-input-file %s | vm-opt -split-input-file | FileCheck %s

// Ops that work on any list.
vm.module @m {
  // CHECK-LABEL: vm.func @whole_lists
  // CHECK-SAME: (%[[N:[^:]+]]: i32, %[[VAR:[^:]+]]: !vm.list<?>)
  vm.func @whole_lists(%n: i32, %var: !vm.list<?>) -> i32 {
    // CHECK: %[[L:.+]] = vm.list.alloc %[[N]] : (i32) -> !vm.list<i32>
    %l = vm.list.alloc %n : (i32) -> !vm.list<i32>
    // CHECK: vm.list.alloc %[[N]] : (i32) -> !vm.list<?>
    %v = vm.list.alloc %n : (i32) -> !vm.list<?>
    // CHECK: vm.list.alloc %[[N]] : (i32) -> !vm.list<!vm.buffer>
    %b = vm.list.alloc %n : (i32) -> !vm.list<!vm.buffer>
    // CHECK: vm.list.reserve %[[L]], %[[N]] : (!vm.list<i32>, i32)
    vm.list.reserve %l, %n : (!vm.list<i32>, i32)
    // CHECK: vm.list.resize %[[VAR]], %[[N]] : (!vm.list<?>, i32)
    vm.list.resize %var, %n : (!vm.list<?>, i32)
    // CHECK: vm.list.size %[[L]] : (!vm.list<i32>) -> i32
    %s = vm.list.size %l : (!vm.list<i32>) -> i32
    vm.return %s : i32
  }
}

// -----

// Scalar accessors on lists of their own type.
vm.module @m {
  // CHECK-LABEL: vm.func @scalars
  vm.func @scalars(%li32: !vm.list<i32>, %li64: !vm.list<i64>,
                   %lf32: !vm.list<f32>, %lf64: !vm.list<f64>, %i: i32) {
    // CHECK: %[[A:.+]] = vm.list.get.i32 %{{.+}}, %{{.+}} : (!vm.list<i32>, i32) -> i32
    %a = vm.list.get.i32 %li32, %i : (!vm.list<i32>, i32) -> i32
    // CHECK: vm.list.set.i32 %{{.+}}, %{{.+}}, %[[A]] : (!vm.list<i32>, i32, i32)
    vm.list.set.i32 %li32, %i, %a : (!vm.list<i32>, i32, i32)
    // CHECK: %[[B:.+]] = vm.list.get.i64 %{{.+}}, %{{.+}} : (!vm.list<i64>, i32) -> i64
    %b = vm.list.get.i64 %li64, %i : (!vm.list<i64>, i32) -> i64
    // CHECK: vm.list.set.i64 %{{.+}}, %{{.+}}, %[[B]] : (!vm.list<i64>, i32, i64)
    vm.list.set.i64 %li64, %i, %b : (!vm.list<i64>, i32, i64)
    // CHECK: %[[C:.+]] = vm.list.get.f32 %{{.+}}, %{{.+}} : (!vm.list<f32>, i32) -> f32
    %c = vm.list.get.f32 %lf32, %i : (!vm.list<f32>, i32) -> f32
    // CHECK: vm.list.set.f32 %{{.+}}, %{{.+}}, %[[C]] : (!vm.list<f32>, i32, f32)
    vm.list.set.f32 %lf32, %i, %c : (!vm.list<f32>, i32, f32)
    // CHECK: %[[D:.+]] = vm.list.get.f64 %{{.+}}, %{{.+}} : (!vm.list<f64>, i32) -> f64
    %d = vm.list.get.f64 %lf64, %i : (!vm.list<f64>, i32) -> f64
    // CHECK: vm.list.set.f64 %{{.+}}, %{{.+}}, %[[D]] : (!vm.list<f64>, i32, f64)
    vm.list.set.f64 %lf64, %i, %d : (!vm.list<f64>, i32, f64)
    vm.return
  }
}

// -----

// Scalar accessors convert between widths within integers and within floats,
// and take anything from a variant list.
vm.module @m {
  // CHECK-LABEL: vm.func @conversions
  vm.func @conversions(%li8: !vm.list<i8>, %li16: !vm.list<i16>,
                       %li64: !vm.list<i64>, %lf32: !vm.list<f32>,
                       %var: !vm.list<?>, %i: i32, %x: i64, %y: f64) {
    // CHECK: %[[A:.+]] = vm.list.get.i32 %{{.+}}, %{{.+}} : (!vm.list<i8>, i32) -> i32
    %a = vm.list.get.i32 %li8, %i : (!vm.list<i8>, i32) -> i32
    // CHECK: vm.list.set.i32 %{{.+}}, %{{.+}}, %[[A]] : (!vm.list<i8>, i32, i32)
    vm.list.set.i32 %li8, %i, %a : (!vm.list<i8>, i32, i32)
    // CHECK: vm.list.get.i64 %{{.+}}, %{{.+}} : (!vm.list<i16>, i32) -> i64
    %b = vm.list.get.i64 %li16, %i : (!vm.list<i16>, i32) -> i64
    // CHECK: vm.list.get.i32 %{{.+}}, %{{.+}} : (!vm.list<i64>, i32) -> i32
    %c = vm.list.get.i32 %li64, %i : (!vm.list<i64>, i32) -> i32
    // CHECK: vm.list.set.i64 %{{.+}}, %{{.+}}, %{{.+}} : (!vm.list<i16>, i32, i64)
    vm.list.set.i64 %li16, %i, %x : (!vm.list<i16>, i32, i64)
    // CHECK: vm.list.get.f64 %{{.+}}, %{{.+}} : (!vm.list<f32>, i32) -> f64
    %d = vm.list.get.f64 %lf32, %i : (!vm.list<f32>, i32) -> f64
    // CHECK: vm.list.set.f64 %{{.+}}, %{{.+}}, %{{.+}} : (!vm.list<f32>, i32, f64)
    vm.list.set.f64 %lf32, %i, %y : (!vm.list<f32>, i32, f64)
    // CHECK: vm.list.get.i32 %{{.+}}, %{{.+}} : (!vm.list<?>, i32) -> i32
    %e = vm.list.get.i32 %var, %i : (!vm.list<?>, i32) -> i32
    // CHECK: vm.list.get.f32 %{{.+}}, %{{.+}} : (!vm.list<?>, i32) -> f32
    %f = vm.list.get.f32 %var, %i : (!vm.list<?>, i32) -> f32
    // CHECK: vm.list.set.f64 %{{.+}}, %{{.+}}, %{{.+}} : (!vm.list<?>, i32, f64)
    vm.list.set.f64 %var, %i, %y : (!vm.list<?>, i32, f64)
    // CHECK: vm.list.set.i64 %{{.+}}, %{{.+}}, %{{.+}} : (!vm.list<?>, i32, i64)
    vm.list.set.i64 %var, %i, %x : (!vm.list<?>, i32, i64)
    vm.return
  }
}

// -----

// Ref accessors.
vm.module @m {
  // CHECK-LABEL: vm.func @refs
  vm.func @refs(%lany: !vm.list<!vm.ref<?>>, %lbuf: !vm.list<!vm.buffer>,
                %var: !vm.list<?>, %nested: !vm.list<!vm.list<i32>>,
                %i: i32, %any: !vm.ref<?>) {
    // CHECK: %[[B:.+]] = vm.list.get.ref %{{.+}}, %{{.+}} : (!vm.list<!vm.ref<?>>, i32) -> !vm.buffer
    %b = vm.list.get.ref %lany, %i : (!vm.list<!vm.ref<?>>, i32) -> !vm.buffer
    // CHECK: vm.list.set.ref %{{.+}}, %{{.+}}, %[[B]] : (!vm.list<!vm.ref<?>>, i32, !vm.buffer)
    vm.list.set.ref %lany, %i, %b : (!vm.list<!vm.ref<?>>, i32, !vm.buffer)
    // CHECK: vm.list.get.ref %{{.+}}, %{{.+}} : (!vm.list<!vm.ref<?>>, i32) -> !vm.ref<?>
    %a = vm.list.get.ref %lany, %i : (!vm.list<!vm.ref<?>>, i32) -> !vm.ref<?>
    // CHECK: %[[C:.+]] = vm.list.get.ref %{{.+}}, %{{.+}} : (!vm.list<!vm.buffer>, i32) -> !vm.buffer
    %c = vm.list.get.ref %lbuf, %i : (!vm.list<!vm.buffer>, i32) -> !vm.buffer
    // CHECK: vm.list.set.ref %{{.+}}, %{{.+}}, %[[C]] : (!vm.list<!vm.buffer>, i32, !vm.buffer)
    vm.list.set.ref %lbuf, %i, %c : (!vm.list<!vm.buffer>, i32, !vm.buffer)
    // CHECK: vm.list.get.ref %{{.+}}, %{{.+}} : (!vm.list<?>, i32) -> !vm.list<i32>
    %d = vm.list.get.ref %var, %i : (!vm.list<?>, i32) -> !vm.list<i32>
    // CHECK: vm.list.set.ref %{{.+}}, %{{.+}}, %{{.+}} : (!vm.list<?>, i32, !vm.ref<?>)
    vm.list.set.ref %var, %i, %any : (!vm.list<?>, i32, !vm.ref<?>)
    // CHECK: vm.list.get.ref %{{.+}}, %{{.+}} : (!vm.list<!vm.list<i32>>, i32) -> !vm.list<i32>
    %e = vm.list.get.ref %nested, %i : (!vm.list<!vm.list<i32>>, i32) -> !vm.list<i32>
    // CHECK: vm.list.set.ref %{{.+}}, %{{.+}}, %{{.+}} : (!vm.list<!vm.list<i32>>, i32, !vm.list<i32>)
    vm.list.set.ref %nested, %i, %e : (!vm.list<!vm.list<i32>>, i32, !vm.list<i32>)
    vm.return
  }
}
