// Verifier and parser errors of the call ops.
// RUN: vm-opt -split-input-file -verify-diagnostics %s

vm.module @m {
  vm.func @missing_callee() {
    // expected-error @+1 {{callee @nowhere does not reference a symbol}}
    vm.call @nowhere() : () -> ()
    vm.return
  }
}

// -----

module {
  module @not_a_function {}
  func.func @call_module() {
    // expected-error @+1 {{callee @not_a_function is a 'builtin.module', not a function}}
    vm.call @not_a_function() : () -> ()
    return
  }
}

// -----

vm.module @m {
  vm.import private @f(%x : i32, %y : i32) -> i32
  vm.func @too_few_operands(%x : i32) -> i32 {
    // expected-error @+1 {{has 1 operands but callee @f takes 2}}
    %0 = vm.call @f(%x) : (i32) -> i32
    vm.return %0 : i32
  }
}

// -----

vm.module @m {
  vm.import private @f(%x : i32) -> i32
  vm.func @wrong_operand_type(%x : i64) -> i32 {
    // expected-error @+1 {{operand #0 has type 'i64' but callee @f expects 'i32'}}
    %0 = vm.call @f(%x) : (i64) -> i32
    vm.return %0 : i32
  }
}

// -----

vm.module @m {
  vm.import private @f(%x : i32) -> i32
  vm.func @too_many_results(%x : i32) -> i32 {
    // expected-error @+1 {{has 2 results but callee @f returns 1}}
    %0:2 = vm.call @f(%x) : (i32) -> (i32, i32)
    vm.return %0#0 : i32
  }
}

// -----

// A typed ref and !vm.ref<?> are interchangeable (as in IREE); two different
// object types are not.
vm.module @m {
  vm.import private @g(%x : i32) -> !vm.buffer
  vm.func @opaque_result_is_fine(%x : i32) -> !vm.ref<?> {
    %0 = vm.call @g(%x) : (i32) -> !vm.ref<?>
    vm.return %0 : !vm.ref<?>
  }
  vm.func @wrong_result_type(%x : i32) {
    // expected-error @+1 {{result #0 has type '!vm.list<i32>' but callee @g returns '!vm.buffer'}}
    %0 = vm.call @g(%x) : (i32) -> !vm.list<i32>
    vm.return
  }
}

// -----

vm.module @m {
  vm.import private @v(%x : i32, %rest : i32 ...)
  vm.func @plain_call_of_variadic(%x : i32) {
    // expected-error @+1 {{callee @v is variadic; call it with a variadic call op}}
    vm.call @v(%x, %x) : (i32, i32) -> ()
    vm.return
  }
}

// -----

vm.module @m {
  vm.import private @v(%x : i32, %rest : i32 ...)
  vm.func @segment_count(%x : i32) {
    // expected-error @+1 {{has 1 segments but callee @v takes 2 arguments}}
    vm.call.variadic @v([%x]) : (i32 ...)
    vm.return
  }
}

// -----

vm.module @m {
  vm.import private @v(%x : i32, %rest : i32 ...)
  vm.func @segment_type(%x : i32, %l : i64) {
    // expected-error @+1 {{segment #1 has type 'i64' but argument #1 of callee @v has type 'i32'}}
    vm.call.variadic @v(%x, [%l]) : (i32, i64 ...)
    vm.return
  }
}

// -----

vm.module @m {
  vm.import private @v(%x : i32, %rest : i32 ...)
  vm.func @single_for_variadic(%x : i32) {
    // expected-error @+1 {{segment #1 is a single operand but argument #1 of callee @v is variadic}}
    vm.call.variadic @v(%x, %x) : (i32, i32)
    vm.return
  }
}

// -----

vm.module @m {
  vm.import private @v(%x : i32, %rest : i32 ...)
  vm.func @group_for_plain(%x : i32) {
    // expected-error @+1 {{segment #0 is a variadic group but argument #0 of callee @v is not variadic}}
    vm.call.variadic @v([%x, %x], [%x]) : (i32 ..., i32 ...)
    vm.return
  }
}

// -----

vm.module @m {
  vm.import private @v(%x : i32, %rest : i32 ...) -> i32
  vm.func @variadic_wrong_results(%x : i32) {
    // expected-error @+1 {{has 0 results but callee @v returns 1}}
    vm.call.variadic @v(%x, []) : (i32, i32 ...)
    vm.return
  }
}

// -----

vm.module @m {
  vm.import private @v(%x : i32, %rest : i32 ...)
  vm.func @type_count(%x : i32) {
    // expected-error @+1 {{expected 2 segment types, got 1}}
    vm.call.variadic @v(%x, [%x]) : (i32)
    vm.return
  }
}

// -----

vm.module @m {
  vm.import private @v(%x : i32, %rest : i32 ...)
  vm.func @missing_ellipsis(%x : i32) {
    // expected-error @+1 {{segment #1 is a `[...]` group but its type is not marked `...`}}
    vm.call.variadic @v(%x, [%x]) : (i32, i32)
    vm.return
  }
}

// -----

vm.module @m {
  vm.import private @v(%x : i32, %rest : i32 ...)
  vm.func @extra_ellipsis(%x : i32) {
    // expected-error @+1 {{segment #0 is a single operand but its type is marked `...`}}
    vm.call.variadic @v(%x, [%x]) : (i32 ..., i32 ...)
    vm.return
  }
}

// -----

