// hal.command_buffer: a recorded list of transfer commands (fill, update,
// copy, plus barriers, debug groups and advice) that device.queue.execute
// runs in order. Buffers are given directly or, for reusable command
// buffers, as a slot of the binding table given at execute time. Ranges and
// usage bits of direct buffers are checked when recording; slots when
// executing. Dispatches run an executable's kernel over a workgroup grid
// (dispatch.cpp); their bindings are range-checked when recorded (direct
// buffers) and again, with slots resolved, before any workgroup runs.
#ifndef KILN_MODULES_HAL_COMMAND_BUFFER_H_
#define KILN_MODULES_HAL_COMMAND_BUFFER_H_

#include <cstdint>
#include <memory>
#include <vector>

#include "kiln/modules/hal/buffer.h"
#include "kiln/modules/hal/executable.h"
#include "kiln/vm/budget.h"
#include "kiln/vm/ref.h"
#include "kiln/vm/status.h"

namespace kiln::hal {

class WorkerPool;
struct DispatchCommand;

// A buffer range: `buffer`, or binding-table slot `slot` when null.
// length -1 means "to the end of the buffer" (IREE's whole-buffer value).
struct BufferRange {
  vm::RefT<Buffer> buffer;
  int32_t slot = 0;
  int64_t offset = 0;
  int64_t length = -1;
};

struct Binding {
  vm::RefT<Buffer> buffer;
  int64_t offset = 0;
  int64_t length = -1;
};

// The limits the workgroups of work submitted by a call with `budget`
// (null: no limits) run under: the fuel the call has left and its
// deadline. Not its cancellation flag, which the host owns only for as
// long as the call runs (docs/executables.md, "Bounded kernels").
vm::ExecutionLimits workgroup_limits(const vm::Budget *budget);

class CommandBuffer : public vm::RefObject {
public:
  static const vm::RefType kType; // "hal.command_buffer"

  static vm::StatusOr<vm::RefT<CommandBuffer>> create(int32_t modes, int32_t categories,
                                                      int32_t binding_capacity);

  int32_t binding_capacity() const { return binding_capacity_; }
  bool finalized() const { return finalized_; }

  vm::Status finalize();
  vm::Status begin_debug_group(std::string_view label);
  vm::Status end_debug_group();
  vm::Status execution_barrier();
  vm::Status advise_buffer(BufferRange range);
  vm::Status fill_buffer(BufferRange target, uint64_t pattern, int32_t pattern_length);
  vm::Status update_buffer(const uint8_t *data, size_t length, BufferRange target);
  vm::Status copy_buffer(BufferRange source, BufferRange target, int64_t length);
  // Kernel `function_id` of `executable` over `workgroup_count` workgroups,
  // or over the three uint32 counts at `indirect_count` when not null.
  vm::Status dispatch(vm::RefT<Executable> executable, int64_t function_id,
                      const uint32_t workgroup_count[3], const BufferRange *indirect_count,
                      std::vector<uint32_t> constants, std::vector<BufferRange> bindings);

  // Runs the commands with `bindings` resolving slots; dispatches use the
  // calling thread and idle workers of `pool` (null: the calling thread),
  // each workgroup bounded by `limits` (fuel per workgroup and a deadline;
  // workgroup_limits() makes them from the submitting call's budget).
  vm::Status execute(const std::vector<Binding> &bindings, WorkerPool *pool = nullptr,
                     const vm::ExecutionLimits &limits = vm::ExecutionLimits()) const;

private:
  enum class Kind : uint8_t { kFill, kUpdate, kCopy, kDispatch };
  struct Command {
    Kind kind;
    BufferRange target;
    BufferRange source; // kCopy
    int64_t length = 0;
    uint64_t pattern = 0;
    int32_t pattern_length = 0;
    std::vector<uint8_t> data;                       // kUpdate
    std::shared_ptr<const DispatchCommand> dispatch; // kDispatch
  };

  CommandBuffer() : vm::RefObject(&kType) {}
  static void destroy(vm::RefObject *object);
  vm::Status check_recording() const;
  vm::Status check_range(BufferRange &range, BufferUsage usage, const char *what) const;

  int32_t modes_ = 0;
  int32_t categories_ = 0;
  int32_t binding_capacity_ = 0;
  int32_t debug_depth_ = 0;
  bool finalized_ = false;
  std::vector<Command> commands_;
};

// Fills `length` bytes (a multiple of pattern_length) with the pattern.
vm::Status fill_bytes(uint8_t *data, size_t length, uint64_t pattern, int32_t pattern_length);

// Resolves `range` against `bindings`, checks range and usage, and maps it
// for `access`. `length` (not -1) overrides the range's length.
vm::StatusOr<uint8_t *> map_range(const BufferRange &range, const std::vector<Binding> &bindings,
                                  int64_t length, BufferUsage usage, MemoryAccess access,
                                  const char *what, size_t *out_length);

} // namespace kiln::hal

#endif // KILN_MODULES_HAL_COMMAND_BUFFER_H_
