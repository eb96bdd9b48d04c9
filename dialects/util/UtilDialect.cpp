//===- UtilDialect.cpp - The Kiln util dialect (inliner hints) ------------===//

#include "dialects/util/UtilDialect.h"

#include "mlir/IR/Builders.h"
#include "llvm/ADT/TypeSwitch.h"

using namespace mlir;
using namespace mlir::kiln::util;

#include "dialects/util/UtilDialect.cpp.inc"

#define GET_ATTRDEF_CLASSES
#include "dialects/util/UtilAttrs.cpp.inc"

void UtilDialect::initialize() {
  addAttributes<
#define GET_ATTRDEF_LIST
#include "dialects/util/UtilAttrs.cpp.inc"
      >();
}
