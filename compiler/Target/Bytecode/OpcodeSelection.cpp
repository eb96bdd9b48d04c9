//===- OpcodeSelection.cpp - Opcodes from the generated table -------------===//

#include "compiler/Target/Bytecode/OpcodeSelection.h"

#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringRef.h"

namespace mlir::kiln {

using ::kiln::bytecode::kOpcodeCount;
using ::kiln::bytecode::kOpcodeInfo;
using ::kiln::bytecode::Opcode;

OpcodeTable::OpcodeTable(MLIRContext *context) {
  auto add = [&](const char *list, Opcode opcode, bool swapReads) {
    SmallVector<StringRef> names;
    StringRef(list).split(names, ',', -1, false);
    for (StringRef name : names)
      if (std::optional<RegisteredOperationName> registered =
              RegisteredOperationName::lookup(name, context))
        // The first row that lists an op is its generic encoding (vm.call
        // is listed by CALL and CALL_IMPORT; calls are encoded by hand).
        choices.try_emplace(*registered, OpcodeChoice{opcode, swapReads});
  };
  for (uint16_t i = 0; i < kOpcodeCount; ++i) {
    add(kOpcodeInfo[i].vmOps, static_cast<Opcode>(i), false);
    add(kOpcodeInfo[i].swappedVmOps, static_cast<Opcode>(i), true);
  }
}

} // namespace mlir::kiln
