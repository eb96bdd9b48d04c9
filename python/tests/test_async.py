"""Awaitable invocations: many at once from one thread through the
runtime's vm::Loop, suspended on yields and on fences."""
import asyncio
import threading
import time

import numpy as np
import pytest

import kiln
from kiln.runtime import Context

YIELDS = """
vm.module @y {
  vm.import private @hal.devices.get(%index : i32) -> !vm.ref<!hal.device>
  vm.import private @hal.fence.create(%device : !vm.ref<!hal.device>, %flags : i64) -> !vm.ref<!hal.fence>
  vm.import private @hal.fence.signal(%fence : !vm.ref<!hal.fence>)
  vm.import private @hal.fence.await(%timeout_millis : i32, %flags : i64, %fences : !vm.ref<!hal.fence> ...) -> i32 attributes {vm.yield}
  // Counts to %n, yielding at every step.
  vm.func @count(%n: i32) -> i32 {
    %c0 = vm.const.i32 0
    %c1 = vm.const.i32 1
    vm.br ^loop(%c0 : i32)
  ^loop(%i: i32):
    %done = vm.cmp.eq.i32 %i, %n : i32
    vm.cond_br %done, ^exit(%i : i32), ^body(%i : i32)
  ^body(%j: i32):
    %k = vm.add.i32 %j, %c1 : i32
    vm.yield ^loop(%k : i32)
  ^exit(%r: i32):
    vm.return %r : i32
  }
  vm.export @count
  vm.func @fail_after_yield(%n: i32) -> i32 {
    vm.yield ^next
  ^next:
    %c0 = vm.const.i32 0
    %r = vm.div.i32.s %n, %c0 : i32
    vm.return %r : i32
  }
  vm.export @fail_after_yield
  vm.func @new_fence() -> !vm.ref<!hal.fence> {
    %c0 = vm.const.i32 0
    %d = vm.call @hal.devices.get(%c0) : (i32) -> !vm.ref<!hal.device>
    %z = vm.const.i64 0
    %f = vm.call @hal.fence.create(%d, %z) : (!vm.ref<!hal.device>, i64) -> !vm.ref<!hal.fence>
    vm.return %f : !vm.ref<!hal.fence>
  }
  vm.export @new_fence
  vm.func @signal(%f: !vm.ref<!hal.fence>) {
    vm.call @hal.fence.signal(%f) : (!vm.ref<!hal.fence>) -> ()
    vm.return
  }
  vm.export @signal
  // Waits for %f (at most %ms milliseconds; -1: forever); returns the
  // status code of the wait.
  vm.func @wait(%f: !vm.ref<!hal.fence>, %ms: i32) -> i32 {
    %z = vm.const.i64 0
    %s = vm.call.variadic @hal.fence.await(%ms, %z, [%f]) : (i32, i64, !vm.ref<!hal.fence> ...) -> i32
    vm.return %s : i32
  }
  vm.export @wait
}
"""

SCALE = """
module @s {
  func.func @scale(%a: memref<?xf32>, %s: f32) -> memref<?xf32> {
    %c0 = arith.constant 0 : index
    %c1 = arith.constant 1 : index
    %n = memref.dim %a, %c0 : memref<?xf32>
    %out = memref.alloc(%n) : memref<?xf32>
    scf.for %i = %c0 to %n step %c1 {
      %x = memref.load %a[%i] : memref<?xf32>
      %y = arith.mulf %x, %s : f32
      memref.store %y, %out[%i] : memref<?xf32>
    }
    return %out : memref<?xf32>
  }
}
"""


@pytest.fixture
def ctx(load):
    return Context([load(YIELDS)], device="local-task", workers=2)


def test_many_invocations_interleave(ctx):
    async def main():
        order = []

        async def other():
            for i in range(3):
                order.append(i)
                await asyncio.sleep(0)
        results = await asyncio.gather(
            *[ctx.count.invoke_async(i) for i in range(200)], other())
        return results[:-1], order
    results, order = asyncio.run(main())
    assert results == list(range(200))
    assert order == [0, 1, 2]  # other coroutines ran meanwhile


def test_errors_raise_at_the_await(ctx):
    async def main():
        with pytest.raises(kiln.VMError) as error:
            await ctx.invoke_async("fail_after_yield", 3)
        return error.value
    e = asyncio.run(main())
    assert e.code_name == "INVALID_ARGUMENT" and "division by zero" in e.message
    assert e.trace[0].function == "fail_after_yield"


def test_suspended_on_a_fence_until_it_signals(ctx):
    async def main():
        fence = ctx.new_fence()
        waiting = [asyncio.ensure_future(ctx.wait.invoke_async(fence, -1)) for _ in range(10)]
        await asyncio.sleep(0.05)
        assert not any(w.done() for w in waiting)  # parked, not blocking
        ctx.signal(fence)
        return await asyncio.gather(*waiting)
    assert asyncio.run(main()) == [0] * 10


def test_fence_timeout_uses_a_timer(ctx):
    async def main():
        start = time.monotonic()
        status = await ctx.wait.invoke_async(ctx.new_fence(), 30)
        return status, time.monotonic() - start
    status, elapsed = asyncio.run(main())
    assert status == 4  # DEADLINE_EXCEEDED
    assert 0.02 <= elapsed < 2


def test_cancelling_the_future_cancels_the_wait(ctx):
    async def main():
        future = asyncio.ensure_future(ctx.wait.invoke_async(ctx.new_fence(), -1))
        await asyncio.sleep(0.01)
        future.cancel()
        await asyncio.sleep(0.01)
        return future.cancelled()
    assert asyncio.run(main())


def test_numpy_calls_waiting_on_device_work(load):
    ctx = Context([load(SCALE)], device="local-task", workers=2)
    arrays = [np.arange(100, dtype=np.float32) + i for i in range(50)]

    async def main():
        return await asyncio.gather(*[ctx.scale.invoke_async(a, 3.0) for a in arrays])
    for a, r in zip(arrays, asyncio.run(main())):
        np.testing.assert_allclose(r, a * 3)


def test_context_is_reusable_across_event_loops(ctx):
    assert asyncio.run(ctx.count.invoke_async(3)) == 3
    assert asyncio.run(ctx.count.invoke_async(4)) == 4
    assert ctx.count(5) == 5  # and synchronously


def test_a_blocking_wait_releases_the_gil(ctx):
    # Another Python thread signals the fence a synchronous call waits on:
    # with the GIL held by the waiter it could not run until the timeout.
    fence = ctx.new_fence()
    timer = threading.Timer(0.05, lambda: ctx.signal(fence))
    timer.start()
    start = time.monotonic()
    assert ctx.wait(fence, 5000) == 0
    assert time.monotonic() - start < 4
    timer.join()


def test_variadic_exports_take_sequences(ctx):
    # hal.fence.await is "0iICrD_i": the span is a list.
    fence = ctx.new_fence()
    ctx.signal(fence)
    assert ctx["hal.fence.await"](-1, 0, [fence]) == 0
    assert ctx["hal.fence.await"](0, 0, [ctx.new_fence()]) == 4  # not signalled
    joined = ctx["hal.fence.join"](0, [fence, fence])
    assert ctx.wait(joined, 0) == 0
