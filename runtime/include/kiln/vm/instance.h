// The Instance: process-wide runtime state shared by contexts: the ref type
// registry and the host allocator. Builtin types (vm.buffer, vm.list) are
// registered on construction; modules register their own (e.g. hal.buffer).
// An Instance must outlive every Context created from it.
#ifndef KILN_VM_INSTANCE_H_
#define KILN_VM_INSTANCE_H_

#include <string_view>

#include "kiln/vm/allocator.h"
#include "kiln/vm/ref.h"
#include "kiln/vm/status.h"

namespace kiln::vm {

class Instance {
public:
  explicit Instance(const Allocator &allocator = Allocator::system());
  Instance(const Instance &) = delete;
  Instance &operator=(const Instance &) = delete;

  const Allocator &allocator() const { return allocator_; }
  TypeRegistry &types() { return types_; }
  const TypeRegistry &types() const { return types_; }

  Status register_type(const RefType *type) { return types_.register_type(type); }
  const RefType *lookup_type(std::string_view name) const { return types_.lookup(name); }

private:
  Allocator allocator_;
  TypeRegistry types_;
};

} // namespace kiln::vm

#endif // KILN_VM_INSTANCE_H_
