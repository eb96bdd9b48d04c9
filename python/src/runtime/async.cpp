// Awaitable invocations: `await fn.invoke_async(*args)` spawns the call on
// the context's vm::Loop, which asyncio drives on the Python thread. A call
// that suspends on a fence parks in the loop; the fence's signal (from a
// device worker) writes a byte to a pipe asyncio watches, and the next loop
// round resumes the call. Plain yields go back to asyncio between rounds,
// so many invocations interleave with other coroutines on one thread.
#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "common.h"
#include "kiln/vm/loop.h"
#include "kiln/vm/wait.h"

namespace kiln::python {

struct AsyncDriver {
  explicit AsyncDriver(std::weak_ptr<ContextHolder> owner) : owner(std::move(owner)) {
    if (pipe2(fds, O_NONBLOCK | O_CLOEXEC) != 0) {
      throw py::value_error(std::string("cannot create the wakeup pipe: ") + std::strerror(errno));
    }
    loop->set_wakeup(&AsyncDriver::wake, reinterpret_cast<void *>(static_cast<intptr_t>(fds[1])));
  }
  ~AsyncDriver() {
    try {
      detach();
    } catch (...) {
    }
    loop.reset(); // waits for notifications under way, which write to fds
    close(fds[0]);
    close(fds[1]);
  }

  // Any thread: tells asyncio there is work (the pipe becomes readable).
  static void wake(void *user) {
    char byte = 1;
    ssize_t n = write(static_cast<int>(reinterpret_cast<intptr_t>(user)), &byte, 1);
    (void)n; // a full pipe already says "readable"
  }

  void detach() {
    if (aio_loop && !aio_loop.attr("is_closed")().cast<bool>()) {
      aio_loop.attr("remove_reader")(fds[0]);
      if (timer)
        timer.attr("cancel")();
    }
    aio_loop = py::object();
    timer = py::object();
    scheduled = false;
  }

  // Binds to the running asyncio loop (rebinding when idle).
  void bind(py::object running) {
    if (aio_loop.is(running))
      return;
    if (loop->live() > 0) {
      throw py::value_error("invocations of this context are in flight on another "
                            "event loop");
    }
    detach();
    aio_loop = running;
    std::weak_ptr<ContextHolder> weak = owner;
    step_fn = py::cpp_function([weak]() { step(weak); });
    aio_loop.attr("add_reader")(fds[0], py::cpp_function([weak]() {
                                  auto ctx = weak.lock();
                                  if (!ctx || !ctx->async)
                                    return;
                                  char buffer[64];
                                  while (read(ctx->async->fds[0], buffer, sizeof(buffer)) > 0) {
                                  }
                                  ctx->async->schedule();
                                }));
  }

  void schedule() {
    if (scheduled || !aio_loop)
      return;
    scheduled = true;
    aio_loop.attr("call_soon")(step_fn);
  }

  // One loop round on the Python thread (with the GIL).
  static void step(const std::weak_ptr<ContextHolder> &weak) {
    // Held across the round: a completion may drop the last other
    // reference to the context, which must not die inside its loop.
    std::shared_ptr<ContextHolder> ctx = weak.lock();
    if (!ctx || !ctx->async)
      return;
    AsyncDriver &d = *ctx->async;
    d.scheduled = false;
    {
      PyObject *&current = current_async_loop();
      PyObject *saved = current;
      current = d.aio_loop.ptr();
      d.loop->run_once(0);
      current = saved;
    }
    drain_released_objects();
    // Ctrl-C (or another signal handler's exception) during the round
    // cancelled the invocation running then; asyncio gets the exception.
    raise_pending_interrupt();
    if (d.loop->has_ready()) {
      d.schedule();
      return;
    }
    if (d.timer) {
      d.timer.attr("cancel")();
      d.timer = py::object();
    }
    int64_t deadline = d.loop->next_deadline();
    if (d.loop->live() > 0 && deadline != vm::kInfiniteDeadline && d.aio_loop) {
      double delay = static_cast<double>(deadline - vm::now_ns()) / 1e9;
      d.timer = d.aio_loop.attr("call_later")(delay > 0 ? delay : 0.0, d.step_fn);
    }
  }

  std::weak_ptr<ContextHolder> owner;
  std::unique_ptr<vm::Loop> loop{new vm::Loop()};
  int fds[2] = {-1, -1};
  py::object aio_loop;
  py::object step_fn;
  py::object timer;
  bool scheduled = false;
};

PyObject *&current_async_loop() {
  thread_local PyObject *loop = nullptr;
  return loop;
}

py::object invoke_async(FunctionHolder &f, py::args args) {
  std::shared_ptr<ContextHolder> ctx = f.context;
  py::object running = py::module_::import("asyncio").attr("get_running_loop")();
  if (!ctx->async)
    ctx->async.reset(new AsyncDriver(ctx));
  AsyncDriver &d = *ctx->async;
  d.bind(running);
  vm::ValueList values = python_arguments(f, std::move(args));
  apply_call_limits(*ctx); // the spawned invocation's fuel and Ctrl-C
  int64_t deadline = ctx->timeout_ns > 0 ? vm::now_ns() + ctx->timeout_ns : vm::kInfiniteDeadline;
  py::object future = running.attr("create_future")();
  // The task keeps the context alive until it finishes.
  uint64_t id = d.loop->spawn(
      *ctx->context, f.function, std::move(values),
      [future, ctx](vm::Status status, vm::ValueList &results) {
        try {
          if (future.attr("done")().cast<bool>())
            return; // cancelled
          if (!status.ok()) {
            future.attr("set_exception")(make_vm_error(status));
          } else {
            future.attr("set_result")(results_to_python(results));
          }
        } catch (py::error_already_set &e) {
          e.discard_as_unraisable("kiln invoke_async completion");
        } catch (std::exception &e) {
          try {
            future.attr("set_exception")(py::value_error(e.what()));
          } catch (...) {
          }
        } catch (...) {
        }
      },
      deadline);
  std::weak_ptr<ContextHolder> weak = ctx;
  future.attr("add_done_callback")(py::cpp_function([weak, id](py::object fut) {
    if (!fut.attr("cancelled")().cast<bool>())
      return;
    if (auto c = weak.lock()) {
      if (c->async)
        c->async->loop->cancel(id);
    }
  }));
  d.schedule();
  return future;
}

void AsyncDriverDeleter::operator()(AsyncDriver *driver) const { delete driver; }

void bind_async(py::module_ &m) { (void)m; }

} // namespace kiln::python
