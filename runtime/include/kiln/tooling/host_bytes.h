// Host byte arrays for the tools whose sizes come from users: allocation
// never throws or aborts (a failed or oversized allocation is a
// RESOURCE_EXHAUSTED status), and input files are read with a size bound so
// a huge file or an endless stream (@/dev/zero, a pipe) fails cleanly.
#ifndef KILN_TOOLING_HOST_BYTES_H_
#define KILN_TOOLING_HOST_BYTES_H_

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "kiln/vm/status.h"

namespace kiln::tooling {

// Inputs the tools read from files are at most this many bytes unless the
// caller gives another bound (run-module: --memory-limit, when smaller).
inline constexpr size_t kMaxInputFileBytes = size_t{16} << 30;
// Files that are not regular files (pipes, character devices) have no size
// to check up front; they are read until EOF up to this many bytes.
inline constexpr size_t kMaxInputStreamBytes = size_t{256} << 20;

// A move-only, malloc-backed byte array. Empty by default.
class HostBytes {
public:
  HostBytes() = default;
  ~HostBytes();
  HostBytes(HostBytes &&other) noexcept;
  HostBytes &operator=(HostBytes &&other) noexcept;
  HostBytes(const HostBytes &) = delete;
  HostBytes &operator=(const HostBytes &) = delete;

  // `size` bytes, zero-filled.
  static vm::StatusOr<HostBytes> zeros(size_t size);
  static vm::StatusOr<HostBytes> copy_of(const void *data, size_t size);

  uint8_t *data() { return data_; }
  const uint8_t *data() const { return data_; }
  size_t size() const { return size_; }
  bool empty() const { return size_ == 0; }
  std::string_view view() const {
    return std::string_view(reinterpret_cast<const char *>(data_), size_);
  }
  // Grows or shrinks; new bytes are zero.
  vm::Status resize(size_t size);
  // Appends bytes, growing geometrically.
  vm::Status append(const void *data, size_t size);

private:
  uint8_t *data_ = nullptr;
  size_t size_ = 0;
  size_t capacity_ = 0;
};

// Reads the whole file at `path`. Regular files larger than `max_bytes`, and
// streams longer than min(max_bytes, kMaxInputStreamBytes), are errors
// naming `what` (e.g. "input '@x.npy'").
vm::StatusOr<HostBytes> read_file_bounded(const std::string &path, std::string_view what,
                                          size_t max_bytes = kMaxInputFileBytes);

} // namespace kiln::tooling

#endif // KILN_TOOLING_HOST_BYTES_H_
