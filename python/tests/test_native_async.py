"""Python exports beyond plain calls: variadic arguments, and `async def`
exports that suspend the VM call (under invoke_async) until their task
finishes, imported by bytecode and by C modules."""
import asyncio

import pytest

import kiln
from kiln.runtime import Context, NativeModule

USER = """
vm.module @user {
  vm.import private @py.total(%scale : i32, %pairs : tuple<i32, i64> ...) -> i64
  vm.import private @py.names(%xs : i32 ...) -> i32
  vm.import private @py.later(%x : i32) -> i32 attributes {vm.yield}
  vm.import private @py.pair_later(%x : i32) -> (i32, f64) attributes {vm.yield}
  vm.func @call_total(%s : i32) -> i64 {
    %c1 = vm.const.i32 1
    %c2 = vm.const.i32 2
    %d10 = vm.const.i64 10
    %d20 = vm.const.i64 20
    %r = vm.call.variadic @py.total(%s, [(%c1, %d10), (%c2, %d20)]) : (i32, tuple<i32, i64> ...) -> i64
    vm.return %r : i64
  }
  vm.export @call_total
  vm.func @call_names() -> i32 {
    %c3 = vm.const.i32 3
    %c4 = vm.const.i32 4
    %c5 = vm.const.i32 5
    %r = vm.call.variadic @py.names([%c3, %c4, %c5]) : (i32 ...) -> i32
    %e = vm.call.variadic @py.names([]) : (i32 ...) -> i32
    %s = vm.add.i32 %r, %e : i32
    vm.return %s : i32
  }
  vm.export @call_names
  // later(x) + later(x + 1): two suspensions in one call.
  vm.func @call_later(%x : i32) -> i32 {
    %a = vm.call @py.later(%x) : (i32) -> i32
    %c1 = vm.const.i32 1
    %y = vm.add.i32 %x, %c1 : i32
    %b = vm.call @py.later(%y) : (i32) -> i32
    %s = vm.add.i32 %a, %b : i32
    vm.return %s : i32
  }
  vm.export @call_later
  vm.func @call_pair(%x : i32) -> (i32, f64) {
    %r:2 = vm.call @py.pair_later(%x) : (i32) -> (i32, f64)
    vm.return %r#0, %r#1 : i32, f64
  }
  vm.export @call_pair
}
"""


class Py(NativeModule):
    def __init__(self):
        super().__init__()
        self.seen = []
        self.release = None  # an asyncio.Event later() waits for, when set
        self.fail_with = None

    @kiln.export("0iCiID_I")
    def total(self, scale, pairs):
        self.seen.append(pairs)
        return scale * sum(a * b for a, b in pairs)

    @kiln.export("0CiD_i")
    def names(self, xs):
        self.seen.append(xs)
        return sum(xs) * 100 + len(xs)

    @kiln.export("0i_i")
    async def later(self, x):
        if self.release is not None:
            await self.release.wait()
        else:
            await asyncio.sleep(0.001)
        if self.fail_with is not None:
            raise self.fail_with
        return x * 10

    @kiln.export("0i_iF")
    async def pair_later(self, x):
        await asyncio.sleep(0)
        return x + 1, x / 4


@pytest.fixture
def ctx(load):
    py = Py()
    context = Context([py, load(USER)])
    context.py_module = py
    return context


def test_variadic_arguments_arrive_as_lists(ctx):
    assert ctx.call_total(3) == 3 * (1 * 10 + 2 * 20)
    assert ctx.py_module.seen[-1] == [(1, 10), (2, 20)]
    assert ctx.call_names() == 1203 + 0
    assert ctx.py_module.seen[-2:] == [[3, 4, 5], []]
    # From Python, the same export takes the same shapes.
    assert ctx["py.total"](2, [(1, 1), (3, 3)]) == 20


def test_variadic_results_are_refused():
    m = NativeModule("py")
    m.export("0i_CiD")(lambda x: [x])
    with pytest.raises(ValueError, match="results cannot be variadic"):
        Context([m])


def test_async_export_suspends_the_call_under_invoke_async(ctx):
    async def main():
        return await ctx.call_later.invoke_async(4)
    assert asyncio.run(main()) == 40 + 50


def test_async_export_with_several_results(ctx):
    async def main():
        return await ctx.call_pair.invoke_async(6)
    assert asyncio.run(main()) == (7, 1.5)


def test_many_suspended_calls_interleave_with_their_tasks(ctx):
    py = ctx.py_module

    async def main():
        py.release = asyncio.Event()
        calls = [asyncio.ensure_future(ctx.call_later.invoke_async(i)) for i in range(50)]
        # Every call is parked on its task; none can finish yet.
        for _ in range(20):
            await asyncio.sleep(0)
        assert not any(c.done() for c in calls)
        py.release.set()
        return await asyncio.gather(*calls)
    assert asyncio.run(main()) == [i * 10 + (i + 1) * 10 for i in range(50)]


def test_async_export_failure_fails_the_call_with_its_traceback(ctx):
    ctx.py_module.fail_with = KeyError("gone")

    async def main():
        return await ctx.call_later.invoke_async(1)
    with pytest.raises(kiln.VMError) as error:
        asyncio.run(main())
    assert "KeyError: 'gone'" in error.value.message
    functions = [f.function for f in error.value.trace if not f.inlined]
    assert functions[:2] == ["later", "call_later"]


def test_cancelling_the_future_cancels_the_python_task(ctx):
    py = ctx.py_module

    async def main():
        py.release = asyncio.Event()  # never set
        call = asyncio.ensure_future(ctx.call_later.invoke_async(1))
        for _ in range(10):
            await asyncio.sleep(0)
        tasks = [t for t in asyncio.all_tasks() if t is not asyncio.current_task()]
        call.cancel()
        for _ in range(10):
            await asyncio.sleep(0)
        return call, tasks
    call, tasks = asyncio.run(main())
    assert call.cancelled()
    assert tasks and all(t.cancelled() for t in tasks)


def test_timeout_ends_a_call_waiting_for_its_task(ctx):
    py = ctx.py_module
    ctx.set_limits(timeout=0.05)

    async def main():
        py.release = asyncio.Event()  # never set
        return await ctx.call_later.invoke_async(1)
    with pytest.raises(kiln.VMError) as error:
        asyncio.run(main())
    assert error.value.code_name == "DEADLINE_EXCEEDED"


def test_synchronous_call_runs_the_awaitable_in_place(ctx):
    assert ctx.call_later(2) == 20 + 30
    assert ctx.call_pair(2) == (3, 0.5)


def test_synchronous_call_inside_a_running_loop_says_what_to_do(ctx):
    async def main():
        return ctx.call_later(2)
    with pytest.raises(kiln.VMError, match="invoke_async"):
        asyncio.run(main())
