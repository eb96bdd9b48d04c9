#include "kiln/vm/buffer.h"

#include <algorithm>
#include <new>

#include "kiln/vm/budget.h"

namespace kiln::vm {

const RefType Buffer::kType = {"vm.buffer", &Buffer::destroy};

namespace {
size_t align_up(size_t v, size_t a) { return (v + a - 1) & ~(a - 1); }
bool is_pow2(size_t v) { return v && (v & (v - 1)) == 0; }
} // namespace

Buffer::~Buffer() {
  if (release_.fn)
    release_.fn(release_.user);
}

void Buffer::destroy(RefObject *object) {
  Buffer *buffer = static_cast<Buffer *>(object);
  Allocator allocator = buffer->allocator_;
  size_t size = buffer->allocation_size_;
  size_t alignment = buffer->allocation_alignment_;
  buffer->~Buffer();
  allocator.deallocate(buffer, size, alignment);
}

StatusOr<RefT<Buffer>> Buffer::allocate(size_t length, size_t alignment,
                                        const Allocator &allocator) {
  if (!is_pow2(alignment)) {
    return make_status(StatusCode::kInvalidArgument, "buffer alignment %zu is not a power of two",
                       alignment);
  }
  alignment = std::max(alignment, alignof(Buffer));
  size_t header = align_up(sizeof(Buffer), alignment);
  if (length > SIZE_MAX - header) {
    return resource_exhausted_error("buffer length overflows");
  }
  size_t total = header + length;
  void *memory = allocator.allocate(total, alignment);
  if (!memory)
    return allocation_error(allocator, total, "a vm.buffer");
  Buffer *buffer = new (memory) Buffer();
  buffer->data_ = static_cast<uint8_t *>(memory) + header;
  buffer->length_ = length;
  buffer->access_ = BufferAccess::kMutable;
  buffer->inline_storage_ = true;
  buffer->allocation_size_ = total;
  buffer->allocation_alignment_ = alignment;
  buffer->allocator_ = allocator;
  std::memset(buffer->data_, 0, length);
  return RefT<Buffer>::adopt(buffer);
}

StatusOr<RefT<Buffer>> Buffer::clone(const Buffer &source, size_t offset, size_t length,
                                     size_t alignment, const Allocator &allocator) {
  KILN_RETURN_IF_ERROR(source.check_range(offset, length));
  KILN_ASSIGN_OR_RETURN(RefT<Buffer> copy, allocate(length, alignment, allocator));
  if (length)
    std::memcpy(copy->data_, source.data_ + offset, length);
  return copy;
}

StatusOr<RefT<Buffer>> Buffer::wrap_external(void *data, size_t length, BufferAccess access,
                                             ReleaseCallback release, Ref keepalive) {
  if (!data && length) {
    return invalid_argument_error("null data for a non-empty buffer view");
  }
  Allocator allocator = Allocator::system();
  void *memory = allocator.allocate(sizeof(Buffer), alignof(Buffer));
  if (!memory)
    return resource_exhausted_error("failed to allocate a buffer view");
  Buffer *buffer = new (memory) Buffer();
  buffer->data_ = static_cast<uint8_t *>(data);
  buffer->length_ = length;
  buffer->access_ = access;
  buffer->allocation_size_ = sizeof(Buffer);
  buffer->allocation_alignment_ = alignof(Buffer);
  buffer->allocator_ = allocator;
  buffer->release_ = release;
  buffer->keepalive_ = std::move(keepalive);
  return RefT<Buffer>::adopt(buffer);
}

StatusOr<RefT<Buffer>> Buffer::wrap_read_only(const void *data, size_t length, Ref keepalive) {
  return wrap_external(const_cast<void *>(data), length, BufferAccess::kReadOnly, ReleaseCallback{},
                       std::move(keepalive));
}

Status Buffer::range_error(size_t offset, size_t length) const {
  return make_status(StatusCode::kOutOfRange,
                     "buffer access out of range: [%zu, %zu + %zu) is not "
                     "within a buffer of %zu bytes",
                     offset, offset, length, length_);
}

Status Buffer::read_only_error() const {
  return make_status(StatusCode::kPermissionDenied, "write to a read-only buffer (%zu bytes)",
                     length_);
}

Status Buffer::read(size_t offset, void *dst, size_t length) const {
  KILN_RETURN_IF_ERROR(check_range(offset, length));
  if (length)
    std::memcpy(dst, data_ + offset, length);
  return Status();
}

Status Buffer::write(size_t offset, const void *src, size_t length) {
  KILN_RETURN_IF_ERROR(check_writable());
  KILN_RETURN_IF_ERROR(check_range(offset, length));
  if (length)
    std::memcpy(data_ + offset, src, length);
  return Status();
}

Status Buffer::fill(size_t offset, size_t length, const void *pattern, size_t pattern_size) {
  if (pattern_size != 1 && pattern_size != 2 && pattern_size != 4 && pattern_size != 8) {
    return make_status(StatusCode::kInvalidArgument, "fill pattern size %zu is not 1, 2, 4 or 8",
                       pattern_size);
  }
  if (length % pattern_size != 0) {
    return make_status(StatusCode::kInvalidArgument,
                       "fill length %zu is not a multiple of the pattern size %zu", length,
                       pattern_size);
  }
  KILN_RETURN_IF_ERROR(check_writable());
  KILN_RETURN_IF_ERROR(check_range(offset, length));
  uint8_t *p = data_ + offset;
  if (pattern_size == 1) {
    std::memset(p, *static_cast<const uint8_t *>(pattern), length);
    return Status();
  }
  for (size_t i = 0; i < length; i += pattern_size) {
    std::memcpy(p + i, pattern, pattern_size);
  }
  return Status();
}

Status Buffer::copy(const Buffer &source, size_t source_offset, Buffer &target,
                    size_t target_offset, size_t length) {
  KILN_RETURN_IF_ERROR(target.check_writable());
  KILN_RETURN_IF_ERROR(source.check_range(source_offset, length));
  KILN_RETURN_IF_ERROR(target.check_range(target_offset, length));
  if (length)
    std::memmove(target.data_ + target_offset, source.data_ + source_offset, length);
  return Status();
}

Status Buffer::compare(const Buffer &a, size_t a_offset, const Buffer &b, size_t b_offset,
                       size_t length, bool *equal) {
  KILN_RETURN_IF_ERROR(a.check_range(a_offset, length));
  KILN_RETURN_IF_ERROR(b.check_range(b_offset, length));
  *equal = length == 0 || std::memcmp(a.data_ + a_offset, b.data_ + b_offset, length) == 0;
  return Status();
}

} // namespace kiln::vm
