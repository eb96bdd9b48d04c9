// hal module exports: command_buffer.*.
#include <string>
#include <vector>

#include "../packed_args.h"
#include "module_internal.h"

namespace kiln::hal {
namespace {

BufferRange range_of(vm::RefT<Buffer> buffer, int32_t slot, int64_t offset, int64_t length) {
  BufferRange r;
  r.buffer = std::move(buffer);
  r.slot = slot;
  r.offset = offset;
  r.length = length;
  return r;
}

// The variadic tail of both dispatch exports: `i32 ...` constants, then
// `(i32 reserved, i32 slot, !hal.buffer, i64 offset, i64 length) ...`.
vm::Status read_dispatch_tail(modules::PackedArgs &a, std::vector<uint32_t> *constants,
                              std::vector<BufferRange> *bindings) {
  vm::Status status;
  int32_t constant_count = a.span_count();
  for (int32_t i = 0; i < constant_count && a.ok(); ++i) {
    constants->push_back(static_cast<uint32_t>(a.i32()));
  }
  int32_t binding_count = a.span_count();
  for (int32_t i = 0; i < binding_count && a.ok(); ++i) {
    a.i32(); // reserved
    int32_t slot = a.i32();
    vm::RefT<Buffer> buffer = a.ref_as<Buffer>(&status);
    int64_t offset = a.i64();
    int64_t length = a.i64();
    bindings->push_back(range_of(std::move(buffer), slot, offset, length));
  }
  if (!a.ok())
    return a.error();
  return status;
}

vm::Status dispatch(vm::ByteSpan args, bool indirect) {
  modules::PackedArgs a(args);
  vm::Status status;
  vm::RefT<CommandBuffer> cb = a.ref_as<CommandBuffer>(&status);
  vm::RefT<Executable> executable = a.ref_as<Executable>(&status);
  int64_t function_id = a.i64();
  uint32_t count[3] = {0, 0, 0};
  BufferRange count_range;
  if (indirect) {
    int32_t slot = a.i32();
    vm::RefT<Buffer> buffer = a.ref_as<Buffer>(&status);
    int64_t offset = a.i64();
    count_range = range_of(std::move(buffer), slot, offset, 12);
  } else {
    for (uint32_t &c : count)
      c = static_cast<uint32_t>(a.i32());
  }
  a.i64(); // flags
  std::vector<uint32_t> constants;
  std::vector<BufferRange> bindings;
  KILN_RETURN_IF_ERROR(read_dispatch_tail(a, &constants, &bindings));
  KILN_RETURN_IF_ERROR(status);
  KILN_RETURN_IF_ERROR(require(cb, "command buffer"));
  KILN_RETURN_IF_ERROR(require(executable, "executable"));
  return cb->dispatch(std::move(executable), function_id, count, indirect ? &count_range : nullptr,
                      std::move(constants), std::move(bindings));
}

} // namespace

void add_command_buffer_exports(vm::NativeModule &m, HalData) {
  m.export_function("command_buffer.create",
                    [](vm::RefT<Device> device, int32_t modes, int32_t categories,
                       int64_t queue_affinity,
                       int32_t binding_capacity) -> vm::StatusOr<vm::RefT<CommandBuffer>> {
                      (void)queue_affinity;
                      KILN_RETURN_IF_ERROR(require(device, "device"));
                      return CommandBuffer::create(modes, categories, binding_capacity);
                    });
  m.export_function("command_buffer.finalize", [](vm::RefT<CommandBuffer> cb) -> vm::Status {
    KILN_RETURN_IF_ERROR(require(cb, "command buffer"));
    return cb->finalize();
  });
  m.export_function("command_buffer.begin_debug_group",
                    [](vm::RefT<CommandBuffer> cb, vm::RefT<vm::Buffer> label) -> vm::Status {
                      KILN_RETURN_IF_ERROR(require(cb, "command buffer"));
                      return cb->begin_debug_group(buffer_text(label));
                    });
  m.export_function("command_buffer.end_debug_group", [](vm::RefT<CommandBuffer> cb) -> vm::Status {
    KILN_RETURN_IF_ERROR(require(cb, "command buffer"));
    return cb->end_debug_group();
  });
  m.export_function("command_buffer.execution_barrier",
                    [](vm::RefT<CommandBuffer> cb, int32_t, int32_t, int64_t) -> vm::Status {
                      KILN_RETURN_IF_ERROR(require(cb, "command buffer"));
                      return cb->execution_barrier();
                    });
  m.export_function("command_buffer.advise_buffer",
                    [](vm::RefT<CommandBuffer> cb, vm::RefT<Buffer> buffer, int64_t flags,
                       int64_t arg0, int64_t arg1, int32_t slot) -> vm::Status {
                      (void)flags;
                      (void)arg0;
                      (void)arg1;
                      KILN_RETURN_IF_ERROR(require(cb, "command buffer"));
                      return cb->advise_buffer(range_of(std::move(buffer), slot, 0, -1));
                    });
  m.export_function("command_buffer.fill_buffer",
                    [](vm::RefT<CommandBuffer> cb, vm::RefT<Buffer> target, int64_t offset,
                       int64_t length, int32_t slot, int64_t pattern, int32_t pattern_length,
                       int64_t flags) -> vm::Status {
                      (void)flags;
                      KILN_RETURN_IF_ERROR(require(cb, "command buffer"));
                      return cb->fill_buffer(range_of(std::move(target), slot, offset, length),
                                             static_cast<uint64_t>(pattern), pattern_length);
                    });
  m.export_function(
      "command_buffer.update_buffer",
      [](vm::RefT<CommandBuffer> cb, vm::RefT<vm::Buffer> source, int64_t source_offset,
         vm::RefT<Buffer> target, int64_t target_offset, int64_t length, int32_t slot,
         int64_t flags) -> vm::Status {
        (void)flags;
        KILN_RETURN_IF_ERROR(require(cb, "command buffer"));
        KILN_RETURN_IF_ERROR(require(source, "source buffer"));
        KILN_RETURN_IF_ERROR(check_size(source_offset, "source offset"));
        KILN_RETURN_IF_ERROR(check_size(length, "length"));
        KILN_RETURN_IF_ERROR(
            source->check_range(static_cast<size_t>(source_offset), static_cast<size_t>(length)));
        return cb->update_buffer(source->data() + source_offset, static_cast<size_t>(length),
                                 range_of(std::move(target), slot, target_offset, length));
      });
  m.export_function("command_buffer.copy_buffer",
                    [](vm::RefT<CommandBuffer> cb, int32_t source_slot, int32_t target_slot,
                       vm::RefT<Buffer> source, int64_t source_offset, vm::RefT<Buffer> target,
                       int64_t target_offset, int64_t length, int64_t flags) -> vm::Status {
                      (void)flags;
                      KILN_RETURN_IF_ERROR(require(cb, "command buffer"));
                      return cb->copy_buffer(
                          range_of(std::move(source), source_slot, source_offset, length),
                          range_of(std::move(target), target_slot, target_offset, length), length);
                    });
  m.export_function("command_buffer.collective",
                    [](vm::RefT<CommandBuffer>, vm::Ref, int32_t, int32_t, int32_t, int32_t,
                       vm::RefT<Buffer>, vm::RefT<Buffer>, int64_t, int64_t, int64_t, int64_t,
                       int64_t) -> vm::Status {
                      return vm::unimplemented_error(
                          "hal.command_buffer.collective: channels are not implemented yet");
                    });
  m.export_packed("command_buffer.dispatch", "rrIiiiICiDCiirIID", "v",
                  [](vm::NativeCall &, vm::ByteSpan args, vm::ByteSpan) -> vm::Status {
                    return dispatch(args, /*indirect=*/false);
                  });
  m.export_packed("command_buffer.dispatch.indirect", "rrIirIICiDCiirIID", "v",
                  [](vm::NativeCall &, vm::ByteSpan args, vm::ByteSpan) -> vm::Status {
                    return dispatch(args, /*indirect=*/true);
                  });
}

} // namespace kiln::hal
