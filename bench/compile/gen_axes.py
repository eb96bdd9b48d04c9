#!/usr/bin/env python3
"""Generates vm modules that grow along one axis, for compile-time scaling.

usage: gen_axes.py AXIS N [-o OUT.mlir]

AXIS is one of:
  globals        N scalar globals: a third with initial values, a third set by
                 a vm.initializer each (canonicalization folds those into
                 initial values), a third left zero; functions of 50 loads
                 and stores keep them alive
  rodata         N vm.rodata entries of 16..48 bytes (every fourth one a
                 duplicate of an earlier one) and N/8 vm.rodata.inline, all
                 referenced from functions of 50 references each
  rodata_bytes   one vm.rodata of N KiB (hex-encoded dense data) and one
                 function that reads from it
  blocks         one function with N blocks (a chain of compares and
                 conditional branches carrying two block arguments)
  live_calls     one function with N values live across a call (defined
                 before it and all summed after it)
  call_depth     a chain of N private functions, each calling the next
                 (what the inliner and the call-graph analyses walk)

The `functions` axis is gen_module.py.
"""
import argparse
import sys


def globals_axis(n, w):
    for i in range(n):
        kind = i % 3
        if kind == 0:
            w(f"  vm.global.i32 private mutable @g{i} = {i + 1} : i32\n")
        elif kind == 1:
            w(f"  vm.global.i32 private mutable @g{i} : i32\n")
            w("  vm.initializer {\n")
            w(f"    %c = vm.const.i32 {i + 7}\n")
            w(f"    vm.global.store.i32 %c, @g{i} : i32\n")
            w("    vm.return\n  }\n")
        else:
            w(f"  vm.global.i64 private mutable @g{i} : i64\n")
    chunk = 50
    for f in range(0, n, chunk):
        w(f"  vm.func @touch{f}(%x: i32) -> i32 {{\n")
        acc = "%x"
        for i in range(f, min(n, f + chunk)):
            if i % 3 == 2:
                w(f"    %l{i} = vm.global.load.i64 @g{i} : i64\n")
                w(f"    %t{i} = vm.trunc.i64.i32 %l{i} : i64 -> i32\n")
                w(f"    %s{i} = vm.add.i32 {acc}, %t{i} : i32\n")
            else:
                w(f"    %l{i} = vm.global.load.i32 @g{i} : i32\n")
                w(f"    %s{i} = vm.add.i32 {acc}, %l{i} : i32\n")
                w(f"    vm.global.store.i32 %s{i}, @g{i} : i32\n")
            acc = f"%s{i}"
        w(f"    vm.return {acc} : i32\n  }}\n")
        w(f"  vm.export @touch{f}\n")


def rodata_axis(n, w):
    for i in range(n):
        src = i - 3 if i % 4 == 3 else i
        size = 16 + (src % 3) * 16
        data = ", ".join(str((src * 31 + k) % 251) for k in range(size))
        w(f"  vm.rodata private @r{i} dense<[{data}]> : tensor<{size}xi8>\n")
    chunk = 50
    for f in range(0, n, chunk):
        w(f"  vm.func @use{f}() -> i64 {{\n")
        w("    %acc0 = vm.const.i64 0\n")
        acc = "%acc0"
        for i in range(f, min(n, f + chunk)):
            w(f"    %b{i} = vm.const.ref.rodata @r{i} : !vm.buffer\n")
            w(f"    %n{i} = vm.buffer.length %b{i} : !vm.buffer -> i64\n")
            w(f"    %a{i} = vm.add.i64 {acc}, %n{i} : i64\n")
            acc = f"%a{i}"
            if i % 8 == 0:
                w(f"    %ib{i} = vm.rodata.inline \"in{i}\" : !vm.buffer = "
                  f"dense<[{i % 256}, 1, 2, 3]> : tensor<4xi8>\n")
                w(f"    %in{i} = vm.buffer.length %ib{i} : !vm.buffer -> i64\n")
                w(f"    %ia{i} = vm.add.i64 {acc}, %in{i} : i64\n")
                acc = f"%ia{i}"
        w(f"    vm.return {acc} : i64\n  }}\n")
        w(f"  vm.export @use{f}\n")


