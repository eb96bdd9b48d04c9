// GGUF (versions 2 and 3, little-endian): magic "GGUF", u32 version, u64
// tensor count, u64 metadata count, the metadata key/values (only
// general.alignment is used), the tensor table and the data section at the
// next multiple of the alignment. Every read is bounds-checked by Reader.
#include <cstring>
#include <string>

#include "kiln/modules/io_parameters/formats.h"

namespace kiln::io_parameters {
namespace {

// Metadata value types.
enum : uint32_t {
  kU8 = 0,
  kI8,
  kU16,
  kI16,
  kU32,
  kI32,
  kF32,
  kBool,
  kString,
  kArray,
  kU64,
  kI64,
  kF64,
};

uint64_t scalar_size(uint32_t type) {
  switch (type) {
  case kU8:
  case kI8:
  case kBool:
    return 1;
  case kU16:
  case kI16:
    return 2;
  case kU32:
  case kI32:
  case kF32:
    return 4;
  case kU64:
  case kI64:
  case kF64:
    return 8;
  default:
    return 0;
  }
}

struct GgmlType {
  uint32_t id;
  const char *name;
  uint64_t block; // elements per block
  uint64_t bytes; // bytes per block
};
const GgmlType kGgmlTypes[] = {
    {0, "f32", 1, 4},       {1, "f16", 1, 2},       {2, "q4_0", 32, 18},    {3, "q4_1", 32, 20},
    {6, "q5_0", 32, 22},    {7, "q5_1", 32, 24},    {8, "q8_0", 32, 34},    {9, "q8_1", 32, 36},
    {10, "q2_k", 256, 84},  {11, "q3_k", 256, 110}, {12, "q4_k", 256, 144}, {13, "q5_k", 256, 176},
    {14, "q6_k", 256, 210}, {15, "q8_k", 256, 292}, {24, "i8", 1, 1},       {25, "i16", 1, 2},
    {26, "i32", 1, 4},      {27, "i64", 1, 8},      {28, "f64", 1, 8},      {30, "bf16", 1, 2},
};

class Reader {
public:
  explicit Reader(const Storage &storage) : s_(storage) {}
  uint64_t offset() const { return offset_; }
  template <typename T> vm::Status read(T *out, const char *what) {
    if (sizeof(T) > s_.size() - offset_)
      return truncated(what);
    std::memcpy(out, s_.data() + offset_, sizeof(T));
    offset_ += sizeof(T);
    return vm::Status();
  }
  vm::Status skip(uint64_t n, const char *what) {
    if (n > s_.size() - offset_)
      return truncated(what);
    offset_ += n;
    return vm::Status();
  }
  vm::Status string(std::string *out, const char *what) {
    uint64_t n = 0;
    KILN_RETURN_IF_ERROR(read(&n, what));
    if (n > s_.size() - offset_)
      return truncated(what);
    out->assign(reinterpret_cast<const char *>(s_.data() + offset_), n);
    offset_ += n;
    return vm::Status();
  }
  vm::Status truncated(const char *what) const {
    return vm::make_status(vm::StatusCode::kOutOfRange,
                           "GGUF file '%s' is truncated: %s at offset %llu runs past "
                           "the end (%zu bytes)",
                           s_.name().c_str(), what, static_cast<unsigned long long>(offset_),
                           s_.size());
  }
  const Storage &storage() const { return s_; }

private:
  const Storage &s_;
  uint64_t offset_ = 0;
};

vm::Status skip_value(Reader &r, uint32_t type, int depth) {
  if (uint64_t n = scalar_size(type))
    return r.skip(n, "a metadata value");
  if (type == kString) {
    uint64_t n = 0;
    KILN_RETURN_IF_ERROR(r.read(&n, "a metadata string"));
    return r.skip(n, "a metadata string");
  }
  if (type != kArray || depth > 4) {
    return vm::make_status(vm::StatusCode::kInvalidArgument,
                           "GGUF file '%s': metadata value type %u at offset %llu is "
                           "not valid",
                           r.storage().name().c_str(), type,
                           static_cast<unsigned long long>(r.offset()));
  }
  uint32_t element_type = 0;
  uint64_t count = 0;
  KILN_RETURN_IF_ERROR(r.read(&element_type, "a metadata array"));
  KILN_RETURN_IF_ERROR(r.read(&count, "a metadata array"));
  if (uint64_t n = scalar_size(element_type)) {
    if (count > UINT64_MAX / n)
      return r.truncated("a metadata array");
    return r.skip(count * n, "a metadata array");
  }
  // Each element takes at least 8 bytes, so the loop ends with the file.
  for (uint64_t i = 0; i < count; ++i) {
    KILN_RETURN_IF_ERROR(skip_value(r, element_type, depth + 1));
  }
  return vm::Status();
}

vm::Status bad_tensor(const Storage &s, const std::string &name, const std::string &what) {
  return vm::make_status(vm::StatusCode::kInvalidArgument, "GGUF file '%s': tensor '%s': %s",
                         s.name().c_str(), name.c_str(), what.c_str());
}

} // namespace

vm::Status parse_gguf(const vm::RefT<Storage> &storage, Index *index) {
  const Storage &s = *storage;
  Reader r(s);
  uint32_t magic = 0, version = 0;
  uint64_t tensor_count = 0, kv_count = 0;
  KILN_RETURN_IF_ERROR(r.read(&magic, "the header"));
  if (std::memcmp(&magic, "GGUF", 4) != 0) {
    return vm::make_status(vm::StatusCode::kInvalidArgument, "file '%s' is not GGUF (bad magic)",
                           s.name().c_str());
  }
  KILN_RETURN_IF_ERROR(r.read(&version, "the header"));
  if (version == 0x02000000u || version == 0x03000000u) {
    return vm::make_status(vm::StatusCode::kUnimplemented,
                           "GGUF file '%s' is big-endian; only little-endian GGUF is "
                           "supported",
                           s.name().c_str());
  }
  if (version != 2 && version != 3) {
    return vm::make_status(vm::StatusCode::kUnimplemented,
                           "GGUF file '%s': version %u is not supported (2 and 3 are)",
                           s.name().c_str(), version);
  }
  KILN_RETURN_IF_ERROR(r.read(&tensor_count, "the header"));
  KILN_RETURN_IF_ERROR(r.read(&kv_count, "the header"));

  uint64_t alignment = 32;
  for (uint64_t i = 0; i < kv_count; ++i) {
    std::string key;
    uint32_t type = 0;
    KILN_RETURN_IF_ERROR(r.string(&key, "a metadata key"));
    KILN_RETURN_IF_ERROR(r.read(&type, "a metadata value type"));
    if (key == "general.alignment" && type == kU32) {
      uint32_t a = 0;
      KILN_RETURN_IF_ERROR(r.read(&a, "general.alignment"));
      if (a == 0 || (a & (a - 1)) != 0) {
        return vm::make_status(vm::StatusCode::kInvalidArgument,
                               "GGUF file '%s': general.alignment %u is not a power of two",
                               s.name().c_str(), a);
      }
      alignment = a;
      continue;
    }
    KILN_RETURN_IF_ERROR(skip_value(r, type, 0));
  }

  struct Tensor {
    std::string name;
    uint64_t offset;
    uint64_t length;
    std::string description;
  };
  std::vector<Tensor> tensors;
  for (uint64_t i = 0; i < tensor_count; ++i) {
    Tensor t;
    uint32_t n_dims = 0, type = 0;
    KILN_RETURN_IF_ERROR(r.string(&t.name, "a tensor name"));
    KILN_RETURN_IF_ERROR(r.read(&n_dims, "a tensor's rank"));
    if (n_dims > 8)
      return bad_tensor(s, t.name, "rank " + std::to_string(n_dims) + " > 8");
    unsigned __int128 elements = 1;
    std::string dims;
    for (uint32_t d = 0; d < n_dims; ++d) {
      uint64_t n = 0;
      KILN_RETURN_IF_ERROR(r.read(&n, "a tensor dimension"));
      elements *= n;
      if (elements > UINT64_MAX)
        return bad_tensor(s, t.name, "too many elements");
      dims += (d ? ", " : "") + std::to_string(n);
    }
    KILN_RETURN_IF_ERROR(r.read(&type, "a tensor type"));
    KILN_RETURN_IF_ERROR(r.read(&t.offset, "a tensor offset"));
    const GgmlType *ggml = nullptr;
    for (const GgmlType &g : kGgmlTypes) {
      if (g.id == type)
        ggml = &g;
    }
    if (!ggml)
      return bad_tensor(s, t.name, "ggml type " + std::to_string(type) + " is not supported");
    if (elements % ggml->block != 0) {
      return bad_tensor(s, t.name,
                        std::to_string(static_cast<uint64_t>(elements)) +
                            " elements are not whole " + ggml->name + " blocks");
    }
    t.length = static_cast<uint64_t>(elements / ggml->block * ggml->bytes);
    if (t.offset % alignment != 0) {
      return bad_tensor(s, t.name,
                        "offset " + std::to_string(t.offset) +
                            " is not a multiple of the alignment " + std::to_string(alignment));
    }
    t.description = std::string(ggml->name) + " [" + dims + "]";
    tensors.push_back(std::move(t));
  }
  uint64_t data_start = (r.offset() + alignment - 1) / alignment * alignment;
  if (data_start > s.size())
    return r.truncated("the data section");
  uint64_t data_size = s.size() - data_start;
  for (Tensor &t : tensors) {
    if (t.offset > data_size || t.length > data_size - t.offset) {
      return vm::make_status(
          vm::StatusCode::kOutOfRange,
          "GGUF file '%s': tensor '%s' (offset %llu, %llu bytes) runs "
          "past the end of the data section (%llu bytes)",
          s.name().c_str(), t.name.c_str(), static_cast<unsigned long long>(t.offset),
          static_cast<unsigned long long>(t.length), static_cast<unsigned long long>(data_size));
    }
    Entry entry;
    entry.key = std::move(t.name);
    entry.storage = storage;
    entry.offset = data_start + t.offset;
    entry.length = t.length;
    entry.description = std::move(t.description);
    KILN_RETURN_IF_ERROR(index->add(std::move(entry)));
  }
  return vm::Status();
}

} // namespace kiln::io_parameters
