// The io_parameters module's exports (IREE's exports.inl):
//   load(device, queue_affinity, wait_fence, signal_fence, source_scope,
//        target_queue_affinity, target_memory_type, target_buffer_usage,
//        key_table, key_data, spans) -> list<hal.buffer>      "0rIrrrIiirrr_r"
//   gather(device, queue_affinity, wait_fence, signal_fence, source_scope,
//          target_buffer, key_table, key_data, spans)         "0rIrrrrrrr_v"
//   scatter(device, queue_affinity, wait_fence, signal_fence, source_buffer,
//           target_scope, key_table, key_data, spans)         "0rIrrrrrrr_v"
// key_table holds {u32 offset, u32 length} per span into key_data; spans
// holds {u64 parameter_offset, u64 buffer_offset, u64 length} per span (the
// span count). Everything is checked when the call is made (errors go to
// the caller); the copies run on the device queue in order with the fences.
#include "kiln/modules/io_parameters/module.h"

#include <cstring>
#include <string>
#include <utility>
#include <vector>

#include "kiln/modules/hal/buffer.h"
#include "kiln/modules/hal/device.h"
#include "kiln/modules/hal/fence.h"
#include "kiln/modules/hal/module.h"
#include "kiln/vm/buffer.h"
#include "kiln/vm/list.h"

