// Watching a program run, for tools (run-module --print-statistics and
// --profile): the interpreter reports every instruction of a bytecode module
// loaded with an observer, and the C module runtime reports every VM frame
// of an emitted-C module loaded with one (light frames, which never reach
// the runtime, are not seen: translate with --vm-c-light-frames=false to see
// every function). Modules loaded without an observer pay nothing.
#ifndef KILN_VM_OBSERVER_H_
#define KILN_VM_OBSERVER_H_

#include <cstdint>

#include "kiln/vm/module.h"

namespace kiln::vm {

class ExecutionObserver {
public:
  virtual ~ExecutionObserver() = default;
  // Before an instruction runs: the function's ordinal, the bytecode offset
  // and the VM stack depth of its frame (1: the bottom frame).
  virtual void on_instruction(const Module &module, int32_t function_ordinal, uint32_t pc,
                              int32_t depth) = 0;
  // A frame of a module observed per frame became the running one (entered,
  // resumed, or returned to): its function and depth.
  virtual void on_frame(const Module &module, int32_t function_ordinal, int32_t depth) {}
};

// Instructions executed and the deepest VM stack they ran at.
struct ExecutionCounters final : ExecutionObserver {
  uint64_t instructions = 0;
  int32_t peak_depth = 0;
  void on_instruction(const Module &, int32_t, uint32_t, int32_t depth) override {
    ++instructions;
    if (depth > peak_depth)
      peak_depth = depth;
  }
  void on_frame(const Module &, int32_t, int32_t depth) override {
    if (depth > peak_depth)
      peak_depth = depth;
  }
};

} // namespace kiln::vm

#endif // KILN_VM_OBSERVER_H_
