//===- CRodata.cpp - Rodata definitions in emitted C ----------------------===//

#include "compiler/Target/C/CRodata.h"

#include "kiln/vm/limits.h"

#include "llvm/Support/raw_ostream.h"

std::string mlir::kiln::emitAlignedRodata(llvm::StringRef name, llvm::StringRef bytes,
                                          uint64_t alignment) {
  if (alignment == 0)
    alignment = ::kiln::vm::limits::kDefaultRodataAlignment;
  std::string text;
  text.reserve(bytes.size() * 4 + name.size() + 96);
  llvm::raw_string_ostream os(text);
  os << "static const KILN_MODULE_ALIGNAS(" << alignment << ") uint8_t " << name << "["
     << bytes.size() << "] = {";
  for (size_t i = 0; i < bytes.size(); ++i) {
    if (i % 24 == 0)
      os << "\n  ";
    os << static_cast<unsigned>(static_cast<uint8_t>(bytes[i]));
    if (i + 1 < bytes.size())
      os << ",";
  }
  os << "\n};";
  return text;
}
