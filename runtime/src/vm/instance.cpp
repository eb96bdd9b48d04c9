#include "kiln/vm/instance.h"

#include "kiln/vm/buffer.h"
#include "kiln/vm/list.h"

namespace kiln::vm {

Instance::Instance(const Allocator &allocator) : allocator_(allocator) {
  (void)types_.register_type(&Buffer::kType);
  (void)types_.register_type(&List::kType);
}

} // namespace kiln::vm
