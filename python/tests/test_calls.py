"""Calls with Python scalars, bytes and lists, in both forms; errors."""
import pytest

import kiln
from kiln.runtime import Context

MODULE = """
vm.module @calls {
  vm.func @add(%a: i32, %b: i32) -> i32 {
    %c = vm.add.i32 %a, %b : i32
    vm.return %c : i32
  }
  vm.export @add
  vm.func @empty() {
    vm.return
  }
  vm.export @empty
  vm.func @mix(%a: i64, %b: f32, %c: f64) -> (f64, i64, f32) {
    vm.return %c, %a, %b : f64, i64, f32
  }
  vm.export @mix
  vm.func @length(%b: !vm.buffer) -> i64 {
    %n = vm.buffer.length %b : !vm.buffer -> i64
    vm.return %n : i64
  }
  vm.export @length
  vm.func @poke(%b: !vm.buffer, %i: i64, %v: i32) {
    vm.buffer.store.i8 %v, %b[%i] : i32 -> !vm.buffer
    vm.return
  }
  vm.export @poke
  vm.func @make(%n: i64) -> !vm.buffer {
    %c16 = vm.const.i32 16
    %b = vm.buffer.alloc %n, %c16 : !vm.buffer
    %c0 = vm.const.i64 0
    %c7 = vm.const.i32 7
    vm.buffer.fill.i8 %b, %c0, %n, %c7 : i32 -> !vm.buffer
    vm.return %b : !vm.buffer
  }
  vm.export @make
  vm.func @same(%r: !vm.ref<?>) -> !vm.ref<?> {
    vm.return %r : !vm.ref<?>
  }
  vm.export @same
  vm.func @list_size(%l: !vm.list<?>) -> i32 {
    %n = vm.list.size %l : (!vm.list<?>) -> i32
    vm.return %n : i32
  }
  vm.export @list_size
  vm.func @list_i64(%l: !vm.list<?>, %i: i32) -> i64 {
    %v = vm.list.get.i64 %l, %i : (!vm.list<?>, i32) -> i64
    vm.return %v : i64
  }
  vm.export @list_i64
  vm.func @squares(%n: i32) -> !vm.list<i32> {
    %l = vm.list.alloc %n : (i32) -> !vm.list<i32>
    vm.list.resize %l, %n : (!vm.list<i32>, i32)
    %c0 = vm.const.i32 0
    %c1 = vm.const.i32 1
    vm.br ^loop(%c0 : i32)
  ^loop(%i: i32):
    %done = vm.cmp.eq.i32 %i, %n : i32
    vm.cond_br %done, ^exit, ^body
  ^body:
    %sq = vm.mul.i32 %i, %i : i32
    vm.list.set.i32 %l, %i, %sq : (!vm.list<i32>, i32, i32)
    %next = vm.add.i32 %i, %c1 : i32
    vm.br ^loop(%next : i32)
  ^exit:
    vm.return %l : !vm.list<i32>
  }
  vm.export @squares
  vm.func @div(%a: i32, %b: i32) -> i32 {
    %c = vm.div.i32.s %a, %b : i32
    vm.return %c : i32
  }
  vm.export @div
  vm.func @outer(%a: i32) -> i32 {
    %c0 = vm.const.i32 0
    %r = vm.call @div(%a, %c0) : (i32, i32) -> i32
    vm.return %r : i32
  }
  vm.export @outer
}
"""


@pytest.fixture
def ctx(load):
    return Context([load(MODULE)])


def test_scalars(ctx):
    assert ctx.add(2, 40) == 42
    assert ctx.add(-5, 3) == -2
    assert ctx.add(0x7FFFFFFF, 1) == -0x80000000  # i32 wraps
    assert ctx.empty() is None
    f64, i64, f32 = ctx.mix(1 << 40, 1.5, 2.25)
    assert (f64, i64, f32) == (2.25, 1 << 40, 1.5)
    assert isinstance(i64, int) and isinstance(f32, float)


def test_argument_checks(ctx):
    with pytest.raises(TypeError, match="takes 2 argument"):
        ctx.add(1)
    with pytest.raises(TypeError, match="int for i32"):
        ctx.add(1.5, 2)
    with pytest.raises(ValueError, match="does not fit in i32"):
        ctx.add(1 << 33, 0)
    with pytest.raises(TypeError, match="cannot pass a"):
        ctx.length(object())


