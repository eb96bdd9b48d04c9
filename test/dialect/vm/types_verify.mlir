// RUN: vm-opt -split-input-file -verify-diagnostics %s

// expected-error @+1 {{invalid ref object type 'i32'; refs hold objects, not scalars or other refs}}
func.func private @ref_of_scalar(!vm.ref<i32>)

// -----

// expected-error @+1 {{invalid ref object type '!vm.buffer'}}
func.func private @ref_of_ref(!vm.ref<!vm.buffer>)

// -----

// expected-error @+1 {{invalid list element type 'i1'}}
func.func private @list_of_i1(!vm.list<i1>)

// -----

// expected-error @+1 {{invalid list element type 'index'}}
func.func private @list_of_index(!vm.list<index>)

// -----

// expected-error @+1 {{unknown vm type 'tensor'; expected buffer, list<T>, ref<T> or opaque}}
func.func private @unknown(!vm.tensor)

// -----

// expected-error @+1 {{expected '<'}}
func.func private @malformed_list(!vm.list)
