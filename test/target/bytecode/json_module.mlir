// RUN: vm-translate --vm-to-bytecode-json --vm-bytecode-no-preparation %s | FileCheck %s

// The tables of a small module, read back from the written .vmfb. Keys
// print in sorted order. Preparation is off so the unused private helper
// stays (the pipeline would drop it).

// CHECK:      "exports": [
// CHECK-NEXT:   {
// CHECK-NEXT:     "function": 1,
// CHECK-NEXT:     "name": "main"
// CHECK:      "format_version": 2,

// CHECK-LABEL: "disassembly": [
// CHECK-NEXT: "0000: ADD_F32 s0, s0, s0"
// CHECK-NEXT: "0008: RETURN (s0)"
// CHECK: "name": "helper"
// CHECK: "required_features": [
// CHECK-NEXT: "EXT_F32"
// CHECK: "scalar_registers": 1
// CHECK: "signature": "0f_f"

// Registers are reused as soon as values die; the ref is borrowed by the
// global store and moved into the call, its last use. 8-byte globals are
// laid out first.
// CHECK-LABEL: "disassembly": [
// CHECK-NEXT: "0000: CONST_REF_RODATA r0, rodata[0]"
// CHECK-NEXT: "0008: GLOBAL_STORE_REF global.ref[0], r0"
// CHECK-NEXT: "0010: GLOBAL_LOAD_I32 s1, global[+8]"
// CHECK-NEXT: "0018: ADD_I32 s0, s1, s0"
// CHECK-NEXT: "0020: GLOBAL_STORE_I32 global[+8], s0"
// CHECK-NEXT: "0028: EXT_I32_I64_S s1, s0"
// CHECK-NEXT: "002e: GLOBAL_STORE_I64 global[+0], s1"
// CHECK-NEXT: "0036: CALL_IMPORT @io.write, (r0!, s0), ()"
// CHECK-NEXT: "0044: RETURN ()"
// CHECK: "name": "run"
// CHECK: "ref_registers": 1
// CHECK: "scalar_registers": 2
// CHECK: "signature": "0i_v"

// CHECK:      "global_bytes": 12,
// CHECK-NEXT: "global_refs": 1,
// CHECK-NEXT: "imports": [
// CHECK-NEXT:   {
// CHECK-NEXT:     "flags": [],
// CHECK-NEXT:     "name": "io.write",
// CHECK-NEXT:     "signature": "0ri_v"
// CHECK:      "init_function": -1,
// CHECK-NEXT: "name": "tables",
// CHECK-NEXT: "required_features": [
// CHECK-NEXT:   "EXT_F32"
// CHECK-NEXT: ],
// CHECK-NEXT: "rodata": [
// CHECK-NEXT:   {
// CHECK-NEXT:     "alignment": 16,
// CHECK-NEXT:     "embedded_length": 2,
// CHECK-NEXT:     "file_offset": {{[0-9]+}},
// CHECK-NEXT:     "name": "greeting"

vm.module @tables {
  vm.global.i32 private mutable @counter : i32
  vm.global.i64 private mutable @total : i64
  vm.global.ref private mutable @cache : !vm.buffer
  vm.import private @io.write(%buf: !vm.buffer, %n: i32)
  vm.rodata private @greeting dense<[72, 105]> : tensor<2xi8>
  vm.export @run as("main")

  vm.func private @helper(%x: f32) -> f32 {
    %y = vm.add.f32 %x, %x : f32
    vm.return %y : f32
  }

  vm.func @run(%n: i32) {
    %buf = vm.const.ref.rodata @greeting : !vm.buffer
    vm.global.store.ref %buf, @cache : !vm.buffer
    %old = vm.global.load.i32 @counter : i32
    %new = vm.add.i32 %old, %n : i32
    vm.global.store.i32 %new, @counter : i32
    %wide = vm.ext.i32.i64.s %new : i32 -> i64
    vm.global.store.i64 %wide, @total : i64
    vm.call @io.write(%buf, %new) : (!vm.buffer, i32) -> ()
    vm.return
  }
}
