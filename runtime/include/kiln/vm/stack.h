// The VM stack: frames live in a preallocated arena owned by the Stack, not
// on the C stack, so any frame can suspend and be resumed later, and many
// invocations can interleave on one thread (one Stack each).
//
// A frame records the function, its module state, a per-frame scratch area
// of the size the module asked for (the interpreter keeps its register files
// there), the current pc and two module-defined words. Frame types let
// native, bytecode and emitted-C frames interleave on one stack.
//
// Push/pop are inline bump-pointer operations: no heap allocation after the
// Stack is constructed. Exceeding the depth limit or the storage budget is a
// RESOURCE_EXHAUSTED "stack overflow" error, never a crash.
#ifndef KILN_VM_STACK_H_
#define KILN_VM_STACK_H_

#include <cstddef>
#include <cstdint>

#include "kiln/vm/module.h"
#include "kiln/vm/status.h"
#include "kiln/vm/wait.h"

namespace kiln::vm {

class Budget;
class MemoryBudget;

enum class FrameType : uint8_t {
  kNative = 0,   // native C++ module function
  kBytecode = 1, // interpreter frame
  kEmittedC = 2, // emitted-C module frame
  kHost = 3,     // reserved for host-side bookkeeping
};

struct Frame;
// Called for a frame that is discarded without completing (an abandoned
// DEFERRED call, or Stack destruction). Releases what the frame owns (e.g.
// the interpreter's ref registers). Normal returns do not call it.
using FrameCleanupFn = void (*)(Frame *frame);

struct Frame {
  Function function;
  ModuleState *module_state;
  // Scratch storage: `storage_size` bytes, 16-byte aligned, uninitialized.
  uint8_t *storage;
  uint32_t storage_size;
  // Current bytecode offset (kept up to date at calls and on errors), or -1.
  int32_t pc;
  FrameType type;
  uint8_t flags; // module-defined
  uint16_t reserved;
  uint32_t arena_mark;    // arena top before this frame's storage (internal)
  FrameCleanupFn cleanup; // optional, see above
  uint64_t user[2];       // module-defined (return info, resume state, ...)

  template <typename T> T *storage_as() const { return reinterpret_cast<T *>(storage); }
};

// A stack is sized by a byte budget, as Lua's and IREE's are: by default
// 1 MiB of frame storage, which allows kDefaultStackBytes / kBytesPerFrame
// (8,192) frames; frames with more registers than that estimate run out of
// storage first. Both limits end in RESOURCE_EXHAUSTED "stack overflow".
struct StackOptions {
  static constexpr size_t kDefaultStackBytes = size_t{1} << 20;
  static constexpr size_t kBytesPerFrame = 128;
  static constexpr int32_t kMaxDepthLimit = 1 << 24;

  int32_t max_depth = 0;                     // frames; 0: from storage_bytes
  size_t storage_bytes = kDefaultStackBytes; // total per-frame scratch budget

  // The depth limit these options give: max_depth, or the byte budget
  // divided by kBytesPerFrame (at least 1, at most kMaxDepthLimit).
  int32_t effective_max_depth() const {
    if (max_depth > 0)
      return max_depth < kMaxDepthLimit ? max_depth : kMaxDepthLimit;
    size_t frames = storage_bytes / kBytesPerFrame;
    if (frames < 1)
      frames = 1;
    return frames < size_t{kMaxDepthLimit} ? static_cast<int32_t>(frames) : kMaxDepthLimit;
  }
};

class Stack {
public:
  static constexpr size_t kStorageAlignment = 16;

  explicit Stack(const StackOptions &options = StackOptions());
  ~Stack(); // unwinds (cleanup) any frames still live
  Stack(const Stack &) = delete;
  Stack &operator=(const Stack &) = delete;

  int32_t depth() const { return depth_; }
  bool empty() const { return depth_ == 0; }
  int32_t max_depth() const { return max_depth_; }
  size_t storage_capacity() const { return arena_size_; }
  size_t storage_used() const { return arena_top_; }

  // nullptr when empty.
  Frame *top() { return depth_ ? &frames_[depth_ - 1] : nullptr; }
  // 0 is the bottom (outermost) frame; nullptr when out of range.
  Frame *frame_at(int32_t depth) {
    return (depth >= 0 && depth < depth_) ? &frames_[depth] : nullptr;
  }
  const Frame *frame_at(int32_t depth) const {
    return (depth >= 0 && depth < depth_) ? &frames_[depth] : nullptr;
  }

