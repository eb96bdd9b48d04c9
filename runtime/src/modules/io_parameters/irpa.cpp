// IREE parameter archives (.irpa), version 0.0: the layout of IREE's
// runtime/src/iree/schemas/parameter_archive.h (packed little-endian
// structs; the field offsets below are theirs). A file holds one or more
// archives linked by next_header_offset; all offsets in an archive are
// relative to its header.
#include <cstring>
#include <string>

#include "kiln/modules/io_parameters/formats.h"

namespace kiln::io_parameters {
namespace {

constexpr uint32_t kMagic = 0x41505249u; // "IRPA"
constexpr uint64_t kPrefixSize = 32;
constexpr uint64_t kHeaderV0Size = 88;
constexpr uint64_t kEntryHeaderSize = 60;
constexpr uint64_t kSplatEntrySize = 85;
constexpr uint64_t kDataEntrySize = 76;
constexpr uint64_t kEntryAlignment = 16;

enum : uint32_t { kSkip = 0, kSplat = 1, kData = 2, kExternal = 3 };

template <typename T> T load(const uint8_t *base, uint64_t offset) {
  T v;
  std::memcpy(&v, base + offset, sizeof(T));
  return v;
}

struct Range {
  uint64_t offset = 0;
  uint64_t length = 0;
};
Range load_range(const uint8_t *base, uint64_t offset) {
  return {load<uint64_t>(base, offset), load<uint64_t>(base, offset + 8)};
}

uint64_t align_up(uint64_t v, uint64_t a) { return (v + a - 1) / a * a; }

vm::Status error(vm::StatusCode code, const Storage &s, uint64_t header, const std::string &what) {
  return vm::make_status(code, "IRPA file '%s' (archive at offset %llu): %s", s.name().c_str(),
                         static_cast<unsigned long long>(header), what.c_str());
}

// [base + r.offset, + r.length) inside the file.
bool in_file(const Storage &s, uint64_t base, Range r) {
  if (r.length == 0)
    return true;
  uint64_t size = s.size();
  return base <= size && r.offset <= size - base && r.length <= size - base - r.offset;
}

bool in_segment(Range segment, Range r) {
  return r.offset <= segment.length && r.length <= segment.length - r.offset;
}

vm::Status parse_archive(const vm::RefT<Storage> &storage, uint64_t base, Index *index) {
  const Storage &s = *storage;
  const uint8_t *d = s.data();
  uint16_t major = load<uint16_t>(d, base + 4);
  uint16_t minor = load<uint16_t>(d, base + 6);
  uint64_t header_size = load<uint64_t>(d, base + 8);
  if (major != 0 || minor != 0) {
    return error(vm::StatusCode::kUnimplemented, s, base,
                 "version " + std::to_string(major) + "." + std::to_string(minor) +
                     " is not supported (0.0 is)");
  }
  if (header_size != kHeaderV0Size || s.size() - base < kHeaderV0Size) {
    return error(vm::StatusCode::kInvalidArgument, s, base,
                 "header size " + std::to_string(header_size) + " is not " +
                     std::to_string(kHeaderV0Size) + " or runs past the end of the file");
  }
  uint64_t entry_count = load<uint64_t>(d, base + 32);
  Range entries = load_range(d, base + 40);
  Range metadata = load_range(d, base + 56);
  Range data = load_range(d, base + 72);
  if (!in_file(s, base, entries) || !in_file(s, base, metadata) || !in_file(s, base, data)) {
    return error(vm::StatusCode::kOutOfRange, s, base,
                 "a segment (entries, metadata or storage) runs past the end of the file");
  }
  uint64_t at = base + entries.offset;
  uint64_t remaining = entries.length;
  for (uint64_t i = 0; i < entry_count; ++i) {
    std::string where = "entry " + std::to_string(i);
    if (remaining < kEntryHeaderSize) {
      return error(vm::StatusCode::kOutOfRange, s, base, where + ": the entry table is truncated");
    }
    uint64_t entry_size = load<uint64_t>(d, at);
    uint32_t type = load<uint32_t>(d, at + 8);
    Range name = load_range(d, at + 20);
    if (entry_size < kEntryHeaderSize || entry_size > remaining) {
      return error(vm::StatusCode::kOutOfRange, s, base,
                   where + ": entry size " + std::to_string(entry_size) +
                       " is outside the entry table");
    }
    if (!in_segment(metadata, name)) {
      return error(vm::StatusCode::kOutOfRange, s, base,
                   where + ": its name lies outside the metadata segment");
    }
    Entry entry;
    if (name.length) {
      entry.key.assign(reinterpret_cast<const char *>(d + base + metadata.offset + name.offset),
                       name.length);
    }
    where = "entry '" + entry.key + "'";
    if (type == kSplat) {
      if (entry_size < kSplatEntrySize) {
        return error(vm::StatusCode::kOutOfRange, s, base, where + ": splat entry too small");
      }
      entry.length = load<uint64_t>(d, at + 60);
      entry.pattern_length = d[at + 84];
      if (entry.pattern_length > 16) {
        return error(vm::StatusCode::kInvalidArgument, s, base,
                     where + ": splat pattern longer than 16 bytes");
      }
      std::memcpy(entry.pattern, d + at + 68, entry.pattern_length);
      entry.description = "splat of " + std::to_string(entry.pattern_length) + " bytes";
      KILN_RETURN_IF_ERROR(index->add(std::move(entry)));
    } else if (type == kData) {
      if (entry_size < kDataEntrySize) {
        return error(vm::StatusCode::kOutOfRange, s, base, where + ": data entry too small");
      }
      Range bytes = load_range(d, at + 60);
      if (!in_segment(data, bytes)) {
        return error(vm::StatusCode::kOutOfRange, s, base,
                     where + ": its data [" + std::to_string(bytes.offset) + ", +" +
                         std::to_string(bytes.length) + ") lies outside the storage segment (" +
                         std::to_string(data.length) + " bytes)");
      }
      entry.storage = storage;
      entry.offset = base + data.offset + bytes.offset;
      entry.length = bytes.length;
      entry.description = "data";
      KILN_RETURN_IF_ERROR(index->add(std::move(entry)));
    } else if (type != kSkip) {
      return error(vm::StatusCode::kUnimplemented, s, base,
                   where + ": entry type " + std::to_string(type) +
                       (type == kExternal ? " (external file)" : "") + " is not supported");
    }
    uint64_t step = align_up(entry_size, kEntryAlignment);
    if (step > remaining)
      step = remaining;
    at += step;
    remaining -= step;
  }
  return vm::Status();
}

void put(std::vector<uint8_t> &out, uint64_t offset, const void *data, size_t size) {
  if (size == 0)
    return;
  if (out.size() < offset + size)
    out.resize(offset + size);
  std::memcpy(out.data() + offset, data, size);
}
void put64(std::vector<uint8_t> &out, uint64_t offset, uint64_t v) { put(out, offset, &v, 8); }

} // namespace

vm::Status parse_irpa(const vm::RefT<Storage> &storage, Index *index) {
  const Storage &s = *storage;
  uint64_t base = 0;
  while (true) {
    if (s.size() < kPrefixSize || base > s.size() - kPrefixSize) {
      return error(vm::StatusCode::kInvalidArgument, s, base,
                   "truncated: no room for an archive header");
    }
    if (load<uint32_t>(s.data(), base) != kMagic) {
      return error(vm::StatusCode::kInvalidArgument, s, base, "bad magic (not IRPA)");
    }
    KILN_RETURN_IF_ERROR(parse_archive(storage, base, index));
    uint64_t next = load<uint64_t>(s.data(), base + 16);
    if (next == 0)
      return vm::Status();
    // Offsets only move forward, so a chain of headers cannot loop.
    if (next > s.size() - base) {
      return error(vm::StatusCode::kOutOfRange, s, base,
                   "next_header_offset " + std::to_string(next) + " is past the end");
    }
    base += next;
  }
}

std::vector<uint8_t> build_irpa_entries(const std::vector<IrpaEntry> &entries, uint64_t alignment) {
  if (alignment == 0)
    alignment = 64;
  uint64_t table_offset = align_up(kHeaderV0Size, kEntryAlignment);
  uint64_t table_length = 0, metadata_length = 0;
  for (const IrpaEntry &e : entries) {
    table_length += align_up(e.is_splat() ? kSplatEntrySize : kDataEntrySize, kEntryAlignment);
    metadata_length += e.name.size();
  }
  uint64_t metadata_offset = table_offset + table_length;
  uint64_t storage_offset = align_up(metadata_offset + metadata_length, alignment);
  std::vector<uint8_t> out(storage_offset, 0);

  uint64_t at = table_offset, name_at = 0, data_at = 0;
  for (const IrpaEntry &e : entries) {
    uint64_t size = e.is_splat() ? kSplatEntrySize : kDataEntrySize;
    uint32_t type = e.is_splat() ? kSplat : kData;
    put64(out, at, size);
    put(out, at + 8, &type, 4);
    put64(out, at + 12, 0);       // flags
    put64(out, at + 20, name_at); // name
    put64(out, at + 28, e.name.size());
    put64(out, at + 36, 0); // metadata
    put64(out, at + 44, 0);
    put64(out, at + 52, e.is_splat() ? 0 : alignment); // minimum alignment
    put(out, metadata_offset + name_at, e.name.data(), e.name.size());
    name_at += e.name.size();
    if (e.is_splat()) {
      put64(out, at + 60, e.splat_length);
      put(out, at + 68, e.pattern, sizeof(e.pattern));
      put(out, at + 84, &e.pattern_length, 1);
    } else {
      put64(out, at + 60, data_at); // storage
      put64(out, at + 68, e.bytes.size());
      put(out, storage_offset + data_at, e.bytes.data(), e.bytes.size());
      data_at = align_up(data_at + e.bytes.size(), alignment);
    }
    at += align_up(size, kEntryAlignment);
  }
  out.resize(storage_offset + data_at, 0);
  uint32_t magic = kMagic;
  put(out, 0, &magic, 4);
  put64(out, 8, kHeaderV0Size); // version 0.0 is zero
  put64(out, 32, entries.size());
  put64(out, 40, table_offset);
  put64(out, 48, table_length);
  put64(out, 56, metadata_offset);
  put64(out, 64, metadata_length);
  put64(out, 72, storage_offset);
  put64(out, 80, data_at);
  return out;
}

std::vector<uint8_t>
build_irpa(const std::vector<std::pair<std::string, std::vector<uint8_t>>> &entries,
           uint64_t alignment) {
  std::vector<IrpaEntry> data;
  for (const auto &[name, bytes] : entries) {
    IrpaEntry e;
    e.name = name;
    e.bytes = bytes;
    data.push_back(std::move(e));
  }
  return build_irpa_entries(data, alignment);
}

} // namespace kiln::io_parameters
