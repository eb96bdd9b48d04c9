#!/usr/bin/env python3
"""Writes vm modules at and past a limit of kiln/vm/limits.h.

usage: gen_limits.py KIND N
  args N       an exported function with N i32 arguments
  results N    an exported function with N i32 results
  live N       an exported function with N i32 values live at once
               (registers needed: N + 1 scalars)
"""
import sys


def main():
    kind, n = sys.argv[1], int(sys.argv[2])
    w = sys.stdout.write
    w("vm.module @limits {\n")
    if kind == "args":
        params = ", ".join(f"%a{i}: i32" for i in range(n))
        w(f"  vm.func @f({params}) -> i32 {{\n")
        w(f"    vm.return %a{n - 1} : i32\n  }}\n")
    elif kind == "results":
        w("  vm.func @f(%x: i32) -> (" + ", ".join(["i32"] * n) + ") {\n")
        w("    vm.return " + ", ".join(["%x"] * n) + " : " +
          ", ".join(["i32"] * n) + "\n  }\n")
    elif kind == "live":
        w("  vm.func @f(%x: i32) -> i32 {\n")
        for i in range(n):
            w(f"    %c{i} = vm.const.i32 {i + 2}\n")
            w(f"    %v{i} = vm.mul.i32 %x, %c{i} : i32\n")
        acc = "%x"
        for i in reversed(range(n)):
            w(f"    %s{i} = vm.xor.i32 {acc}, %v{i} : i32\n")
            acc = f"%s{i}"
        w(f"    vm.return {acc} : i32\n  }}\n")
    w("  vm.export @f\n}\n")


if __name__ == "__main__":
    main()
