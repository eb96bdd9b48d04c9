// Round-trip of the branch, failure, yield and import.resolved ops.
// RUN: vm-opt -split-input-file %s | vm-opt -split-input-file | FileCheck %s

vm.module @m {
  // CHECK-LABEL: vm.func @jump
  vm.func @jump(%a : i32, %b : i64) -> i64 {
    // CHECK: vm.br ^bb1
    vm.br ^bb1
  ^bb1:
    // CHECK: vm.br ^bb2(%arg0, %arg1 : i32, i64)
    vm.br ^bb2(%a, %b : i32, i64)
  ^bb2(%x : i32, %y : i64):
    vm.return %y : i64
  }
}

// -----

vm.module @m {
  // CHECK-LABEL: vm.func @two_way
  vm.func @two_way(%c : i32, %x : i32, %r : !vm.buffer) -> i32 {
    // CHECK: vm.cond_br %arg0, ^bb1, ^bb2
    vm.cond_br %c, ^bb1, ^bb2
  ^bb1:
    // CHECK: vm.cond_br %arg0, ^bb2, ^bb3(%arg1, %arg2 : i32, !vm.buffer)
    vm.cond_br %c, ^bb2, ^bb3(%x, %r : i32, !vm.buffer)
  ^bb2:
    // CHECK: vm.cond_br %arg0, ^bb3(%arg1, %arg2 : i32, !vm.buffer), ^bb3(%arg0, %arg2 : i32, !vm.buffer)
    vm.cond_br %c, ^bb3(%x, %r : i32, !vm.buffer), ^bb3(%c, %r : i32, !vm.buffer)
  ^bb3(%v : i32, %w : !vm.buffer):
    vm.return %v : i32
  }
}

// -----

vm.module @m {
  // CHECK-LABEL: vm.func @table_default_only
  vm.func @table_default_only(%i : i32) -> i32 {
    //      CHECK: vm.br_table %arg0 {
    // CHECK-NEXT:   default: ^bb1(%arg0 : i32)
    // CHECK-NEXT: }
    vm.br_table %i {
      default: ^bb1(%i : i32)
    }
  ^bb1(%v : i32):
    vm.return %v : i32
  }
}

// -----

vm.module @m {
  // CHECK-LABEL: vm.func @table
  vm.func @table(%i : i32, %x : i64) -> i64 {
    //      CHECK: vm.br_table %arg0 {
    // CHECK-NEXT:   default: ^bb1,
    // CHECK-NEXT:   0: ^bb2(%arg1 : i64),
    // CHECK-NEXT:   1: ^bb1,
    // CHECK-NEXT:   2: ^bb2(%arg1 : i64)
    // CHECK-NEXT: }
    vm.br_table %i {
      default: ^bb1,
      0: ^bb2(%x : i64),
      1: ^bb1,
      2: ^bb2(%x : i64)
    }
  ^bb1:
    vm.return %x : i64
  ^bb2(%v : i64):
    vm.return %v : i64
  }
}

// -----

vm.module @m {
  // CHECK-LABEL: vm.func @fail
  vm.func @fail(%code : i32) {
    // CHECK: vm.fail %arg0{{$}}
    vm.fail %code
  }
  // CHECK-LABEL: vm.func @fail_message
  vm.func @fail_message(%code : i32) {
    // CHECK: vm.fail %arg0, "it broke"
    vm.fail %code, "it broke"
  }
}

// -----

vm.module @m {
  // CHECK-LABEL: vm.func @cond_fail
  vm.func @cond_fail(%c : i32, %code : i32) {
    // CHECK: vm.cond_fail %arg0, %arg1{{$}}
    vm.cond_fail %c, %code
    // CHECK: vm.cond_fail %arg0, %arg1, "cond and message"
    vm.cond_fail %c, %code, "cond and message"
    // The status is its own condition when it appears alone.
    // CHECK: vm.cond_fail %arg1{{$}}
    vm.cond_fail %code
    // CHECK: vm.cond_fail %arg1, "status and message"
    vm.cond_fail %code, "status and message"
    // Written twice, it prints once.
    // CHECK: vm.cond_fail %arg1{{$}}
    vm.cond_fail %code, %code
    vm.return
  }
}

// -----

vm.module @m {
  // CHECK-LABEL: vm.func @yield
  vm.func @yield(%x : i32) -> i32 {
    // CHECK: vm.yield ^bb1
    vm.yield ^bb1
  ^bb1:
    // CHECK: vm.yield ^bb2(%arg0 : i32)
    vm.yield ^bb2(%x : i32)
  ^bb2(%y : i32):
    vm.return %y : i32
  }
}

// -----

vm.module @m {
  vm.import private optional @maybe.there(%x : i32) -> i32
  // CHECK-LABEL: vm.func @resolved
  vm.func @resolved() -> i32 {
    // CHECK: %has_maybe_there = vm.import.resolved @maybe.there : i32
    %0 = vm.import.resolved @maybe.there : i32
    vm.return %0 : i32
  }
}
