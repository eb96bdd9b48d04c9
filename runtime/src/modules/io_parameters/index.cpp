#include "kiln/modules/io_parameters/index.h"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <utility>

namespace kiln::io_parameters {

const vm::RefType Storage::kType = {"io_parameters.storage", &Storage::destroy};

Storage::~Storage() {
  if (mapped_) {
    if (size_)
      munmap(data_, size_);
  } else if (owned_) {
    std::free(data_);
  } else if (release_) {
    release_(release_user_);
  }
}

void Storage::destroy(vm::RefObject *object) { delete static_cast<Storage *>(object); }

vm::StatusOr<vm::RefT<Storage>> Storage::map_file(const std::string &path, bool writable) {
  int fd = ::open(path.c_str(), (writable ? O_RDWR : O_RDONLY) | O_CLOEXEC);
  if (fd < 0) {
    return vm::make_status(vm::StatusCode::kNotFound, "cannot open parameter file '%s': %s",
                           path.c_str(), std::strerror(errno));
  }
  struct stat st;
  if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
    ::close(fd);
    return vm::make_status(vm::StatusCode::kInvalidArgument,
                           "parameter file '%s' is not a regular file", path.c_str());
  }
  size_t size = static_cast<size_t>(st.st_size);
  void *data = nullptr;
  if (size) {
    data = mmap(nullptr, size, PROT_READ | (writable ? PROT_WRITE : 0),
                writable ? MAP_SHARED : MAP_PRIVATE, fd, 0);
  }
  int map_errno = errno;
  ::close(fd);
  if (data == MAP_FAILED) {
    return vm::make_status(vm::StatusCode::kUnavailable, "cannot map parameter file '%s': %s",
                           path.c_str(), std::strerror(map_errno));
  }
  auto storage = vm::RefT<Storage>::adopt(new Storage());
  storage->name_ = path;
  storage->data_ = static_cast<uint8_t *>(data);
  storage->size_ = size;
  storage->writable_ = writable;
  storage->mapped_ = true;
  return storage;
}

vm::StatusOr<vm::RefT<Storage>> Storage::copy_of(std::string name, const void *data, size_t size) {
  size_t capacity = (size + kAlignment - 1) / kAlignment * kAlignment;
  if (capacity < size)
    return vm::resource_exhausted_error("parameter too large");
  void *copy = std::aligned_alloc(kAlignment, capacity ? capacity : kAlignment);
  if (!copy) {
    return vm::make_status(vm::StatusCode::kResourceExhausted,
                           "cannot allocate %zu bytes for parameter '%s'", size, name.c_str());
  }
  if (size)
    std::memcpy(copy, data, size);
  auto storage = vm::RefT<Storage>::adopt(new Storage());
  storage->name_ = std::move(name);
  storage->data_ = static_cast<uint8_t *>(copy);
  storage->size_ = size;
  storage->writable_ = true;
  storage->owned_ = true;
  return storage;
}

vm::StatusOr<vm::RefT<Storage>> Storage::wrap(std::string name, const void *data, size_t size,
                                              void (*release)(void *), void *user) {
  if (!data && size)
    return vm::invalid_argument_error("wrapping null parameter storage");
  auto storage = vm::RefT<Storage>::adopt(new Storage());
  storage->name_ = std::move(name);
  // Never written through: wrapped storage is not writable.
  storage->data_ = const_cast<uint8_t *>(static_cast<const uint8_t *>(data));
  storage->size_ = size;
  storage->release_ = release;
  storage->release_user_ = user;
  return storage;
}

namespace {

const char *storage_name(const Entry &entry) {
  return entry.storage ? entry.storage->name().c_str() : "(splat)";
}

} // namespace

vm::Status Index::add(Entry entry) {
  if (entry.storage) {
    uint64_t size = entry.storage->size();
    if (entry.offset > size || entry.length > size - entry.offset) {
      return vm::make_status(
          vm::StatusCode::kOutOfRange,
          "parameter file '%s': entry '%s' (offset %llu, %llu bytes) runs past "
          "the end of the file (%llu bytes)",
          storage_name(entry), entry.key.c_str(), static_cast<unsigned long long>(entry.offset),
          static_cast<unsigned long long>(entry.length), static_cast<unsigned long long>(size));
    }
  } else {
    uint8_t n = entry.pattern_length;
    if (n != 1 && n != 2 && n != 4 && n != 8 && n != 16) {
      return vm::make_status(vm::StatusCode::kInvalidArgument,
                             "splat entry '%s': pattern length %u is not 1, 2, 4, 8 "
                             "or 16",
                             entry.key.c_str(), static_cast<unsigned>(n));
    }
    if (entry.length % n != 0) {
      return vm::make_status(vm::StatusCode::kInvalidArgument,
                             "splat entry '%s': length %llu is not a multiple of its "
                             "pattern length %u",
                             entry.key.c_str(), static_cast<unsigned long long>(entry.length),
                             static_cast<unsigned>(n));
    }
  }
  auto found = by_key_.find(entry.key);
  if (found != by_key_.end()) {
    return vm::make_status(vm::StatusCode::kAlreadyExists,
                           "parameter file '%s': duplicate key '%s' (already "
                           "defined by '%s')",
                           storage_name(entry), entry.key.c_str(),
                           storage_name(entries_[found->second]));
  }
  by_key_.emplace(entry.key, entries_.size());
  entries_.push_back(std::move(entry));
  return vm::Status();
}

vm::Status Index::check_overlaps(const Storage &storage) const {
  std::vector<const Entry *> ranges;
  for (const Entry &e : entries_) {
    if (e.storage.get() == &storage && e.length)
      ranges.push_back(&e);
  }
  std::sort(ranges.begin(), ranges.end(),
            [](const Entry *a, const Entry *b) { return a->offset < b->offset; });
  for (size_t i = 1; i < ranges.size(); ++i) {
    const Entry &a = *ranges[i - 1];
    const Entry &b = *ranges[i];
    if (b.offset < a.offset + a.length) {
      return vm::make_status(vm::StatusCode::kInvalidArgument,
                             "parameter file '%s': entry '%s' [%llu, %llu) overlaps "
                             "entry '%s' [%llu, %llu)",
                             storage.name().c_str(), b.key.c_str(),
                             static_cast<unsigned long long>(b.offset),
                             static_cast<unsigned long long>(b.offset + b.length), a.key.c_str(),
                             static_cast<unsigned long long>(a.offset),
                             static_cast<unsigned long long>(a.offset + a.length));
    }
  }
  return vm::Status();
}

vm::Status Index::merge(const Index &other) {
  for (const Entry &e : other.entries_)
    KILN_RETURN_IF_ERROR(add(e));
  return vm::Status();
}

const Entry *Index::find(std::string_view key) const {
  auto found = by_key_.find(std::string(key));
  return found == by_key_.end() ? nullptr : &entries_[found->second];
}

} // namespace kiln::io_parameters
