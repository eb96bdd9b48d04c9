#include "kiln/modules/io_parameters/formats.h"

#include <cstring>

namespace kiln::io_parameters {

const char *format_name(Format format) {
  switch (format) {
  case Format::kSafetensors:
    return "safetensors";
  case Format::kGguf:
    return "gguf";
  case Format::kIrpa:
    return "irpa";
  }
  return "unknown";
}

vm::StatusOr<Format> detect_format(const Storage &storage) {
  const uint8_t *d = storage.data();
  size_t n = storage.size();
  if (n >= 4 && std::memcmp(d, "IRPA", 4) == 0)
    return Format::kIrpa;
  if (n >= 4 && std::memcmp(d, "GGUF", 4) == 0)
    return Format::kGguf;
  // safetensors: a header length, then the JSON object (maybe after spaces).
  for (size_t i = 8; i < n && i < 64; ++i) {
    if (d[i] == '{')
      return Format::kSafetensors;
    if (d[i] != ' ' && d[i] != '\n' && d[i] != '\t' && d[i] != '\r')
      break;
  }
  return vm::make_status(vm::StatusCode::kInvalidArgument,
                         "parameter file '%s' (%zu bytes) is not safetensors, GGUF or "
                         "IRPA (unrecognized first bytes)",
                         storage.name().c_str(), n);
}

vm::Status parse_storage(const vm::RefT<Storage> &storage, Index *index) {
  KILN_ASSIGN_OR_RETURN(Format format, detect_format(*storage));
  switch (format) {
  case Format::kSafetensors:
    KILN_RETURN_IF_ERROR(parse_safetensors(storage, index));
    break;
  case Format::kGguf:
    KILN_RETURN_IF_ERROR(parse_gguf(storage, index));
    break;
  case Format::kIrpa:
    KILN_RETURN_IF_ERROR(parse_irpa(storage, index));
    break;
  }
  return index->check_overlaps(*storage);
}

} // namespace kiln::io_parameters