  // Pushes a frame with `storage_size` bytes of scratch (uninitialized).
  // pc starts at -1, flags/user/cleanup at zero.
  KILN_ALWAYS_INLINE Status push_frame(FrameType type, const Function &function, ModuleState *state,
                                       size_t storage_size, Frame **out_frame) {
    // The remaining budget is a multiple of the alignment, so checking the
    // unrounded size is exact (and cannot overflow).
    if (KILN_UNLIKELY(depth_ >= max_depth_ || storage_size > arena_size_ - arena_top_)) {
      *out_frame = nullptr;
      return overflow_error(function, storage_size);
    }
    Frame *frame = &frames_[depth_++];
    // Field by field, not `frame->function = function`: callers build the
    // Function in registers or a just-written temporary, and a whole-struct
    // copy becomes one 16-byte load of three narrower stores, which stalls
    // on store forwarding (measured: the biggest single cost of a bytecode
    // call).
    frame->function.module = function.module;
    frame->function.linkage = function.linkage;
    frame->function.ordinal = function.ordinal;
    frame->module_state = state;
    frame->storage = arena_ + arena_top_;
    frame->storage_size = static_cast<uint32_t>(storage_size);
    frame->pc = -1;
    frame->type = type;
    frame->flags = 0;
    frame->arena_mark = static_cast<uint32_t>(arena_top_);
    frame->cleanup = nullptr;
    frame->user[0] = 0;
    frame->user[1] = 0;
    arena_top_ += (storage_size + (kStorageAlignment - 1)) & ~(kStorageAlignment - 1);
    *out_frame = frame;
    return Status();
  }

  // Pops the top frame (its owner already released what it held).
  KILN_ALWAYS_INLINE void pop_frame() {
    Frame *frame = &frames_[--depth_];
    arena_top_ = frame->arena_mark;
  }

  // ---- Raw access for an interpreter that tracks the top frame itself ----
  // push_frame and pop_frame read depth_ and arena_top_ back from memory, so
  // a run of calls and returns chains each push or pop on the store of the
  // one before. An interpreter that already holds the top frame and the end
  // of its storage in registers fills frames itself (every field push_frame
  // sets, except that it may leave `user` as it likes) and reports the top
  // with set_top, which only stores. It may defer both, as the bytecode
  // interpreter does for its internal calls, as long as they are done
  // before anything else can look at the stack: unwind_to, capture_trace
  // and every other reader must see frames laid out as push_frame lays
  // them out.
  //
  // One past the last frame slot the depth limit allows.
  Frame *frame_limit() const { return frames_ + max_depth_; }
  uint8_t *arena_begin() const { return arena_; }
  uint8_t *arena_end() const { return arena_ + arena_size_; }
  // `top` becomes the top frame (depth = its index + 1) and the storage in
  // use ends at `storage_end` (16-byte aligned, inside the arena).
  KILN_ALWAYS_INLINE void set_top(const Frame *top, const uint8_t *storage_end) {
    depth_ = static_cast<int32_t>(top - frames_) + 1;
    arena_top_ = static_cast<size_t>(storage_end - arena_);
  }

  // ---- Execution limits (kiln/vm/budget.h) ----
  // The budget of the call running on this stack, or null: no fuel,
  // deadline or cancellation to check (modules then count nothing). Set by
  // the invocation entry points before they start or resume a call.
  Budget *budget() const { return budget_; }
  void set_budget(Budget *budget) { budget_ = budget; }
  // The memory budget of the context whose call begin_packed started here
  // (resume_packed makes it current again).
  MemoryBudget *memory_budget() const { return memory_budget_; }
  void set_memory_budget(MemoryBudget *budget) { memory_budget_ = budget; }

  // ---- What a suspended call waits on (kiln/vm/wait.h) ----
  // Set by a function right before it returns DEFERRED.
  // Also resets wait_result() to OK for the new wait.
  void set_wait(WaitSource *source, int64_t deadline_ns) {
    wait_.source = source;
    wait_.deadline_ns = deadline_ns;
    wait_result_ = StatusCode::kOk;
  }
  // Read (and cleared) by whoever drives the suspended call.
  WaitRequest take_wait() {
    WaitRequest w = wait_;
    wait_ = WaitRequest();
    return w;
  }
  // How the last wait ended, set by the driver before it resumes the call.
  void set_wait_result(StatusCode code) { wait_result_ = code; }
  StatusCode wait_result() const { return wait_result_; }

  // Pops frames down to `depth`, calling each frame's cleanup (top first).
  void unwind_to(int32_t depth);

  // Adds one trace frame per live frame (innermost first) to an error that
  // has no trace yet. No-op for OK, DEFERRED or an already traced status.
  void capture_trace(Status *status) const;

private:
  KILN_NOINLINE Status overflow_error(const Function &function, size_t storage_size) const;

  Frame *frames_ = nullptr;
  uint8_t *arena_ = nullptr;
  size_t arena_size_ = 0;
  size_t arena_top_ = 0;
  int32_t depth_ = 0;
  int32_t max_depth_ = 0;
  Budget *budget_ = nullptr;
  MemoryBudget *memory_budget_ = nullptr;
  WaitRequest wait_;
  StatusCode wait_result_ = StatusCode::kOk;
};

} // namespace kiln::vm

#endif // KILN_VM_STACK_H_
