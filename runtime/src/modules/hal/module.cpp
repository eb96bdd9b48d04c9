// The hal module: type registration, creation, and the device, allocator,
// executable and channel exports. The other families live in module_*.cpp.
#include "kiln/modules/hal/module.h"

#include <utility>

#include "../packed_args.h"
#include "module_internal.h"

#include <cstring>
#include <new>
#include <string>
#include <tuple>

namespace kiln::hal {
namespace {

void destroy_plain(vm::RefObject *object) { delete object; }
// Types IREE programs may name before Kiln has objects for them.
const vm::RefType kChannelType = {"hal.channel", &destroy_plain};

vm::Status unimplemented(const char *what) {
  return vm::make_status(vm::StatusCode::kUnimplemented,
                         "hal.%s is not implemented yet (collectives arrive "
                         "in a later release)",
                         what);
}

} // namespace

vm::Status check_size(int64_t value, const char *what) {
  if (KILN_LIKELY(value >= 0))
    return vm::Status();
  return vm::make_status(vm::StatusCode::kInvalidArgument, "%s is negative (%lld)", what,
                         static_cast<long long>(value));
}

vm::Status register_types(vm::Instance &instance) {
  const vm::RefType *types[] = {
      &Allocator::kType, &Buffer::kType, &BufferView::kType, &CommandBuffer::kType, &Device::kType,
      &Fence::kType,     &File::kType,   &Semaphore::kType,  &Executable::kType,    &kChannelType,
  };
  for (const vm::RefType *t : types) {
    KILN_RETURN_IF_ERROR(instance.register_type(t));
  }
  return vm::Status();
}

void add_device_exports(vm::NativeModule &m, HalData data) {
  m.export_function("devices.count",
                    [data]() { return static_cast<int32_t>(data->devices.size()); });
  m.export_function("devices.get", [data](int32_t index) {
    if (index < 0 || static_cast<size_t>(index) >= data->devices.size()) {
      return vm::RefT<Device>(); // IREE: null for an index out of range
    }
    return data->devices[static_cast<size_t>(index)];
  });
  m.export_function("device.allocator",
                    [](vm::RefT<Device> device) -> vm::StatusOr<vm::RefT<Allocator>> {
                      KILN_RETURN_IF_ERROR(require(device, "device"));
                      return device->allocator_ref();
                    });
  m.export_function("device.query.i64",
                    [](vm::RefT<Device> device, vm::RefT<vm::Buffer> category,
                       vm::RefT<vm::Buffer> key) -> vm::StatusOr<std::tuple<int32_t, int64_t>> {
                      KILN_RETURN_IF_ERROR(require(device, "device"));
                      KILN_RETURN_IF_ERROR(require(category, "category"));
                      KILN_RETURN_IF_ERROR(require(key, "key"));
                      vm::StatusOr<int64_t> v =
                          device->query_i64(buffer_text(category), buffer_text(key));
                      if (!v.ok())
                        return std::make_tuple(int32_t{0}, int64_t{0});
                      return std::make_tuple(int32_t{1}, *v);
                    });
  m.export_function("allocator.allocate",
                    [](vm::RefT<Allocator> allocator, int64_t queue_affinity, int32_t memory_types,
                       int32_t buffer_usage, int64_t size) -> vm::StatusOr<vm::RefT<Buffer>> {
                      (void)queue_affinity;
                      KILN_RETURN_IF_ERROR(require(allocator, "allocator"));
                      KILN_RETURN_IF_ERROR(check_size(size, "allocation size"));
                      vm::StatusOr<vm::RefT<Buffer>> b =
                          allocator->allocate(static_cast<MemoryType>(memory_types),
                                              static_cast<BufferUsage>(buffer_usage), size);
                      if (!b.ok()) {
                        vm::Status s = std::move(b).status();
                        s.annotate("failed to allocate buffer of length " + std::to_string(size));
                        return s;
                      }
                      return b;
                    });
  m.export_function("allocator.import",
                    [](vm::RefT<Allocator> allocator, int32_t is_try, int64_t queue_affinity,
                       int32_t memory_types, int32_t buffer_usage, vm::RefT<vm::Buffer> source,
                       int64_t offset, int64_t length) -> vm::StatusOr<vm::RefT<Buffer>> {
                      (void)queue_affinity;
                      KILN_RETURN_IF_ERROR(require(allocator, "allocator"));
                      KILN_RETURN_IF_ERROR(require(source, "source"));
                      int64_t available = static_cast<int64_t>(source->length());
                      if (length == -1)
                        length = available;
                      if (length < 0 || offset < 0 || offset > available ||
                          length > available - offset) {
                        return vm::make_status(vm::StatusCode::kInvalidArgument,
                                               "byte range out of bounds (requested %lld-%lld of "
                                               "available %lld)",
                                               static_cast<long long>(offset),
                                               static_cast<long long>(offset + length - 1),
                                               static_cast<long long>(available));
                      }
                      BufferUsage usage = static_cast<BufferUsage>(buffer_usage);
                      MemoryAccess access = memory_access::kRead;
                      if (!source->is_mutable()) {
                        if (!(usage & buffer_usage::kSharingImmutable)) {
                          if (is_try)
                            return vm::RefT<Buffer>();
                          return vm::permission_denied_error(
                              "source buffer is immutable and can only be imported for "
                              "constant usage");
                        }
                      } else if (!(usage & buffer_usage::kSharingImmutable)) {
                        access |= memory_access::kWrite;
                      }
                      return Buffer::wrap(std::move(source), static_cast<size_t>(offset),
                                          static_cast<size_t>(length),
                                          static_cast<MemoryType>(memory_types), usage, access);
                    });
  // allocator.select: IREE without a device policy picks the first pair.
  m.export_packed("allocator.select", "iiICrID", "rI",
                  [](vm::NativeCall &, vm::ByteSpan args, vm::ByteSpan results) -> vm::Status {
                    modules::PackedArgs a(args);
                    a.i32();
                    a.i32();
                    a.i64();
                    int32_t count = a.span_count();
                    vm::Status status;
                    vm::RefT<Device> first;
                    int64_t first_affinity = 0;
                    for (int32_t i = 0; i < count && a.ok(); ++i) {
                      vm::RefT<Device> d = a.ref_as<Device>(&status);
                      int64_t affinity = a.i64();
                      if (i == 0) {
                        first = std::move(d);
                        first_affinity = affinity;
                      }
                    }
                    if (!a.ok())
                      return a.error();
                    KILN_RETURN_IF_ERROR(status);
                    if (count == 0) {
                      return vm::invalid_argument_error(
                          "at least one device/queue affinity pair must be provided");
                    }
                    KILN_RETURN_IF_ERROR(require(first, "device"));
                    new (results.data) vm::Ref(std::move(first).as_ref());
                    std::memcpy(results.data + 8, &first_affinity, 8);
                    return vm::Status();
                  });

  m.export_function("executable.create",
                    [data](vm::RefT<Device> device, int64_t queue_affinity,
                           vm::RefT<vm::Buffer> format, vm::RefT<vm::Buffer> executable_data,
                           vm::RefT<vm::Buffer> constants) -> vm::StatusOr<vm::RefT<Executable>> {
                      (void)queue_affinity;
                      KILN_RETURN_IF_ERROR(require(device, "device"));
                      KILN_RETURN_IF_ERROR(require(format, "executable format"));
                      KILN_RETURN_IF_ERROR(require(executable_data, "executable data"));
                      return Executable::create(*data->instance, buffer_text(format),
                                                std::move(executable_data), std::move(constants));
                    });
  m.export_function(
      "executable.lookup.function",
      [](vm::RefT<Executable> executable, vm::RefT<vm::Buffer> name) -> vm::StatusOr<int64_t> {
        KILN_RETURN_IF_ERROR(require(executable, "executable"));
        KILN_RETURN_IF_ERROR(require(name, "function name"));
        KILN_ASSIGN_OR_RETURN(int32_t ordinal, executable->lookup(buffer_text(name)));
        return static_cast<int64_t>(ordinal);
      });
  // Channels: the names link; calling them says why not.
  m.export_function(
      "channel.create",
      [](vm::Ref, int64_t, int64_t, vm::RefT<vm::Buffer>, vm::RefT<vm::Buffer>, int32_t,
         int32_t) -> vm::StatusOr<vm::Ref> { return unimplemented("channel.create"); });
  m.export_function("channel.split",
                    [](vm::Ref, int32_t, int32_t, int64_t) -> vm::StatusOr<vm::Ref> {
                      return unimplemented("channel.split");
                    });
  m.export_function("channel.rank_and_count",
                    [](vm::Ref) -> vm::StatusOr<std::tuple<int32_t, int32_t>> {
                      return unimplemented("channel.rank_and_count");
                    });
}

vm::StatusOr<vm::RefT<vm::NativeModule>> create_hal_module(vm::Instance &instance,
                                                           std::vector<vm::RefT<Device>> devices) {
  KILN_RETURN_IF_ERROR(register_types(instance));
  for (const vm::RefT<Device> &d : devices) {
    if (!d)
      return vm::invalid_argument_error("hal module given a null device");
  }
  auto data = std::make_shared<HalModuleData>();
  data->devices = std::move(devices);
  data->instance = &instance;
  vm::RefT<vm::NativeModule> m = vm::NativeModule::create("hal", kHalModuleVersion);
  add_device_exports(*m, data);
  add_buffer_exports(*m, data);
  add_buffer_view_exports(*m, data);
  add_command_buffer_exports(*m, data);
  add_queue_exports(*m, data);
  add_fence_exports(*m, data);
  return m;
}

} // namespace kiln::hal
