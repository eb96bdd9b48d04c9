// hal.file: bytes that queue read/write operations transfer to and from
// buffers. ex.file.from_memory wraps a vm.buffer (read-only, as in IREE).
#ifndef KILN_MODULES_HAL_FILE_H_
#define KILN_MODULES_HAL_FILE_H_

#include <cstddef>

#include "kiln/modules/hal/types.h"
#include "kiln/vm/buffer.h"
#include "kiln/vm/ref.h"
#include "kiln/vm/status.h"

namespace kiln::hal {

class File : public vm::RefObject {
public:
  static const vm::RefType kType; // "hal.file"

  // [offset, offset + length) of `storage`; `access` must be read-only.
  static vm::StatusOr<vm::RefT<File>> from_memory(vm::RefT<vm::Buffer> storage, size_t offset,
                                                  size_t length, MemoryAccess access);

  size_t length() const { return length_; }
  MemoryAccess access() const { return access_; }
  vm::Status read(size_t offset, void *data, size_t length) const;
  vm::Status write(size_t offset, const void *data, size_t length);

private:
  File() : vm::RefObject(&kType) {}
  static void destroy(vm::RefObject *object);

  vm::RefT<vm::Buffer> storage_;
  size_t offset_ = 0;
  size_t length_ = 0;
  MemoryAccess access_ = memory_access::kRead;
};

} // namespace kiln::hal

#endif // KILN_MODULES_HAL_FILE_H_
