// Round-trip of trace, print, break, cond_break and optimization_barrier.
// RUN: vm-opt -split-input-file %s | vm-opt -split-input-file | FileCheck %s

vm.module @m {
  // CHECK-LABEL: vm.func @trace_and_print
  vm.func @trace_and_print(%a : i32, %b : f64, %r : !vm.buffer) {
    // CHECK: vm.trace "step"(%arg0, %arg1, %arg2) : i32, f64, !vm.buffer
    vm.trace "step"(%a, %b, %r) : i32, f64, !vm.buffer
    // CHECK: vm.print "a is"(%arg0) : i32
    vm.print "a is"(%a) : i32
    vm.return
  }
}

// -----

vm.module @m {
  // CHECK-LABEL: vm.func @breaks
  vm.func @breaks(%c : i32, %x : i64) -> i64 {
    // CHECK: vm.break ^bb1
    vm.break ^bb1
  ^bb1:
    // CHECK: vm.break ^bb2(%arg1 : i64)
    vm.break ^bb2(%x : i64)
  ^bb2(%y : i64):
    // CHECK: vm.cond_break %arg0, ^bb3
    vm.cond_break %c, ^bb3
  ^bb3:
    // CHECK: vm.cond_break %arg0, ^bb4(%arg1, %arg0 : i64, i32)
    vm.cond_break %c, ^bb4(%x, %c : i64, i32)
  ^bb4(%z : i64, %w : i32):
    vm.return %z : i64
  }
}

// -----

vm.module @m {
  // CHECK-LABEL: vm.func @barrier
  vm.func @barrier(%a : i32, %r : !vm.ref<?>) -> i32 {
    // CHECK: %0 = vm.optimization_barrier %arg0 : i32
    %0 = vm.optimization_barrier %a : i32
    // CHECK: %1:2 = vm.optimization_barrier %0, %arg1 : i32, !vm.ref<?>
    %1:2 = vm.optimization_barrier %0, %r : i32, !vm.ref<?>
    // CHECK: vm.optimization_barrier{{$}}
    vm.optimization_barrier
    vm.return %1#0 : i32
  }
}

// -----

vm.module @m {
  // Without values the type list is empty.
  // CHECK-LABEL: vm.func @no_values
  vm.func @no_values() {
    // CHECK: vm.trace "tick"() :{{ *$}}
    vm.trace "tick"() :
    // CHECK: vm.print "hello"() :{{ *$}}
    vm.print "hello"() :
    vm.return
  }
}