vm.module @m {
  vm.import private @t(%xs : tuple<i32, i32> ...)
  vm.func @ragged_tuples(%x : i32) {
    // expected-error @+1 {{segment #0 has 3 operands, not a multiple of the 2 elements of 'tuple<i32, i32>'}}
    vm.call.variadic @t([(%x, %x), (%x)]) : (tuple<i32, i32> ...)
    vm.return
  }
}

// -----

vm.module @m {
  vm.import private @v(%x : i32, %rest : i32 ...)
  vm.func @sizes_vs_types(%x : i32) {
    // expected-error @+1 {{has 1 segment sizes but 2 segment types}}
    "vm.call.variadic"(%x) {callee = @v, segment_sizes = dense<[-1]> : vector<1xi16>, segment_types = [i32, i32]} : (i32) -> ()
    vm.return
  }
}

// -----

vm.module @m {
  vm.import private @v(%x : i32, %rest : i32 ...)
  vm.func @bad_size(%x : i32) {
    // expected-error @+1 {{segment #1 has invalid size -2}}
    "vm.call.variadic"(%x) {callee = @v, segment_sizes = dense<[-1, -2]> : vector<2xi16>, segment_types = [i32, i32]} : (i32) -> ()
    vm.return
  }
}

// -----

vm.module @m {
  vm.import private @v(%x : i32, %rest : i32 ...)
  vm.func @segment_operand_type(%x : i32, %l : i64) {
    // expected-error @+1 {{operand #1 has type 'i64' but segment #1 expects 'i32'}}
    "vm.call.variadic"(%x, %l) {callee = @v, segment_sizes = dense<[-1, 1]> : vector<2xi16>, segment_types = [i32, i32]} : (i32, i64) -> ()
    vm.return
  }
}

// -----

vm.module @m {
  vm.import private @v(%x : i32, %rest : i32 ...)
  vm.func @segments_too_long(%x : i32) {
    // expected-error @+1 {{segments describe more than the 2 operands the op has}}
    "vm.call.variadic"(%x, %x) {callee = @v, segment_sizes = dense<[-1, 3]> : vector<2xi16>, segment_types = [i32, i32]} : (i32, i32) -> ()
    vm.return
  }
}

// -----

vm.module @m {
  vm.import private @v(%x : i32, %rest : i32 ...)
  vm.func @segments_too_short(%x : i32) {
    // expected-error @+1 {{segments describe 2 operands but the op has 3}}
    "vm.call.variadic"(%x, %x, %x) {callee = @v, segment_sizes = dense<[-1, 1]> : vector<2xi16>, segment_types = [i32, i32]} : (i32, i32, i32) -> ()
    vm.return
  }
}

// -----

vm.module @m {
  vm.import private @y(%x : i32) -> i32 attributes {vm.yield}
  vm.func @resume_block_count(%x : i32) {
    // expected-error @+1 {{branch has 1 operands for successor #0, but target block has 0}}
    vm.call.yieldable @y(%x) : (i32) -> ^bb1(i32)
  ^bb1:
    vm.return
  }
}

// -----

vm.module @m {
  vm.import private @y(%x : i32) -> i32 attributes {vm.yield}
  vm.func @resume_block_type(%x : i32) {
    // expected-error @+1 {{result type #0 ('i32') does not match successor argument type ('i64')}}
    vm.call.yieldable @y(%x) : (i32) -> ^bb1(i32)
  ^bb1(%r : i64):
    vm.return
  }
}

// -----

vm.module @m {
  vm.import private @y(%x : i32) -> i32 attributes {vm.yield}
  vm.func @yieldable_callee_mismatch(%x : i64) {
    // expected-error @+1 {{operand #0 has type 'i64' but callee @y expects 'i32'}}
    vm.call.yieldable @y(%x) : (i64) -> ^bb1(i32)
  ^bb1(%r : i32):
    vm.return
  }
}

// -----

vm.module @m {
  vm.import private @y(%n : i32, %xs : i32 ...) -> i32 attributes {vm.yield}
  vm.func @variadic_yieldable_segments(%x : i32) {
    // expected-error @+1 {{segments describe more than the 1 operands the op has}}
    vm.call.variadic.yieldable @y(%x) {segment_sizes = dense<[-1, 1]> : vector<2xi16>, segment_types = [i32, i32]} : (i32) -> ^bb1(i32)
  ^bb1(%r : i32):
    vm.return
  }
}

// -----

vm.module @m {
  vm.import private @y(%n : i32, %xs : i32 ...) -> i32 attributes {vm.yield}
  vm.func @variadic_yieldable_callee(%x : i32) {
    // expected-error @+1 {{segment #1 is a single operand but argument #1 of callee @y is variadic}}
    vm.call.variadic.yieldable @y(%x, %x) {segment_sizes = dense<[-1, -1]> : vector<2xi16>, segment_types = [i32, i32]} : (i32, i32) -> ^bb1(i32)
  ^bb1(%r : i32):
    vm.return
  }
}

// -----

vm.module @m {
  vm.import private @y(%n : i32, %xs : i32 ...) -> i32 attributes {vm.yield}
  vm.func @variadic_yieldable_resume(%x : i32) {
    // expected-error @+1 {{branch has 1 operands for successor #0, but target block has 2}}
    vm.call.variadic.yieldable @y(%x, %x) {segment_sizes = dense<[-1, 1]> : vector<2xi16>, segment_types = [i32, i32]} : (i32, i32) -> ^bb1(i32)
  ^bb1(%r : i32, %s : i32):
    vm.return
  }
}
