// RUN: vm-opt -split-input-file --vm-normalize-call-segments %s | FileCheck %s

// A plain argument's segment given as 1 (as IREE's own programs write it
// for vm.call.variadic.yieldable) becomes -1; variadic segments keep their
// counts, including 1 and 0.
// CHECK-LABEL: vm.module public @m
vm.module @m {
  vm.import private @sum(%args : i32 ..., %n : i32) -> i32 attributes {vm.yield}
  vm.import private @plain_first(%n : i32, %args : i32 ...) -> i32
  // CHECK-LABEL: vm.func @f
  vm.func @f(%a : i32, %b : i32) -> i32 {
    // CHECK: vm.call.variadic.yieldable @sum(%{{.*}}, %{{.*}}, %{{.*}}) {segment_sizes = dense<[2, -1]> : vector<2xi16>
    vm.call.variadic.yieldable @sum(%a, %b, %a) {segment_sizes = dense<[2, 1]> : vector<2xi16>, segment_types = [i32, i32]} : (i32, i32, i32) -> ^next(i32)
  ^next(%r : i32):
    // CHECK: vm.call.variadic.yieldable @sum(%{{.*}}, %{{.*}}) {segment_sizes = dense<[1, -1]> : vector<2xi16>
    vm.call.variadic.yieldable @sum(%r, %b) {segment_sizes = dense<[1, 1]> : vector<2xi16>, segment_types = [i32, i32]} : (i32, i32) -> ^next2(i32)
  ^next2(%s : i32):
    // CHECK: vm.call.variadic @plain_first(%{{.*}}, []) : (i32, i32 ...) -> i32
    %t = vm.call.variadic @plain_first([%s], []) : (i32 ..., i32 ...) -> i32
    vm.return %t : i32
  }
  vm.export @f
}
