#!/usr/bin/env python3
"""Generates a vm module for measuring compile throughput.

usage: gen_module.py N [-o OUT.mlir]

Writes a `vm.module` with N functions of about 50 ops each: integer and
float arithmetic, compares, a counted loop with block arguments, buffer and
list refs, calls between the generated functions and to an import, so the
bytecode target's liveness, register allocation, encoder and writer all get
exercised. Then, e.g.:

  /usr/bin/time -v build/bin/vm-translate --vm-to-bytecode gen.mlir -o gen.vmfb
"""
import argparse
import sys


def function(i, out):
    callee = f"@f{i - 1}" if i > 0 else None
    w = out.write
    w(f"  vm.func @f{i}(%a: i32, %b: i64, %buf: !vm.buffer) -> (i32, i64) {{\n")
    w("    %c0 = vm.const.i32.zero\n")
    w(f"    %c1 = vm.const.i32 {1 + i % 7}\n")
    w("    %c3 = vm.const.i32 3\n")
    w("    %k = vm.const.i64 11\n")
    w("    %x0 = vm.add.i32 %a, %c1 : i32\n")
    w("    %x1 = vm.mul.i32 %x0, %c3 : i32\n")
    w("    %x2 = vm.xor.i32 %x1, %a : i32\n")
    w("    %x3 = vm.shl.i32 %x2, %c1 : i32\n")
    w("    %x4 = vm.sub.i32 %x3, %x0 : i32\n")
    w("    %y0 = vm.ext.i32.i64.s %x4 : i32 -> i64\n")
    w("    %y1 = vm.add.i64 %y0, %b : i64\n")
    w("    %y2 = vm.mul.i64 %y1, %k : i64\n")
    w("    %f0 = vm.cast.si32.f32 %x4 : i32 -> f32\n")
    w("    %f1 = vm.mul.f32 %f0, %f0 : f32\n")
    w("    %f2 = vm.add.f32 %f1, %f0 : f32\n")
    w("    %x5 = vm.cast.f32.si32 %f2 : f32 -> i32\n")
    w("    %len = vm.buffer.length %buf : !vm.buffer -> i64\n")
    w("    %y3 = vm.add.i64 %y2, %len : i64\n")
    w("    %list = vm.list.alloc %c3 : (i32) -> !vm.list<i32>\n")
    w("    vm.list.resize %list, %c3 : (!vm.list<i32>, i32)\n")
    w("    vm.list.set.i32 %list, %c0, %x5 : (!vm.list<i32>, i32, i32)\n")
    w("    vm.br ^loop(%c0, %x5 : i32, i32)\n")
    w("  ^loop(%i: i32, %acc: i32):\n")
    w("    %e = vm.list.get.i32 %list, %c0 : (!vm.list<i32>, i32) -> i32\n")
    w("    %t0 = vm.add.i32 %acc, %e : i32\n")
    w("    %t1 = vm.and.i32 %t0, %x2 : i32\n")
    w("    %t2 = vm.or.i32 %t1, %i : i32\n")
    w("    %i2 = vm.add.i32 %i, %c1 : i32\n")
    w("    %more = vm.cmp.lt.i32.s %i2, %x1 : i32\n")
    w("    vm.cond_br %more, ^loop(%i2, %t2 : i32, i32), ^after(%t2 : i32)\n")
    w("  ^after(%r: i32):\n")
    w("    %z0 = vm.select.i32 %r, %x3, %x4 : i32\n")
    w("    %z1 = vm.max.i32.s %z0, %a : i32\n")
    w("    %z2 = vm.min.i32.u %z1, %x1 : i32\n")
    if callee:
        w(f"    %cr:2 = vm.call {callee}(%z2, %y3, %buf) : (i32, i64, !vm.buffer) -> (i32, i64)\n")
        w("    %z3 = vm.add.i32 %z2, %cr#0 : i32\n")
        w("    %y4 = vm.add.i64 %y3, %cr#1 : i64\n")
    else:
        w("    %z3 = vm.add.i32 %z2, %c3 : i32\n")
        w("    %y4 = vm.add.i64 %y3, %k : i64\n")
    w("    %h = vm.call @ext.hash(%buf, %z3) : (!vm.buffer, i32) -> i32\n")
    w("    %z4 = vm.xor.i32 %z3, %h : i32\n")
    w("    %nz = vm.cmp.nz.i32 %z4 : i32\n")
    w("    vm.cond_br %nz, ^ret(%z4, %y4 : i32, i64), ^zero\n")
    w("  ^zero:\n")
    w("    %y5 = vm.sub.i64 %y4, %b : i64\n")
    w("    vm.br ^ret(%c0, %y5 : i32, i64)\n")
    w("  ^ret(%o0: i32, %o1: i64):\n")
    w("    vm.return %o0, %o1 : i32, i64\n")
    w("  }\n")
    w(f"  vm.export @f{i}\n")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("count", type=int, help="number of functions")
    parser.add_argument("-o", "--output", default="-")
    args = parser.parse_args()
    out = sys.stdout if args.output == "-" else open(args.output, "w")
    out.write("vm.module @compile_bench {\n")
    out.write("  vm.import private @ext.hash(%buf: !vm.buffer, %x: i32) -> i32\n")
    for i in range(args.count):
        function(i, out)
    out.write("}\n")
    if out is not sys.stdout:
        out.close()


if __name__ == "__main__":
    main()
