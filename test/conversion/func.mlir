// RUN: vm-opt --convert-to-vm %s | FileCheck %s

// CHECK-LABEL: vm.module public @funcs
module @funcs {
  // CHECK: vm.import private @io.print(i32)
  func.func private @io.print(i32)
  // CHECK: vm.import private @host.log(i64)
  func.func private @log(i64) attributes {vm.import_module = "host"}

  // CHECK: vm.func private @helper(%{{.*}}: i32) -> i32
  func.func private @helper(%x: i32) -> i32 {
    // CHECK: vm.return %{{.*}} : i32
    return %x : i32
  }

  // CHECK: vm.func @entry(%[[A:.*]]: i32, %[[B:.*]]: i64) -> (i32, i64)
  func.func @entry(%a: i32, %b: i64) -> (i32, i64) {
    // CHECK: %[[R:.*]] = vm.call @helper(%[[A]]) : (i32) -> i32
    %r = func.call @helper(%a) : (i32) -> i32
    // CHECK: vm.call @io.print(%[[R]]) : (i32) -> ()
    func.call @io.print(%r) : (i32) -> ()
    // CHECK: vm.call @host.log(%[[B]]) : (i64) -> ()
    func.call @log(%b) : (i64) -> ()
    // CHECK: vm.return %[[R]], %[[B]] : i32, i64
    return %r, %b : i32, i64
  }
  // CHECK: vm.export @entry
}
