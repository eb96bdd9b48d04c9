// Parameter file formats: each parser reads the table of one storage into
// an Index, checking every offset against the storage before it is used.
// Errors name the file (Storage::name) and, where there is one, the entry.
//
//  * safetensors: an 8-byte little-endian header length, a JSON header
//    {"name": {"dtype", "shape", "data_offsets": [begin, end]}, ...,
//    "__metadata__": {...}} and the data section the offsets are relative
//    to.
//  * GGUF (versions 2 and 3): header, metadata key/values, the tensor table
//    (name, dims, ggml type, offset) and the data section, aligned to
//    general.alignment (default 32). Lengths come from the ggml type's block
//    size and the dims.
//  * IRPA (IREE parameter archive, version 0.0): linked archive headers,
//    entry table (skip, splat, data), metadata and storage segments.
#ifndef KILN_MODULES_IO_PARAMETERS_FORMATS_H_
#define KILN_MODULES_IO_PARAMETERS_FORMATS_H_

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "kiln/modules/io_parameters/index.h"
#include "kiln/vm/ref.h"
#include "kiln/vm/status.h"

namespace kiln::io_parameters {

enum class Format { kSafetensors, kGguf, kIrpa };

const char *format_name(Format format);

// By the first bytes ("IRPA", "GGUF", or a safetensors header length
// followed by '{').
vm::StatusOr<Format> detect_format(const Storage &storage);

vm::Status parse_safetensors(const vm::RefT<Storage> &storage, Index *index);
vm::Status parse_gguf(const vm::RefT<Storage> &storage, Index *index);
vm::Status parse_irpa(const vm::RefT<Storage> &storage, Index *index);
// detect_format, then the parser; then Index::check_overlaps.
vm::Status parse_storage(const vm::RefT<Storage> &storage, Index *index);

// An entry of an IRPA file to build: bytes, or (pattern_length > 0) a
// splat of `pattern` over splat_length bytes.
struct IrpaEntry {
  std::string name;
  std::vector<uint8_t> bytes;
  uint64_t splat_length = 0;
  uint8_t pattern[16] = {};
  uint8_t pattern_length = 0;

  bool is_splat() const { return pattern_length != 0; }
};

// An IRPA file (one archive; data entries each aligned to `alignment`
// bytes in the file) holding `entries` in order.
std::vector<uint8_t> build_irpa_entries(const std::vector<IrpaEntry> &entries,
                                        uint64_t alignment = 64);
// The same for data entries given as (name, bytes).
std::vector<uint8_t>
build_irpa(const std::vector<std::pair<std::string, std::vector<uint8_t>>> &entries,
           uint64_t alignment = 64);

} // namespace kiln::io_parameters

#endif // KILN_MODULES_IO_PARAMETERS_FORMATS_H_
