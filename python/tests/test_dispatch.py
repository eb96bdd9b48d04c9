"""kiln.compiler's dispatch options: plain-MLIR parallel loops run as hal
dispatches on the device's workers, kernels in either form under a host
module in either form (docs/executables.md, "From plain MLIR")."""
import numpy as np
import pytest

import kiln
from kiln.runtime import Context
from conftest import needs_compiler

pytestmark = needs_compiler

# A scaled copy (a loop without results) and a sum with a maximum (a loop
# with two reductions); both top-level scf.parallel loops.
LOOPS = """
func.func @scale(%a: memref<?xf32>, %s: f32) -> memref<?xf32> {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %n = memref.dim %a, %c0 : memref<?xf32>
  %out = memref.alloc(%n) : memref<?xf32>
  scf.parallel (%i) = (%c0) to (%n) step (%c1) {
    %x = memref.load %a[%i] : memref<?xf32>
    %y = arith.mulf %x, %s : f32
    memref.store %y, %out[%i] : memref<?xf32>
  }
  return %out : memref<?xf32>
}

func.func @sum_max(%a: memref<?xf32>) -> (f32, f32) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %zero = arith.constant 0.0 : f32
  %low = arith.constant -1.0e30 : f32
  %n = memref.dim %a, %c0 : memref<?xf32>
  %sum, %max = scf.parallel (%i) = (%c0) to (%n) step (%c1) init (%zero, %low) -> (f32, f32) {
    %x = memref.load %a[%i] : memref<?xf32>
    scf.reduce(%x, %x : f32, f32) {
    ^bb0(%l: f32, %r: f32):
      %s = arith.addf %l, %r : f32
      scf.reduce.return %s : f32
    }, {
    ^bb0(%l: f32, %r: f32):
      %m = arith.maximumf %l, %r : f32
      scf.reduce.return %m : f32
    }
  }
  return %sum, %max : f32, f32
}
"""


@pytest.mark.parametrize("kernel_form", ["bytecode", "c"])
def test_parallel_loops_dispatch(load, kernel_form):
    module = load(LOOPS, module_name="loops", dispatch_parallel_loops=True,
                  kernel_form=kernel_form, dispatch_workgroups=8)
    ctx = Context([module], device="local-task", workers=2)
    a = (np.arange(1001, dtype=np.float32) % 13) * np.float32(0.25)
    np.testing.assert_array_equal(ctx.scale(a, 2.0), a * 2)
    total, largest = ctx.sum_max(a)
    assert total == pytest.approx(float(a.sum()))
    assert largest == 3.0


def test_dispatch_is_opt_in():
    serial = kiln.compiler.compile(LOOPS, target="vm", module_name="loops")
    assert "hal.command_buffer.dispatch" not in serial
    dispatched = kiln.compiler.compile(LOOPS, target="vm", module_name="loops",
                                       dispatch_parallel_loops=True)
    assert dispatched.count("vm.call.variadic @hal.command_buffer.dispatch(") == 2
    # The embedded executables: a .vmfb each, or a shared object (ELF).
    assert dispatched.count("_executable {alignment = 64") == 2
    assert "0x7F454C46" not in dispatched
    native = kiln.compiler.compile(LOOPS, target="vm", module_name="loops",
                                   dispatch_parallel_loops=True, kernel_form="c")
    assert native.count('_executable {alignment = 64 : i64} dense<"0x7F454C46') == 2


def test_kernel_option_errors():
    with pytest.raises(kiln.compiler.CompilerError, match="unknown kernel_form 'ptx'"):
        kiln.compiler.compile(LOOPS, dispatch_parallel_loops=True, kernel_form="ptx")
    with pytest.raises(kiln.compiler.CompilerError, match="dispatch_workgroups"):
        kiln.compiler.compile(LOOPS, dispatch_parallel_loops=True, dispatch_workgroups=0)
    with pytest.raises(kiln.compiler.CompilerError,
                       match="the C compiler 'no-such-cc' is not on PATH") as error:
        kiln.compiler.compile(LOOPS, dispatch_parallel_loops=True, kernel_form="c",
                              kernel_cc="no-such-cc")
    assert error.value.diagnostics[0].line > 0


# Every iteration counts up in out[i] until it reads a negative value,
# which it never does.
FOREVER = """
func.func @forever(%n: index) -> memref<?xi32> {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %zero = arith.constant 0 : i32
  %one = arith.constant 1 : i32
  %mask = arith.constant 2147483647 : i32
  %out = memref.alloc(%n) : memref<?xi32>
  scf.parallel (%i) = (%c0) to (%n) step (%c1) {
    memref.store %zero, %out[%i] : memref<?xi32>
    scf.while : () -> () {
      %v = memref.load %out[%i] : memref<?xi32>
      %more = arith.cmpi sge, %v, %zero : i32
      scf.condition(%more)
    } do {
      %v = memref.load %out[%i] : memref<?xi32>
      %w = arith.addi %v, %one : i32
      %m = arith.andi %w, %mask : i32
      memref.store %m, %out[%i] : memref<?xi32>
      scf.yield
    }
  }
  return %out : memref<?xi32>
}
"""


@pytest.mark.parametrize("kernel_form", ["bytecode", "c"])
def test_a_kernel_that_never_ends_runs_out_of_fuel(load, kernel_form):
    module = load(FOREVER, module_name="forever", dispatch_parallel_loops=True,
                  kernel_form=kernel_form)
    ctx = Context([module], device="local-task", workers=2)
    ctx.set_limits(fuel=50000)
    with pytest.raises(kiln.VMError, match="out of fuel") as error:
        ctx.forever(3)
    assert "in kernel 'forever_dispatch_0'" in str(error.value)
    ctx.set_limits(timeout=0.2)
    with pytest.raises(kiln.VMError, match="deadline"):
        ctx.forever(3)
