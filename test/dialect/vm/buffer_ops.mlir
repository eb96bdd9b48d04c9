// RUN: vm-opt -split-input-file %s | vm-opt -split-input-file | FileCheck %s

vm.module @m {
  // CHECK-LABEL: vm.func @whole_buffers
  // CHECK-SAME: (%[[SRC:[^:]+]]: !vm.buffer, %[[OFF:[^:]+]]: i64, %[[LEN:[^:]+]]: i64, %[[ALIGN:[^:]+]]: i32)
  vm.func @whole_buffers(%src: !vm.buffer, %off: i64, %len: i64, %align: i32) -> (i32, i64) {
    // CHECK: %[[NEW:.+]] = vm.buffer.alloc %[[LEN]], %[[ALIGN]] : !vm.buffer
    %new = vm.buffer.alloc %len, %align : !vm.buffer
    // CHECK: %[[CLONE:.+]] = vm.buffer.clone %[[SRC]], %[[OFF]], %[[LEN]], %[[ALIGN]] : !vm.buffer -> !vm.buffer
    %clone = vm.buffer.clone %src, %off, %len, %align : !vm.buffer -> !vm.buffer
    // CHECK: vm.buffer.length %[[SRC]] : !vm.buffer -> i64
    %n = vm.buffer.length %src : !vm.buffer -> i64
    // CHECK: vm.buffer.copy %[[SRC]], %[[OFF]], %[[NEW]], %[[OFF]], %[[LEN]] : !vm.buffer -> !vm.buffer
    vm.buffer.copy %src, %off, %new, %off, %len : !vm.buffer -> !vm.buffer
    // CHECK: vm.buffer.compare %[[SRC]], %[[OFF]], %[[CLONE]], %[[OFF]], %[[LEN]] : !vm.buffer, !vm.buffer
    %eq = vm.buffer.compare %src, %off, %clone, %off, %len : !vm.buffer, !vm.buffer
    // CHECK: vm.buffer.hash %[[SRC]], %[[OFF]], %[[LEN]] : !vm.buffer -> i64
    %h = vm.buffer.hash %src, %off, %len : !vm.buffer -> i64
    vm.return %eq, %h : i32, i64
  }
}

// -----

vm.module @m {
  // CHECK-LABEL: vm.func @fills
  // CHECK-SAME: (%[[BUF:[^:]+]]: !vm.buffer, %[[OFF:[^:]+]]: i64, %[[LEN:[^:]+]]: i64, %[[I8:[^:]+]]: i8, %[[I16:[^:]+]]: i16, %[[I32:[^:]+]]: i32, %[[I64:[^:]+]]: i64, %[[F32:[^:]+]]: f32, %[[F64:[^:]+]]: f64)
  vm.func @fills(%buf: !vm.buffer, %off: i64, %len: i64, %i8: i8, %i16: i16,
                 %i32: i32, %i64: i64, %f32: f32, %f64: f64) {
    // CHECK: vm.buffer.fill.i8 %[[BUF]], %[[OFF]], %[[LEN]], %[[I32]] : i32 -> !vm.buffer
    vm.buffer.fill.i8 %buf, %off, %len, %i32 : i32 -> !vm.buffer
    // CHECK: vm.buffer.fill.i8 %[[BUF]], %[[OFF]], %[[LEN]], %[[I8]] : i8 -> !vm.buffer
    vm.buffer.fill.i8 %buf, %off, %len, %i8 : i8 -> !vm.buffer
    // CHECK: vm.buffer.fill.i16 %[[BUF]], %[[OFF]], %[[LEN]], %[[I32]] : i32 -> !vm.buffer
    vm.buffer.fill.i16 %buf, %off, %len, %i32 : i32 -> !vm.buffer
    // CHECK: vm.buffer.fill.i16 %[[BUF]], %[[OFF]], %[[LEN]], %[[I16]] : i16 -> !vm.buffer
    vm.buffer.fill.i16 %buf, %off, %len, %i16 : i16 -> !vm.buffer
    // CHECK: vm.buffer.fill.i32 %[[BUF]], %[[OFF]], %[[LEN]], %[[I32]] : i32 -> !vm.buffer
    vm.buffer.fill.i32 %buf, %off, %len, %i32 : i32 -> !vm.buffer
    // CHECK: vm.buffer.fill.i64 %[[BUF]], %[[OFF]], %[[LEN]], %[[I64]] : i64 -> !vm.buffer
    vm.buffer.fill.i64 %buf, %off, %len, %i64 : i64 -> !vm.buffer
    // CHECK: vm.buffer.fill.f32 %[[BUF]], %[[OFF]], %[[LEN]], %[[F32]] : f32 -> !vm.buffer
    vm.buffer.fill.f32 %buf, %off, %len, %f32 : f32 -> !vm.buffer
    // CHECK: vm.buffer.fill.f64 %[[BUF]], %[[OFF]], %[[LEN]], %[[F64]] : f64 -> !vm.buffer
    vm.buffer.fill.f64 %buf, %off, %len, %f64 : f64 -> !vm.buffer
    vm.return
  }
}

