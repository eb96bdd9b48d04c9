#include "kiln/modules/hal/buffer.h"

#include <cstring>
#include <utility>

#include "kiln/vm/allocator.h"
#include "kiln/vm/budget.h"

namespace kiln::hal {

const vm::RefType Buffer::kType = {"hal.buffer", &Buffer::destroy};

Buffer::Buffer() : vm::RefObject(&kType) {}

Buffer::~Buffer() {
  if (owns_data_) {
    allocator_.deallocate(data_, capacity_ ? capacity_ : 1, kAlignment);
  }
  if (root_)
    vm::ref_release(root_);
}

void Buffer::destroy(vm::RefObject *object) { delete static_cast<Buffer *>(object); }

vm::StatusOr<vm::RefT<Buffer>> Buffer::allocate(MemoryType memory_type, BufferUsage usage,
                                                size_t length) {
  // Round the allocation up so vectorized kernels may read whole lines.
  size_t capacity = (length + kAlignment - 1) & ~(kAlignment - 1);
  if (capacity < length) {
    return vm::make_status(vm::StatusCode::kResourceExhausted, "buffer length %zu is too large",
                           length);
  }
  // Charged to the memory budget of the context whose call runs here.
  vm::Allocator allocator = vm::current_allocator();
  void *data = allocator.allocate(capacity ? capacity : 1, kAlignment);
  if (!data)
    return vm::allocation_error(allocator, capacity, "a hal.buffer");
  std::memset(data, 0, capacity ? capacity : 1);
  auto buffer = vm::RefT<Buffer>::adopt(new Buffer());
  buffer->data_ = static_cast<uint8_t *>(data);
  buffer->capacity_ = capacity;
  buffer->owns_data_ = true;
  buffer->allocator_ = allocator;
  buffer->length_ = length;
  buffer->memory_type_ = memory_type ? memory_type : memory_type::kHostLocal;
  buffer->usage_ = usage;
  buffer->access_ = memory_access::kAll;
  return buffer;
}

vm::StatusOr<vm::RefT<Buffer>> Buffer::wrap(vm::RefT<vm::Buffer> storage, size_t offset,
                                            size_t length, MemoryType memory_type,
                                            BufferUsage usage, MemoryAccess access) {
  if (!storage)
    return vm::invalid_argument_error("cannot wrap a null vm.buffer");
  KILN_RETURN_IF_ERROR(storage->check_range(offset, length));
  auto buffer = vm::RefT<Buffer>::adopt(new Buffer());
  if (!storage->is_mutable())
    access &= ~(memory_access::kWrite | memory_access::kDiscard);
  // The vm.buffer's bytes are never written through data_ unless mutable.
  buffer->data_ = const_cast<uint8_t *>(storage->data()) + offset;
  buffer->capacity_ = length;
  buffer->length_ = length;
  buffer->memory_type_ = memory_type ? memory_type : memory_type::kHostLocal;
  buffer->usage_ = usage;
  buffer->access_ = access;
  buffer->storage_ = std::move(storage);
  return buffer;
}

vm::StatusOr<vm::RefT<Buffer>> Buffer::subspan(size_t offset, size_t length) {
  if (offset > length_ || length > length_ - offset) {
    return vm::make_status(vm::StatusCode::kOutOfRange,
                           "subspan [%zu, %zu) is outside the buffer's %zu bytes", offset,
                           offset + length, length_);
  }
  Buffer *root = allocated_buffer();
  auto view = vm::RefT<Buffer>::adopt(new Buffer());
  vm::ref_retain(root);
  view->root_ = root;
  view->offset_ = offset_ + offset;
  view->length_ = length;
  view->memory_type_ = memory_type_;
  view->usage_ = usage_;
  view->access_ = access_;
  return view;
}

vm::StatusOr<uint8_t *> Buffer::map(size_t offset, size_t length, MemoryAccess access) {
  Buffer *root = allocated_buffer();
  if (root->deallocated_.load(std::memory_order_acquire)) {
    return vm::failed_precondition_error(
        "buffer used after its allocation was deallocated (queue.dealloca)");
  }
  if (offset > length_ || length > length_ - offset) {
    return vm::make_status(vm::StatusCode::kOutOfRange,
                           "access to [%zu, %zu) is outside the buffer's %zu bytes", offset,
                           offset + length, length_);
  }
  if ((access & access_) != access) {
    return vm::make_status(vm::StatusCode::kPermissionDenied, "buffer does not allow %s access",
                           (access & memory_access::kWrite) ? "write" : "read");
  }
  return root->data_ + offset_ + offset;
}

vm::Status Buffer::check_usage(BufferUsage required, const char *what) const {
  if ((usage_ & required) == required)
    return vm::Status();
  return vm::make_status(vm::StatusCode::kPermissionDenied,
                         "%s: buffer usage 0x%x lacks the required bits 0x%x", what, usage_,
                         required & ~usage_);
}

vm::Status Buffer::read(size_t offset, void *data, size_t length) {
  KILN_ASSIGN_OR_RETURN(uint8_t * p, map(offset, length, memory_access::kRead));
  if (length)
    std::memcpy(data, p, length);
  return vm::Status();
}

vm::Status Buffer::write(size_t offset, const void *data, size_t length) {
  KILN_ASSIGN_OR_RETURN(uint8_t * p, map(offset, length, memory_access::kWrite));
  if (length)
    std::memmove(p, data, length);
  return vm::Status();
}

void Buffer::preserve() {
  allocated_buffer()->preserve_count_.fetch_add(1, std::memory_order_acquire);
}
bool Buffer::discard() {
  return allocated_buffer()->preserve_count_.fetch_sub(1, std::memory_order_release) == 1;
}
bool Buffer::is_terminal() {
  return allocated_buffer()->preserve_count_.load(std::memory_order_acquire) == 1;
}

void Buffer::mark_deallocated() {
  allocated_buffer()->deallocated_.store(true, std::memory_order_release);
}
bool Buffer::is_deallocated() {
  return allocated_buffer()->deallocated_.load(std::memory_order_acquire);
}

} // namespace kiln::hal
