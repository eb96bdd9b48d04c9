// Embedded rodata lies on 64-byte boundaries of the file (the 64-byte header
// keeps the FlatBuffer's own 64-byte alignment), so a mapped file serves
// every segment in place at the alignment it declares; large segments go to
// the external area, also 64-byte aligned.
// RUN: vm-translate --vm-to-bytecode-json --vm-bytecode-external-rodata-threshold=256 %s > %t.json
// RUN: python3 -c "import json,sys; d=json.load(open(sys.argv[1])); offs=[r['file_offset'] for r in d['rodata'] if 'file_offset' in r]; ext=[r['external_offset'] for r in d['rodata'] if 'external_offset' in r]; assert len(offs) == 3 and len(ext) == 1, d['rodata']; assert all(o % 64 == 0 for o in offs + ext + [d['external_offset']]), (offs, ext)" %t.json
// RUN: FileCheck %s < %t.json
// CHECK: "external_offset": {{[1-9][0-9]*}}
// CHECK: "rodata": [
// CHECK: "alignment": 64
// CHECK: "file_offset":
vm.module @aligned {
  vm.rodata private @a {alignment = 64 : i64} dense<[1, 2, 3]> : tensor<3xi8>
  vm.rodata private @b {alignment = 16 : i64} dense<[4, 5, 6, 7, 8]> : tensor<5xi8>
  vm.rodata private @c dense<[1.0, 2.0]> : tensor<2xf64>
  vm.rodata private @big dense<7> : tensor<512xi8>
  vm.func @f() -> (!vm.buffer, !vm.buffer, !vm.buffer, !vm.buffer) {
    %a = vm.const.ref.rodata @a : !vm.buffer
    %b = vm.const.ref.rodata @b : !vm.buffer
    %c = vm.const.ref.rodata @c : !vm.buffer
    %d = vm.const.ref.rodata @big : !vm.buffer
    vm.return %a, %b, %c, %d : !vm.buffer, !vm.buffer, !vm.buffer, !vm.buffer
  }
  vm.export @f
}
