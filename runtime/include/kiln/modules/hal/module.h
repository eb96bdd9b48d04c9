// The `hal` native module: IREE's HAL module interface (names, signatures
// and numeric encodings of IREE's hal.imports.mlir / exports.inl) over the
// CPU devices of device.h.
#ifndef KILN_MODULES_HAL_MODULE_H_
#define KILN_MODULES_HAL_MODULE_H_

#include <vector>

#include "kiln/modules/hal/device.h"
#include "kiln/vm/instance.h"
#include "kiln/vm/native_module.h"
#include "kiln/vm/ref.h"
#include "kiln/vm/status.h"

namespace kiln::hal {

// IREE's hal module version this module implements (0.7).
inline constexpr uint32_t kHalModuleVersion = 7;

// Registers the hal.* ref types with `instance` (idempotent). Must happen
// before loading a module that names them (e.g. !vm.ref<!hal.buffer>).
vm::Status register_types(vm::Instance &instance);

// The module, serving `devices` (devices.count/get see them in order).
vm::StatusOr<vm::RefT<vm::NativeModule>> create_hal_module(vm::Instance &instance,
                                                           std::vector<vm::RefT<Device>> devices);

} // namespace kiln::hal

#endif // KILN_MODULES_HAL_MODULE_H_
