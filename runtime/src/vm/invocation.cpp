#include "kiln/vm/invocation.h"

#include <cstring>
#include <memory>
#include <string>

#include "invoke_scratch.h"

namespace kiln::vm {
namespace {

struct Prepared {
  ModuleState *state = nullptr;
  Signature signature;
};

Status prepare(Context &context, const Function &function, Prepared *out) {
  if (KILN_UNLIKELY(function.is_null())) {
    return invalid_argument_error("cannot invoke a null function");
  }
  int32_t index = context.module_index(function.module);
  if (KILN_UNLIKELY(index < 0)) {
    return make_status(StatusCode::kFailedPrecondition,
                       "module '%s' is not registered in this context",
                       std::string(function.module->name()).c_str());
  }
  out->state = context.module_state(index);
  auto sig = parse_signature(function.module->function_signature(function));
  if (KILN_UNLIKELY(!sig.ok())) {
    Status s = std::move(sig).status();
    s.annotate("invoking " + std::string(function.module->name()) + "." +
               function.module->function_name(function));
    return s;
  }
  out->signature = *sig;
  return Status();
}

ByteSpan words_span(std::vector<uint64_t> &words, size_t bytes) {
  size_t n = (bytes + 7) / 8;
  if (words.size() < n)
    words.resize(n);
  return ByteSpan{reinterpret_cast<uint8_t *>(words.data()), bytes};
}

Status pack_arguments(std::string_view codes, const ValueList &args, std::vector<uint64_t> &storage,
                      ByteSpan *out) {
  KILN_ASSIGN_OR_RETURN(size_t size, measure_values(codes, args.data(), args.size()));
  *out = words_span(storage, size);
  return pack_values(codes, args.data(), args.size(), out->data, out->size);
}

Status prepare_results_for_codes(std::string_view codes, std::vector<uint64_t> &storage,
                                 ByteSpan *out) {
  if (KILN_UNLIKELY(has_variadic(codes))) {
    return unimplemented_error("variadic results cannot be returned to the host");
  }
  KILN_ASSIGN_OR_RETURN(size_t size, packed_size(codes));
  *out = words_span(storage, size);
  if (size)
    std::memset(out->data, 0, size);
  return Status();
}

// A zeroed result span of the cached size (see prepare_cached).
Status prepare_results(const Context::InvokeScratch &scratch, std::vector<uint64_t> &storage,
                       ByteSpan *out) {
  if (KILN_UNLIKELY(scratch.cached_results_variadic)) {
    return unimplemented_error("variadic results cannot be returned to the host");
  }
  size_t size = scratch.cached_results_size;
  *out = words_span(storage, size);
  if (size)
    std::memset(out->data, 0, size);
  return Status();
}

// Attaches the context's limits to `stack` for one call (and the memory
// budget to the thread), detaching them after.
// Costs two loads and two compares when the context has no limits.
class CallScope {
public:
  CallScope(Stack &stack, Context &context)
      : stack_(stack), previous_(stack.budget()), memory_(context.memory_budget()) {
    const ExecutionLimits &limits = context.execution_limits();
    if (KILN_UNLIKELY(limits.enabled())) {
      budget_.reset(limits);
      stack.set_budget(&budget_);
    } else if (KILN_UNLIKELY(previous_ != nullptr)) {
      stack.set_budget(nullptr);
    }
  }
  ~CallScope() {
    if (KILN_UNLIKELY(stack_.budget() != previous_))
      stack_.set_budget(previous_);
  }

private:
  Stack &stack_;
  Budget *previous_;
  ScopedMemoryBudget memory_;
  Budget budget_;
};

Status run_to_completion(Stack &stack, const FunctionCall &call) {
  int32_t base = stack.depth();
  Module *module = call.function.module;
  Status s = module->begin_call(stack, call);
  while (KILN_UNLIKELY(s.is_deferred())) {
    wait_in_place(stack);
    s = module->resume_call(stack, stack.frame_at(base), call.results);
  }
  if (KILN_UNLIKELY(!s.ok()))
    stack.unwind_to(base);
  return s;
}

bool same_function(const Function &a, const Function &b) {
  return a.module == b.module && a.ordinal == b.ordinal && a.linkage == b.linkage;
}

// Fills the scratch cache for `function` (parse + state lookup on a miss).
KILN_ALWAYS_INLINE Status prepare_cached(Context::InvokeScratch &scratch, Context &context,
                                         const Function &function) {
  if (KILN_LIKELY(same_function(scratch.cached_function, function) && !function.is_null())) {
    return Status();
  }
  Prepared p;
  KILN_RETURN_IF_ERROR(prepare(context, function, &p));
  size_t results_size = 0;
  bool results_variadic = has_variadic(p.signature.results);
  if (!results_variadic) {
    KILN_ASSIGN_OR_RETURN(results_size, packed_size(p.signature.results));
  }
  scratch.cached_function = function;
  scratch.cached_state = p.state;
  scratch.cached_signature = p.signature;
  scratch.cached_arguments_have_refs = has_refs(p.signature.arguments);
  scratch.cached_results_size = results_size;
  scratch.cached_results_variadic = results_variadic;
  return Status();
}

Status invoke_with(Context::InvokeScratch &scratch, Context &context, const Function &function,
                   const ValueList &args, ValueList *results) {
  KILN_RETURN_IF_ERROR(prepare_cached(scratch, context, function));
  const Signature sig = scratch.cached_signature;
  ByteSpan arg_bytes, result_bytes;
  KILN_RETURN_IF_ERROR(prepare_results(scratch, scratch.results, &result_bytes));
  if (!sig.arguments.empty() || !args.empty()) {
    KILN_RETURN_IF_ERROR(pack_arguments(sig.arguments, args, scratch.arguments, &arg_bytes));
  }
  FunctionCall call{function, scratch.cached_state, arg_bytes, result_bytes};
  Status s;
  {
    CallScope scope(scratch.stack, context);
    s = run_to_completion(scratch.stack, call);
  }
  if (scratch.cached_arguments_have_refs) {
    release_packed_refs(sig.arguments, arg_bytes.data, arg_bytes.size);
  }
  if (KILN_UNLIKELY(!s.ok()))
    return s;
  results->clear();
  if (sig.results.empty())
    return s;
  return unpack_values(sig.results, result_bytes.data, result_bytes.size, results);
}

} // namespace

void wait_in_place(Stack &stack) {
  WaitRequest wait = stack.take_wait();
  Budget *budget = stack.budget();
  if (budget) {
    // A cancelled or expired call does not resume its wait.
    Status interrupted = budget->check_interrupts();
    if (!interrupted.ok()) {
      stack.set_wait_result(interrupted.code());
      return;
    }
  }
  if (!wait.source) {
    stack.set_wait_result(StatusCode::kOk);
    return;
  }
  int64_t deadline = wait.deadline_ns;
  if (budget && budget->limits().deadline_ns < deadline) {
    deadline = budget->limits().deadline_ns;
  }
  if (!budget || !budget->limits().interrupted) {
    stack.set_wait_result(wait.source->wait_until(deadline).code());
    return;
  }
  // A polled interrupt is only seen between slices of the wait.
  constexpr int64_t kPollSliceNs = 50 * 1000 * 1000;
  for (;;) {
    int64_t now = now_ns();
    int64_t until = deadline - now > kPollSliceNs ? now + kPollSliceNs : deadline;
    Status s = wait.source->wait_until(until);
    if (s.ok() || until == deadline) {
      stack.set_wait_result(s.code());
      return;
    }
    Status interrupted = budget->check_interrupts();
    if (!interrupted.ok()) {
      stack.set_wait_result(interrupted.code());
      return;
    }
  }
}

Status invoke(Context &context, const Function &function, const ValueList &args,
              ValueList *results) {
  Context::InvokeScratch *scratch = context.acquire_invoke_scratch();
  if (KILN_LIKELY(scratch)) {
    Status s = invoke_with(*scratch, context, function, args, results);
    context.release_invoke_scratch(scratch);
    return s;
  }
  // Re-entrant invoke (from inside a native function): a private scratch.
  std::unique_ptr<Context::InvokeScratch> local(
      new Context::InvokeScratch(context.stack_options()));
  return invoke_with(*local, context, function, args, results);
}

Status begin_packed(Stack &stack, Context &context, const Function &function, ByteSpan arguments,
                    ByteSpan results) {
  Prepared p;
  p.state = nullptr;
  if (KILN_UNLIKELY(function.is_null())) {
    return invalid_argument_error("cannot invoke a null function");
  }
  int32_t index = context.module_index(function.module);
  if (KILN_UNLIKELY(index < 0)) {
    return make_status(StatusCode::kFailedPrecondition,
                       "module '%s' is not registered in this context",
                       std::string(function.module->name()).c_str());
  }
  FunctionCall call{function, context.module_state(index), arguments, results};
  int32_t base = stack.depth();
  stack.set_memory_budget(context.memory_budget());
  ScopedMemoryBudget memory(context.memory_budget());
  Status s = function.module->begin_call(stack, call);
  if (KILN_UNLIKELY(!s.ok() && !s.is_deferred()))
    stack.unwind_to(base);
  return s;
}

Status resume_packed(Stack &stack, const Function &function, ByteSpan results) {
  Frame *frame = stack.frame_at(0);
  if (!frame)
    return failed_precondition_error("no suspended call on this stack");
  ScopedMemoryBudget memory(stack.memory_budget());
  Status s = function.module->resume_call(stack, frame, results);
  if (KILN_UNLIKELY(!s.ok() && !s.is_deferred()))
    stack.unwind_to(0);
  return s;
}

Status invoke_packed(Context &context, const Function &function, ByteSpan arguments,
                     ByteSpan results) {
  Context::InvokeScratch *scratch = context.acquire_invoke_scratch();
  std::unique_ptr<Context::InvokeScratch> local;
  if (KILN_UNLIKELY(!scratch)) {
    local.reset(new Context::InvokeScratch(context.stack_options()));
    scratch = local.get();
  }
  Status s = prepare_cached(*scratch, context, function);
  if (KILN_LIKELY(s.ok())) {
    FunctionCall call{function, scratch->cached_state, arguments, results};
    CallScope scope(scratch->stack, context);
    s = run_to_completion(scratch->stack, call);
    // The argument bytes own their refs; release what the callee left.
    if (scratch->cached_arguments_have_refs && arguments.size) {
      release_packed_refs(scratch->cached_signature.arguments, arguments.data, arguments.size);
    }
  }
  if (!local)
    context.release_invoke_scratch(scratch);
  return s;
}

Invocation::Invocation(Context &context) : Invocation(context, context.stack_options()) {}

Invocation::Invocation(Context &context, const StackOptions &options)
    : context_(&context), stack_(options) {
  set_limits(context.execution_limits());
}

void Invocation::set_limits(const ExecutionLimits &limits) {
  limits_ = limits;
  // Limits of any kind make the call cancellable while it runs too.
  if (limits_.enabled() && !limits_.cancel)
    limits_.cancel = &cancel_requested_;
}

void Invocation::cancel() { cancel_requested_.store(true, std::memory_order_relaxed); }

void Invocation::attach() {
  if (limits_.enabled()) {
    stack_.set_budget(&budget_);
  } else {
    stack_.set_budget(nullptr);
  }
}

Status Invocation::cancelled_status() const {
  return make_status(StatusCode::kCancelled, "the invocation was cancelled");
}

Invocation::~Invocation() { abandon(); }

void Invocation::abandon() {
  stack_.unwind_to(0);
  if (suspended_ && results_size_) {
    // A suspended callee has not written results; nothing is owned.
    std::memset(results_.data(), 0, results_size_);
  }
  suspended_ = false;
}

Status Invocation::finish(Status status, ValueList *results) {
  suspended_ = false;
  if (KILN_UNLIKELY(!status.ok())) {
    stack_.unwind_to(0);
    return status;
  }
  results->clear();
  return unpack_values(result_codes_, reinterpret_cast<uint8_t *>(results_.data()), results_size_,
                       results);
}

Status begin_invoke(Invocation &inv, const Function &function, const ValueList &args,
                    ValueList *results) {
  if (inv.suspended_) {
    return failed_precondition_error(
        "begin_invoke on an invocation with a suspended call; resume or "
        "abandon it first");
  }
  if (!inv.prepared_ || !same_function(inv.function_, function)) {
    inv.prepared_ = false;
    Prepared p;
    KILN_RETURN_IF_ERROR(prepare(*inv.context_, function, &p));
    inv.function_ = function;
    inv.state_ = p.state;
    inv.signature_ = p.signature;
    inv.result_codes_ = p.signature.results;
    inv.prepared_ = true;
  }
  const Signature sig = inv.signature_;
  ByteSpan arg_bytes, result_bytes;
  KILN_RETURN_IF_ERROR(prepare_results_for_codes(sig.results, inv.results_, &result_bytes));
  KILN_RETURN_IF_ERROR(pack_arguments(sig.arguments, args, inv.arguments_, &arg_bytes));
  inv.results_size_ = result_bytes.size;
  FunctionCall call{function, inv.state_, arg_bytes, result_bytes};
  inv.cancel_requested_.store(false, std::memory_order_relaxed);
  inv.budget_.reset(inv.limits_);
  inv.attach();
  ScopedMemoryBudget memory(inv.context_->memory_budget());
  Status s = function.module->begin_call(inv.stack_, call);
  release_packed_refs(sig.arguments, arg_bytes.data, arg_bytes.size);
  if (s.is_deferred()) {
    inv.suspended_ = true;
    return s;
  }
  return inv.finish(std::move(s), results);
}

Status resume_invoke(Invocation &inv, ValueList *results) {
  if (!inv.suspended_) {
    return failed_precondition_error("resume_invoke without a suspended call");
  }
  Frame *frame = inv.stack_.frame_at(0);
  if (!frame) {
    inv.suspended_ = false;
    return internal_error("suspended invocation has no frames");
  }
  ByteSpan result_bytes{reinterpret_cast<uint8_t *>(inv.results_.data()), inv.results_size_};
  if (KILN_UNLIKELY(inv.cancel_requested_.load(std::memory_order_relaxed))) {
    // Cancelled while suspended: the call does not run again.
    Status s = inv.cancelled_status();
    inv.stack_.capture_trace(&s);
    return inv.finish(std::move(s), results);
  }
  inv.attach();
  ScopedMemoryBudget memory(inv.context_->memory_budget());
  Status s = inv.function_.module->resume_call(inv.stack_, frame, result_bytes);
  if (s.is_deferred())
    return s;
  return inv.finish(std::move(s), results);
}

} // namespace kiln::vm
