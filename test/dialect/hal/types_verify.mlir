// RUN: vm-opt -split-input-file -verify-diagnostics %s

// expected-error @+1 {{unknown  type `bufer` in dialect `hal`}}
func.func private @misspelled(!vm.ref<!hal.bufer>)

// -----

// expected-error @+1 {{invalid ref object type '!vm.ref<!hal.buffer>'}}
func.func private @ref_of_ref(!vm.ref<!vm.ref<!hal.buffer>>)

// -----

// hal object types are not list elements on their own; refs to them are.
// expected-error @+1 {{invalid list element type '!hal.buffer'}}
func.func private @list_of_object(!vm.list<!hal.buffer>)

// -----

vm.module @m {
  vm.func @scalar_to_ref(%x : i32) {
    // expected-error @+1 {{expected vm.ref, but found 'i32'}}
    %v = vm.cast.any.ref %x : i32 -> !vm.ref<!hal.buffer_view>
    vm.return
  }
}
