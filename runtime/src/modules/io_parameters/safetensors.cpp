// safetensors: u64 header length N, N bytes of JSON, then the data section
// that every entry's data_offsets are relative to. The JSON is read by
// nlohmann-json without exceptions (parse errors come back as a discarded
// value; every value's type is checked before it is read).
#include <cstring>
#include <string>
#include <unordered_set>

#include <nlohmann/json.hpp>

#include "kiln/modules/io_parameters/formats.h"

namespace kiln::io_parameters {
namespace {

using Json = nlohmann::json;

// Element byte size of a safetensors dtype; 0 when unknown.
uint64_t dtype_size(const std::string& dtype) {
  struct Row {
    const char* name;
    uint64_t size;
  };
  static const Row kRows[] = {
      {"BOOL", 1}, {"U8", 1},      {"I8", 1},      {"F8_E4M3", 1}, {"F8_E5M2", 1},
      {"U16", 2},  {"I16", 2},     {"F16", 2},     {"BF16", 2},    {"U32", 4},
      {"I32", 4},  {"F32", 4},     {"U64", 8},     {"I64", 8},     {"F64", 8},
  };
  for (const Row& row : kRows) {
    if (dtype == row.name) return row.size;
  }
  return 0;
}

vm::Status bad_entry(const Storage& storage, const std::string& key, const char* what) {
  return vm::make_status(vm::StatusCode::kInvalidArgument,
                         "safetensors file '%s': entry '%s': %s", storage.name().c_str(),
                         key.c_str(), what);
}

}  // namespace

vm::Status parse_safetensors(const vm::RefT<Storage>& storage, Index* index) {
  const Storage& s = *storage;
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
  const char* text = reinterpret_cast<const char*>(s.data() + 8);
  uint64_t data_start = 8 + header_length;
  uint64_t data_size = s.size() - data_start;

  // Duplicate top-level keys: the JSON library keeps the last one silently,
  // so they are caught while parsing.
  std::unordered_set<std::string> seen;
  std::string duplicate;
  Json::parser_callback_t on_event = [&](int depth, nlohmann::json::parse_event_t event,
                                         Json& parsed) {
    if (event == nlohmann::json::parse_event_t::key && depth == 1 && parsed.is_string()) {
      const std::string& key = parsed.get_ref<const std::string&>();
      if (!seen.insert(key).second && duplicate.empty()) duplicate = key;
    }
    return true;
  };
  Json header = Json::parse(text, text + header_length, on_event,
                            /*allow_exceptions=*/false);
  if (header.is_discarded()) {
    return vm::make_status(vm::StatusCode::kInvalidArgument,
                           "safetensors file '%s': the header is not valid JSON",
                           s.name().c_str());
  }
  if (!header.is_object()) {
    return vm::make_status(vm::StatusCode::kInvalidArgument,
                           "safetensors file '%s': the header is not a JSON object",
                           s.name().c_str());
  }
  if (!duplicate.empty()) {
    return vm::make_status(vm::StatusCode::kAlreadyExists,
                           "safetensors file '%s': duplicate key '%s' in the header",
                           s.name().c_str(), duplicate.c_str());
  }
  for (auto it = header.begin(); it != header.end(); ++it) {
    const std::string& key = it.key();
    if (key == "__metadata__") continue;
    const Json& value = it.value();
    if (!value.is_object()) return bad_entry(s, key, "not a JSON object");
    auto dtype = value.find("dtype");
    auto shape = value.find("shape");
    auto offsets = value.find("data_offsets");
    if (dtype == value.end() || !dtype->is_string()) {
      return bad_entry(s, key, "no \"dtype\" string");
    }
    if (shape == value.end() || !shape->is_array()) {
      return bad_entry(s, key, "no \"shape\" array");
    }
    if (offsets == value.end() || !offsets->is_array() || offsets->size() != 2 ||
        !(*offsets)[0].is_number_unsigned() || !(*offsets)[1].is_number_unsigned()) {
      return bad_entry(s, key, "\"data_offsets\" is not [begin, end] (two unsigned integers)");
    }
    uint64_t begin = (*offsets)[0].get<uint64_t>();
    uint64_t end = (*offsets)[1].get<uint64_t>();
    if (end < begin) return bad_entry(s, key, "\"data_offsets\" end is before begin");
    if (end > data_size) {
      return vm::make_status(vm::StatusCode::kOutOfRange,
                             "safetensors file '%s': entry '%s': data_offsets [%llu, %llu) "
                             "run past the end of the data section (%llu bytes)",
                             s.name().c_str(), key.c_str(),
                             static_cast<unsigned long long>(begin),
                             static_cast<unsigned long long>(end),
                             static_cast<unsigned long long>(data_size));
    }
    const std::string& dtype_name = dtype->get_ref<const std::string&>();
    uint64_t element_size = dtype_size(dtype_name);
    std::string description = dtype_name + " [";
    unsigned __int128 bytes = element_size;
    for (size_t d = 0; d < shape->size(); ++d) {
      const Json& dim = (*shape)[d];
      if (!dim.is_number_unsigned()) {
        return bad_entry(s, key, "a \"shape\" dimension is not an unsigned integer");
      }
      uint64_t n = dim.get<uint64_t>();
      // Both factors are below 2^64 + 1, so the product fits; clamp to keep it so.
      bytes *= n;
      if (bytes > UINT64_MAX) bytes = static_cast<unsigned __int128>(UINT64_MAX) + 1;
      description += (d ? ", " : "") + std::to_string(n);
    }
    description += "]";
    if (element_size && bytes != end - begin) {
      return vm::make_status(vm::StatusCode::kInvalidArgument,
                             "safetensors file '%s': entry '%s': %s needs %llu bytes but "
                             "data_offsets hold %llu",
                             s.name().c_str(), key.c_str(), description.c_str(),
                             static_cast<unsigned long long>(
                                 bytes > UINT64_MAX ? UINT64_MAX : static_cast<uint64_t>(bytes)),
                             static_cast<unsigned long long>(end - begin));
    }
    Entry entry;
    entry.key = key;
    entry.storage = storage;
    entry.offset = data_start + begin;
    entry.length = end - begin;
    entry.description = std::move(description);
    KILN_RETURN_IF_ERROR(index->add(std::move(entry)));
  }
  return vm::Status();
}

}  // namespace kiln::io_parameters
