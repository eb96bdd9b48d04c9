// A program whose import of hal.buffer_view.dim takes an i64 index where the
// hal module takes an i32.
vm.module @bad {
  vm.import private @hal.buffer_view.dim(%view : !vm.ref<!hal.buffer_view>, %index : i64) -> i64
  vm.func @rank_of(%view : !vm.ref<!hal.buffer_view>) -> i64 {
    %c0 = vm.const.i64 0
    %d = vm.call @hal.buffer_view.dim(%view, %c0) : (!vm.ref<!hal.buffer_view>, i64) -> i64
    vm.return %d : i64
  }
  vm.export @rank_of
}
