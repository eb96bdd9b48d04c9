// RUN: vm-translate --vm-to-bytecode-json -split-input-file %s | FileCheck %s

// A counted loop: the compare fuses into the branch, the increment uses an
// immediate, and increment + test + back edge are one ADD_BR_IF_LT.
// CHECK-LABEL: "disassembly": [
// CHECK-NEXT: "0: CONST_I32 i1, 0"
// CHECK-NEXT: "8: MOV i2, i1"
// CHECK-NEXT: "14: ADD_I32 i2, i2, i1"
// CHECK-NEXT: "22: ADD_BR_IF_LT_I32_S i1, i1, 1, i0, @14"
// CHECK-NEXT: "38: RETURN (i2)"
// CHECK-NEXT: ]
vm.module @m {
  vm.func @loop_sum(%n: i32) -> i32 {
    %c0 = vm.const.i32.zero
    %c1 = vm.const.i32 1
    vm.br ^loop(%c0, %c0 : i32, i32)
  ^loop(%i: i32, %acc: i32):
    %acc2 = vm.add.i32 %acc, %i : i32
    %i2 = vm.add.i32 %i, %c1 : i32
    %cond = vm.cmp.lt.i32.s %i2, %n : i32
    vm.cond_br %cond, ^loop(%i2, %acc2 : i32, i32), ^exit(%acc2 : i32)
  ^exit(%r: i32):
    vm.return %r : i32
  }
}

// -----

// Swapping block arguments on a back edge is a copy cycle, broken with a
// temporary register (i3, one past the allocated ones). The edge has copies
// and its destination has two predecessors, so the copies sit in an
// out-of-line stub after the function's blocks.
// CHECK-LABEL: "disassembly": [
// CHECK-NEXT: "0: ADD_I32 i2, i2, i2"
// CHECK-NEXT: "8: BR_IF_NZ i2, @[[STUB:[0-9]+]]"
// CHECK-NEXT: "16: RETURN (i0)"
// CHECK-NEXT: "[[STUB]]: MOV i3, i0"
// CHECK-NEXT: "{{[0-9]+}}: MOV i0, i1"
// CHECK-NEXT: "{{[0-9]+}}: MOV i1, i3"
// CHECK-NEXT: "{{[0-9]+}}: BR @0"
// CHECK: "scalar_registers": 4
vm.module @m {
  vm.func @swap(%a: i32, %b: i32, %n: i32) -> i32 {
    vm.br ^loop(%a, %b, %n : i32, i32, i32)
  ^loop(%x: i32, %y: i32, %k: i32):
    %k2 = vm.add.i32 %k, %k : i32
    %c = vm.cmp.nz.i32 %k2 : i32
    vm.cond_br %c, ^loop(%y, %x, %k2 : i32, i32, i32), ^exit(%x : i32)
  ^exit(%r: i32):
    vm.return %r : i32
  }
}

// -----

// A ref that only one side of a branch uses is released on the other edge;
// the side that uses it moves it on its last use.
// CHECK-LABEL: "disassembly": [
// CHECK-NEXT: "0: BR_IF_Z i0, @[[ELSE:[0-9]+]]"
// CHECK-NEXT: "8: BUFFER_LENGTH i0, r0:mv"
// CHECK-NEXT: "14: RETURN (i0)"
// CHECK-NEXT: "[[ELSE]]: DISCARD_REFS [r0]"
// CHECK-NEXT: "{{[0-9]+}}: EXT_I32_I64_S i0, i0"
// CHECK-NEXT: "{{[0-9]+}}: RETURN (i0)"
vm.module @m {
  vm.func @edge_release(%c: i32, %buf: !vm.buffer) -> i64 {
    vm.cond_br %c, ^use, ^skip
  ^use:
    %len = vm.buffer.length %buf : !vm.buffer -> i64
    vm.return %len : i64
  ^skip:
    %wide = vm.ext.i32.i64.s %c : i32 -> i64
    vm.return %wide : i64
  }
}

