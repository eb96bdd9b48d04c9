// hal.buffer: a range of host memory with IREE's buffer attributes (memory
// type, usage, access). An allocation is a root buffer; subspans share its
// storage and lifetime. Every host access goes through map(), which checks
// the range, the access bits and whether the allocation was deallocated
// (device.queue.dealloca), so a wrong program gets an error, never a stray
// read or write. Storage is freed when the last buffer referring to it
// goes away; dealloca only ends its use.
#ifndef KILN_MODULES_HAL_BUFFER_H_
#define KILN_MODULES_HAL_BUFFER_H_

#include <atomic>
#include <cstddef>
#include <cstdint>

#include "kiln/modules/hal/types.h"
#include "kiln/vm/buffer.h"
#include "kiln/vm/ref.h"
#include "kiln/vm/status.h"

namespace kiln::hal {

class Buffer : public vm::RefObject {
public:
  static const vm::RefType kType; // "hal.buffer"
  static constexpr size_t kAlignment = 64;

  // New zeroed host memory.
  static vm::StatusOr<vm::RefT<Buffer>> allocate(MemoryType memory_type, BufferUsage usage,
                                                 size_t length);
  // Host memory of a vm.buffer, without a copy (keeps it alive). `access`
  // is narrowed to read-only when the vm.buffer is not mutable.
  static vm::StatusOr<vm::RefT<Buffer>> wrap(vm::RefT<vm::Buffer> storage, size_t offset,
                                             size_t length, MemoryType memory_type,
                                             BufferUsage usage, MemoryAccess access);
  // A view of [offset, offset + length) of this buffer.
  vm::StatusOr<vm::RefT<Buffer>> subspan(size_t offset, size_t length);

  size_t length() const { return length_; }
  // Offset within the allocation.
  size_t allocation_offset() const { return offset_; }
  MemoryType memory_type() const { return memory_type_; }
  BufferUsage usage() const { return usage_; }
  MemoryAccess access() const { return access_; }
  Buffer *allocated_buffer() { return root_ ? root_ : this; }

  // Host pointer to [offset, offset + length) for `access` (read/write).
  vm::StatusOr<uint8_t *> map(size_t offset, size_t length, MemoryAccess access);
  // `what` names the operation in the error ("queue.fill target").
  vm::Status check_usage(BufferUsage required, const char *what) const;

  // Checked host reads and writes.
  vm::Status read(size_t offset, void *data, size_t length);
  vm::Status write(size_t offset, const void *data, size_t length);

  // IREE's allocation lifetime counter (buffer.allocation.*): starts at 1.
  void preserve();
  bool discard(); // true when this was the last owner
  bool is_terminal();

  // device.queue.dealloca: later maps fail.
  void mark_deallocated();
  bool is_deallocated();

private:
  Buffer();
  ~Buffer();
  static void destroy(vm::RefObject *object);

  Buffer *root_ = nullptr; // retained; null for an allocation
  size_t offset_ = 0;
  size_t length_ = 0;
  MemoryType memory_type_ = 0;
  BufferUsage usage_ = 0;
  MemoryAccess access_ = memory_access::kAll;
  // Allocation only:
  uint8_t *data_ = nullptr; // of the whole allocation
  size_t capacity_ = 0;
  bool owns_data_ = false;
  vm::Allocator allocator_ = vm::Allocator::system(); // of data_ when owned
  vm::RefT<vm::Buffer> storage_;                      // wrapped vm.buffer, if any
  std::atomic<uint32_t> preserve_count_{1};
  std::atomic<bool> deallocated_{false};
};

} // namespace kiln::hal

#endif // KILN_MODULES_HAL_BUFFER_H_
