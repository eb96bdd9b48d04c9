// Calling VM functions from the host.
//
// Synchronous: invoke() runs a call to completion on a stack the context
// keeps for reuse (no heap allocation per call in steady state when the
// argument/result ValueLists are reused). A callee that suspends (DEFERRED)
// is resumed in a loop until it completes.
//
// Asynchronous: begin_invoke()/resume_invoke() on an Invocation, which owns
// its own Stack and result storage; a DEFERRED call leaves its frames on
// that stack until resume_invoke continues it. Many Invocations can be in
// flight on one thread.
#ifndef KILN_VM_INVOCATION_H_
#define KILN_VM_INVOCATION_H_

#include <atomic>
#include <cstdint>
#include <string_view>
#include <vector>

#include "kiln/vm/budget.h"
#include "kiln/vm/context.h"
#include "kiln/vm/module.h"
#include "kiln/vm/signature.h"
#include "kiln/vm/stack.h"
#include "kiln/vm/status.h"
#include "kiln/vm/value.h"

namespace kiln::vm {

// Runs `function` with host values; `results` is cleared and filled.
Status invoke(Context &context, const Function &function, const ValueList &args,
              ValueList *results);

// Runs `function` with packed bytes (the fastest host path). `arguments`
// ref slots are released after the call; `results` must be
// kPackedAlignment-aligned and at least the packed result size; on OK it
// owns the result refs.
Status invoke_packed(Context &context, const Function &function, ByteSpan arguments,
                     ByteSpan results);
// As above on a caller-provided stack (must be empty); DEFERRED is returned,
// not looped: continue with resume_packed(stack, function, results).
Status begin_packed(Stack &stack, Context &context, const Function &function, ByteSpan arguments,
                    ByteSpan results);
Status resume_packed(Stack &stack, const Function &function, ByteSpan results);

// Blocks the calling thread on what the suspended call on `stack` waits on
// (Stack::take_wait; nothing for a plain yield) and records how the wait
// ended (Stack::set_wait_result). Call before resuming a DEFERRED call when
// no scheduler drives it; invoke() and invoke_packed() do this themselves.
void wait_in_place(Stack &stack);

class Invocation {
public:
  // A stack with the context's stack options, or with `options`.
  explicit Invocation(Context &context);
  Invocation(Context &context, const StackOptions &options);
  ~Invocation(); // abandons a suspended call (frame cleanups run)
  Invocation(const Invocation &) = delete;
  Invocation &operator=(const Invocation &) = delete;

  Context &context() const { return *context_; }
  Stack &stack() { return stack_; }
  // True between a DEFERRED begin/resume and the call's completion.
  bool suspended() const { return suspended_; }
  // Drops a suspended call.
  void abandon();

  // Fuel, deadline and cancellation of the calls begun from now on
  // (default: the context's execution_limits()). With any limit set the
  // call is also cancellable while it runs (cancel() from any thread).
  void set_limits(const ExecutionLimits &limits);
  const ExecutionLimits &limits() const { return limits_; }
  // Cancels the current call: a running call stops at its next check
  // (when it has limits), a suspended one ends with CANCELLED when resumed.
  // Safe from any thread. begin_invoke clears the request.
  void cancel();
  // Fuel left after the last call (kUnlimitedFuel when unlimited).
  int64_t fuel_left() const { return budget_.fuel_left(); }

private:
  friend Status begin_invoke(Invocation &, const Function &, const ValueList &, ValueList *);
  friend Status resume_invoke(Invocation &, ValueList *);
  Status finish(Status status, ValueList *results);
  void attach();
  Status cancelled_status() const;

  Context *context_;
  Stack stack_;
  Function function_;
  ModuleState *state_ = nullptr;
  Signature signature_;
  bool prepared_ = false; // function_/state_/signature_ are valid
  std::string_view result_codes_;
  std::vector<uint64_t> arguments_;
  std::vector<uint64_t> results_;
  size_t results_size_ = 0;
  bool suspended_ = false;
  ExecutionLimits limits_;
  Budget budget_;
  std::atomic<bool> cancel_requested_{false};
};

// OK: done, `results` filled. DEFERRED: suspended, call resume_invoke later.
// Error: the call failed (with a stack trace); the invocation is idle again.
Status begin_invoke(Invocation &invocation, const Function &function, const ValueList &args,
                    ValueList *results);
Status resume_invoke(Invocation &invocation, ValueList *results);

} // namespace kiln::vm

#endif // KILN_VM_INVOCATION_H_
