#include "kiln/tooling/host_bytes.h"

#include "kiln/vm/budget.h"

#include <sys/stat.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <utility>

namespace kiln::tooling {
namespace {

vm::Status too_large(size_t size) {
  return vm::make_status(vm::StatusCode::kResourceExhausted,
                         "cannot allocate %zu bytes of host memory", size);
}

// Host bytes are not charged to a context's memory budget (they are the
// tools' own), but under one (run-module --memory-limit) nothing larger
// than its limit is allocated.
vm::Status check_budget(size_t size) {
  vm::MemoryBudget *budget = vm::current_memory_budget();
  if (budget && size > budget->limit()) {
    return vm::make_status(vm::StatusCode::kResourceExhausted,
                           "memory limit exceeded: %zu bytes of input data, "
                           "more than the limit of %zu bytes",
                           size, budget->limit());
  }
  return vm::Status();
}

} // namespace

HostBytes::~HostBytes() { std::free(data_); }

HostBytes::HostBytes(HostBytes &&other) noexcept
    : data_(other.data_), size_(other.size_), capacity_(other.capacity_) {
  other.data_ = nullptr;
  other.size_ = other.capacity_ = 0;
}

HostBytes &HostBytes::operator=(HostBytes &&other) noexcept {
  if (this != &other) {
    std::free(data_);
    data_ = other.data_;
    size_ = other.size_;
    capacity_ = other.capacity_;
    other.data_ = nullptr;
    other.size_ = other.capacity_ = 0;
  }
  return *this;
}

vm::StatusOr<HostBytes> HostBytes::zeros(size_t size) {
  HostBytes bytes;
  KILN_RETURN_IF_ERROR(bytes.resize(size));
  return bytes;
}

vm::StatusOr<HostBytes> HostBytes::copy_of(const void *data, size_t size) {
  HostBytes bytes;
  KILN_RETURN_IF_ERROR(bytes.append(data, size));
  return bytes;
}

vm::Status HostBytes::resize(size_t size) {
  if (size > capacity_) {
    KILN_RETURN_IF_ERROR(check_budget(size));
    // calloc for a fresh array: large zero-filled inputs stay lazily mapped.
    uint8_t *grown;
    if (!data_) {
      grown = static_cast<uint8_t *>(std::calloc(size, 1));
    } else {
      grown = static_cast<uint8_t *>(std::realloc(data_, size));
      if (grown)
        std::memset(grown + size_, 0, size - size_);
    }
    if (!grown)
      return too_large(size);
    data_ = grown;
    capacity_ = size;
  } else if (size > size_) {
    std::memset(data_ + size_, 0, size - size_);
  }
  size_ = size;
  return vm::Status();
}

vm::Status HostBytes::append(const void *data, size_t size) {
  if (size == 0)
    return vm::Status();
  if (size > SIZE_MAX - size_)
    return too_large(SIZE_MAX);
  size_t needed = size_ + size;
  if (needed > capacity_) {
    KILN_RETURN_IF_ERROR(check_budget(needed));
    size_t capacity = capacity_ > SIZE_MAX / 2 ? SIZE_MAX : capacity_ * 2;
    if (capacity < needed)
      capacity = needed;
    if (capacity < 256)
      capacity = 256;
    uint8_t *grown = static_cast<uint8_t *>(std::realloc(data_, capacity));
    if (!grown)
      return too_large(needed);
    data_ = grown;
    capacity_ = capacity;
  }
  std::memcpy(data_ + size_, data, size);
  size_ = needed;
  return vm::Status();
}

vm::StatusOr<HostBytes> read_file_bounded(const std::string &path, std::string_view what,
                                          size_t max_bytes) {
  std::string prefix = std::string(what) + ": ";
  std::FILE *f = std::fopen(path.c_str(), "rb");
  if (!f) {
    return vm::not_found_error(prefix + "cannot open '" + path + "': " + std::strerror(errno));
  }
  struct stat st;
  bool regular = fstat(fileno(f), &st) == 0 && S_ISREG(st.st_mode);
  size_t limit = max_bytes;
  // Under a context's memory limit (run-module --memory-limit) a file that
  // cannot fit is refused before it is read.
  if (vm::MemoryBudget *budget = vm::current_memory_budget()) {
    if (budget->limit() < limit)
      limit = budget->limit();
  }
  if (!regular && limit > kMaxInputStreamBytes)
    limit = kMaxInputStreamBytes;
  if (regular && static_cast<uint64_t>(st.st_size) > limit) {
    std::fclose(f);
    return vm::make_status(vm::StatusCode::kResourceExhausted,
                           "%sfile '%s' has %lld bytes, more than the input limit of %zu bytes",
                           prefix.c_str(), path.c_str(), static_cast<long long>(st.st_size), limit);
  }
  HostBytes bytes;
  vm::Status status;
  if (regular && st.st_size > 0) {
    status = bytes.resize(static_cast<size_t>(st.st_size));
    if (status.ok()) {
      size_t got = std::fread(bytes.data(), 1, bytes.size(), f);
      // A file that shrank while being read: keep what is there.
      if (got < bytes.size())
        status = bytes.resize(got);
    }
  }
  // Streams (and files that grew, or report size 0 such as /proc files):
  // read on in chunks up to the limit.
  char chunk[65536];
  while (status.ok()) {
    size_t room = limit - bytes.size();
    size_t want = room < sizeof(chunk) ? room + 1 : sizeof(chunk);
    size_t n = std::fread(chunk, 1, want, f);
    if (n == 0)
      break;
    if (n > room) {
      status = vm::make_status(vm::StatusCode::kResourceExhausted,
                               "%s'%s' is longer than the input limit of %zu bytes%s",
                               prefix.c_str(), path.c_str(), limit,
                               regular ? ""
                                       : " (it is not a regular file: a pipe or device is "
                                         "read until end of file)");
      break;
    }
    status = bytes.append(chunk, n);
  }
  bool failed = std::ferror(f) != 0;
  std::fclose(f);
  if (!status.ok())
    return status;
  if (failed)
    return vm::data_loss_error(prefix + "error reading '" + path + "'");
  return bytes;
}

} // namespace kiln::tooling
