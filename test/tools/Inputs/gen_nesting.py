#!/usr/bin/env python3
"""Writes a vm module whose text nests DEPTH levels deep in total.

usage: gen_nesting.py KIND DEPTH
  array   an attribute [[[...]]] on a function
  dict    an attribute {a = {a = ...}} on a function
  type    a type tuple<tuple<...>> in a function attribute
  minus   an affine map (d0) -> (- - ... d0) in a function attribute
  paren   an affine map (d0) -> ((((d0)))) in a function attribute
  region  generic unregistered ops nested through their regions (needs
          --allow-unregistered-dialect; DEPTH rounded down to odd)

The vm.module's braces and the attribute dictionary's count towards DEPTH,
so DEPTH is exactly the deepest nesting in the file.
"""
import sys


def main():
    kind, depth = sys.argv[1], int(sys.argv[2])
    w = sys.stdout.write
    if kind == "region":
        # module { (1) func body { (2), then "( {" (two levels) per op and
        # the innermost op's "(": DEPTH rounded down to an odd number.
        n = (depth - 3) // 2
        w("vm.module @deep {\n  vm.func @f() {\n")
        w('"test.op"() ({\n' * n)
        w("\"test.end\"() : () -> ()\n")
        w("}) : () -> ()\n" * n)
        w("    vm.return\n  }\n  vm.export @f\n}\n")
        return
    # vm.module { (1) vm.func @f() attributes { (2) deep = ...
    inner = depth - 2
    if kind == "array":
        value = "[" * inner + "]" * inner
    elif kind == "dict":
        value = "{a = " * inner + "1" + "}" * inner
    elif kind == "type":
        # tuple< counts one level each; the outermost sits in a TypeAttr.
        value = "tuple<" * inner + "i32" + ">" * inner
    elif kind == "minus":
        # affine_map< (1) (d0) -> ( (2) then one level per minus.
        n = inner - 2
        value = "affine_map<(d0) -> (" + "- " * n + "d0)>"
    elif kind == "paren":
        n = inner - 2
        value = "affine_map<(d0) -> (" + "(" * n + "d0" + ")" * n + ")>"
    else:
        sys.exit(f"unknown kind {kind}")
    w("vm.module @deep {\n")
    w(f"  vm.func @f() attributes {{deep = {value}}} {{\n")
    w("    vm.return\n  }\n  vm.export @f\n}\n")


if __name__ == "__main__":
    main()
