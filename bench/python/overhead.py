#!/usr/bin/env python3
"""Overhead of calling Kiln from Python (issue 17's figures).

    PYTHONPATH=build/python /usr/bin/python3 bench/python/overhead.py

Prints, side by side in one run:
  * a call to an empty export (bytecode and emitted C), next to a call of an
    empty Python function and an empty Python native-module export called
    from bytecode;
  * passing numpy arrays of 1 KiB, 1 MiB and 64 MiB through a function that
    takes and returns a hal.buffer_view (zero copy: the time does not grow
    with the size), next to numpy copying 1 MiB.
"""
import os
import sys
import tempfile
import timeit

import numpy as np

import kiln

SOURCE = """
vm.module @bench {
  vm.import private @py.nothing()
  vm.func @empty() {
    vm.return
  }
  vm.export @empty
  vm.func @add(%a: i32, %b: i32) -> i32 {
    %c = vm.add.i32 %a, %b : i32
    vm.return %c : i32
  }
  vm.export @add
  vm.func @same(%v: !vm.ref<!hal.buffer_view>) -> !vm.ref<!hal.buffer_view> {
    vm.return %v : !vm.ref<!hal.buffer_view>
  }
  vm.export @same
  vm.func @call_python() {
    vm.call @py.nothing() : () -> ()
    vm.return
  }
  vm.export @call_python
}
"""


def per_call_us(statement, number, **names):
    best = min(timeit.repeat(statement, number=number, repeat=5, globals=names))
    return best / number * 1e6


def main():
    py = kiln.runtime.NativeModule("py")
    py.export("0_", name="nothing")(lambda: None)
    vmfb = kiln.compiler.compile(SOURCE)
    with tempfile.TemporaryDirectory() as tmp:
        so = kiln.compiler.build_shared_object(kiln.compiler.compile(SOURCE, target="c"),
                                               os.path.join(tmp, "bench.so"))
        bytecode = kiln.runtime.Context([py, vmfb], device="local-sync")
        native = kiln.runtime.Context([py, so], device="local-sync")

    def nothing():
        pass

    n = 200_000
    rows = [
        ("empty Python function", per_call_us("f()", n, f=nothing)),
        ("empty export, bytecode", per_call_us("f()", n, f=bytecode.empty)),
        ("empty export, emitted C", per_call_us("f()", n, f=native.empty)),
        ("add(1, 2), bytecode", per_call_us("f(1, 2)", n, f=bytecode.add)),
        ("add(1, 2), emitted C", per_call_us("f(1, 2)", n, f=native.add)),
        ("bytecode calling a Python export", per_call_us("f()", n, f=bytecode.call_python)),
    ]
    print("Python call overhead (best of 5, per call):")
    for name, us in rows:
        print(f"  {name:42s} {us:7.3f} us")

    same = bytecode.same
    print("Passing a numpy array through a buffer-view export (same(x)):")
    m = 20_000
    for label, count in (("1 KiB", 256), ("1 MiB", 256 * 1024), ("64 MiB", 16 * 1024 * 1024)):
        a = np.ones(count, np.float32)
        assert np.shares_memory(same(a), a)
        print(f"  {label:8s} {per_call_us('f(a)', m, f=same, a=a):7.3f} us  (zero copy)")
    one_mib = np.ones(256 * 1024, np.float32)
    print(f"  numpy copy of 1 MiB, for scale: {per_call_us('a.copy()', 2000, a=one_mib):7.3f} us")
    return 0


if __name__ == "__main__":
    sys.exit(main())
