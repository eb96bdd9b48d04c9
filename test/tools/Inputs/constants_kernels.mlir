// An executable with executable-level constants (hal.executable.create's
// `constants`): __set_constants keeps the first i32 in a global of each
// worker's context; kernel `fill` stores it to out[x] (binding 0).
vm.module @constants_kernels {
  vm.global.i32 private mutable @value : i32

  vm.func @__set_constants(%constants : !vm.buffer) {
    %k0 = vm.const.i64 0
    %v = vm.buffer.load.i32 %constants[%k0] : !vm.buffer -> i32
    vm.global.store.i32 %v, @value : i32
    vm.return
  }
  vm.export @__set_constants

  vm.func @fill(%local : !vm.buffer, %constants : !vm.buffer,
                %bindings : !vm.list<!vm.buffer>,
                %wx : i32, %wy : i32, %wz : i32,
                %sx : i32, %sy : i32, %sz : i32,
                %cx : i32, %cy : i32, %cz : i32) {
    %c0 = vm.const.i32 0
    %v = vm.global.load.i32 @value : i32
    %out = vm.list.get.ref %bindings, %c0 : (!vm.list<!vm.buffer>, i32) -> !vm.buffer
    %i = vm.ext.i32.i64.s %wx : i32 -> i64
    vm.buffer.store.i32 %v, %out[%i] : i32 -> !vm.buffer
    vm.return
  }
  vm.export @fill
}
