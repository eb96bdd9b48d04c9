// A plain-MLIR program that prints with vector.print, run by mlir-runner and
// through Kiln in both forms: the three outputs are the same text.
// REQUIRES: mlir-runner
// RUN: mlir-opt %s --convert-scf-to-cf --convert-math-to-llvm --finalize-memref-to-llvm \
// RUN:   --convert-vector-to-llvm --convert-arith-to-llvm --convert-index-to-llvm \
// RUN:   --convert-func-to-llvm --convert-cf-to-llvm --reconcile-unrealized-casts \
// RUN:   | mlir-runner -e main -entry-point-result=void -shared-libs=%mlir_c_runner_utils > %t.ref.txt
// RUN: vm-translate --vm-to-bytecode %s -o %t.vmfb
// RUN: run-module --module=%t.vmfb --function=main > %t.bytecode.txt
// RUN: diff %t.ref.txt %t.bytecode.txt
// RUN: vm-translate --vm-to-c %s -o %t.c
// RUN: cc -std=c11 -O2 -shared -fPIC -I %kiln_src/runtime/include %t.c -lm -o %t.so
// RUN: run-module --module=%t.so --function=main > %t.c.txt
// RUN: diff %t.ref.txt %t.c.txt
// RUN: FileCheck %s < %t.bytecode.txt

// CHECK:      squares
// CHECK-NEXT: ( 0, 1, 4, 9, 16, 25 )
// CHECK-NEXT: collatz(27) = 111
// CHECK-NEXT: sqrt(2) = 1.41421
// CHECK-NEXT: 0.1 -1e-07 -0 nan inf
// CHECK-NEXT: 1 0 -1 18446744073709551615
func.func @collatz(%n : i64) -> i64 {
  %c0 = arith.constant 0 : i64
  %c1 = arith.constant 1 : i64
  %c2 = arith.constant 2 : i64
  %c3 = arith.constant 3 : i64
  %r:2 = scf.while (%x = %n, %steps = %c0) : (i64, i64) -> (i64, i64) {
    %more = arith.cmpi ne, %x, %c1 : i64
    scf.condition(%more) %x, %steps : i64, i64
  } do {
  ^bb0(%x : i64, %steps : i64):
    %rem = arith.remui %x, %c2 : i64
    %even = arith.cmpi eq, %rem, %c0 : i64
    %half = arith.divui %x, %c2 : i64
    %t = arith.muli %x, %c3 : i64
    %odd = arith.addi %t, %c1 : i64
    %next = arith.select %even, %half, %odd : i64
    %s = arith.addi %steps, %c1 : i64
    scf.yield %next, %s : i64, i64
  }
  return %r#1 : i64
}

func.func @main() {
  vector.print str "squares\n"
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c5 = arith.constant 5 : index
  %c6 = arith.constant 6 : index
  %m = memref.alloc() : memref<6xi32>
  scf.for %i = %c0 to %c6 step %c1 {
    %v = arith.index_cast %i : index to i32
    %sq = arith.muli %v, %v : i32
    memref.store %sq, %m[%i] : memref<6xi32>
  }
  vector.print punctuation <open>
  scf.for %i = %c0 to %c6 step %c1 {
    %v = memref.load %m[%i] : memref<6xi32>
    vector.print %v : i32 punctuation <no_punctuation>
    %last = arith.cmpi eq, %i, %c5 : index
    scf.if %last {
    } else {
      vector.print punctuation <comma>
    }
  }
  vector.print punctuation <close>
  vector.print punctuation <newline>
  memref.dealloc %m : memref<6xi32>

  vector.print str "collatz(27) = "
  %n = arith.constant 27 : i64
  %steps = func.call @collatz(%n) : (i64) -> i64
  vector.print %steps : i64

  vector.print str "sqrt(2) = "
  %two = arith.constant 2.0 : f32
  %root = math.sqrt %two : f32
  vector.print %root : f32

  %a = arith.constant 0.1 : f64
  %b = arith.constant -1.0e-7 : f32
  %z = arith.constant -0.0 : f64
  %nan = arith.constant 0x7FF8000000000000 : f64
  %inf = arith.constant 0x7F800000 : f32
  vector.print %a : f64 punctuation <no_punctuation>
  vector.print str " "
  vector.print %b : f32 punctuation <no_punctuation>
  vector.print str " "
  vector.print %z : f64 punctuation <no_punctuation>
  vector.print str " "
  vector.print %nan : f64 punctuation <no_punctuation>
  vector.print str " "
  vector.print %inf : f32

  %t = arith.constant true
  %f = arith.constant false
  %m1 = arith.constant -1 : i8
  %ix = arith.constant -1 : index
  vector.print %t : i1 punctuation <no_punctuation>
  vector.print str " "
  vector.print %f : i1 punctuation <no_punctuation>
  vector.print str " "
  vector.print %m1 : i8 punctuation <no_punctuation>
  vector.print str " "
  vector.print %ix : index
  return
}