namespace kiln::io_parameters {
namespace {

using hal::Buffer;
using hal::Device;
using hal::Fence;

// One span resolved against the index.
struct Span {
  std::string key;
  const Entry *entry = nullptr;
  uint64_t parameter_offset = 0;
  uint64_t buffer_offset = 0;
  uint64_t length = 0;
};

// The bytes of a span, copied out of (or into) the storage on the queue.
struct Transfer {
  vm::RefT<Storage> storage; // null: splat
  uint64_t storage_offset = 0;
  uint8_t pattern[16] = {};
  uint8_t pattern_length = 0;
  vm::RefT<Buffer> buffer;
  uint64_t buffer_offset = 0;
  uint64_t length = 0;
};

Transfer transfer_for(const Span &span, vm::RefT<Buffer> buffer, uint64_t buffer_offset) {
  Transfer t;
  const Entry &e = *span.entry;
  t.storage = e.storage;
  t.storage_offset = e.offset + span.parameter_offset;
  std::memcpy(t.pattern, e.pattern, sizeof(t.pattern));
  t.pattern_length = e.pattern_length;
  t.buffer = std::move(buffer);
  t.buffer_offset = buffer_offset;
  t.length = span.length;
  return t;
}

// Storage (or splat) -> buffer.
vm::Status read_into_buffer(const Transfer &t) {
  KILN_ASSIGN_OR_RETURN(uint8_t * dst,
                        t.buffer->map(t.buffer_offset, t.length, hal::memory_access::kWrite));
  if (t.storage) {
    if (t.length)
      std::memcpy(dst, t.storage->data() + t.storage_offset, t.length);
    return vm::Status();
  }
  // A splat parameter: the pattern, phased by the span's offset within it.
  for (uint64_t i = 0; i < t.length; ++i) {
    dst[i] = t.pattern[(t.storage_offset + i) % t.pattern_length];
  }
  return vm::Status();
}

// Buffer -> storage (scatter).
vm::Status write_from_buffer(const Transfer &t) {
  KILN_ASSIGN_OR_RETURN(uint8_t * src,
                        t.buffer->map(t.buffer_offset, t.length, hal::memory_access::kRead));
  if (t.length)
    std::memcpy(t.storage->mutable_data() + t.storage_offset, src, t.length);
  return vm::Status();
}

std::string_view scope_of(const vm::RefT<vm::Buffer> &scope) {
  if (!scope)
    return std::string_view();
  return std::string_view(reinterpret_cast<const char *>(scope->data()), scope->length());
}

vm::StatusOr<const Index *> resolve_scope(const Parameters &parameters, std::string_view scope,
                                          const char *op) {
  const Index *index = parameters.find_scope(scope);
  if (index)
    return index;
  std::string known;
  for (const std::string &s : parameters.scopes()) {
    known += (known.empty() ? "'" : ", '") + s + "'";
  }
  return vm::make_status(vm::StatusCode::kNotFound,
                         "io_parameters.%s: no parameters registered for scope '%.*s' "
                         "(scopes: %s; run-module: --parameters=SCOPE=PATH)",
                         op, static_cast<int>(scope.size()), scope.data(),
                         known.empty() ? "none" : known.c_str());
}

// Reads the key table, key data and spans and resolves every key.
vm::StatusOr<std::vector<Span>> resolve_spans(const Index &index, std::string_view scope,
                                              const vm::RefT<vm::Buffer> &key_table,
                                              const vm::RefT<vm::Buffer> &key_data,
                                              const vm::RefT<vm::Buffer> &spans, const char *op) {
  if (!key_table || !key_data || !spans) {
    return vm::make_status(vm::StatusCode::kInvalidArgument,
                           "io_parameters.%s: key table, key data and spans must not be "
                           "null",
                           op);
  }
  if (spans->length() % 24 != 0) {
    return vm::make_status(vm::StatusCode::kInvalidArgument,
                           "io_parameters.%s: spans buffer of %zu bytes is not a whole "
                           "number of 24-byte span entries",
                           op, spans->length());
  }
  size_t count = spans->length() / 24;
  if (key_table->length() / 8 < count) {
    return vm::make_status(vm::StatusCode::kInvalidArgument,
                           "io_parameters.%s: key table of %zu bytes has fewer than the "
                           "%zu entries the spans need",
                           op, key_table->length(), count);
  }
  std::vector<Span> result(count);
  for (size_t i = 0; i < count; ++i) {
    uint32_t key_offset = 0, key_length = 0;
    KILN_RETURN_IF_ERROR(key_table->load(i * 8, &key_offset));
    KILN_RETURN_IF_ERROR(key_table->load(i * 8 + 4, &key_length));
    if (key_length && !key_data->check_range(key_offset, key_length).ok()) {
      return vm::make_status(vm::StatusCode::kOutOfRange,
                             "io_parameters.%s: key %zu [%u, +%u) is outside the key "
                             "data's %zu bytes",
                             op, i, key_offset, key_length, key_data->length());
    }
    Span &s = result[i];
    s.key.assign(reinterpret_cast<const char *>(key_data->data()) + (key_length ? key_offset : 0),
                 key_length);
    KILN_RETURN_IF_ERROR(spans->load(i * 24, &s.parameter_offset));
    KILN_RETURN_IF_ERROR(spans->load(i * 24 + 8, &s.buffer_offset));
    KILN_RETURN_IF_ERROR(spans->load(i * 24 + 16, &s.length));
    s.entry = index.find(s.key);
    if (!s.entry) {
      return vm::make_status(vm::StatusCode::kNotFound,
                             "io_parameters.%s: scope '%.*s' has no parameter '%s'", op,
                             static_cast<int>(scope.size()), scope.data(), s.key.c_str());
    }
    uint64_t n = s.entry->length;
    if (s.parameter_offset > n || s.length > n - s.parameter_offset) {
      return vm::make_status(vm::StatusCode::kOutOfRange,
                             "io_parameters.%s: span [%llu, +%llu) is outside parameter "
                             "'%s' (%llu bytes) of scope '%.*s'",
                             op, static_cast<unsigned long long>(s.parameter_offset),
                             static_cast<unsigned long long>(s.length), s.key.c_str(),
                             static_cast<unsigned long long>(n), static_cast<int>(scope.size()),
                             scope.data());
    }
  }
  return result;
}

// Checks [offset, +length) of `buffer` for the operation.
vm::Status check_buffer_range(const Buffer &buffer, uint64_t offset, uint64_t length,
                              const char *op, const std::string &key) {
  if (offset > buffer.length() || length > buffer.length() - offset) {
    return vm::make_status(vm::StatusCode::kOutOfRange,
                           "io_parameters.%s: parameter '%s' at buffer offset %llu "
                           "(%llu bytes) is outside the buffer's %zu bytes",
                           op, key.c_str(), static_cast<unsigned long long>(offset),
                           static_cast<unsigned long long>(length), buffer.length());
  }
  return vm::Status();
}

constexpr hal::BufferUsage kWriteUsage =
    hal::buffer_usage::kTransferTarget | hal::buffer_usage::kDispatchStorageWrite |
    hal::buffer_usage::kDispatchImageWrite | hal::buffer_usage::kMappingAccessSequentialWrite;

// A read-only hal.buffer over the storage bytes of `span`, or null when the
// zero-copy rules (module.h) do not allow one.
vm::StatusOr<vm::RefT<Buffer>> alias_span(const Parameters &parameters, const Span &span,
                                          hal::MemoryType memory_type, hal::BufferUsage usage) {
  const Entry &e = *span.entry;
  // Immutable sharing (what IREE's compiler asks for constants, with
  // transfer and dispatch storage usage) means nothing writes the buffer
  // after the load, so read-only aliasing is fine despite the write bits.
  bool read_only = !(usage & kWriteUsage) || (usage & hal::buffer_usage::kSharingImmutable);
  if (!parameters.zero_copy() || e.is_splat() || !read_only) {
    return vm::RefT<Buffer>();
  }
  const uint8_t *data = e.storage->data() + e.offset + span.parameter_offset;
  if (reinterpret_cast<uintptr_t>(data) % Buffer::kAlignment != 0)
    return vm::RefT<Buffer>();
  KILN_ASSIGN_OR_RETURN(vm::RefT<vm::Buffer> bytes,
                        vm::Buffer::wrap_read_only(data, span.length, vm::Ref(e.storage)));
  return Buffer::wrap(std::move(bytes), 0, span.length, memory_type, usage,
                      hal::memory_access::kRead);
}

vm::Status require_device(const vm::RefT<Device> &device, const char *op) {
  if (device)
    return vm::Status();
  return vm::make_status(vm::StatusCode::kInvalidArgument, "io_parameters.%s: device is null", op);
}

} // namespace

vm::StatusOr<vm::RefT<vm::NativeModule>>
create_io_parameters_module(vm::Instance &instance, std::shared_ptr<Parameters> parameters) {
  KILN_RETURN_IF_ERROR(hal::register_types(instance));
  if (!parameters)
    parameters = std::make_shared<Parameters>();
  vm::RefT<vm::NativeModule> m = vm::NativeModule::create("io_parameters");
  m->export_function(
      "load",
      [parameters](vm::RefT<Device> device, int64_t queue_affinity, vm::RefT<Fence> wait,
                   vm::RefT<Fence> signal, vm::RefT<vm::Buffer> source_scope,
                   int64_t target_queue_affinity, int32_t memory_type, int32_t usage,
                   vm::RefT<vm::Buffer> key_table, vm::RefT<vm::Buffer> key_data,
                   vm::RefT<vm::Buffer> spans) -> vm::StatusOr<vm::RefT<vm::List>> {
        (void)target_queue_affinity;
        KILN_RETURN_IF_ERROR(require_device(device, "load"));
        std::string_view scope = scope_of(source_scope);
        KILN_ASSIGN_OR_RETURN(const Index *index, resolve_scope(*parameters, scope, "load"));
        KILN_ASSIGN_OR_RETURN(std::vector<Span> resolved,
                              resolve_spans(*index, scope, key_table, key_data, spans, "load"));
        KILN_ASSIGN_OR_RETURN(
            vm::RefT<vm::List> list,
            vm::List::create(vm::ElementType::ref(&Buffer::kType), resolved.size()));
        KILN_RETURN_IF_ERROR(list->resize(resolved.size()));
        auto types = static_cast<hal::MemoryType>(memory_type);
        auto usages = static_cast<hal::BufferUsage>(usage);
        std::vector<Transfer> copies;
        for (size_t i = 0; i < resolved.size(); ++i) {
          const Span &span = resolved[i];
          KILN_ASSIGN_OR_RETURN(vm::RefT<Buffer> buffer,
                                alias_span(*parameters, span, types, usages));
          if (!buffer) {
            KILN_ASSIGN_OR_RETURN(buffer, device->allocator().allocate(
                                              types, usages, static_cast<int64_t>(span.length)));
            copies.push_back(transfer_for(span, buffer, 0));
          }
          KILN_RETURN_IF_ERROR(list->set_ref(i, vm::Ref(std::move(buffer))));
        }
        KILN_RETURN_IF_ERROR(device->queue_submit(queue_affinity, std::move(wait),
                                                  std::move(signal),
                                                  [copies = std::move(copies)]() -> vm::Status {
                                                    for (const Transfer &t : copies)
                                                      KILN_RETURN_IF_ERROR(read_into_buffer(t));
                                                    return vm::Status();
                                                  }));
        return list;
      });
  m->export_function(
      "gather",
      [parameters](vm::RefT<Device> device, int64_t queue_affinity, vm::RefT<Fence> wait,
                   vm::RefT<Fence> signal, vm::RefT<vm::Buffer> source_scope,
                   vm::RefT<Buffer> target, vm::RefT<vm::Buffer> key_table,
                   vm::RefT<vm::Buffer> key_data, vm::RefT<vm::Buffer> spans) -> vm::Status {
        KILN_RETURN_IF_ERROR(require_device(device, "gather"));
        if (!target)
          return vm::invalid_argument_error("io_parameters.gather: target buffer is null");
        KILN_RETURN_IF_ERROR(
            target->check_usage(hal::buffer_usage::kTransferTarget, "io_parameters.gather target"));
        std::string_view scope = scope_of(source_scope);
        KILN_ASSIGN_OR_RETURN(const Index *index, resolve_scope(*parameters, scope, "gather"));
        KILN_ASSIGN_OR_RETURN(std::vector<Span> resolved,
                              resolve_spans(*index, scope, key_table, key_data, spans, "gather"));
        std::vector<Transfer> copies;
        for (const Span &span : resolved) {
          KILN_RETURN_IF_ERROR(
              check_buffer_range(*target, span.buffer_offset, span.length, "gather", span.key));
          copies.push_back(transfer_for(span, target, span.buffer_offset));
        }
        return device->queue_submit(queue_affinity, std::move(wait), std::move(signal),
                                    [copies = std::move(copies)]() -> vm::Status {
                                      for (const Transfer &t : copies) {
                                        KILN_RETURN_IF_ERROR(read_into_buffer(t));
                                      }
                                      return vm::Status();
                                    });
      });
  m->export_function(
      "scatter",
      [parameters](vm::RefT<Device> device, int64_t queue_affinity, vm::RefT<Fence> wait,
                   vm::RefT<Fence> signal, vm::RefT<Buffer> source,
                   vm::RefT<vm::Buffer> target_scope, vm::RefT<vm::Buffer> key_table,
                   vm::RefT<vm::Buffer> key_data, vm::RefT<vm::Buffer> spans) -> vm::Status {
        KILN_RETURN_IF_ERROR(require_device(device, "scatter"));
        if (!source)
          return vm::invalid_argument_error("io_parameters.scatter: source buffer is null");
        KILN_RETURN_IF_ERROR(source->check_usage(hal::buffer_usage::kTransferSource,
                                                 "io_parameters.scatter source"));
        std::string_view scope = scope_of(target_scope);
        KILN_ASSIGN_OR_RETURN(const Index *index, resolve_scope(*parameters, scope, "scatter"));
        KILN_ASSIGN_OR_RETURN(std::vector<Span> resolved,
                              resolve_spans(*index, scope, key_table, key_data, spans, "scatter"));
        std::vector<Transfer> copies;
        for (const Span &span : resolved) {
          KILN_RETURN_IF_ERROR(
              check_buffer_range(*source, span.buffer_offset, span.length, "scatter", span.key));
          if (span.entry->is_splat() || !span.entry->storage->writable()) {
            return vm::make_status(
                vm::StatusCode::kPermissionDenied,
                "io_parameters.scatter: parameter '%s' of scope '%.*s' is read-only (%s)",
                span.key.c_str(), static_cast<int>(scope.size()), scope.data(),
                span.entry->is_splat()
                    ? "a splat"
                    : ("file '" + span.entry->storage->name() + "' was not opened writable")
                          .c_str());
          }
          copies.push_back(transfer_for(span, source, span.buffer_offset));
        }
        return device->queue_submit(queue_affinity, std::move(wait), std::move(signal),
                                    [copies = std::move(copies)]() -> vm::Status {
                                      for (const Transfer &t : copies) {
                                        KILN_RETURN_IF_ERROR(write_from_buffer(t));
                                      }
                                      return vm::Status();
                                    });
      });
  return m;
}

} // namespace kiln::io_parameters
