// RUN: vm-opt -split-input-file --convert-to-vm %s | FileCheck %s

// vector.print of scalars calls MLIR's runner utilities, imported from the
// runtime's runner_utils module: integers sign-extended to printI64, i1 and
// index zero-extended to printU64, floats as they are; the punctuation is
// its own call; a string is an inline rodata printed by printString.
// CHECK-LABEL: vm.module public @prints
// CHECK-DAG: vm.import private @runner_utils.printI64(i64)
// CHECK-DAG: vm.import private @runner_utils.printU64(i64)
// CHECK-DAG: vm.import private @runner_utils.printF32(f32)
// CHECK-DAG: vm.import private @runner_utils.printNewline()
// CHECK-DAG: vm.import private @runner_utils.printComma()
// CHECK-DAG: vm.import private @runner_utils.printString(!vm.buffer)
module @prints {
  // CHECK-LABEL: vm.func @show
  func.func @show(%i : i32, %b : i1, %x : index, %f : f32) {
    // CHECK: %[[I:.+]] = vm.ext.i32.i64.s %{{.*}} : i32 -> i64
    // CHECK-NEXT: vm.call @runner_utils.printI64(%[[I]])
    // CHECK-NEXT: vm.call @runner_utils.printNewline()
    vector.print %i : i32
    // CHECK: %[[B:.+]] = vm.ext.i32.i64.u %{{.*}} : i32 -> i64
    // CHECK-NEXT: vm.call @runner_utils.printU64(%[[B]])
    // CHECK-NEXT: vm.call @runner_utils.printComma()
    vector.print %b : i1 punctuation <comma>
    // CHECK: vm.call @runner_utils.printU64(%{{.*}}) : (i64) -> ()
    // CHECK-NOT: vm.call @runner_utils.printNewline
    vector.print %x : index punctuation <no_punctuation>
    // CHECK: vm.call @runner_utils.printF32(%{{.*}}) : (f32) -> ()
    vector.print %f : f32
    // CHECK: %[[S:.+]] = vm.rodata.inline : !vm.buffer = "done\0A"
    // CHECK-NEXT: vm.call @runner_utils.printString(%[[S]])
    vector.print str "done\n"
    return
  }
}

// -----

// Programs written for mlir-runner declare the utilities by their C names.
// CHECK-LABEL: vm.module public @declared
// CHECK: vm.import private @runner_utils.printF64(f64)
// CHECK: vm.import private @runner_utils.rtclock() -> f64
module @declared {
  func.func private @printF64(f64)
  func.func private @rtclock() -> f64
  // CHECK-LABEL: vm.func @main
  func.func @main() {
    // CHECK: vm.call @runner_utils.rtclock()
    %t = func.call @rtclock() : () -> f64
    // CHECK: vm.call @runner_utils.printF64
    func.call @printF64(%t) : (f64) -> ()
    return
  }
}
