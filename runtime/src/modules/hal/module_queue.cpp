// hal module exports: device.queue.* and ex.file.from_memory. Arguments are
// checked when the operation is submitted (the error goes to the caller);
// what can only fail later (a buffer deallocated by an earlier operation)
// fails the operation's signal fence.
#include <cstring>
#include <new>
#include <string>
#include <vector>

#include "../packed_args.h"
#include "module_internal.h"

namespace kiln::hal {
namespace {

const std::vector<Binding> kNoBindings;

// Checks a direct buffer range now; returns its resolved length.
vm::StatusOr<size_t> check_range(const vm::RefT<Buffer> &buffer, int64_t offset, int64_t length,
                                 BufferUsage usage, const char *what) {
  KILN_RETURN_IF_ERROR(require(buffer, what));
  BufferRange r;
  r.buffer = buffer;
  r.offset = offset;
  size_t n = 0;
  vm::StatusOr<uint8_t *> p =
      map_range(r, kNoBindings, length, usage, memory_access::kNone, what, &n);
  if (!p.ok())
    return std::move(p).status();
  return n;
}

// Maps a range checked at submission for use by the operation.
vm::StatusOr<uint8_t *> map_for(const vm::RefT<Buffer> &buffer, int64_t offset, size_t length,
                                MemoryAccess access) {
  return buffer->map(static_cast<size_t>(offset), length, access);
}

} // namespace

void add_queue_exports(vm::NativeModule &m, HalData) {
  m.export_function(
      "device.queue.alloca",
      [](vm::RefT<Device> device, int64_t affinity, vm::RefT<Fence> wait, vm::RefT<Fence> signal,
         int64_t pool, int32_t memory_types, int32_t usage, int64_t size,
         int64_t flags) -> vm::StatusOr<vm::RefT<Buffer>> {
        (void)flags;
        KILN_RETURN_IF_ERROR(require(device, "device"));
        if (pool != 0) {
          return vm::unimplemented_error("VM queue allocation pools are not supported");
        }
        KILN_RETURN_IF_ERROR(check_size(size, "allocation size"));
        KILN_ASSIGN_OR_RETURN(vm::RefT<Buffer> buffer,
                              device->allocator().allocate(static_cast<MemoryType>(memory_types),
                                                           static_cast<BufferUsage>(usage), size));
        // Host memory is ready at once; the operation orders the signal.
        KILN_RETURN_IF_ERROR(device->queue_submit(affinity, std::move(wait), std::move(signal),
                                                  [] { return vm::Status(); }));
        return buffer;
      });
  m.export_function(
      "device.queue.dealloca",
      [](vm::RefT<Device> device, int64_t affinity, vm::RefT<Fence> wait, vm::RefT<Fence> signal,
         vm::RefT<Buffer> buffer, int64_t flags) -> vm::Status {
        (void)flags;
        KILN_RETURN_IF_ERROR(require(device, "device"));
        KILN_RETURN_IF_ERROR(require(buffer, "buffer"));
        if (buffer->is_deallocated()) {
          return vm::failed_precondition_error("buffer deallocated twice (queue.dealloca)");
        }
        return device->queue_submit(affinity, std::move(wait), std::move(signal), [buffer]() {
          buffer->mark_deallocated();
          return vm::Status();
        });
      });
  m.export_function(
      "device.queue.fill",
      [](vm::RefT<Device> device, int64_t affinity, vm::RefT<Fence> wait, vm::RefT<Fence> signal,
         vm::RefT<Buffer> target, int64_t offset, int64_t length, int64_t pattern,
         int32_t pattern_length, int64_t flags) -> vm::Status {
        (void)flags;
        KILN_RETURN_IF_ERROR(require(device, "device"));
        KILN_ASSIGN_OR_RETURN(size_t n,
                              check_range(target, offset, length, buffer_usage::kTransferTarget,
                                          "queue.fill target"));
        if (pattern_length != 1 && pattern_length != 2 && pattern_length != 4 &&
            pattern_length != 8) {
          return vm::make_status(vm::StatusCode::kInvalidArgument,
                                 "fill pattern length %d is not 1, 2, 4 or 8", pattern_length);
        }
        if (n % static_cast<size_t>(pattern_length) != 0) {
          return vm::make_status(vm::StatusCode::kInvalidArgument,
                                 "fill length %zu is not a multiple of the pattern "
                                 "length %d",
                                 n, pattern_length);
        }
        return device->queue_submit(
            affinity, std::move(wait), std::move(signal),
            [target, offset, n, pattern, pattern_length]() -> vm::Status {
              KILN_ASSIGN_OR_RETURN(uint8_t * p, map_for(target, offset, n, memory_access::kWrite));
              return fill_bytes(p, n, static_cast<uint64_t>(pattern), pattern_length);
            });
      });
  m.export_function(
      "device.queue.update",
      [](vm::RefT<Device> device, int64_t affinity, vm::RefT<Fence> wait, vm::RefT<Fence> signal,
         vm::RefT<vm::Buffer> source, int64_t source_offset, vm::RefT<Buffer> target,
         int64_t target_offset, int64_t length, int64_t flags) -> vm::Status {
        (void)flags;
        KILN_RETURN_IF_ERROR(require(device, "device"));
        KILN_RETURN_IF_ERROR(require(source, "source buffer"));
        KILN_RETURN_IF_ERROR(check_size(source_offset, "source offset"));
        KILN_RETURN_IF_ERROR(check_size(length, "length"));
        KILN_RETURN_IF_ERROR(
            source->check_range(static_cast<size_t>(source_offset), static_cast<size_t>(length)));
        KILN_ASSIGN_OR_RETURN(size_t n,
                              check_range(target, target_offset, length,
                                          buffer_usage::kTransferTarget, "queue.update target"));
        // The source bytes are captured now, as IREE does.
        std::vector<uint8_t> bytes(source->data() + source_offset,
                                   source->data() + source_offset + n);
        return device->queue_submit(
            affinity, std::move(wait), std::move(signal),
            [target, target_offset, bytes = std::move(bytes)]() -> vm::Status {
              return target->write(static_cast<size_t>(target_offset), bytes.data(), bytes.size());
            });
      });
  m.export_function(
      "device.queue.copy",
      [](vm::RefT<Device> device, int64_t affinity, vm::RefT<Fence> wait, vm::RefT<Fence> signal,
         vm::RefT<Buffer> source, int64_t source_offset, vm::RefT<Buffer> target,
         int64_t target_offset, int64_t length, int64_t flags) -> vm::Status {
        (void)flags;
        KILN_RETURN_IF_ERROR(require(device, "device"));
        KILN_ASSIGN_OR_RETURN(size_t n,
                              check_range(source, source_offset, length,
                                          buffer_usage::kTransferSource, "queue.copy source"));
        KILN_ASSIGN_OR_RETURN(size_t m2,
                              check_range(target, target_offset, static_cast<int64_t>(n),
                                          buffer_usage::kTransferTarget, "queue.copy target"));
        (void)m2;
        return device->queue_submit(
            affinity, std::move(wait), std::move(signal),
            [source, source_offset, target, target_offset, n]() -> vm::Status {
              KILN_ASSIGN_OR_RETURN(uint8_t * src,
                                    map_for(source, source_offset, n, memory_access::kRead));
              KILN_ASSIGN_OR_RETURN(uint8_t * dst,
                                    map_for(target, target_offset, n, memory_access::kWrite));
              if (n)
                std::memmove(dst, src, n);
              return vm::Status();
            });
      });
  m.export_function(
      "device.queue.read",
      [](vm::RefT<Device> device, int64_t affinity, vm::RefT<Fence> wait, vm::RefT<Fence> signal,
         vm::RefT<File> file, int64_t file_offset, vm::RefT<Buffer> target, int64_t target_offset,
         int64_t length, int64_t flags) -> vm::Status {
        (void)flags;
        KILN_RETURN_IF_ERROR(require(device, "device"));
        KILN_RETURN_IF_ERROR(require(file, "source file"));
        KILN_RETURN_IF_ERROR(check_size(file_offset, "file offset"));
        KILN_RETURN_IF_ERROR(check_size(length, "length"));
        if (static_cast<uint64_t>(file_offset) > file->length() ||
            static_cast<uint64_t>(length) > file->length() - file_offset) {
          return vm::make_status(vm::StatusCode::kOutOfRange,
                                 "queue.read of [%lld, %lld) is outside the file's %zu bytes",
                                 static_cast<long long>(file_offset),
                                 static_cast<long long>(file_offset + length), file->length());
        }
        KILN_ASSIGN_OR_RETURN(size_t n,
                              check_range(target, target_offset, length,
                                          buffer_usage::kTransferTarget, "queue.read target"));
        return device->queue_submit(affinity, std::move(wait), std::move(signal),
                                    [file, file_offset, target, target_offset, n]() -> vm::Status {
                                      KILN_ASSIGN_OR_RETURN(
                                          uint8_t * dst,
                                          map_for(target, target_offset, n, memory_access::kWrite));
                                      return file->read(static_cast<size_t>(file_offset), dst, n);
                                    });
      });
  m.export_function(
      "device.queue.write",
      [](vm::RefT<Device> device, int64_t affinity, vm::RefT<Fence> wait, vm::RefT<Fence> signal,
         vm::RefT<Buffer> source, int64_t source_offset, vm::RefT<File> file, int64_t file_offset,
         int64_t length, int64_t flags) -> vm::Status {
        (void)flags;
        KILN_RETURN_IF_ERROR(require(device, "device"));
        KILN_RETURN_IF_ERROR(require(file, "target file"));
        KILN_ASSIGN_OR_RETURN(size_t n,
                              check_range(source, source_offset, length,
                                          buffer_usage::kTransferSource, "queue.write source"));
        if (!(file->access() & memory_access::kWrite)) {
          return vm::permission_denied_error("queue.write to a read-only file");
        }
        KILN_RETURN_IF_ERROR(check_size(file_offset, "file offset"));
        return device->queue_submit(affinity, std::move(wait), std::move(signal),
                                    [source, source_offset, file, file_offset, n]() -> vm::Status {
                                      KILN_ASSIGN_OR_RETURN(
                                          uint8_t * src,
                                          map_for(source, source_offset, n, memory_access::kRead));
                                      return file->write(static_cast<size_t>(file_offset), src, n);
                                    });
      });
  m.export_function("device.queue.barrier",
                    [](vm::RefT<Device> device, int64_t affinity, vm::RefT<Fence> wait,
                       vm::RefT<Fence> signal, int64_t flags) -> vm::Status {
                      (void)flags;
                      KILN_RETURN_IF_ERROR(require(device, "device"));
                      return device->queue_submit(affinity, std::move(wait), std::move(signal),
                                                  [] { return vm::Status(); });
                    });
  m.export_function("device.queue.execute",
                    [](vm::NativeCall &call, vm::RefT<Device> device, int64_t affinity,
                       vm::RefT<Fence> wait, vm::RefT<Fence> signal, vm::RefT<CommandBuffer> cb,
                       int64_t flags) -> vm::Status {
                      (void)flags;
                      KILN_RETURN_IF_ERROR(require(device, "device"));
                      if (cb && !cb->finalized()) {
                        return vm::failed_precondition_error("queue.execute of a command buffer "
                                                             "that was not finalized");
                      }
                      WorkerPool *pool = device->dispatch_pool();
                      vm::ExecutionLimits limits = workgroup_limits(call.stack().budget());
                      return device->queue_submit(affinity, std::move(wait), std::move(signal),
                                                  [cb, pool, limits]() -> vm::Status {
                                                    if (!cb)
                                                      return vm::Status(); // a barrier
                                                    return cb->execute(kNoBindings, pool, limits);
                                                  });
                    });
  m.export_packed("device.queue.execute.indirect", "rIrrrICrIID", "v",
                  [](vm::NativeCall &call, vm::ByteSpan args, vm::ByteSpan) -> vm::Status {
                    modules::PackedArgs a(args);
                    vm::Status status;
                    vm::RefT<Device> device = a.ref_as<Device>(&status);
                    int64_t affinity = a.i64();
                    vm::RefT<Fence> wait = a.ref_as<Fence>(&status);
                    vm::RefT<Fence> signal = a.ref_as<Fence>(&status);
                    vm::RefT<CommandBuffer> cb = a.ref_as<CommandBuffer>(&status);
                    a.i64(); // flags
                    int32_t count = a.span_count();
                    std::vector<Binding> bindings;
                    for (int32_t i = 0; i < count && a.ok(); ++i) {
                      Binding b;
                      b.buffer = a.ref_as<Buffer>(&status);
                      b.offset = a.i64();
                      b.length = a.i64();
                      bindings.push_back(std::move(b));
                    }
                    if (!a.ok())
                      return a.error();
                    KILN_RETURN_IF_ERROR(status);
                    KILN_RETURN_IF_ERROR(require(device, "device"));
                    KILN_RETURN_IF_ERROR(require(cb, "command buffer"));
                    if (!cb->finalized()) {
                      return vm::failed_precondition_error("queue.execute.indirect of a command "
                                                           "buffer that was not finalized");
                    }
                    if (bindings.size() < static_cast<size_t>(cb->binding_capacity())) {
                      return vm::make_status(vm::StatusCode::kInvalidArgument,
                                             "binding table has %zu entries; the command buffer "
                                             "needs %d",
                                             bindings.size(), cb->binding_capacity());
                    }
                    WorkerPool *pool = device->dispatch_pool();
                    vm::ExecutionLimits limits = workgroup_limits(call.stack().budget());
                    return device->queue_submit(
                        affinity, std::move(wait), std::move(signal),
                        [cb, pool, limits, bindings = std::move(bindings)]() {
                          return cb->execute(bindings, pool, limits);
                        });
                  });
  m.export_function("device.queue.flush",
                    [](vm::RefT<Device> device, int64_t affinity) -> vm::Status {
                      (void)affinity;
                      return require(device, "device"); // work is issued eagerly
                    });
  m.export_function(
      "ex.file.from_memory",
      [](vm::RefT<Device> device, int64_t affinity, int32_t access, vm::RefT<vm::Buffer> buffer,
         int64_t offset, int64_t length, int32_t flags) -> vm::StatusOr<vm::RefT<File>> {
        (void)affinity;
        (void)flags;
        KILN_RETURN_IF_ERROR(require(device, "device"));
        KILN_RETURN_IF_ERROR(require(buffer, "buffer"));
        KILN_RETURN_IF_ERROR(check_size(offset, "offset"));
        KILN_RETURN_IF_ERROR(check_size(length, "length"));
        return File::from_memory(std::move(buffer), static_cast<size_t>(offset),
                                 static_cast<size_t>(length), static_cast<MemoryAccess>(access));
      });
}

} // namespace kiln::hal
