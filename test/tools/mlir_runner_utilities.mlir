// A program written for mlir-runner that declares MLIR's C runner utilities
// by their C names and calls them: mlir-runner and Kiln (both forms) print
// the same text.
// REQUIRES: mlir-runner
// RUN: mlir-opt %s --convert-arith-to-llvm --convert-func-to-llvm --reconcile-unrealized-casts \
// RUN:   | mlir-runner -e main -entry-point-result=void -shared-libs=%mlir_c_runner_utils > %t.ref.txt
// RUN: vm-translate --vm-to-bytecode %s -o %t.vmfb
// RUN: run-module --module=%t.vmfb --function=main > %t.bytecode.txt
// RUN: diff %t.ref.txt %t.bytecode.txt
// RUN: vm-translate --vm-to-c %s -o %t.c
// RUN: cc -std=c11 -O2 -shared -fPIC -I %kiln_src/runtime/include %t.c -lm -o %t.so
// RUN: run-module --module=%t.so --function=main > %t.c.txt
// RUN: diff %t.ref.txt %t.c.txt
// RUN: FileCheck %s < %t.c.txt

// CHECK:      ( -42, 18446744073709551574 )
// CHECK-NEXT: 3.14159
// CHECK-NEXT: 1e+20
// CHECK-NEXT: nan
// CHECK-NEXT: -inf
// CHECK-NEXT: -0
func.func private @printI64(i64)
func.func private @printF32(f32)
func.func private @printF64(f64)
func.func private @printNewline()
func.func private @printComma()
func.func private @printOpen()
func.func private @printClose()
func.func private @printU64(i64)
func.func @main() {
  %a = arith.constant -42 : i64
  call @printOpen() : () -> ()
  call @printI64(%a) : (i64) -> ()
  call @printComma() : () -> ()
  call @printU64(%a) : (i64) -> ()
  call @printClose() : () -> ()
  call @printNewline() : () -> ()
  %f = arith.constant 3.14159265 : f32
  call @printF32(%f) : (f32) -> ()
  call @printNewline() : () -> ()
  %g = arith.constant 1.0e20 : f64
  call @printF64(%g) : (f64) -> ()
  call @printNewline() : () -> ()
  %n = arith.constant 0x7FC00000 : f32
  call @printF32(%n) : (f32) -> ()
  call @printNewline() : () -> ()
  %i = arith.constant 0xFF800000 : f32
  call @printF32(%i) : (f32) -> ()
  call @printNewline() : () -> ()
  %z = arith.constant -0.0 : f64
  call @printF64(%z) : (f64) -> ()
  call @printNewline() : () -> ()
  return
}
