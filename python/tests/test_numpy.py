"""numpy arrays <-> hal buffer views: every element type numpy has, shapes,
zero copy both ways, checks, devices."""
import numpy as np
import pytest

import kiln
from kiln.runtime import Context

VIEWS = """
vm.module @views {
  vm.import private @hal.buffer_view.element_type(%v : !vm.ref<!hal.buffer_view>) -> i32
  vm.import private @hal.buffer_view.rank(%v : !vm.ref<!hal.buffer_view>) -> i32
  vm.import private @hal.buffer_view.dim(%v : !vm.ref<!hal.buffer_view>, %i : i32) -> i64
  vm.import private @hal.buffer_view.buffer(%v : !vm.ref<!hal.buffer_view>) -> !vm.ref<!hal.buffer>
  vm.import private @hal.buffer_view.create(%buffer : !vm.ref<!hal.buffer>, %offset : i64, %length : i64, %element_type : i32, %encoding_type : i32, %shape : i64 ...) -> !vm.ref<!hal.buffer_view>
  // The first 4 bytes of a view as 2xbf16.
  vm.func @as_bf16(%v: !vm.ref<!hal.buffer_view>) -> !vm.ref<!hal.buffer_view> {
    %b = vm.call @hal.buffer_view.buffer(%v) : (!vm.ref<!hal.buffer_view>) -> !vm.ref<!hal.buffer>
    %zero = vm.const.i64 0
    %len = vm.const.i64 4
    %bf16 = vm.const.i32 570425360
    %dense = vm.const.i32 1
    %c2 = vm.const.i64 2
    %r = vm.call.variadic @hal.buffer_view.create(%b, %zero, %len, %bf16, %dense, [%c2]) : (!vm.ref<!hal.buffer>, i64, i64, i32, i32, i64 ...) -> !vm.ref<!hal.buffer_view>
    vm.return %r : !vm.ref<!hal.buffer_view>
  }
  vm.export @as_bf16
  vm.func @same(%v: !vm.ref<!hal.buffer_view>) -> !vm.ref<!hal.buffer_view> {
    vm.return %v : !vm.ref<!hal.buffer_view>
  }
  vm.export @same
  vm.func @element_type(%v: !vm.ref<!hal.buffer_view>) -> i32 {
    %t = vm.call @hal.buffer_view.element_type(%v) : (!vm.ref<!hal.buffer_view>) -> i32
    vm.return %t : i32
  }
  vm.export @element_type
  vm.func @shape2(%v: !vm.ref<!hal.buffer_view>) -> (i32, i64, i64) {
    %r = vm.call @hal.buffer_view.rank(%v) : (!vm.ref<!hal.buffer_view>) -> i32
    %c0 = vm.const.i32 0
    %c1 = vm.const.i32 1
    %d0 = vm.call @hal.buffer_view.dim(%v, %c0) : (!vm.ref<!hal.buffer_view>, i32) -> i64
    %d1 = vm.call @hal.buffer_view.dim(%v, %c1) : (!vm.ref<!hal.buffer_view>, i32) -> i64
    vm.return %r, %d0, %d1 : i32, i64, i64
  }
  vm.export @shape2
}
"""

MATMUL = """
module @mm {
  func.func @matmul(%a: memref<?x?xf32>, %b: memref<?x?xf32>) -> memref<?x?xf32> {
    %c0 = arith.constant 0 : index
    %c1 = arith.constant 1 : index
    %zero = arith.constant 0.0 : f32
    %m = memref.dim %a, %c0 : memref<?x?xf32>
    %k = memref.dim %a, %c1 : memref<?x?xf32>
    %n = memref.dim %b, %c1 : memref<?x?xf32>
    %c = memref.alloc(%m, %n) : memref<?x?xf32>
    scf.for %i = %c0 to %m step %c1 {
      scf.for %j = %c0 to %n step %c1 {
        %sum = scf.for %p = %c0 to %k step %c1 iter_args(%acc = %zero) -> (f32) {
          %x = memref.load %a[%i, %p] : memref<?x?xf32>
          %y = memref.load %b[%p, %j] : memref<?x?xf32>
          %xy = arith.mulf %x, %y : f32
          %next = arith.addf %acc, %xy : f32
          scf.yield %next : f32
        }
        memref.store %sum, %c[%i, %j] : memref<?x?xf32>
      }
    }
    return %c : memref<?x?xf32>
  }
  func.func @negate_i64(%a: memref<4xi64>) -> memref<4xi64> {
    %c0 = arith.constant 0 : index
    %c1 = arith.constant 1 : index
    %c4 = arith.constant 4 : index
    %z = arith.constant 0 : i64
    %out = memref.alloc() : memref<4xi64>
    scf.for %i = %c0 to %c4 step %c1 {
      %x = memref.load %a[%i] : memref<4xi64>
      %y = arith.subi %z, %x : i64
      memref.store %y, %out[%i] : memref<4xi64>
    }
    return %out : memref<4xi64>
  }
}
"""

