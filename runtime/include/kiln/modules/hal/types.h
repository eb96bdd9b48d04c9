// IREE's HAL numeric encodings: element types, encoding types, memory types,
// buffer usage bits, memory access bits. The values are IREE's (a program
// compiled for IREE passes these constants to the hal module), so they must
// never be renumbered.
#ifndef KILN_MODULES_HAL_TYPES_H_
#define KILN_MODULES_HAL_TYPES_H_

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "kiln/vm/status.h"

namespace kiln::hal {

// ---- element types: (numerical type << 24) | bit count ----------------------
using ElementType = uint32_t;

namespace numerical {
inline constexpr uint32_t kUnknown = 0x00;
inline constexpr uint32_t kInteger = 0x10;
inline constexpr uint32_t kIntegerSigned = 0x11;
inline constexpr uint32_t kIntegerUnsigned = 0x12;
inline constexpr uint32_t kBoolean = 0x13;
inline constexpr uint32_t kFloat = 0x20;
inline constexpr uint32_t kFloatIeee = 0x21;
inline constexpr uint32_t kFloatBrain = 0x22;
inline constexpr uint32_t kFloatComplex = 0x23;
} // namespace numerical

constexpr ElementType make_element_type(uint32_t numerical_type, uint32_t bits) {
  return (numerical_type << 24) | bits;
}
constexpr uint32_t element_numerical_type(ElementType t) { return (t >> 24) & 0xFF; }
constexpr uint32_t element_bit_count(ElementType t) { return t & 0xFF; }
// Bytes per element when stored densely (rounded up to whole bytes).
constexpr size_t element_byte_size(ElementType t) { return (element_bit_count(t) + 7) / 8; }

namespace element_type {
inline constexpr ElementType kNone = make_element_type(numerical::kUnknown, 0);
inline constexpr ElementType kOpaque8 = make_element_type(numerical::kUnknown, 8);
inline constexpr ElementType kOpaque16 = make_element_type(numerical::kUnknown, 16);
inline constexpr ElementType kOpaque32 = make_element_type(numerical::kUnknown, 32);
inline constexpr ElementType kOpaque64 = make_element_type(numerical::kUnknown, 64);
inline constexpr ElementType kBool8 = make_element_type(numerical::kBoolean, 8);
inline constexpr ElementType kInt8 = make_element_type(numerical::kInteger, 8);
inline constexpr ElementType kSint8 = make_element_type(numerical::kIntegerSigned, 8);
inline constexpr ElementType kUint8 = make_element_type(numerical::kIntegerUnsigned, 8);
inline constexpr ElementType kInt16 = make_element_type(numerical::kInteger, 16);
inline constexpr ElementType kSint16 = make_element_type(numerical::kIntegerSigned, 16);
inline constexpr ElementType kUint16 = make_element_type(numerical::kIntegerUnsigned, 16);
inline constexpr ElementType kInt32 = make_element_type(numerical::kInteger, 32);
inline constexpr ElementType kSint32 = make_element_type(numerical::kIntegerSigned, 32);
inline constexpr ElementType kUint32 = make_element_type(numerical::kIntegerUnsigned, 32);
inline constexpr ElementType kInt64 = make_element_type(numerical::kInteger, 64);
inline constexpr ElementType kSint64 = make_element_type(numerical::kIntegerSigned, 64);
inline constexpr ElementType kUint64 = make_element_type(numerical::kIntegerUnsigned, 64);
inline constexpr ElementType kFloat16 = make_element_type(numerical::kFloatIeee, 16);
inline constexpr ElementType kFloat32 = make_element_type(numerical::kFloatIeee, 32);
inline constexpr ElementType kFloat64 = make_element_type(numerical::kFloatIeee, 64);
inline constexpr ElementType kBfloat16 = make_element_type(numerical::kFloatBrain, 16);
inline constexpr ElementType kComplexFloat64 = make_element_type(numerical::kFloatComplex, 64);
inline constexpr ElementType kComplexFloat128 = make_element_type(numerical::kFloatComplex, 128);
} // namespace element_type

// "f32", "i8", "si32", "ui16", "bf16", "i1" (bool8), "*8" (opaque): IREE's
// spelling.
std::string format_element_type(ElementType type);
// Inverse of format_element_type; INVALID_ARGUMENT naming the text.
vm::StatusOr<ElementType> parse_element_type(std::string_view text);
// IREE's rule for buffer_view.assert: a view of element type `actual` may
// stand where `expected` is asserted when they are equal, when `actual` is
// opaque, or when both are integers (signless, signed, unsigned or boolean)
// of the same width (a numpy int32 array, si32, passes for an i32 tensor).
bool element_types_compatible(ElementType actual, ElementType expected);

// ---- encoding types ---------------------------------------------------------
using EncodingType = uint32_t;
namespace encoding_type {
inline constexpr EncodingType kOpaque = 0;
inline constexpr EncodingType kDenseRowMajor = 1;
} // namespace encoding_type

// ---- memory types (bits) ----------------------------------------------------
using MemoryType = uint32_t;
namespace memory_type {
inline constexpr MemoryType kNone = 0;
inline constexpr MemoryType kOptimal = 1u << 0;
inline constexpr MemoryType kHostVisible = 1u << 1;
inline constexpr MemoryType kHostCoherent = 1u << 2;
inline constexpr MemoryType kHostCached = 1u << 3;
inline constexpr MemoryType kHostLocal = kHostVisible | kHostCoherent | (1u << 6);
inline constexpr MemoryType kDeviceVisible = 1u << 4;
inline constexpr MemoryType kDeviceLocal = kDeviceVisible | (1u << 5);
} // namespace memory_type

// ---- buffer usage (bits) ----------------------------------------------------
using BufferUsage = uint32_t;
namespace buffer_usage {
inline constexpr BufferUsage kNone = 0;
inline constexpr BufferUsage kTransferSource = 1u << 0;
inline constexpr BufferUsage kTransferTarget = 1u << 1;
inline constexpr BufferUsage kTransfer = kTransferSource | kTransferTarget;
inline constexpr BufferUsage kDispatchIndirectParameters = 1u << 8;
inline constexpr BufferUsage kDispatchUniformRead = 1u << 9;
inline constexpr BufferUsage kDispatchStorageRead = 1u << 10;
inline constexpr BufferUsage kDispatchStorageWrite = 1u << 11;
inline constexpr BufferUsage kDispatchStorage = kDispatchStorageRead | kDispatchStorageWrite;
inline constexpr BufferUsage kDispatchImageRead = 1u << 12;
inline constexpr BufferUsage kDispatchImageWrite = 1u << 13;
inline constexpr BufferUsage kSharingExport = 1u << 16;
inline constexpr BufferUsage kSharingReplicate = 1u << 17;
inline constexpr BufferUsage kSharingConcurrent = 1u << 18;
inline constexpr BufferUsage kSharingImmutable = 1u << 19;
inline constexpr BufferUsage kMappingScoped = 1u << 24;
inline constexpr BufferUsage kMappingPersistent = 1u << 25;
inline constexpr BufferUsage kMappingOptional = 1u << 26;
inline constexpr BufferUsage kMappingAccessRandom = 1u << 27;
inline constexpr BufferUsage kMappingAccessSequentialWrite = 1u << 28;
inline constexpr BufferUsage kMapping = kMappingScoped | kMappingAccessRandom;
inline constexpr BufferUsage kDefault = kTransfer | kDispatchStorage;
} // namespace buffer_usage

// ---- memory access (bits) ---------------------------------------------------
using MemoryAccess = uint32_t;
namespace memory_access {
inline constexpr MemoryAccess kNone = 0;
inline constexpr MemoryAccess kRead = 1u << 0;
inline constexpr MemoryAccess kWrite = 1u << 1;
inline constexpr MemoryAccess kDiscard = 1u << 2;
inline constexpr MemoryAccess kAll = kRead | kWrite | kDiscard;
} // namespace memory_access

} // namespace kiln::hal

#endif // KILN_MODULES_HAL_TYPES_H_
