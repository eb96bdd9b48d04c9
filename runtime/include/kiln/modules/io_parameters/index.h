// Parameter storage and indexes: where the io_parameters module finds the
// bytes of a named parameter.
//
//  * Storage: the bytes of one source, a memory-mapped file or host memory
//    (the in-memory provider). Files are mapped read-only unless opened
//    writable (scatter then writes into the file).
//  * Index: key -> (storage, offset, length), or a splat pattern (IREE's
//    .irpa splat entries). Adding checks everything a lying file could get
//    wrong (duplicate keys, ranges past the end of the storage, overlapping
//    entries); errors name the file and the entry.
//
// Parsers for the formats (formats.h) fill an Index from a Storage.
#ifndef KILN_MODULES_IO_PARAMETERS_INDEX_H_
#define KILN_MODULES_IO_PARAMETERS_INDEX_H_

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "kiln/vm/ref.h"
#include "kiln/vm/status.h"

namespace kiln::io_parameters {

class Storage : public vm::RefObject {
public:
  static const vm::RefType kType; // "io_parameters.storage"
  // Data of a storage starts on this boundary (mmap gives a page).
  static constexpr size_t kAlignment = 64;

  // Maps the whole file at `path`; `writable` maps it shared read-write.
  static vm::StatusOr<vm::RefT<Storage>> map_file(const std::string &path, bool writable = false);
  // A writable copy of `size` bytes of `data`, named `name` in errors.
  static vm::StatusOr<vm::RefT<Storage>> copy_of(std::string name, const void *data, size_t size);
  // Read-only bytes owned by the caller, used in place (no copy);
  // `release(user)` runs when the storage goes away (null: nothing).
  static vm::StatusOr<vm::RefT<Storage>> wrap(std::string name, const void *data, size_t size,
                                              void (*release)(void *) = nullptr,
                                              void *user = nullptr);

  const std::string &name() const { return name_; }
  const uint8_t *data() const { return data_; }
  size_t size() const { return size_; }
  bool writable() const { return writable_; }
  bool mapped() const { return mapped_; }
  // Null unless writable.
  uint8_t *mutable_data() { return writable_ ? data_ : nullptr; }

private:
  Storage() : vm::RefObject(&kType) {}
  ~Storage();
  static void destroy(vm::RefObject *object);

  std::string name_;
  uint8_t *data_ = nullptr;
  size_t size_ = 0;
  bool writable_ = false;
  bool mapped_ = false;
  bool owned_ = false; // data_ from aligned_alloc
  void (*release_)(void *) = nullptr;
  void *release_user_ = nullptr;
};

struct Entry {
  std::string key;
  // The bytes: [offset, offset + length) of storage. Null storage: a splat
  // of `pattern` (pattern_length bytes of 1, 2, 4, 8 or 16) over length.
  vm::RefT<Storage> storage;
  uint64_t offset = 0;
  uint64_t length = 0;
  uint8_t pattern[16] = {};
  uint8_t pattern_length = 0;
  // What the format says about the entry, for listings ("f32 [2, 3]").
  std::string description;

  bool is_splat() const { return !storage; }
};

class Index {
public:
  // Adds `entry`: an error (naming the storage and key) for a duplicate key,
  // a range outside the storage, or a bad splat pattern.
  vm::Status add(Entry entry);
  // After all entries of one storage are added: an error when two of its
  // entries' ranges overlap (zero-length entries never do).
  vm::Status check_overlaps(const Storage &storage) const;

  // Every entry of `other` (duplicates across the two are errors).
  vm::Status merge(const Index &other);

  const Entry *find(std::string_view key) const;
  size_t size() const { return entries_.size(); }
  const std::vector<Entry> &entries() const { return entries_; }

private:
  std::vector<Entry> entries_;
  std::unordered_map<std::string, size_t> by_key_;
};

} // namespace kiln::io_parameters

#endif // KILN_MODULES_IO_PARAMETERS_INDEX_H_