// -----

// Ref results nobody reads are released right away; refs returned are moved
// to the caller.
// CHECK-LABEL: "disassembly": [
// CHECK-NEXT: "0: CALL_IMPORT import[0], (i0), -> (r0)"
// CHECK-NEXT: "14: DISCARD_REFS [r0]"
// CHECK-NEXT: "20: CALL_IMPORT import[0], (i0), -> (r0)"
// CHECK-NEXT: "34: RETURN (r0:mv)"
// CHECK: "types": []
vm.module @m {
  vm.import private @rt.make(%n: i32) -> !vm.buffer
  vm.func @results(%n: i32) -> !vm.buffer {
    %unused = vm.call @rt.make(%n) : (i32) -> !vm.buffer
    %kept = vm.call @rt.make(%n) : (i32) -> !vm.buffer
    vm.return %kept : !vm.buffer
  }
}

// -----

// br_table: every case is a target; cases whose edge carries no copies jump
// straight to their block.
// CHECK-LABEL: "disassembly": [
// CHECK-NEXT: "0: BR_TABLE i0, @[[DEF:[0-9]+]], [@[[A:[0-9]+]], @[[B:[0-9]+]]]"
// CHECK-NEXT: "[[DEF]]: RETURN (i0)"
// CHECK-NEXT: "[[A]]: RETURN (i1)"
// CHECK-NEXT: "[[B]]: RETURN (i2)"
// CHECK-NEXT: ]
vm.module @m {
  vm.func @table(%i: i32, %a: i32, %b: i32) -> i32 {
    vm.br_table %i {
      default: ^def,
      0: ^a,
      1: ^b
    }
  ^def:
    vm.return %i : i32
  ^a:
    vm.return %a : i32
  ^b:
    vm.return %b : i32
  }
}

// -----

// Yieldable calls write their results into the successor's block arguments;
// yield resumes at its successor. Both mark the function YIELDABLE.
// CHECK-LABEL: "disassembly": [
// CHECK-NEXT: "0: CALL_IMPORT import[0], (i0), -> (i0)"
// CHECK-NEXT: "14: YIELD @20"
// CHECK-NEXT: "20: RETURN (i0)"
// CHECK: "flags": [
// CHECK-NEXT: "YIELDABLE"
// CHECK: "imports": [
// CHECK: "flags": [
// CHECK-NEXT: "YIELDABLE"
vm.module @m {
  vm.import private @rt.wait(%x: i32) -> i32 attributes {vm.yield}
  vm.func @suspends(%x: i32) -> i32 {
    vm.call.yieldable @rt.wait(%x) : (i32) -> ^got(i32)
  ^got(%y: i32):
    vm.yield ^done
  ^done:
    vm.return %y : i32
  }
}


// -----

// A ref result may take the register of a ref operand read at its last use
// without the move bit (the `regs:ref` list of SWITCH_REF): that register is
// not released after the op, the others are. Optimization barriers are
// copies that usually vanish.
// CHECK-LABEL: "disassembly": [
// CHECK-NEXT: "0: SWITCH_REF r0, i0, r2, [r0, r1]"
// CHECK-NEXT: "14: DISCARD_REFS [r1]"
// CHECK-NEXT: "20: CMP_EQ_REF i0, r0:mv, r2:mv"
// CHECK-NEXT: "28: RETURN (i0)"
// CHECK-NEXT: ]
vm.module @m {
  vm.func @switch_ref(%i: i32, %a: !vm.buffer, %b: !vm.buffer, %d: !vm.buffer) -> i32 {
    %j = vm.optimization_barrier %i : i32
    %s = vm.switch.ref %j[%a, %b] else %d : !vm.buffer
    %eq = vm.cmp.eq.ref %s, %d : !vm.buffer
    vm.return %eq : i32
  }
}