// -----

vm.module @m {
  // CHECK-LABEL: vm.func @loads
  // CHECK-SAME: (%[[BUF:[^:]+]]: !vm.buffer, %[[IDX:[^:]+]]: i64)
  vm.func @loads(%buf: !vm.buffer, %idx: i64) {
    // CHECK: vm.buffer.load.i8.u %[[BUF]][%[[IDX]]] : !vm.buffer -> i32
    %0 = vm.buffer.load.i8.u %buf[%idx] : !vm.buffer -> i32
    // CHECK: vm.buffer.load.i8.s %[[BUF]][%[[IDX]]] : !vm.buffer -> i32
    %1 = vm.buffer.load.i8.s %buf[%idx] : !vm.buffer -> i32
    // CHECK: vm.buffer.load.i16.u %[[BUF]][%[[IDX]]] : !vm.buffer -> i32
    %2 = vm.buffer.load.i16.u %buf[%idx] : !vm.buffer -> i32
    // CHECK: vm.buffer.load.i16.s %[[BUF]][%[[IDX]]] : !vm.buffer -> i32
    %3 = vm.buffer.load.i16.s %buf[%idx] : !vm.buffer -> i32
    // CHECK: vm.buffer.load.i32 %[[BUF]][%[[IDX]]] : !vm.buffer -> i32
    %4 = vm.buffer.load.i32 %buf[%idx] : !vm.buffer -> i32
    // CHECK: vm.buffer.load.i64 %[[BUF]][%[[IDX]]] : !vm.buffer -> i64
    %5 = vm.buffer.load.i64 %buf[%idx] : !vm.buffer -> i64
    // CHECK: vm.buffer.load.f32 %[[BUF]][%[[IDX]]] : !vm.buffer -> f32
    %6 = vm.buffer.load.f32 %buf[%idx] : !vm.buffer -> f32
    // CHECK: vm.buffer.load.f64 %[[BUF]][%[[IDX]]] : !vm.buffer -> f64
    %7 = vm.buffer.load.f64 %buf[%idx] : !vm.buffer -> f64
    vm.return
  }
}

// -----

vm.module @m {
  // CHECK-LABEL: vm.func @stores
  // CHECK-SAME: (%[[BUF:[^:]+]]: !vm.buffer, %[[IDX:[^:]+]]: i64, %[[I32:[^:]+]]: i32, %[[I64:[^:]+]]: i64, %[[F32:[^:]+]]: f32, %[[F64:[^:]+]]: f64)
  vm.func @stores(%buf: !vm.buffer, %idx: i64, %i32: i32, %i64: i64, %f32: f32, %f64: f64) {
    // CHECK: vm.buffer.store.i8 %[[I32]], %[[BUF]][%[[IDX]]] : i32 -> !vm.buffer
    vm.buffer.store.i8 %i32, %buf[%idx] : i32 -> !vm.buffer
    // CHECK: vm.buffer.store.i16 %[[I32]], %[[BUF]][%[[IDX]]] : i32 -> !vm.buffer
    vm.buffer.store.i16 %i32, %buf[%idx] : i32 -> !vm.buffer
    // CHECK: vm.buffer.store.i32 %[[I32]], %[[BUF]][%[[IDX]]] : i32 -> !vm.buffer
    vm.buffer.store.i32 %i32, %buf[%idx] : i32 -> !vm.buffer
    // CHECK: vm.buffer.store.i64 %[[I64]], %[[BUF]][%[[IDX]]] : i64 -> !vm.buffer
    vm.buffer.store.i64 %i64, %buf[%idx] : i64 -> !vm.buffer
    // CHECK: vm.buffer.store.f32 %[[F32]], %[[BUF]][%[[IDX]]] : f32 -> !vm.buffer
    vm.buffer.store.f32 %f32, %buf[%idx] : f32 -> !vm.buffer
    // CHECK: vm.buffer.store.f64 %[[F64]], %[[BUF]][%[[IDX]]] : f64 -> !vm.buffer
    vm.buffer.store.f64 %f64, %buf[%idx] : f64 -> !vm.buffer
    vm.return
  }
}

// -----

// Every typed access also takes or yields its value in an i32 register.
vm.module @m {
  // CHECK-LABEL: vm.func @i32_registers
  vm.func @i32_registers(%buf: !vm.buffer, %idx: i64, %v: i32) {
    // CHECK: vm.buffer.load.i64 %{{.+}}[%{{.+}}] : !vm.buffer -> i32
    %0 = vm.buffer.load.i64 %buf[%idx] : !vm.buffer -> i32
    // CHECK: vm.buffer.store.f32 %{{.+}}, %{{.+}}[%{{.+}}] : i32 -> !vm.buffer
    vm.buffer.store.f32 %v, %buf[%idx] : i32 -> !vm.buffer
    // CHECK: vm.buffer.fill.f64 %{{.+}}, %{{.+}}, %{{.+}}, %{{.+}} : i32 -> !vm.buffer
    vm.buffer.fill.f64 %buf, %idx, %idx, %v : i32 -> !vm.buffer
    vm.return
  }
}