# numpy dtype -> IREE's hal element type value.
DTYPES = {
    np.bool_: 0x13000008,
    np.int8: 0x11000008, np.uint8: 0x12000008,
    np.int16: 0x11000010, np.uint16: 0x12000010,
    np.int32: 0x11000020, np.uint32: 0x12000020,
    np.int64: 0x11000040, np.uint64: 0x12000040,
    np.float16: 0x21000010, np.float32: 0x21000020, np.float64: 0x21000040,
    np.complex64: 0x23000040, np.complex128: 0x23000080,
}


@pytest.fixture
def views(load):
    return Context([load(VIEWS)])


@pytest.mark.parametrize("dtype", list(DTYPES), ids=lambda d: np.dtype(d).name)
def test_round_trip_every_element_type(views, dtype):
    a = (np.arange(12).reshape(3, 4) % 3).astype(dtype)
    assert views.element_type(a) & 0xFFFFFFFF == DTYPES[dtype]
    assert kiln.runtime._runtime.element_type_for_dtype(np.dtype(dtype)) == DTYPES[dtype]
    b = views.same(a)
    assert b.dtype == a.dtype and b.shape == a.shape
    np.testing.assert_array_equal(a, b)
    assert np.shares_memory(a, b)  # zero copy in and out


def test_shapes(views):
    assert views.shape2(np.zeros((3, 5), np.float32)) == (2, 3, 5)
    scalar = views.same(np.array(2.5, np.float64))
    assert scalar.shape == () and scalar == 2.5
    empty = views.same(np.zeros((0, 4), np.int32))
    assert empty.shape == (0, 4)


def test_result_passed_back_is_the_same_view(views):
    a = views.same(np.arange(6, dtype=np.int32))
    b = views.same(a)
    assert b.base == a.base  # the same hal.buffer_view object
    assert np.shares_memory(a, b)


def test_copies_only_when_needed(views):
    a = np.arange(20, dtype=np.float32).reshape(4, 5)
    strided = a[:, ::2]
    b = views.same(strided)
    np.testing.assert_array_equal(b, strided)
    assert not np.shares_memory(a, b)
    big_endian = np.arange(4, dtype=">i4")
    np.testing.assert_array_equal(views.same(big_endian), [0, 1, 2, 3])
    readonly = np.arange(3, dtype=np.int8)
    readonly.flags.writeable = False
    out = views.same(readonly)
    assert np.shares_memory(out, readonly) and not out.flags.writeable


def test_unsupported_dtype(views):
    with pytest.raises(TypeError, match="no hal element type"):
        views.same(np.array(["a", "b"]))


@pytest.mark.parametrize("device", ["local-sync", "local-task"])
def test_plain_mlir_on_numpy(load, device):
    ctx = Context([load(MATMUL)], device=device)
    assert ctx.device == device
    a = np.arange(6, dtype=np.float32).reshape(2, 3)
    b = np.arange(6, dtype=np.float32).reshape(3, 2)
    np.testing.assert_allclose(ctx.matmul(a, b), a @ b)
    x = np.array([1, -2, 3, 1 << 40], np.int64)
    np.testing.assert_array_equal(ctx.negate_i64(x), -x)
    np.testing.assert_array_equal(ctx.negate_i64(x.astype(np.uint64)), -x)  # ui64 passes for i64


def test_shape_and_type_checks(load):
    ctx = Context([load(MATMUL)])
    with pytest.raises(kiln.VMError, match="element type mismatch") as error:
        ctx.matmul(np.ones((2, 2), np.float64), np.ones((2, 2), np.float32))
    assert any(f.function == "matmul" for f in error.value.trace)
    with pytest.raises(kiln.VMError, match="negate_i64"):
        ctx.negate_i64(np.zeros(5, np.int64))


def test_buffer_view_holder_for_types_numpy_lacks(views):
    # numpy has no bf16: such a view comes back as a BufferView, which
    # passes back in as itself.
    raw = np.array([0x3F80, 0x4000], np.uint16)  # 1.0, 2.0 in bf16
    view = views.as_bf16(raw)
    assert isinstance(view, kiln.runtime.BufferView)
    assert view.element_type == "bf16" and view.shape == (2,)
    assert view.to_bytes() == raw.tobytes()
    assert views.same(view) == view
    assert views.element_type(view) == 0x22000010
    assert kiln.runtime.buffer_view(raw).element_type == "ui16"


def test_no_references_leak(views):
    import gc
    import sys
    a = np.arange(16, dtype=np.float32)
    before = sys.getrefcount(a)
    for _ in range(100):
        views.same(a)
        views.element_type(a)
    gc.collect()
    assert sys.getrefcount(a) == before
    data = bytearray(b"abc")
    before = sys.getrefcount(data)
    for _ in range(100):
        kiln.runtime.buffer_view(np.frombuffer(data, np.uint8))
    gc.collect()
    assert sys.getrefcount(data) == before
