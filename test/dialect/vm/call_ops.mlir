// Round-trip of the call ops.
// RUN: vm-opt -split-input-file %s | vm-opt -split-input-file | FileCheck %s

vm.module @m {
  vm.import private @imported(%x : i32) -> i32
  vm.func private @internal(%x : i32, %y : !vm.buffer) -> (i32, !vm.buffer) {
    vm.return %x, %y : i32, !vm.buffer
  }
  vm.func private @nothing() {
    vm.return
  }
  // CHECK-LABEL: vm.func @calls
  vm.func @calls(%x : i32, %b : !vm.buffer) -> i32 {
    // CHECK: %0 = vm.call @imported(%arg0) : (i32) -> i32
    %0 = vm.call @imported(%x) : (i32) -> i32
    // CHECK: %1:2 = vm.call @internal(%0, %arg1) : (i32, !vm.buffer) -> (i32, !vm.buffer)
    %1:2 = vm.call @internal(%0, %b) : (i32, !vm.buffer) -> (i32, !vm.buffer)
    // CHECK: vm.call @nothing() : () -> ()
    vm.call @nothing() : () -> ()
    // CHECK: vm.call @nothing() {nosideeffects} : () -> ()
    vm.call @nothing() {nosideeffects} : () -> ()
    vm.return %1#0 : i32
  }
}

// -----

vm.module @m {
  vm.import private @fixed(%x : i32) -> i32
  vm.import private @refs(%x : i32, %rest : !vm.buffer ...) -> i32
  vm.import private @two_lists(%a : i64 ..., %b : !vm.ref<?> ...)
  vm.import private @tuples(%t : tuple<i32, f32, !vm.buffer> ...) -> (i32, i64)
  // CHECK-LABEL: vm.func @variadic_calls
  vm.func @variadic_calls(%x : i32, %b : !vm.buffer, %l : i64, %f : f32, %r : !vm.ref<?>) {
    // Not variadic at all: still accepted.
    // CHECK: vm.call.variadic @fixed(%arg0) : (i32) -> i32
    %0 = vm.call.variadic @fixed(%x) : (i32) -> i32
    // CHECK: vm.call.variadic @refs(%arg0, []) : (i32, !vm.buffer ...) -> i32
    %1 = vm.call.variadic @refs(%x, []) : (i32, !vm.buffer ...) -> i32
    // CHECK: vm.call.variadic @refs(%arg0, [%arg1, %arg1, %arg1]) : (i32, !vm.buffer ...) -> i32
    %2 = vm.call.variadic @refs(%x, [%b, %b, %b]) : (i32, !vm.buffer ...) -> i32
    // CHECK: vm.call.variadic @two_lists([%arg2], [%arg4, %arg4]) : (i64 ..., !vm.ref<?> ...){{$}}
    vm.call.variadic @two_lists([%l], [%r, %r]) : (i64 ..., !vm.ref<?> ...)
    // CHECK: vm.call.variadic @tuples([(%arg0, %arg3, %arg1), (%arg0, %arg3, %arg1)]) : (tuple<i32, f32, !vm.buffer> ...) -> (i32, i64)
    %3:2 = vm.call.variadic @tuples([(%x, %f, %b), (%x, %f, %b)]) : (tuple<i32, f32, !vm.buffer> ...) -> (i32, i64)
    // CHECK: vm.call.variadic @tuples([]) : (tuple<i32, f32, !vm.buffer> ...) -> (i32, i64)
    %4:2 = vm.call.variadic @tuples([]) : (tuple<i32, f32, !vm.buffer> ...) -> (i32, i64)
    vm.return
  }
}

// -----

// The grouping is kept in segment_sizes / segment_types.
// CHECK-LABEL: @segments
vm.module @segments {
  vm.import private @refs(%x : i32, %rest : !vm.buffer ...) -> i32
  vm.func @f(%x : i32, %b : !vm.buffer) -> i32 {
    // CHECK: vm.call.variadic @refs(%arg0, [%arg1, %arg1])
    %0 = "vm.call.variadic"(%x, %b, %b) {callee = @refs, segment_sizes = dense<[-1, 2]> : vector<2xi16>, segment_types = [i32, !vm.buffer]} : (i32, !vm.buffer, !vm.buffer) -> i32
    vm.return %0 : i32
  }
}

// -----

vm.module @m {
  vm.import private @wait(%fence : !vm.ref<?>, %timeout : i64) -> i32 attributes {vm.yield}
  vm.import private @nap() attributes {vm.yield}
  // CHECK-LABEL: vm.func @yieldable
  vm.func @yieldable(%fence : !vm.ref<?>, %t : i64) -> i32 {
    // CHECK: vm.call.yieldable @wait(%arg0, %arg1) : (!vm.ref<?>, i64) -> ^bb1 (i32)
    vm.call.yieldable @wait(%fence, %t) : (!vm.ref<?>, i64) -> ^bb1(i32)
  ^bb1(%status : i32):
    // CHECK: vm.call.yieldable @nap() : () -> ^bb2 ()
    vm.call.yieldable @nap() : () -> ^bb2()
  ^bb2:
    vm.return %status : i32
  }
}

// -----

vm.module @m {
  vm.import private @gather(%n : i32, %xs : i32 ...) -> i64 attributes {vm.yield}
  // CHECK-LABEL: vm.func @variadic_yieldable
  vm.func @variadic_yieldable(%a : i32, %b : i32) -> i64 {
    // CHECK: vm.call.variadic.yieldable @gather(%arg0, %arg1, %arg1) {segment_sizes = dense<[-1, 2]> : vector<2xi16>, segment_types = [i32, i32]} : (i32, i32, i32) -> ^bb1 (i64)
    vm.call.variadic.yieldable @gather(%a, %b, %b) {segment_sizes = dense<[-1, 2]> : vector<2xi16>, segment_types = [i32, i32]} : (i32, i32, i32) -> ^bb1(i64)
  ^bb1(%r : i64):
    vm.return %r : i64
  }
}
