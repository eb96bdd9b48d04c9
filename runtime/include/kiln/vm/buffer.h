// vm.buffer: a byte buffer, either heap-owned or a view over external memory
// (e.g. rodata served in place from a loaded module file).
//
// All offsets and lengths are in bytes. Every accessor checks bounds and
// returns OUT_OF_RANGE on violation; writes to a read-only buffer return
// PERMISSION_DENIED. Loads and stores are unaligned-safe (memcpy).
#ifndef KILN_VM_BUFFER_H_
#define KILN_VM_BUFFER_H_

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <type_traits>

#include "kiln/vm/allocator.h"
#include "kiln/vm/ref.h"
#include "kiln/vm/status.h"

namespace kiln::vm {

enum class BufferAccess : uint8_t {
  kReadOnly = 1,
  kMutable = 3, // read | write
};

class Buffer : public RefObject {
public:
  static const RefType kType; // "vm.buffer"

  // Called when a wrapped buffer is destroyed (in addition to releasing the
  // keepalive ref, if any).
  struct ReleaseCallback {
    void (*fn)(void *user) = nullptr;
    void *user = nullptr;
  };

  // A zero-filled mutable buffer; header and data in one allocation.
  static StatusOr<RefT<Buffer>> allocate(size_t length, size_t alignment = 16,
                                         const Allocator &allocator = current_allocator());
  // A mutable copy of [offset, offset+length) of `source`.
  static StatusOr<RefT<Buffer>> clone(const Buffer &source, size_t offset, size_t length,
                                      size_t alignment = 16,
                                      const Allocator &allocator = current_allocator());
  // A read-only view over memory owned by someone else. `keepalive` (e.g. the
  // module that owns the mapped file) is retained for the buffer's lifetime.
  static StatusOr<RefT<Buffer>> wrap_read_only(const void *data, size_t length, Ref keepalive);
  // A view over external memory with explicit access and a release callback.
  static StatusOr<RefT<Buffer>> wrap_external(void *data, size_t length, BufferAccess access,
                                              ReleaseCallback release, Ref keepalive = nullptr);

  size_t length() const { return length_; }
  BufferAccess access() const { return access_; }
  bool is_mutable() const { return access_ == BufferAccess::kMutable; }
  const uint8_t *data() const { return data_; }
  // nullptr for read-only buffers.
  uint8_t *mutable_data() { return is_mutable() ? data_ : nullptr; }

  KILN_ALWAYS_INLINE Status check_range(size_t offset, size_t length) const {
    if (KILN_LIKELY(offset <= length_ && length <= length_ - offset)) {
      return Status();
    }
    return range_error(offset, length);
  }
  KILN_ALWAYS_INLINE Status check_writable() const {
    if (KILN_LIKELY(is_mutable()))
      return Status();
    return read_only_error();
  }

  template <typename T> KILN_ALWAYS_INLINE Status load(size_t offset, T *out) const {
    static_assert(std::is_arithmetic_v<T>, "scalar loads only");
    Status s = check_range(offset, sizeof(T));
    if (KILN_UNLIKELY(!s.ok()))
      return s;
    std::memcpy(out, data_ + offset, sizeof(T));
    return Status();
  }
  template <typename T> KILN_ALWAYS_INLINE Status store(size_t offset, T value) {
    static_assert(std::is_arithmetic_v<T>, "scalar stores only");
    Status s = check_writable();
    if (KILN_UNLIKELY(!s.ok()))
      return s;
    s = check_range(offset, sizeof(T));
    if (KILN_UNLIKELY(!s.ok()))
      return s;
    std::memcpy(data_ + offset, &value, sizeof(T));
    return Status();
  }

  Status read(size_t offset, void *dst, size_t length) const;
  Status write(size_t offset, const void *src, size_t length);
  // Repeats a 1/2/4/8-byte pattern over [offset, offset+length); length must
  // be a multiple of the pattern size.
  Status fill(size_t offset, size_t length, const void *pattern, size_t pattern_size);
  // Overlapping ranges (same buffer) are handled (memmove).
  static Status copy(const Buffer &source, size_t source_offset, Buffer &target,
                     size_t target_offset, size_t length);
  static Status compare(const Buffer &a, size_t a_offset, const Buffer &b, size_t b_offset,
                        size_t length, bool *equal);

private:
  Buffer() : RefObject(&kType) {}
  ~Buffer();
  static void destroy(RefObject *object);
  Status range_error(size_t offset, size_t length) const;
  Status read_only_error() const;

  uint8_t *data_ = nullptr;
  size_t length_ = 0;
  BufferAccess access_ = BufferAccess::kReadOnly;
  bool inline_storage_ = false;
  size_t allocation_size_ = 0;
  size_t allocation_alignment_ = 0;
  Allocator allocator_;
  ReleaseCallback release_;
  Ref keepalive_;

  friend struct BufferAccessForType;
};

} // namespace kiln::vm

#endif // KILN_VM_BUFFER_H_
