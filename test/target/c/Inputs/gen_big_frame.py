#!/usr/bin/env python3
"""Prints a vm module whose recursive function keeps N i64 values live across
its recursive call (about 8*N bytes of C frame per level), for the native
stack tests of bounded C modules (test/target/c/bounded.mlir)."""
import sys

n = int(sys.argv[1]) if len(sys.argv) > 1 else 1024
lines = ["vm.module @big {", "  vm.func @deep(%n: i32) -> i64 {",
         "    %zero = vm.const.i32.zero",
         "    %done = vm.cmp.lte.i32.s %n, %zero : i32",
         "    vm.cond_br %done, ^exit, ^more", "  ^more:",
         "    %one = vm.const.i32 1", "    %m = vm.sub.i32 %n, %one : i32",
         "    %x = vm.ext.i32.i64.s %n : i32 -> i64", "    %v0 = vm.mul.i64 %x, %x : i64"]
for k in range(1, n):
    lines.append(f"    %v{k} = vm.add.i64 %v{k - 1}, %x : i64")
lines.append("    %r = vm.call @deep(%m) : (i32) -> i64")
lines.append("    %c31 = vm.const.i64 31")
prev = "%r"
for k in range(n):
    lines.append(f"    %t{k} = vm.mul.i64 {prev}, %c31 : i64")
    lines.append(f"    %s{k} = vm.xor.i64 %t{k}, %v{k} : i64")
    prev = f"%s{k}"
lines += [f"    vm.return {prev} : i64", "  ^exit:", "    %z = vm.const.i64.zero",
          "    vm.return %z : i64", "  }", "  vm.export @deep", "}"]
print("\n".join(lines))
