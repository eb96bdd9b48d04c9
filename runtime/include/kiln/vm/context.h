// A Context: an ordered set of modules, each with its per-context state.
//
// register_module creates the module's state and resolves each of its
// imports against the exports of modules registered EARLIER, by fully
// qualified name "module.function" (split at the first '.'), checking that
// the signature strings agree. A missing required import or a signature
// mismatch fails with an error naming both modules and the function;
// optional imports may stay unresolved.
#ifndef KILN_VM_CONTEXT_H_
#define KILN_VM_CONTEXT_H_

#include <cstdint>
#include <memory>
#include <string_view>
#include <vector>

#include "kiln/vm/budget.h"
#include "kiln/vm/instance.h"
#include "kiln/vm/module.h"
#include "kiln/vm/ref.h"
#include "kiln/vm/stack.h"
#include "kiln/vm/status.h"

namespace kiln::vm {

class Context {
public:
  explicit Context(Instance &instance);
  ~Context(); // destroys module states in reverse registration order
  Context(const Context &) = delete;
  Context &operator=(const Context &) = delete;

  Instance &instance() const { return *instance_; }

  // Retains the module. On error nothing is registered.
  Status register_module(Module *module);
  Status register_module(const Ref &module);

  int32_t module_count() const { return static_cast<int32_t>(entries_.size()); }
  Module *module(int32_t index) const { return entries_[index].module.as<Module>(); }
  ModuleState *module_state(int32_t index) const { return entries_[index].state; }
  // Index of a registered module or -1.
  int32_t module_index(const Module *module) const;
  // State of a registered module (nullptr if unregistered or stateless).
  ModuleState *state_for(const Module *module) const {
    int32_t i = module_index(module);
    return i >= 0 ? entries_[i].state : nullptr;
  }
  // The most recently registered module with this name, or nullptr.
  Module *find_module(std::string_view name) const;

  // "MODULE.NAME" (an export of that module) or "NAME" (an export of the
  // last registered module).
  StatusOr<Function> lookup_function(std::string_view name) const;

  // ---- Limits (kiln/vm/budget.h) ----
  // Host memory the context's calls may hold at once (buffers, lists, hal
  // buffers allocated while its calls run, and inputs the host allocates
  // under a ScopedMemoryBudget(memory_budget())). MemoryBudget::kUnlimited
  // (the default) removes the limit. Fails only when out of memory.
  Status set_memory_limit(size_t bytes);
  // Accounts memory (used, peak, allocations) without limiting it: creates
  // an unlimited budget when none exists (run-module --print-statistics).
  Status track_memory();
  // The budget, or null when no limit was ever set.
  MemoryBudget *memory_budget() const { return memory_budget_; }
  size_t memory_used() const { return memory_budget_ ? memory_budget_->used() : 0; }

  // Fuel, deadline and cancellation for every synchronous invoke() and
  // invoke_packed() on this context (and the default of Invocations made
  // from it). Fuel is per call; the deadline is absolute (now_ns() clock).
  void set_execution_limits(const ExecutionLimits &limits) { limits_ = limits; }
  const ExecutionLimits &execution_limits() const { return limits_; }

  // The VM stack of every synchronous invoke() and invoke_packed() on this
  // context and the default of Invocations made from it: depth limit and
  // frame storage budget (run-module --max-stack-depth / --stack-size).
  void set_stack_options(const StackOptions &options);
  const StackOptions &stack_options() const { return stack_options_; }

  // Reusable invocation scratch for the synchronous invoke() (internal).
  struct InvokeScratch;
  InvokeScratch *acquire_invoke_scratch();
  void release_invoke_scratch(InvokeScratch *scratch);

private:
  struct Entry {
    Ref module;
    ModuleState *state;
  };
  Status resolve_imports(Module *module, ModuleState *state);

  Instance *instance_;
  std::vector<Entry> entries_;
  std::unique_ptr<InvokeScratch> scratch_;
  bool scratch_in_use_ = false;
  MemoryBudget *memory_budget_ = nullptr;
  ExecutionLimits limits_;
  StackOptions stack_options_;
};

} // namespace kiln::vm

#endif // KILN_VM_CONTEXT_H_
