// RUN: vm-opt -split-input-file -verify-diagnostics %s

vm.module @export_missing {
  // expected-error@+1 {{vm.func op named 'fn_wrong_name' not found for export}}
  vm.export @fn_wrong_name
  vm.func @fn() {
    vm.return
  }
}

// -----

vm.module @export_of_import {
  vm.import private @mod.fn()
  // An import cannot be re-exported: only vm.func bodies can.
  // expected-error@+1 {{vm.func op named 'mod.fn' not found for export}}
  vm.export @mod.fn
}

// -----

vm.module @duplicate_export_name {
  vm.export @a as("entry")
  // expected-error@+1 {{exports the name "entry" already exported by the vm.export of @a}}
  vm.export @b as("entry")
  vm.func @a() {
    vm.return
  }
  vm.func @b() {
    vm.return
  }
}

// -----

// expected-error@+1 {{'vm.func' op expects parent op 'vm.module'}}
vm.func @outside_module() {
  vm.return
}

// -----

func.func @initializer_outside_module() {
  // expected-error@+1 {{'vm.initializer' op expects parent op 'vm.module'}}
  vm.initializer {
    vm.return
  }
  return
}

// -----

vm.module @return_count {
  vm.func @f(%arg0 : i32) -> (i32, i32) {
    // expected-error@+1 {{'vm.return' op returns 1 values but the enclosing function 'f' has 2 results}}
    vm.return %arg0 : i32
  }
}

// -----

vm.module @return_type {
  vm.func @f(%arg0 : i64) -> i32 {
    // expected-error@+1 {{'vm.return' op operand 0 has type 'i64' but the enclosing function 'f' returns 'i32'}}
    vm.return %arg0 : i64
  }
}

// -----

vm.module @return_in_initializer {
  vm.initializer {
    %c1 = vm.const.i32 1
    // expected-error@+1 {{'vm.return' op returns 1 values but the enclosing function vm.initializer has 0 results}}
    vm.return %c1 : i32
  }
}

// -----

vm.module @import_body {
  // expected-error@+1 {{'vm.import' op must not have a body}}
  "vm.import"() <{function_type = () -> (), sym_name = "mod.fn"}> ({
    "vm.return"() : () -> ()
  }) : () -> ()
}

// -----

vm.module @import_arg_type {
  // expected-error@+1 {{'vm.import' op argument 0 has type 'i8' that no vm register can hold}}
  vm.import private @mod.fn(i8) -> i32
}

// -----

vm.module @initializer_signature {
  // expected-error@+1 {{'vm.initializer' op must have no arguments and no results, not '(i32) -> ()'}}
  "vm.initializer"() <{function_type = (i32) -> ()}> ({
  ^bb0(%arg0: i32):
    "vm.return"() : () -> ()
  }) : () -> ()
}

// -----

vm.module @initializer_empty {
  // expected-error@+1 {{'vm.initializer' op must have a body}}
  "vm.initializer"() <{function_type = () -> ()}> ({
  }) : () -> ()
}

// -----

vm.module @func_entry_args {
  // expected-error@+1 {{'vm.func' op entry block must have 1 arguments to match function signature}}
  "vm.func"() <{function_type = (i32) -> (), sym_name = "f"}> ({
    "vm.return"() : () -> ()
  }) : () -> ()
}

// -----

func.func @terminator_outside() {
  // expected-error@+1 {{'vm.module_terminator' op expects parent op 'vm.module'}}
  "vm.module_terminator"() : () -> ()
  return
}
