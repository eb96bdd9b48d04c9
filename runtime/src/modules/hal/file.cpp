#include "kiln/modules/hal/file.h"

#include <cstring>
#include <utility>

namespace kiln::hal {

const vm::RefType File::kType = {"hal.file", &File::destroy};

void File::destroy(vm::RefObject *object) { delete static_cast<File *>(object); }

vm::StatusOr<vm::RefT<File>> File::from_memory(vm::RefT<vm::Buffer> storage, size_t offset,
                                               size_t length, MemoryAccess access) {
  if (!storage)
    return vm::invalid_argument_error("file from a null vm.buffer");
  if (access & ~memory_access::kRead) {
    return vm::permission_denied_error("only read-only memory can be accessed through a file");
  }
  KILN_RETURN_IF_ERROR(storage->check_range(offset, length));
  auto file = vm::RefT<File>::adopt(new File());
  file->storage_ = std::move(storage);
  file->offset_ = offset;
  file->length_ = length;
  file->access_ = access;
  return file;
}

vm::Status File::read(size_t offset, void *data, size_t length) const {
  if (offset > length_ || length > length_ - offset) {
    return vm::make_status(vm::StatusCode::kOutOfRange,
                           "file read of [%zu, %zu) is outside its %zu bytes", offset,
                           offset + length, length_);
  }
  if (length)
    std::memcpy(data, storage_->data() + offset_ + offset, length);
  return vm::Status();
}

vm::Status File::write(size_t offset, const void *data, size_t length) {
  if (!(access_ & memory_access::kWrite) || !storage_->is_mutable()) {
    return vm::permission_denied_error("file is read-only");
  }
  if (offset > length_ || length > length_ - offset) {
    return vm::make_status(vm::StatusCode::kOutOfRange,
                           "file write of [%zu, %zu) is outside its %zu bytes", offset,
                           offset + length, length_);
  }
  if (length)
    std::memcpy(storage_->mutable_data() + offset_ + offset, data, length);
  return vm::Status();
}

} // namespace kiln::hal
