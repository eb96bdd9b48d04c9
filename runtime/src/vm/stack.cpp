#include "kiln/vm/stack.h"

#include <new>

namespace kiln::vm {

Stack::Stack(const StackOptions &options) {
  max_depth_ = options.effective_max_depth();
  size_t bytes = (options.storage_bytes + kStorageAlignment - 1) & ~(kStorageAlignment - 1);
  if (bytes > UINT32_MAX)
    bytes = static_cast<size_t>(UINT32_MAX) & ~(kStorageAlignment - 1);
  // Never throws: a stack whose storage cannot be allocated has no room,
  // and its first push is a RESOURCE_EXHAUSTED "stack overflow".
  if (static_cast<size_t>(max_depth_) > SIZE_MAX / sizeof(Frame))
    max_depth_ = 1;
  frames_ = static_cast<Frame *>(
      ::operator new(sizeof(Frame) * static_cast<size_t>(max_depth_), std::nothrow));
  arena_ = static_cast<uint8_t *>(::operator new(
      bytes ? bytes : kStorageAlignment, std::align_val_t(kStorageAlignment), std::nothrow));
  arena_size_ = arena_ ? bytes : 0;
  if (!frames_ || !arena_)
    max_depth_ = 0;
}

Stack::~Stack() {
  unwind_to(0);
  ::operator delete(frames_);
  ::operator delete(arena_, std::align_val_t(kStorageAlignment));
}

void Stack::unwind_to(int32_t depth) {
  if (depth < 0)
    depth = 0;
  while (depth_ > depth) {
    Frame *frame = &frames_[depth_ - 1];
    if (frame->cleanup)
      frame->cleanup(frame);
    pop_frame();
  }
}

void Stack::capture_trace(Status *status) const {
  if (status->ok() || status->is_deferred() || status->has_trace())
    return;
  status->mark_trace_captured();
  for (int32_t d = depth_ - 1; d >= 0; --d) {
    const Frame &frame = frames_[d];
    Module *module = frame.function.module;
    if (!module) {
      StackTraceFrame entry;
      entry.module = "<host>";
      entry.function = "<unknown>";
      entry.pc = frame.pc;
      status->add_frame(std::move(entry));
      continue;
    }
    for (StackTraceFrame &line :
         frame_trace_lines(std::string(module->name()), module->function_name(frame.function),
                           module->frame_offset(frame), module->source_positions(frame))) {
      status->add_frame(std::move(line));
    }
  }
}

Status Stack::overflow_error(const Function &function, size_t storage_size) const {
  Status status;
  if (depth_ >= max_depth_) {
    status = make_status(StatusCode::kResourceExhausted,
                         "stack overflow: call depth limit of %d frames exceeded", max_depth_);
  } else {
    status = make_status(StatusCode::kResourceExhausted,
                         "stack overflow: frame needs %zu bytes of storage but "
                         "only %zu of the %zu-byte budget remain",
                         storage_size, arena_size_ - arena_top_, arena_size_);
  }
  if (function.module) {
    status.annotate(std::string("while calling ") + std::string(function.module->name()) + "." +
                    function.module->function_name(function));
  }
  capture_trace(&status);
  return status;
}

} // namespace kiln::vm
