// The fixed part of the .vmfb container (docs/bytecode.md, "File layout"):
// one definition that the compiler's writer and JSON view and the runtime's
// loader all read, so the header cannot drift between them.
#ifndef KILN_BYTECODE_FILE_FORMAT_H_
#define KILN_BYTECODE_FILE_FORMAT_H_

#include <cstddef>
#include <cstdint>

#include "kiln/vm/limits.h"

namespace kiln::bytecode {

inline constexpr char kFileMagic[8] = {'K', 'I', 'L', 'N', 'V', 'M', 'F', 'B'};
inline constexpr uint32_t kFormatVersion = 2;
// magic[8], u32 format_version, u32 reserved, u64 flatbuffer_length,
// u64 external_offset, then zeros up to 64 bytes; the Module FlatBuffer
// follows. The header is 64 bytes so that the FlatBuffer, whose embedded
// rodata vectors are 64-byte aligned relative to its start, keeps them
// 64-byte aligned in the file and in a mapped or 64-byte aligned copy.
inline constexpr size_t kFileHeaderSize = 64;
inline constexpr size_t kFlatbufferLengthOffset = 16;
inline constexpr size_t kExternalOffsetOffset = 24;
// External rodata segments start at multiples of this; it is also the
// largest rodata alignment a file can promise, and the alignment the loader
// gives module data it has to copy.
inline constexpr size_t kExternalAlignment = 64;
inline constexpr size_t kMaxRodataAlignment = vm::limits::kMaxRodataAlignment;

} // namespace kiln::bytecode

#endif // KILN_BYTECODE_FILE_FORMAT_H_
