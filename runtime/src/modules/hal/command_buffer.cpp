#include "kiln/modules/hal/command_buffer.h"

#include <cstring>
#include <string>
#include <utility>

#include "dispatch.h"

namespace kiln::hal {

const vm::RefType CommandBuffer::kType = {"hal.command_buffer", &CommandBuffer::destroy};

void CommandBuffer::destroy(vm::RefObject *object) { delete static_cast<CommandBuffer *>(object); }

vm::StatusOr<vm::RefT<CommandBuffer>> CommandBuffer::create(int32_t modes, int32_t categories,
                                                            int32_t binding_capacity) {
  if (binding_capacity < 0) {
    return vm::invalid_argument_error("negative command buffer binding capacity");
  }
  auto cb = vm::RefT<CommandBuffer>::adopt(new CommandBuffer());
  cb->modes_ = modes;
  cb->categories_ = categories;
  cb->binding_capacity_ = binding_capacity;
  return cb;
}

vm::Status CommandBuffer::check_recording() const {
  if (finalized_) {
    return vm::failed_precondition_error("command buffer is finalized; "
                                         "no more commands can be recorded");
  }
  return vm::Status();
}

vm::StatusOr<uint8_t *> map_range(const BufferRange &range, const std::vector<Binding> &bindings,
                                  int64_t length, BufferUsage usage, MemoryAccess access,
                                  const char *what, size_t *out_length) {
  Buffer *buffer = range.buffer.get();
  int64_t base = 0;
  int64_t available;
  if (!buffer) {
    if (range.slot < 0 || static_cast<size_t>(range.slot) >= bindings.size()) {
      return vm::make_status(vm::StatusCode::kOutOfRange,
                             "%s: binding slot %d is not in the binding table "
                             "(%zu entries)",
                             what, range.slot, bindings.size());
    }
    const Binding &b = bindings[static_cast<size_t>(range.slot)];
    buffer = b.buffer.get();
    if (!buffer) {
      return vm::make_status(vm::StatusCode::kInvalidArgument,
                             "%s: binding slot %d holds no buffer", what, range.slot);
    }
    base = b.offset;
    if (base < 0 || static_cast<uint64_t>(base) > buffer->length()) {
      return vm::make_status(vm::StatusCode::kOutOfRange,
                             "%s: binding slot %d offset %lld is outside its buffer", what,
                             range.slot, static_cast<long long>(base));
    }
    available = b.length < 0 ? static_cast<int64_t>(buffer->length()) - base : b.length;
  } else {
    available = static_cast<int64_t>(buffer->length());
  }
  KILN_RETURN_IF_ERROR(buffer->check_usage(usage, what));
  if (range.offset < 0 || range.offset > available) {
    return vm::make_status(vm::StatusCode::kOutOfRange,
                           "%s: offset %lld is outside the %lld byte range", what,
                           static_cast<long long>(range.offset), static_cast<long long>(available));
  }
  int64_t n = length >= 0 ? length : range.length;
  if (n < 0)
    n = available - range.offset;
  if (n > available - range.offset) {
    return vm::make_status(
        vm::StatusCode::kOutOfRange, "%s: [%lld, %lld) is outside the %lld byte range", what,
        static_cast<long long>(range.offset), static_cast<long long>(range.offset + n),
        static_cast<long long>(available));
  }
  *out_length = static_cast<size_t>(n);
  return buffer->map(static_cast<size_t>(base + range.offset), static_cast<size_t>(n), access);
}

vm::Status CommandBuffer::check_range(BufferRange &range, BufferUsage usage,
                                      const char *what) const {
  if (!range.buffer) {
    if (range.slot < 0 || range.slot >= binding_capacity_) {
      return vm::make_status(vm::StatusCode::kOutOfRange,
                             "%s: binding slot %d exceeds the command buffer's "
                             "binding capacity %d",
                             what, range.slot, binding_capacity_);
    }
    return vm::Status();
  }
  static const std::vector<Binding> kNone;
  size_t length = 0;
  // Validate now; the map itself is redone at execution.
  vm::StatusOr<uint8_t *> p =
      map_range(range, kNone, -1, usage, memory_access::kNone, what, &length);
  if (!p.ok())
    return std::move(p).status();
  range.length = static_cast<int64_t>(length);
  return vm::Status();
}

vm::Status CommandBuffer::finalize() {
  KILN_RETURN_IF_ERROR(check_recording());
  if (debug_depth_ != 0) {
    return vm::failed_precondition_error("command buffer finalized with an open debug group");
  }
  finalized_ = true;
  return vm::Status();
}

vm::Status CommandBuffer::begin_debug_group(std::string_view) {
  KILN_RETURN_IF_ERROR(check_recording());
  ++debug_depth_;
  return vm::Status();
}

vm::Status CommandBuffer::end_debug_group() {
  KILN_RETURN_IF_ERROR(check_recording());
  if (debug_depth_ == 0) {
    return vm::failed_precondition_error("end_debug_group without a begin_debug_group");
  }
  --debug_depth_;
  return vm::Status();
}

vm::Status CommandBuffer::execution_barrier() { return check_recording(); }

vm::Status CommandBuffer::advise_buffer(BufferRange range) {
  KILN_RETURN_IF_ERROR(check_recording());
  return check_range(range, buffer_usage::kNone, "command_buffer.advise_buffer");
}

vm::Status CommandBuffer::fill_buffer(BufferRange target, uint64_t pattern,
                                      int32_t pattern_length) {
  KILN_RETURN_IF_ERROR(check_recording());
  if (pattern_length != 1 && pattern_length != 2 && pattern_length != 4 && pattern_length != 8) {
    return vm::make_status(vm::StatusCode::kInvalidArgument,
                           "fill pattern length %d is not 1, 2, 4 or 8", pattern_length);
  }
  KILN_RETURN_IF_ERROR(
      check_range(target, buffer_usage::kTransferTarget, "command_buffer.fill_buffer target"));
  Command c{Kind::kFill, std::move(target), {}, 0, pattern, pattern_length, {}, nullptr};
  commands_.push_back(std::move(c));
  return vm::Status();
}

vm::Status CommandBuffer::update_buffer(const uint8_t *data, size_t length, BufferRange target) {
  KILN_RETURN_IF_ERROR(check_recording());
  target.length = static_cast<int64_t>(length);
  KILN_RETURN_IF_ERROR(
      check_range(target, buffer_usage::kTransferTarget, "command_buffer.update_buffer target"));
  Command c{Kind::kUpdate,
            std::move(target),
            {},
            static_cast<int64_t>(length),
            0,
            0,
            std::vector<uint8_t>(data, data + length),
            nullptr};
  commands_.push_back(std::move(c));
  return vm::Status();
}

vm::Status CommandBuffer::copy_buffer(BufferRange source, BufferRange target, int64_t length) {
  KILN_RETURN_IF_ERROR(check_recording());
  source.length = length;
  target.length = length;
  KILN_RETURN_IF_ERROR(
      check_range(source, buffer_usage::kTransferSource, "command_buffer.copy_buffer source"));
  KILN_RETURN_IF_ERROR(
      check_range(target, buffer_usage::kTransferTarget, "command_buffer.copy_buffer target"));
  Command c{Kind::kCopy, std::move(target), std::move(source), length, 0, 0, {}, nullptr};
  commands_.push_back(std::move(c));
  return vm::Status();
}

vm::Status CommandBuffer::dispatch(vm::RefT<Executable> executable, int64_t function_id,
                                   const uint32_t workgroup_count[3],
                                   const BufferRange *indirect_count,
                                   std::vector<uint32_t> constants,
                                   std::vector<BufferRange> bindings) {
  KILN_RETURN_IF_ERROR(check_recording());
  if (!executable)
    return vm::invalid_argument_error("command_buffer.dispatch: executable is null");
  if (function_id < 0 || function_id >= executable->kernel_count()) {
    return vm::make_status(vm::StatusCode::kOutOfRange,
                           "command_buffer.dispatch: function id %lld is not a kernel "
                           "of the executable (it has %d)",
                           static_cast<long long>(function_id), executable->kernel_count());
  }
  auto d = std::make_shared<DispatchCommand>();
  d->kernel = static_cast<int32_t>(function_id);
  d->executable = std::move(executable);
  if (indirect_count) {
    d->indirect = true;
    d->count_range = *indirect_count;
    d->count_range.length = 12;
    KILN_RETURN_IF_ERROR(check_range(d->count_range, buffer_usage::kDispatchIndirectParameters,
                                     "command_buffer.dispatch.indirect workgroup count"));
  } else {
    for (int i = 0; i < 3; ++i)
      d->workgroup_count[i] = workgroup_count[i];
  }
  for (size_t i = 0; i < bindings.size(); ++i) {
    std::string what = "command_buffer.dispatch binding " + std::to_string(i);
    KILN_RETURN_IF_ERROR(
        check_range(bindings[i], buffer_usage::kDispatchStorageRead, what.c_str()));
  }
  d->constants = std::move(constants);
  d->bindings = std::move(bindings);
  Command c{Kind::kDispatch, {}, {}, 0, 0, 0, {}, std::move(d)};
  commands_.push_back(std::move(c));
  return vm::Status();
}

vm::Status fill_bytes(uint8_t *p, size_t length, uint64_t pattern, int32_t pattern_length) {
  size_t n = static_cast<size_t>(pattern_length);
  if (length % n != 0) {
    return vm::make_status(vm::StatusCode::kInvalidArgument,
                           "fill length %zu is not a multiple of the pattern "
                           "length %zu",
                           length, n);
  }
  for (size_t i = 0; i < length; i += n)
    std::memcpy(p + i, &pattern, n);
  return vm::Status();
}

vm::ExecutionLimits workgroup_limits(const vm::Budget *budget) {
  vm::ExecutionLimits limits;
  if (budget) {
    limits.fuel = budget->fuel_left();
    limits.deadline_ns = budget->limits().deadline_ns;
  }
  return limits;
}

vm::Status CommandBuffer::execute(const std::vector<Binding> &bindings, WorkerPool *pool,
                                  const vm::ExecutionLimits &limits) const {
  if (!finalized_) {
    return vm::failed_precondition_error("command buffer executed before finalize");
  }
  for (const Command &c : commands_) {
    size_t n = 0;
    switch (c.kind) {
    case Kind::kFill: {
      KILN_ASSIGN_OR_RETURN(uint8_t * p,
                            map_range(c.target, bindings, -1, buffer_usage::kTransferTarget,
                                      memory_access::kWrite, "fill_buffer target", &n));
      KILN_RETURN_IF_ERROR(fill_bytes(p, n, c.pattern, c.pattern_length));
      break;
    }
    case Kind::kUpdate: {
      KILN_ASSIGN_OR_RETURN(uint8_t * p,
                            map_range(c.target, bindings, c.length, buffer_usage::kTransferTarget,
                                      memory_access::kWrite, "update_buffer target", &n));
      if (n)
        std::memcpy(p, c.data.data(), n);
      break;
    }
    case Kind::kCopy: {
      size_t ns = 0;
      KILN_ASSIGN_OR_RETURN(uint8_t * src,
                            map_range(c.source, bindings, c.length, buffer_usage::kTransferSource,
                                      memory_access::kRead, "copy_buffer source", &ns));
      KILN_ASSIGN_OR_RETURN(uint8_t * dst,
                            map_range(c.target, bindings,
                                      c.length < 0 ? static_cast<int64_t>(ns) : c.length,
                                      buffer_usage::kTransferTarget, memory_access::kWrite,
                                      "copy_buffer target", &n));
      if (n)
        std::memmove(dst, src, n);
      break;
    }
    case Kind::kDispatch:
      KILN_RETURN_IF_ERROR(run_dispatch(*c.dispatch, bindings, pool, limits));
      break;
    }
  }
  return vm::Status();
}

} // namespace kiln::hal
