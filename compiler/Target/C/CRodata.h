//===- CRodata.h - Rodata definitions in emitted C --------------*- C++ -*-===//

#ifndef KILN_COMPILER_TARGET_C_CRODATA_H
#define KILN_COMPILER_TARGET_C_CRODATA_H

#include "llvm/ADT/StringRef.h"

#include <cstdint>
#include <string>

namespace mlir::kiln {

/// `static const KILN_MODULE_ALIGNAS(alignment) uint8_t name[size] = {...};`
/// for `bytes` (not empty): the data starts at a multiple of `alignment`
/// (0: the default rodata alignment of kiln/vm/limits.h), as a .vmfb's
/// rodata does.
std::string emitAlignedRodata(llvm::StringRef name, llvm::StringRef bytes, uint64_t alignment);

} // namespace mlir::kiln

#endif // KILN_COMPILER_TARGET_C_CRODATA_H