def test_lookup(ctx):
    assert ctx["calls.add"](1, 2) == 3
    assert ctx.lookup("add").signature == "0ii_i"
    assert ctx.lookup("add").name == "calls.add"
    assert ("calls.add", "0ii_i") in ctx.exports()
    with pytest.raises(AttributeError):
        ctx.no_such_function
    with pytest.raises(kiln.VMError) as error:
        ctx.lookup("nope")
    assert error.value.code_name == "NOT_FOUND"


def test_bytes_in_and_out(ctx):
    assert ctx.length(b"hello") == 5
    assert ctx.length(memoryview(b"abcdef")[1:4]) == 3
    data = bytearray(8)
    ctx.poke(data, 3, 9)  # writes through to the Python memory
    assert data == bytearray([0, 0, 0, 9, 0, 0, 0, 0])
    with pytest.raises(kiln.VMError) as error:
        ctx.poke(b"read only", 0, 1)
    assert error.value.code_name == "PERMISSION_DENIED"
    made = ctx.make(4)
    assert isinstance(made, memoryview) and bytes(made) == b"\x07" * 4
    # A vm.buffer result passed back is the same buffer (no copy).
    again = ctx.same(made)
    assert again.obj is not None and bytes(again) == bytes(made)
    ctx.poke(made, 0, 1)
    assert made[0] == 1


def test_lists(ctx):
    assert ctx.list_size([1, 2.5, b"x", None]) == 4
    assert ctx.list_i64([10, 20, 30], 1) == 20
    assert ctx.squares(5) == [0, 1, 4, 9, 16]
    typed = kiln.runtime.List("i32", [1, 2, 3])
    assert ctx.list_size(typed) == 3 and typed.to_list() == [1, 2, 3]
    assert ctx.same([1, [2, 3]]) == [1, [2, 3]]
    assert ctx.same(None) is None


def test_error_carries_code_message_and_trace(ctx):
    with pytest.raises(kiln.VMError) as error:
        ctx.outer(1)
    e = error.value
    assert e.code == 3 and e.code_name == "INVALID_ARGUMENT"
    assert "division by zero" in e.message
    functions = [f.function for f in e.trace if not f.inlined]
    assert functions[:2] == ["div", "outer"]
    assert all(f.location.startswith("<string>:") for f in e.trace if not f.inlined)
    assert "at calls.div" in str(e)


def test_error_location_names_the_file(form, tmp_path):
    source = tmp_path / "divide.mlir"
    source.write_text(MODULE)
    from conftest import build_module
    ctx = Context([build_module(MODULE, form, str(tmp_path), filename=str(source))])
    with pytest.raises(kiln.VMError) as error:
        ctx.div(1, 0)
    assert error.value.trace[0].location.startswith(str(source) + ":")


def test_module_load_from_path_and_bytes(tmp_path, form):
    from conftest import build_module
    built = build_module(MODULE, form, str(tmp_path))
    if isinstance(built, bytes):
        path = tmp_path / "calls.vmfb"
        path.write_bytes(built)
    else:
        path = built
    from_path = kiln.runtime.Module.load(path)
    from_bytes = kiln.runtime.Module.load(open(path, "rb").read())
    for module in (from_path, from_bytes):
        assert module.name == "calls"
        assert ("add", "0ii_i") in module.exports
        assert Context([module]).add(1, 1) == 2


def test_bad_module_bytes():
    with pytest.raises(kiln.VMError):
        kiln.runtime.Module.load(b"not a module at all, not at all")


RECURSE = """
vm.module @deep {
  vm.func @down(%n: i32) -> i32 {
    %c1 = vm.const.i32 1
    %m = vm.add.i32 %n, %c1 : i32
    %r = vm.call @down(%m) : (i32) -> i32
    vm.return %r : i32
  }
  vm.export @down
}
"""


def test_long_traces_are_shortened_when_printed(load):
    with pytest.raises(kiln.VMError) as error:
        Context([load(RECURSE)]).down(0)
    e = error.value
    assert e.code_name == "RESOURCE_EXHAUSTED"
    assert len(e.trace) > len(e.trace_lines)  # every frame is kept
    assert "more frames of deep.down" in str(e)
