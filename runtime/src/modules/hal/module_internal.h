// Shared by the files that define the hal module's exports (one file per
// object family).
#ifndef KILN_MODULES_HAL_MODULE_INTERNAL_H_
#define KILN_MODULES_HAL_MODULE_INTERNAL_H_

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "kiln/modules/hal/buffer.h"
#include "kiln/modules/hal/buffer_view.h"
#include "kiln/modules/hal/command_buffer.h"
#include "kiln/modules/hal/device.h"
#include "kiln/modules/hal/executable.h"
#include "kiln/modules/hal/fence.h"
#include "kiln/modules/hal/file.h"
#include "kiln/vm/buffer.h"
#include "kiln/vm/native_module.h"

namespace kiln::hal {

struct HalModuleData {
  std::vector<vm::RefT<Device>> devices;
  vm::Instance *instance = nullptr; // executables load their modules here
};
using HalData = std::shared_ptr<HalModuleData>;

void add_device_exports(vm::NativeModule &m, HalData data);
void add_buffer_exports(vm::NativeModule &m, HalData data);
void add_buffer_view_exports(vm::NativeModule &m, HalData data);
void add_command_buffer_exports(vm::NativeModule &m, HalData data);
void add_queue_exports(vm::NativeModule &m, HalData data);
void add_fence_exports(vm::NativeModule &m, HalData data);

// INVALID_ARGUMENT "<what> is null" for a null required reference.
template <typename T> vm::Status require(const vm::RefT<T> &ref, const char *what) {
  if (KILN_LIKELY(ref))
    return vm::Status();
  return vm::make_status(vm::StatusCode::kInvalidArgument, "%s is null (%s expected)", what,
                         T::kType.name);
}

inline std::string_view buffer_text(const vm::RefT<vm::Buffer> &b) {
  if (!b)
    return std::string_view();
  return std::string_view(reinterpret_cast<const char *>(b->data()), b->length());
}

// Negative device sizes are errors, not huge unsigned values.
vm::Status check_size(int64_t value, const char *what);

} // namespace kiln::hal

#endif // KILN_MODULES_HAL_MODULE_INTERNAL_H_
