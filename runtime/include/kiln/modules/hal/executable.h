// hal.executable: kernels that a dispatch runs once per workgroup on the
// device's workers. The kernels are the exported `vm` functions of a module
// carried in the executable's data, in one of two formats (docs/executables.md):
//
//   "kiln-vm-bytecode"  a .vmfb, loaded and verified like any .vmfb and run by
//                       the interpreter (sandboxed: a hostile .vmfb is
//                       rejected or faults with a status);
//   "kiln-vm-c-so"      a shared object built from emitted C (vm-translate
//                       --vm-to-c, then cc -shared), loaded from memory
//                       (memfd_create + dlopen) and run natively (trusted).
//
// Every export whose name does not start with "__" is a kernel; its
// ordinal among the kernels (export order) is its function id for
// command_buffer.dispatch. A kernel has the kernel ABI signature
// "0rrriiiiiiiii_v" (IREE's VMVX entry point): (local_memory: !vm.buffer,
// constants: !vm.buffer, bindings: !vm.list<!vm.buffer>, workgroup_id x y z,
// workgroup_size x y z, workgroup_count x y z). Optional exports:
//   __kernel_attrs(i32 kernel) -> (i32 size_x, size_y, size_z, local_bytes)
//   __set_constants(!vm.buffer)   executable-level constants (as VMVX)
// Everything is checked when the executable is created.
#ifndef KILN_MODULES_HAL_EXECUTABLE_H_
#define KILN_MODULES_HAL_EXECUTABLE_H_

#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include "kiln/vm/buffer.h"
#include "kiln/vm/context.h"
#include "kiln/vm/instance.h"
#include "kiln/vm/module.h"
#include "kiln/vm/ref.h"
#include "kiln/vm/stack.h"
#include "kiln/vm/status.h"

namespace kiln::hal {

inline constexpr std::string_view kExecutableFormatBytecode = "kiln-vm-bytecode";
inline constexpr std::string_view kExecutableFormatC = "kiln-vm-c-so";
// The kernel ABI's signature string.
inline constexpr std::string_view kKernelSignature = "0rrriiiiiiiii_v";
// Largest workgroup-local memory a kernel may ask for (IREE's CPU limit).
inline constexpr int32_t kMaxLocalMemoryBytes = 64 * 1024;

struct Kernel {
  std::string name;
  vm::Function function; // an export of the executable's module
  int32_t workgroup_size[3] = {1, 1, 1};
  int32_t local_memory_bytes = 0;
};

class Executable : public vm::RefObject {
public:
  static const vm::RefType kType; // "hal.executable"

  // Whether `format` names a format this runtime loads.
  static bool is_supported_format(std::string_view format);
  // The supported format names, for messages and device queries.
  static const std::vector<std::string_view> &supported_formats();

  // Loads `data` (retained for the executable's lifetime) in `format`.
  // `constants` (may be null) are executable-level constants handed to the
  // module's __set_constants export in every worker's context.
  static vm::StatusOr<vm::RefT<Executable>> create(vm::Instance &instance, std::string_view format,
                                                   vm::RefT<vm::Buffer> data,
                                                   vm::RefT<vm::Buffer> constants);
  ~Executable();

  std::string_view format() const { return format_; }
  vm::Module *module() const { return module_.as<vm::Module>(); }
  int32_t kernel_count() const { return static_cast<int32_t>(kernels_.size()); }
  const Kernel &kernel(int32_t ordinal) const { return kernels_[static_cast<size_t>(ordinal)]; }
  // NOT_FOUND (listing the kernels) when there is no kernel of that name.
  vm::StatusOr<int32_t> lookup(std::string_view name) const;

  // What one worker needs to run this executable's kernels: its own
  // context (module state, globals), stack and local memory. Acquired per
  // dispatch by each participating worker and returned afterwards, so a
  // dispatch in steady state creates none.
  struct WorkerState {
    std::unique_ptr<vm::Context> context;
    std::unique_ptr<vm::Stack> stack;
    std::vector<vm::RefT<vm::Buffer>> local_memory; // by kernel ordinal
    WorkerState *next_free = nullptr;
  };
  vm::StatusOr<WorkerState *> acquire_worker_state();
  void release_worker_state(WorkerState *state);

private:
  Executable() : vm::RefObject(&kType) {}
  static void destroy(vm::RefObject *object);
  vm::Status load_kernels();
  vm::StatusOr<std::unique_ptr<vm::Context>> make_context() const;

  vm::Instance *instance_ = nullptr;
  std::string format_;
  vm::RefT<vm::Buffer> data_;
  vm::RefT<vm::Buffer> constants_;
  vm::Ref module_;
  int memfd_ = -1; // C form: the file the library was loaded from
  std::vector<Kernel> kernels_;
  std::mutex mutex_;
  WorkerState *free_states_ = nullptr;
  std::vector<std::unique_ptr<WorkerState>> states_;
};

// Loads a shared object held in memory (C form): memfd_create + dlopen of
// /proc/self/fd/N, falling back to an unlinked temporary file. `*fd` is the
// open file to close after the module is destroyed (-1 for none).
vm::StatusOr<vm::Ref> load_c_module_from_memory(vm::Instance &instance, const uint8_t *data,
                                                size_t size, int *fd);

} // namespace kiln::hal

#endif // KILN_MODULES_HAL_EXECUTABLE_H_
