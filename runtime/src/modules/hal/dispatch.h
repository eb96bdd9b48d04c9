// Running a recorded dispatch: resolve and range-check every binding (and
// the indirect workgroup count) before any workgroup runs, then run one
// kernel invocation per workgroup on the calling thread plus idle workers
// of `pool` (null: the calling thread alone). The first failing workgroup
// stops the others from starting new workgroups; its status (with the
// kernel's trace) is the dispatch's status.
#ifndef KILN_MODULES_HAL_DISPATCH_H_
#define KILN_MODULES_HAL_DISPATCH_H_

#include <cstdint>
#include <vector>

#include "kiln/modules/hal/command_buffer.h"
#include "kiln/modules/hal/executable.h"

namespace kiln::hal {

class WorkerPool;

struct DispatchCommand {
  vm::RefT<Executable> executable;
  int32_t kernel = 0;
  uint32_t workgroup_count[3] = {0, 0, 0};
  bool indirect = false;
  BufferRange count_range; // indirect: three uint32 workgroup counts
  std::vector<uint32_t> constants;
  std::vector<BufferRange> bindings;
};

// `limits` (fuel and deadline; see workgroup_limits) bound every
// workgroup: each runs with a budget of its own reset to them.
vm::Status run_dispatch(const DispatchCommand &command, const std::vector<Binding> &binding_table,
                        WorkerPool *pool, const vm::ExecutionLimits &limits);

} // namespace kiln::hal

#endif // KILN_MODULES_HAL_DISPATCH_H_
