"""Native modules written in Python, imported by bytecode and C modules."""
import numpy as np
import pytest

import kiln
from kiln.runtime import Context, NativeModule

USER = """
vm.module @user {
  vm.import private @py.add(%a: i32, %b: i32) -> i32
  vm.import private @py.fail(%a: i32) -> i32
  vm.import private @py.coded(%a: i32) -> i32
  vm.import private @py.stats(%b: !vm.buffer) -> (i64, f64)
  vm.import private @py.double(%v: !vm.ref<!hal.buffer_view>) -> !vm.ref<!hal.buffer_view>
  vm.func @call_add(%a: i32) -> i32 {
    %c10 = vm.const.i32 10
    %r = vm.call @py.add(%a, %c10) : (i32, i32) -> i32
    vm.return %r : i32
  }
  vm.export @call_add
  vm.func @call_fail(%a: i32) -> i32 {
    %r = vm.call @py.fail(%a) : (i32) -> i32
    vm.return %r : i32
  }
  vm.export @call_fail
  vm.func @call_coded(%a: i32) -> i32 {
    %r = vm.call @py.coded(%a) : (i32) -> i32
    vm.return %r : i32
  }
  vm.export @call_coded
  vm.func @call_stats(%b: !vm.buffer) -> (i64, f64) {
    %r:2 = vm.call @py.stats(%b) : (!vm.buffer) -> (i64, f64)
    vm.return %r#0, %r#1 : i64, f64
  }
  vm.export @call_stats
  vm.func @call_double(%v: !vm.ref<!hal.buffer_view>) -> !vm.ref<!hal.buffer_view> {
    %r = vm.call @py.double(%v) : (!vm.ref<!hal.buffer_view>) -> !vm.ref<!hal.buffer_view>
    vm.return %r : !vm.ref<!hal.buffer_view>
  }
  vm.export @call_double
}
"""


class Py(NativeModule):
    """Exports as methods; the module is named "py" after the class."""

    def __init__(self):
        super().__init__()
        self.calls = 0

    @kiln.export("0ii_i")
    def add(self, a, b):
        self.calls += 1
        return a + b

    @kiln.export("0i_i")
    def fail(self, a):
        raise ValueError(f"no good: {a}")

    @kiln.export
    def coded(self, a: int) -> int:
        raise kiln.VMError(11, "OUT_OF_RANGE", f"index {a} is out of range")

    @kiln.export
    def stats(self, data: kiln.ref) -> tuple[kiln.i64, kiln.f64]:
        return len(data), float(sum(bytes(data)))

    @kiln.export("0r_r")
    def double(self, array):
        assert isinstance(array, np.ndarray)
        return array * 2


@pytest.fixture
def ctx(load):
    py = Py()
    context = Context([py, load(USER)])
    context.py_module = py
    return context


def test_exports_are_called(ctx):
    assert ctx.call_add(5) == 15
    assert ctx.py_module.calls == 1
    assert ctx.call_stats(b"\x01\x02\x03") == (3, 6.0)
    np.testing.assert_array_equal(ctx.call_double(np.arange(4, dtype=np.float32)),
                                  [0, 2, 4, 6])
    assert ctx["py.add"](1, 2) == 3  # callable from Python too


def test_python_exception_becomes_a_status_with_the_traceback(ctx):
    with pytest.raises(kiln.VMError) as error:
        ctx.call_fail(7)
    e = error.value
    assert e.code_name == "UNKNOWN"
    assert "Traceback (most recent call last)" in e.message
    assert "ValueError: no good: 7" in e.message
    assert "in fail" in e.message
    assert [f.function for f in e.trace if not f.inlined][:2] == ["fail", "call_fail"]
    assert e.trace[0].module == "py"
    assert isinstance(e.__cause__, ValueError)  # the original exception


def test_vm_error_keeps_its_code(ctx):
    with pytest.raises(kiln.VMError) as error:
        ctx.call_coded(3)
    assert error.value.code_name == "OUT_OF_RANGE"
    assert "index 3 is out of range" in error.value.message


def test_module_built_with_a_decorator(load):
    m = NativeModule("py")
    m.export("0ii_i", name="add")(lambda a, b: a * b)

    @m.export("0i_i")
    def fail(a):
        return a

    @m.export("0i_i")
    def coded(a):
        return -a

    @m.export("0r_IF")
    def stats(data):
        return 0, 0.0

    @m.export("0r_r")
    def double(v):
        return v

    ctx = Context([m, load(USER)])
    assert ctx.call_add(4) == 40
    assert ctx.call_coded(4) == -4
    # An export with other types than the import: registration fails.
    bad = NativeModule("py")
    for name, sig, fn in m._exports:
        bad.add_export(name, "0r_ff" if name == "stats" else sig, fn)
    with pytest.raises(kiln.VMError, match="py.stats.*0r_ff"):
        Context([bad, load(USER)])


def test_wrong_results_fail_the_call(load):
    m = NativeModule("py", {
        "add": kiln.export("0ii_i", name="add")(lambda a, b: "not an int"),
        "fail": kiln.export("0i_i", name="fail")(lambda a: a),
        "coded": kiln.export("0i_i", name="coded")(lambda a: a),
        "stats": kiln.export("0r_IF", name="stats")(lambda d: (1,)),
        "double": kiln.export("0r_r", name="double")(lambda v: v),
    })
    ctx = Context([m, load(USER)])
    with pytest.raises(kiln.VMError, match="int for i32"):
        ctx.call_add(1)
    with pytest.raises(kiln.VMError, match="sequence of 2 values"):
        ctx.call_stats(b"")
