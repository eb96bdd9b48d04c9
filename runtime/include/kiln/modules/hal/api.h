// What tools and embedders need of the hal and check modules, in one place:
//  * building the modules for a context (devices by name, worker count);
//  * buffer views from and to host bytes;
//  * IREE's text form of buffer views ("2x3xf32=[1 2 3][4 5 6]").
//
//   kiln::vm::Instance instance;
//   auto mods = kiln::hal::create_modules(instance, {"local-task", 4});
//   context.register_module(mods->hal.get());    // before the user modules
//   context.register_module(mods->check.get());
//   int64_t shape[] = {2, 3};
//   auto view = kiln::hal::make_buffer_view(*mods->device, shape, 2,
//                   kiln::hal::element_type::kFloat32, bytes, 24);
//   args.push_back(kiln::vm::Value::ref(std::move(*view)));
#ifndef KILN_MODULES_HAL_API_H_
#define KILN_MODULES_HAL_API_H_

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "kiln/modules/hal/buffer_view.h"
#include "kiln/modules/hal/device.h"
#include "kiln/modules/hal/types.h"
#include "kiln/vm/instance.h"
#include "kiln/vm/native_module.h"
#include "kiln/vm/ref.h"
#include "kiln/vm/status.h"

namespace kiln::hal {

struct Modules {
  vm::RefT<Device> device;
  vm::RefT<vm::NativeModule> hal;
  vm::RefT<vm::NativeModule> check;
};

// The device ("local-task" or "local-sync"; workers 0 = one per core), a
// hal module serving it and a check module. Registers the hal types with
// `instance` (needed before loading modules that name them).
vm::StatusOr<Modules> create_modules(vm::Instance &instance, const DeviceOptions &options);

// A dense row-major buffer view of `shape` and `element_type` holding a copy
// of `data` (`size` must be the dense byte size), allocated on `device`
// with default usage (transfer + dispatch storage, mappable).
vm::StatusOr<vm::RefT<BufferView>> make_buffer_view(Device &device, const int64_t *shape,
                                                    size_t rank, ElementType element_type,
                                                    const void *data, size_t size);

struct BufferViewContents {
  std::vector<int64_t> shape;
  ElementType element_type = 0;
  EncodingType encoding_type = 0;
  std::vector<uint8_t> bytes; // dense row-major
};
// Shape, element type and a copy of the elements of `view`.
vm::StatusOr<BufferViewContents> read_buffer_view(BufferView &view);

// Also declared in buffer_view.h / types.h, listed here for discovery:
//   format_buffer_view(view, max_elements) -> "2x3xf32=[1 2 3][4 5 6]"
//   format_shape_and_type(shape, rank, type) -> "2x3xf32"
//   format_element_type(type) / parse_element_type(text)
//   element_byte_size(type)

} // namespace kiln::hal

#endif // KILN_MODULES_HAL_API_H_
