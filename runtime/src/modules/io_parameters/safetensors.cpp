// safetensors: u64 header length N, N bytes of JSON, then the data section
// that every entry's data_offsets are relative to. The JSON is read with
// nlohmann-json's SAX interface: no document is built (the index of 1,000
// tensors loads in well under a millisecond), errors come back as values
// (no exceptions), and duplicate keys are seen (a DOM keeps the last).
#include <cstring>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "kiln/modules/io_parameters/formats.h"

namespace kiln::io_parameters {
namespace {

using Json = nlohmann::json;

uint64_t dtype_size(const std::string &dtype) {
  struct Row {
    const char *name;
    uint64_t size;
  };
  static const Row kRows[] = {
      {"BOOL", 1}, {"U8", 1},  {"I8", 1},  {"F8_E4M3", 1}, {"F8_E5M2", 1},
      {"U16", 2},  {"I16", 2}, {"F16", 2}, {"BF16", 2},    {"U32", 4},
      {"I32", 4},  {"F32", 4}, {"U64", 8}, {"I64", 8},     {"F64", 8},
  };
  for (const Row &row : kRows) {
    if (dtype == row.name)
      return row.size;
  }
  return 0;
}

vm::Status bad_entry(const Storage &storage, const std::string &key, const char *what) {
  return vm::make_status(vm::StatusCode::kInvalidArgument, "safetensors file '%s': entry '%s': %s",
                         storage.name().c_str(), key.c_str(), what);
}

// Collects {"name": {"dtype", "shape", "data_offsets"}} entries (other
// fields and "__metadata__" are skipped) and adds each to the index when its
// object closes. Returning false stops the parse; `status` says why.
class HeaderReader {
public:
  using number_integer_t = Json::number_integer_t;
  using number_unsigned_t = Json::number_unsigned_t;
  using number_float_t = Json::number_float_t;
  using string_t = Json::string_t;
  using binary_t = Json::binary_t;

  HeaderReader(const vm::RefT<Storage> &storage, uint64_t data_start, Index *index)
      : storage_(storage), data_start_(data_start), index_(index) {}

  vm::Status status;

  bool null() { return scalar(false, 0); }
  bool boolean(bool) { return scalar(false, 0); }
  bool number_integer(number_integer_t v) {
    return v >= 0 ? scalar(true, static_cast<uint64_t>(v)) : scalar(false, 0);
  }
  bool number_unsigned(number_unsigned_t v) { return scalar(true, v); }
  bool number_float(number_float_t, const string_t &) { return scalar(false, 0); }
  bool binary(binary_t &) { return scalar(false, 0); }
  bool string(string_t &v) {
    if (depth_ == 2 && in_entry() && field_ == Field::kDtype) {
      dtype_ = v;
      has_dtype_ = true;
      return true;
    }
    return scalar(false, 0);
  }
  bool key(string_t &k) {
    if (depth_ == 1) {
      name_ = k;
      metadata_ = name_ == "__metadata__";
    } else if (depth_ == 2 && in_entry()) {
      field_ = k == "dtype"          ? Field::kDtype
               : k == "shape"        ? Field::kShape
               : k == "data_offsets" ? Field::kOffsets
                                     : Field::kOther;
    }
    return true;
  }
  bool start_object(std::size_t) {
    if (depth_ == 1 && !metadata_)
      begin_entry();
    if (depth_ == 2 && in_entry())
      bad_field();
    ++depth_;
    return true;
  }
  bool end_object() {
    --depth_;
    if (depth_ == 1 && in_entry())
      return finish_entry();
    return true;
  }
  bool start_array(std::size_t) {
    if (depth_ == 0)
      return fail("the header is not a JSON object");
    if (depth_ == 1 && !metadata_)
      return fail_entry("not a JSON object");
    if (depth_ == 2 && in_entry()) {
      if (field_ == Field::kShape)
        has_shape_ = true;
      if (field_ == Field::kOffsets)
        has_offsets_ = true;
      if (field_ == Field::kDtype)
        bad_field();
    }
    if (depth_ == 3 && in_entry())
      bad_field();
    ++depth_;
    return true;
  }
  bool end_array() {
    --depth_;
    return true;
  }
  bool parse_error(std::size_t position, const std::string &, const nlohmann::detail::exception &) {
    if (status.ok()) {
      status = vm::make_status(vm::StatusCode::kInvalidArgument,
                               "safetensors file '%s': the header is not valid JSON (at "
                               "byte %zu of the header)",
                               storage_->name().c_str(), position);
    }
    return false;
  }

private:
  enum class Field { kNone, kDtype, kShape, kOffsets, kOther };

