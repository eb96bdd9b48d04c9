// RUN: vm-translate --vm-to-bytecode-json -split-input-file %s | FileCheck %s

// A counted loop: the compare fuses into the branch, the increment uses an
// immediate, and increment + test + back edge are one ADD_BR_IF_LT.
// CHECK-LABEL: "disassembly": [
// CHECK-NEXT: "0000: CONST_I32 s1, 0"
// CHECK-NEXT: "0008: MOV s2, s1"
// CHECK-NEXT: "000e: ADD_I32 s2, s2, s1"
// CHECK-NEXT: "0016: ADD_BR_IF_LT_I32_S s1, s1, 1, s0, ^000e"
// CHECK-NEXT: "0026: RETURN (s2)"
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
// CHECK-NEXT: "0000: ADD_I32 s2, s2, s2"
// CHECK-NEXT: "0008: BR_IF_NZ s2, ^[[STUB:[0-9a-f]+]]"
// CHECK-NEXT: "0010: RETURN (s0)"
// CHECK-NEXT: "[[STUB]]: MOV s3, s0"
// CHECK-NEXT: "{{[0-9a-f]+}}: MOV s0, s1"
// CHECK-NEXT: "{{[0-9a-f]+}}: MOV s1, s3"
// CHECK-NEXT: "{{[0-9a-f]+}}: BR ^0000"
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
// CHECK-NEXT: "0000: BR_IF_Z s0, ^[[ELSE:[0-9a-f]+]]"
// CHECK-NEXT: "0008: BUFFER_LENGTH s0, r0!"
// CHECK-NEXT: "000e: RETURN (s0)"
// CHECK-NEXT: "[[ELSE]]: DISCARD_REFS (r0)"
// CHECK-NEXT: "{{[0-9a-f]+}}: EXT_I32_I64_S s0, s0"
// CHECK-NEXT: "{{[0-9a-f]+}}: RETURN (s0)"
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
// CHECK-NEXT: "0000: CALL_IMPORT @rt.make, (s0), (r0)"
// CHECK-NEXT: "000e: DISCARD_REFS (r0)"
// CHECK-NEXT: "0014: CALL_IMPORT @rt.make, (s0), (r0)"
// CHECK-NEXT: "0022: RETURN (r0!)"
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
// CHECK-NEXT: "0000: BR_TABLE s0, ^[[DEF:[0-9a-f]+]], [^[[A:[0-9a-f]+]], ^[[B:[0-9a-f]+]]]"
// CHECK-NEXT: "[[DEF]]: RETURN (s0)"
// CHECK-NEXT: "[[A]]: RETURN (s1)"
// CHECK-NEXT: "[[B]]: RETURN (s2)"
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
// CHECK-NEXT: "0000: CALL_IMPORT @rt.wait, (s0), (s0)"
// CHECK-NEXT: "000e: YIELD ^0014"
// CHECK-NEXT: "0014: RETURN (s0)"
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
// CHECK-NEXT: "0000: SWITCH_REF r0, s0, r2, (r0, r1)"
// CHECK-NEXT: "000e: DISCARD_REFS (r1)"
// CHECK-NEXT: "0014: CMP_EQ_REF s0, r0!, r2!"
// CHECK-NEXT: "001c: RETURN (s0)"
// CHECK-NEXT: ]
vm.module @m {
  vm.func @switch_ref(%i: i32, %a: !vm.buffer, %b: !vm.buffer, %d: !vm.buffer) -> i32 {
    %j = vm.optimization_barrier %i : i32
    %s = vm.switch.ref %j[%a, %b] else %d : !vm.buffer
    %eq = vm.cmp.eq.ref %s, %d : !vm.buffer
    vm.return %eq : i32
  }
}
