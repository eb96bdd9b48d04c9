// RUN: vm-opt -split-input-file -verify-diagnostics --convert-to-vm %s

func.func @vector_value(%v : vector<4xf32>) {
  // expected-error @+1 {{'vector.print' op prints a value of type 'vector<4xf32>'; the vm conversion prints i1, i8, i16, i32, i64, index, f32 and f64 scalars}}
  vector.print %v : vector<4xf32>
  return
}

// -----

// A function of the module that has a utility's name but another role.
// expected-note @+1 {{defined here}}
func.func private @printI64(%x : i64) -> i64 {
  return %x : i64
}
func.func @clash(%x : i64) {
  // expected-error @+1 {{'vector.print' op prints through the runner utility @printI64 '(i64) -> ()', but the module defines @printI64 otherwise}}
  vector.print %x : i64
  return
}

// -----

// A declaration with a utility's name and another type is not a utility.
// expected-error @+1 {{declaration needs a module to import from}}
func.func private @printF32(f64)
