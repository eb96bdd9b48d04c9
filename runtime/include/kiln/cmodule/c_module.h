// The runtime adapter for C modules (kiln/c/module.h): a vm::Module over a
// kiln_module_desc_t, created from a statically linked descriptor or loaded
// from a shared library with dlopen.
#ifndef KILN_CMODULE_C_MODULE_H_
#define KILN_CMODULE_C_MODULE_H_

#include <string>
#include <string_view>

#include "kiln/c/module.h"
#include "kiln/vm/instance.h"
#include "kiln/vm/module.h"
#include "kiln/vm/observer.h"
#include "kiln/vm/ref.h"
#include "kiln/vm/status.h"

namespace kiln::cmodule {

// The services table the runtime hands every C module.
const kiln_services_t *runtime_services();

// Checks the descriptor (ABI version, sizes, tables) and wraps it. The
// descriptor must outlive the module (static storage, or keep `keepalive`).
vm::StatusOr<vm::Ref> create_module(const kiln_module_desc_t *descriptor);

// Registers a statically linked module's descriptor getter under the
// module's name so load_static_module(name) can find it. Registering the same
// name twice replaces the earlier entry.
void register_static_module(kiln_module_get_fn_t getter);
vm::StatusOr<vm::Ref> load_static_module(std::string_view name);

// The descriptor of a C module (made by create_module, load_static_module or
// load_module_from_file), or null for any other module. E.g. whether it was
// built bounded: descriptor_of(m)->flags & KILN_MODULE_FLAG_BOUNDED.
const kiln_module_desc_t *descriptor_of(const vm::Module *module);

// Whatever holds a module's code and descriptor (a dlopen() handle, a JIT's
// code memory): `release(handle)` runs once, when the module is destroyed.
// Both may be null (static storage).
struct CodeOwner {
  void (*release)(void *handle) = nullptr;
  void *handle = nullptr;
};

// Checks the descriptor and wraps it like create_module, for a descriptor
// that `owner` keeps alive; the module releases `owner` when it is
// destroyed, and wrap_module releases it right away when the descriptor is
// rejected. `origin` names the module's source in errors (a path). The
// .so loader below and the JIT (kiln_jit) load through this.
vm::StatusOr<vm::Ref> wrap_module(const kiln_module_desc_t *descriptor, const char *origin,
                                  CodeOwner owner, vm::ExecutionObserver *observer = nullptr);

// dlopen()s `path`, calls kiln_module_v1_get and wraps the descriptor; the
// library stays loaded until the module is destroyed. `observer` (optional,
// must outlive the module) is told about every VM frame the module's
// functions enter, resume or return to (kiln/vm/observer.h).
vm::StatusOr<vm::Ref> load_module_from_file(vm::Instance &instance, const char *path,
                                            vm::ExecutionObserver *observer = nullptr);

} // namespace kiln::cmodule

#endif // KILN_CMODULE_C_MODULE_H_
