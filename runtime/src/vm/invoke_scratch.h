// Internal: the reusable state behind the synchronous invoke().
#ifndef KILN_VM_SRC_INVOKE_SCRATCH_H_
#define KILN_VM_SRC_INVOKE_SCRATCH_H_

#include <cstdint>
#include <vector>

#include "kiln/vm/context.h"
#include "kiln/vm/signature.h"
#include "kiln/vm/stack.h"

namespace kiln::vm {

struct Context::InvokeScratch {
  explicit InvokeScratch(const StackOptions &options) : stack(options) {}

  // One-entry cache of the last function's state and parsed signature.
  // Valid for as long as the module stays registered (always: contexts
  // never unregister modules, and signature strings live in the module).
  Function cached_function;
  ModuleState *cached_state = nullptr;
  Signature cached_signature;
  bool cached_arguments_have_refs = false;
  // Derived once per cached function so a repeated invoke does not
  // re-validate the result codes: their packed size, or an error status
  // for result codes the host cannot receive (variadic).
  size_t cached_results_size = 0;
  bool cached_results_variadic = false;

  Stack stack;
  std::vector<uint64_t> arguments;
  std::vector<uint64_t> results;
};

} // namespace kiln::vm

#endif // KILN_VM_SRC_INVOKE_SCRATCH_H_
