// RUN: vm-opt -split-input-file %s | vm-opt -split-input-file | FileCheck %s

// CHECK-LABEL: vm.module public @empty {
// CHECK-NEXT: }
vm.module @empty {}

// -----

// CHECK-LABEL: vm.module private @with_attrs attributes
// CHECK-SAME: ordinal_counts = #vm.ordinal_counts<import_funcs = 1, export_funcs = 2, internal_funcs = 3, global_bytes = 4, global_refs = 5, rodatas = 6, rwdatas = 0>
// CHECK-SAME: version = 7 : i32
vm.module private @with_attrs attributes {
    version = 7 : i32,
    ordinal_counts = #vm.ordinal_counts<import_funcs = 1, export_funcs = 2,
        internal_funcs = 3, global_bytes = 4, global_refs = 5, rodatas = 6,
        rwdatas = 0>} {
  // CHECK-NEXT: vm.func @decl()
  vm.func @decl()
}

// -----

// CHECK-LABEL: vm.module public @funcs
vm.module @funcs {
  // CHECK-NEXT: vm.func @identity(%arg0: i32) -> i32 {
  // CHECK-NEXT:   vm.return %arg0 : i32
  // CHECK-NEXT: }
  vm.func @identity(%arg0 : i32) -> i32 {
    vm.return %arg0 : i32
  }
  // CHECK-NEXT: vm.func private @multi(%arg0: i64, %arg1: f32, %arg2: !vm.buffer) -> (f32, !vm.buffer, i64)
  // CHECK-SAME:   attributes {inlining_policy = "never", noinline, ordinal = 3 : i32} {
  // CHECK-NEXT:   vm.return %arg1, %arg2, %arg0 : f32, !vm.buffer, i64
  vm.func private @multi(%a : i64, %b : f32, %c : !vm.buffer) -> (f32, !vm.buffer, i64)
      attributes {noinline, ordinal = 3 : i32, inlining_policy = "never"} {
    vm.return %b, %c, %a : f32, !vm.buffer, i64
  }
  // CHECK: vm.func private @ext(i32, !vm.list<i32>) -> !vm.ref<?>
  vm.func private @ext(i32, !vm.list<i32>) -> !vm.ref<?>
  // CHECK-NEXT: vm.func @arg_attrs(%arg0: i32 {vm.foo}) {
  vm.func @arg_attrs(%arg0 : i32 {vm.foo}) {
    // CHECK-NEXT: vm.return
    vm.return
  }
}

// -----

// CHECK-LABEL: @exports
vm.module @exports {
  // CHECK-NEXT: vm.export @fn{{$}}
  vm.export @fn
  // CHECK-NEXT: vm.export @fn as("fn_alias"){{$}}
  vm.export @fn as("fn_alias")
  // CHECK-NEXT: vm.export @fn as("fn_ordinal") attributes {ordinal = 2 : i32}
  vm.export @fn as("fn_ordinal") attributes {ordinal = 2 : i32}
  // The default name written out explicitly is the default again.
  // CHECK-NEXT: vm.export @other{{$}}
  vm.export @other as("other")
  // CHECK: vm.func @fn()
  vm.func @fn() {
    vm.return
  }
  vm.func @other() {
    vm.return
  }
}

// -----

// CHECK-LABEL: @imports
vm.module @imports {
  // CHECK-NEXT: vm.import private @mod.empty(){{$}}
  vm.import private @mod.empty()
  // CHECK-NEXT: vm.import public @mod.unnamed(i32, i64) -> i32{{$}}
  vm.import @mod.unnamed(i32, i64) -> i32
  // CHECK-NEXT: vm.import private @mod.named(%a : i32, %b : !vm.buffer) -> (i32, f64){{$}}
  vm.import private @mod.named(%a : i32, %b : !vm.buffer) -> (i32, f64)
  // CHECK-NEXT: vm.import private optional @mod.opt(%x : i32) -> i32 attributes {minimum_version = 4 : i32, nosideeffects, ordinal = 0 : i32}
  vm.import private optional @mod.opt(%x : i32) -> i32 attributes {nosideeffects, minimum_version = 4 : i32, ordinal = 0 : i32}
  // CHECK-NEXT: vm.import private @mod.variadic(%n : i32, %rest : i32 ..., %pairs : tuple<i32, !vm.ref<?>> ...) attributes {vm.yield}
  vm.import private @mod.variadic(%n : i32, %rest : i32 ..., %pairs : tuple<i32, !vm.ref<?>> ...) attributes {vm.yield}
  // CHECK-NEXT: vm.import private @no_module_prefix(i32 ...)
  vm.import private @no_module_prefix(i32 ...)
}

// -----

// CHECK-LABEL: @initializers
vm.module @initializers {
  // CHECK-NEXT: vm.initializer {
  // CHECK-NEXT:   vm.return
  // CHECK-NEXT: }
  vm.initializer {
    vm.return
  }
  // CHECK-NEXT: vm.initializer attributes {foo} {
  // CHECK-NEXT:   %c7 = vm.const.i32 7
  // CHECK-NEXT:   cf.br ^bb1(%c7 : i32)
  // CHECK-NEXT: ^bb1(%0: i32):
  // CHECK-NEXT:   vm.return
  // CHECK-NEXT: }
  vm.initializer attributes {foo} {
    %c = vm.const.i32 7
    cf.br ^bb1(%c : i32)
  ^bb1(%0 : i32):
    vm.return
  }
}

// -----

// vm.return's attribute dictionary comes before its operands.
// CHECK-LABEL: @return_attrs
vm.module @return_attrs {
  vm.func @f(%arg0 : i32) -> i32 {
    // CHECK: vm.return {tag} %arg0 : i32
    vm.return {tag} %arg0 : i32
  }
}
