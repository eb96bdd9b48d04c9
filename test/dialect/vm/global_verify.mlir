// RUN: vm-opt -split-input-file -verify-diagnostics %s

vm.module @m {
  vm.func @f() -> i32 {
    // expected-error@+1 {{'vm.global.load.i32' op references undefined global @missing}}
    %0 = vm.global.load.i32 @missing : i32
    vm.return %0 : i32
  }
}

// -----

vm.module @m {
  vm.global.i64 private @g : i64
  vm.func @f() -> i32 {
    // expected-error@+1 {{'vm.global.load.i32' op expects @g to be a 'vm.global.i32' but it is a 'vm.global.i64'}}
    %0 = vm.global.load.i32 @g : i32
    vm.return %0 : i32
  }
}

// -----

vm.module @m {
  vm.global.ref private @g : !vm.buffer
  vm.func @f() -> !vm.ref<?> {
    // expected-error@+1 {{'vm.global.load.ref' op type mismatch: global @g holds '!vm.buffer' but the op accesses '!vm.ref<?>'}}
    %0 = vm.global.load.ref @g : !vm.ref<?>
    vm.return %0 : !vm.ref<?>
  }
}

// -----

vm.module @m {
  vm.func @f(%arg0 : f32) {
    // expected-error@+1 {{'vm.global.store.f32' op expects @f to be a 'vm.global.f32' but it is a 'vm.func'}}
    vm.global.store.f32 %arg0, @f : f32
    vm.return
  }
}

// -----

vm.module @m {
  vm.func @f(%arg0 : f64) {
    // expected-error@+1 {{'vm.global.store.f64' op references undefined global @nope}}
    vm.global.store.f64 %arg0, @nope : f64
    vm.return
  }
}

// -----

vm.module @m {
  vm.global.i32 private @g : i32
  vm.func @f(%arg0 : i32) {
    // expected-error@+1 {{'vm.global.store.i32' op stores to global @g, which is not mutable; only a vm.initializer may store to an immutable global}}
    vm.global.store.i32 %arg0, @g : i32
    vm.return
  }
}

// -----

vm.module @m {
  vm.global.ref private @g : !vm.buffer
  vm.func @f(%arg0 : !vm.buffer) {
    // expected-error@+1 {{'vm.global.store.ref' op stores to global @g, which is not mutable}}
    vm.global.store.ref %arg0, @g : !vm.buffer
    vm.return
  }
}

// -----

vm.module @m {
  vm.global.ref private mutable @g : !vm.buffer
  vm.func @f(%arg0 : !vm.ref<?>) {
    // expected-error@+1 {{'vm.global.store.ref' op type mismatch: global @g holds '!vm.buffer' but the op accesses '!vm.ref<?>'}}
    vm.global.store.ref %arg0, @g : !vm.ref<?>
    vm.return
  }
}

// -----

vm.module @m {
  vm.func @f() -> i32 {
    // expected-error@+1 {{'vm.global.address' op references undefined global @missing}}
    %0 = vm.global.address @missing : i32
    vm.return %0 : i32
  }
}

// -----

vm.module @m {
  vm.rodata private @r "x"
  vm.func @f() -> i32 {
    // expected-error@+1 {{'vm.global.address' op expects @r to be a vm global but it is a 'vm.rodata'}}
    %0 = vm.global.address @r : i32
    vm.return %0 : i32
  }
}

// -----

vm.module @m {
  vm.global.i32 private @g : i32
  vm.func @f() -> i64 {
    // expected-error@+1 {{'vm.global.address' op result #0 must be 32-bit signless integer, but got 'i64'}}
    %0 = vm.global.address @g : i64
    vm.return %0 : i64
  }
}

// -----

vm.module @m {
  // expected-error@+1 {{'vm.global.i32' op attribute 'type' failed to satisfy constraint: type attribute of 32-bit signless integer}}
  vm.global.i32 private @g : i64
}

// -----

vm.module @m {
  // expected-error@+1 {{'vm.global.i32' op attribute 'initial_value' failed to satisfy constraint: 32-bit integer value}}
  vm.global.i32 private @g : i32 = 5 : i64
}

// -----

vm.module @m {
  // expected-error@+1 {{integer constant out of range for attribute}}
  vm.global.i32 private @g = 4294967296 : i32
}

// -----

vm.module @m {
  // expected-error@+1 {{unsupported initial value "str"}}
  vm.global.f32 private @g = "str"
}

// -----

vm.module @m {
  // expected-error@+1 {{'vm.global.ref' op attribute 'type' failed to satisfy constraint: type attribute of ref}}
  vm.global.ref private @g : i32
}

// -----

// expected-error@+1 {{'vm.global.i32' op expects parent op 'vm.module'}}
vm.global.i32 private @outside : i32
