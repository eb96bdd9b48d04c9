"""Bounded calls from Python: fuel and timeouts (Context.set_limits), and
Ctrl-C (or any signal handler's exception) interrupting a running call, in
bytecode and in emitted C built bounded (-DKILN_C_BOUNDED=1)."""
import asyncio
import os
import signal
import subprocess
import time

import pytest

import kiln
from kiln.runtime import Context

from conftest import HAVE_COMPILER

SOURCE = """
vm.module @loops {
  vm.import private @hal.devices.get(%index : i32) -> !vm.ref<!hal.device>
  vm.import private @hal.fence.create(%device : !vm.ref<!hal.device>, %flags : i64) -> !vm.ref<!hal.fence>
  vm.import private @hal.fence.await(%timeout_millis : i32, %flags : i64, %fences : !vm.ref<!hal.fence> ...) -> i32 attributes {vm.yield}
  vm.func @spin() {
    vm.br ^loop
  ^loop:
    vm.br ^loop
  }
  vm.export @spin
  vm.func @count(%n : i32) -> i32 {
    %c0 = vm.const.i32 0
    %c1 = vm.const.i32 1
    vm.br ^loop(%c0 : i32)
  ^loop(%i : i32):
    %done = vm.cmp.gte.i32.s %i, %n : i32
    vm.cond_br %done, ^exit(%i : i32), ^body(%i : i32)
  ^body(%j : i32):
    %k = vm.add.i32 %j, %c1 : i32
    vm.br ^loop(%k : i32)
  ^exit(%r : i32):
    vm.return %r : i32
  }
  vm.export @count
  // Awaits a fence nobody signals.
  vm.func @wait_forever() -> i32 {
    %c0 = vm.const.i32 0
    %d = vm.call @hal.devices.get(%c0) : (i32) -> !vm.ref<!hal.device>
    %z = vm.const.i64 0
    %f = vm.call @hal.fence.create(%d, %z) : (!vm.ref<!hal.device>, i64) -> !vm.ref<!hal.fence>
    %forever = vm.const.i32 -1
    %s = vm.call.variadic @hal.fence.await(%forever, %z, [%f]) : (i32, i64, !vm.ref<!hal.fence> ...) -> i32
    vm.return %s : i32
  }
  vm.export @wait_forever
}
"""

_built = {}


@pytest.fixture(params=["bytecode", "c-bounded"])
def ctx(request, tmp_path_factory):
    if not HAVE_COMPILER:
        pytest.skip("built without the compiler")
    form = request.param
    if form not in _built:
        if form == "bytecode":
            _built[form] = kiln.compiler.compile(SOURCE)
        else:
            c = kiln.compiler.compile(SOURCE, target="c")
            path = os.path.join(str(tmp_path_factory.mktemp("c")), "loops.so")
            _built[form] = kiln.compiler.build_shared_object(
                c, path, flags=("-O2", "-DKILN_C_BOUNDED=1"))
    context = Context([_built[form]])
    # A backstop, so a broken interrupt fails the test instead of hanging it.
    context.set_limits(timeout=30)
    return context


def interrupt_soon(signum=signal.SIGINT, delay=0.2):
    """Sends `signum` to this process after `delay` seconds from another
    process, as a terminal's Ctrl-C does. (A Python thread could not: VM
    code runs with the GIL, so the thread would only get to send it when
    the call is over.)"""
    return subprocess.Popen(["sh", "-c", f"sleep {delay}; kill -{int(signum)} {os.getpid()}"])


def test_fuel_bounds_each_call(ctx):
    ctx.set_limits(fuel=1000)
    assert ctx.limits == {"fuel": 1000, "timeout": None}
    assert ctx.count(500) == 500
    with pytest.raises(kiln.VMError) as error:
        ctx.spin()
    assert error.value.code_name == "RESOURCE_EXHAUSTED"
    assert error.value.trace and error.value.trace[0].function == "spin"
    assert ctx.count(900) == 900  # fuel is per call
    ctx.set_limits()
    assert ctx.count(100000) == 100000


def test_timeout_ends_an_endless_loop(ctx):
    ctx.set_limits(timeout=0.05)
    with pytest.raises(kiln.VMError) as error:
        ctx.spin()
    assert error.value.code_name == "DEADLINE_EXCEEDED"


def test_ctrl_c_interrupts_a_running_call(ctx):
    timer = interrupt_soon()
    start = time.monotonic()
    with pytest.raises(KeyboardInterrupt):
        ctx.spin()
    assert time.monotonic() - start < 10  # the interrupt, not the backstop
    timer.wait()
    assert ctx.count(7) == 7  # the context is usable afterwards


def test_a_signal_handlers_exception_replaces_the_cancelled_status(ctx):
    class Alarm(Exception):
        pass

    def on_alarm(signum, frame):
        raise Alarm("time is up")
    previous = signal.signal(signal.SIGALRM, on_alarm)
    try:
        signal.setitimer(signal.ITIMER_REAL, 0.1)
        with pytest.raises(Alarm, match="time is up"):
            ctx.spin()
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def test_a_handler_that_does_not_raise_lets_the_call_run_on(ctx):
    seen = []
    previous = signal.signal(signal.SIGUSR1, lambda signum, frame: seen.append(signum))
    try:
        timer = interrupt_soon(signal.SIGUSR1, 0.0)
        timer.wait()
        assert ctx.count(3000000) == 3000000
    finally:
        signal.signal(signal.SIGUSR1, previous)
    assert seen == [signal.SIGUSR1]


def test_ctrl_c_interrupts_a_wait_on_a_fence(ctx):
    timer = interrupt_soon()
    start = time.monotonic()
    with pytest.raises(KeyboardInterrupt):
        ctx.wait_forever()
    assert time.monotonic() - start < 10
    timer.wait()


def test_ctrl_c_under_asyncio_cancels_the_running_invocation(ctx):
    # asyncio.run's own SIGINT handler cancels the main task on the first
    # Ctrl-C (which a running call cannot see until it returns to the event
    # loop) and raises KeyboardInterrupt on the second: that one stops it.
    async def main():
        await ctx.spin.invoke_async()
    first, second = interrupt_soon(delay=0.2), interrupt_soon(delay=0.5)
    start = time.monotonic()
    with pytest.raises(KeyboardInterrupt):
        asyncio.run(main())
    assert time.monotonic() - start < 10
    first.wait()
    second.wait()
    assert ctx.count(5) == 5


def test_bad_limits_are_refused(ctx):
    with pytest.raises(ValueError, match="fuel"):
        ctx.set_limits(fuel=-1)
    with pytest.raises(ValueError, match="timeout"):
        ctx.set_limits(timeout=0)
    with pytest.raises(ValueError, match="timeout"):
        ctx.set_limits(timeout=float("nan"))