def rodata_bytes_axis(n, w):
    size = n * 1024
    pattern = bytes((k * 7 + 3) % 256 for k in range(1024)).hex().upper()
    w(f"  vm.rodata private @big {{alignment = 64 : i64}} "
      f"dense<\"0x{pattern * n}\"> : tensor<{size}xi8>\n")
    w("  vm.func @read(%i: i64) -> i32 {\n")
    w("    %b = vm.const.ref.rodata @big : !vm.buffer\n")
    w("    %v = vm.buffer.load.i8.u %b[%i] : !vm.buffer -> i32\n")
    w("    vm.return %v : i32\n  }\n")
    w("  vm.export @read\n")


def blocks_axis(n, w):
    w("  vm.func @chain(%x: i32, %y: i32) -> i32 {\n")
    w("    %c1 = vm.const.i32 1\n")
    w("    vm.br ^b0(%x, %y : i32, i32)\n")
    for i in range(n):
        nxt = f"^b{i + 1}" if i + 1 < n else "^done"
        w(f"  ^b{i}(%p{i}: i32, %q{i}: i32):\n")
        w(f"    %u{i} = vm.add.i32 %p{i}, %c1 : i32\n")
        w(f"    %v{i} = vm.xor.i32 %q{i}, %u{i} : i32\n")
        w(f"    %k{i} = vm.const.i32 {i * 13 % 1000 + 2}\n")
        w(f"    %m{i} = vm.cmp.lt.i32.s %v{i}, %k{i} : i32\n")
        w(f"    vm.cond_br %m{i}, {nxt}(%u{i}, %v{i} : i32, i32), "
          f"{nxt}(%v{i}, %u{i} : i32, i32)\n")
    w("  ^done(%r: i32, %s: i32):\n")
    w("    %t = vm.add.i32 %r, %s : i32\n")
    w("    vm.return %t : i32\n  }\n")
    w("  vm.export @chain\n")


def live_calls_axis(n, w):
    w("  vm.import private @ext.step(%x: i32) -> i32\n")
    w("  vm.func @live(%x: i32) -> i32 {\n")
    for i in range(n):
        w(f"    %c{i} = vm.const.i32 {i + 3}\n")
        w(f"    %v{i} = vm.mul.i32 %x, %c{i} : i32\n")
    w("    %r = vm.call @ext.step(%x) : (i32) -> i32\n")
    acc = "%r"
    for i in range(n):
        w(f"    %s{i} = vm.add.i32 {acc}, %v{i} : i32\n")
        acc = f"%s{i}"
    w(f"    vm.return {acc} : i32\n  }}\n")
    w("  vm.export @live\n")


def call_depth_axis(n, w):
    for i in range(n):
        vis = "" if i == 0 else "private "
        w(f"  vm.func {vis}@f{i}(%x: i32) -> i32 {{\n")
        w(f"    %c = vm.const.i32 {i % 97 + 1}\n")
        w("    %y = vm.add.i32 %x, %c : i32\n")
        w("    %z = vm.mul.i32 %y, %y : i32\n")
        if i + 1 < n:
            w(f"    %r = vm.call @f{i + 1}(%z) : (i32) -> i32\n")
            w("    %s = vm.xor.i32 %r, %y : i32\n")
            w("    vm.return %s : i32\n  }\n")
        else:
            w("    vm.return %z : i32\n  }\n")
    w("  vm.export @f0\n")


AXES = {
    "globals": globals_axis,
    "rodata": rodata_axis,
    "rodata_bytes": rodata_bytes_axis,
    "blocks": blocks_axis,
    "live_calls": live_calls_axis,
    "call_depth": call_depth_axis,
}


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("axis", choices=sorted(AXES))
    parser.add_argument("count", type=int)
    parser.add_argument("-o", "--output", default="-")
    args = parser.parse_args()
    out = sys.stdout if args.output == "-" else open(args.output, "w")
    out.write(f"vm.module @scale_{args.axis} {{\n")
    AXES[args.axis](args.count, out.write)
    out.write("}\n")
    if out is not sys.stdout:
        out.close()


if __name__ == "__main__":
    main()