  bool in_entry() const { return entry_open_; }
  void begin_entry() {
    entry_open_ = true;
    field_ = Field::kNone;
    dtype_.clear();
    shape_.clear();
    offsets_.clear();
    has_dtype_ = has_shape_ = has_offsets_ = false;
    bad_dtype_ = bad_shape_ = bad_offsets_ = false;
  }
  void bad_field() {
    if (field_ == Field::kShape)
      bad_shape_ = true;
    if (field_ == Field::kOffsets)
      bad_offsets_ = true;
    if (field_ == Field::kDtype)
      bad_dtype_ = true;
  }
  bool scalar(bool is_unsigned, uint64_t v) {
    if (depth_ == 0)
      return fail("the header is not a JSON object");
    if (depth_ == 1 && !metadata_)
      return fail_entry("not a JSON object");
    if (!in_entry())
      return true;
    if (depth_ == 2) {
      bad_field(); // dtype is a string; shape and offsets are arrays
    } else if (depth_ == 3) {
      if (field_ == Field::kShape) {
        if (is_unsigned)
          shape_.push_back(v);
        else
          bad_shape_ = true;
      } else if (field_ == Field::kOffsets) {
        if (is_unsigned)
          offsets_.push_back(v);
        else
          bad_offsets_ = true;
      }
    }
    return true;
  }
  bool fail(const char *what) {
    status = vm::make_status(vm::StatusCode::kInvalidArgument, "safetensors file '%s': %s",
                             storage_->name().c_str(), what);
    return false;
  }
  bool fail_entry(const char *what) {
    status = bad_entry(*storage_, name_, what);
    return false;
  }
  bool finish_entry();

  const vm::RefT<Storage> &storage_;
  uint64_t data_start_;
  Index *index_;
  int depth_ = 0;
  std::string name_;
  bool metadata_ = false;
  bool entry_open_ = false;
  Field field_ = Field::kNone;
  std::string dtype_;
  std::vector<uint64_t> shape_, offsets_;
  bool has_dtype_ = false, has_shape_ = false, has_offsets_ = false;
  bool bad_dtype_ = false, bad_shape_ = false, bad_offsets_ = false;
};

bool HeaderReader::finish_entry() {
  entry_open_ = false;
  const Storage &s = *storage_;
  if (!has_dtype_ || bad_dtype_)
    return fail_entry("no \"dtype\" string");
  if (!has_shape_ || bad_shape_)
    return fail_entry("\"shape\" is not an array of unsigned integers");
  if (!has_offsets_ || bad_offsets_ || offsets_.size() != 2) {
    return fail_entry("\"data_offsets\" is not [begin, end] (two unsigned integers)");
  }
  uint64_t begin = offsets_[0], end = offsets_[1];
  uint64_t data_size = s.size() - data_start_;
  if (end < begin)
    return fail_entry("\"data_offsets\" end is before begin");
  if (end > data_size) {
    status = vm::make_status(
        vm::StatusCode::kOutOfRange,
        "safetensors file '%s': entry '%s': data_offsets [%llu, %llu) "
        "run past the end of the data section (%llu bytes)",
        s.name().c_str(), name_.c_str(), static_cast<unsigned long long>(begin),
        static_cast<unsigned long long>(end), static_cast<unsigned long long>(data_size));
    return false;
  }
  uint64_t element_size = dtype_size(dtype_);
  std::string description = dtype_ + " [";
  unsigned __int128 bytes = element_size;
  for (size_t d = 0; d < shape_.size(); ++d) {
    // Both factors are below 2^64 + 1, so the product fits; clamp to keep it so.
    bytes *= shape_[d];
    if (bytes > UINT64_MAX)
      bytes = static_cast<unsigned __int128>(UINT64_MAX) + 1;
    description += (d ? ", " : "") + std::to_string(shape_[d]);
  }
  description += "]";
  if (element_size && bytes != end - begin) {
    status = vm::make_status(vm::StatusCode::kInvalidArgument,
                             "safetensors file '%s': entry '%s': %s needs %llu bytes but "
                             "data_offsets hold %llu",
                             s.name().c_str(), name_.c_str(), description.c_str(),
                             static_cast<unsigned long long>(
                                 bytes > UINT64_MAX ? UINT64_MAX : static_cast<uint64_t>(bytes)),
                             static_cast<unsigned long long>(end - begin));
    return false;
  }
  Entry entry;
  entry.key = name_;
  entry.storage = storage_;
  entry.offset = data_start_ + begin;
  entry.length = end - begin;
  entry.description = std::move(description);
  status = index_->add(std::move(entry));
  return status.ok();
}

} // namespace

vm::Status parse_safetensors(const vm::RefT<Storage> &storage, Index *index) {
  const Storage &s = *storage;
  if (s.size() < 8) {
    return vm::make_status(vm::StatusCode::kInvalidArgument,
                           "safetensors file '%s' is truncated: %zu bytes, no header "
                           "length",
                           s.name().c_str(), s.size());
  }
  uint64_t header_length = 0;
  std::memcpy(&header_length, s.data(), 8);
  if (header_length > s.size() - 8) {
    return vm::make_status(vm::StatusCode::kInvalidArgument,
                           "safetensors file '%s': header length %llu runs past the "
                           "end of the file (%zu bytes)",
                           s.name().c_str(), static_cast<unsigned long long>(header_length),
                           s.size());
  }
  const char *text = reinterpret_cast<const char *>(s.data() + 8);
  HeaderReader reader(storage, 8 + header_length, index);
  bool parsed = Json::sax_parse(text, text + header_length, &reader);
  if (!reader.status.ok())
    return reader.status;
  if (!parsed) {
    return vm::make_status(vm::StatusCode::kInvalidArgument,
                           "safetensors file '%s': the header is not valid JSON", s.name().c_str());
  }
  return vm::Status();
}

} // namespace kiln::io_parameters
