//===- HALDialect.cpp - The Kiln hal dialect (types only) -----------------===//

#include "dialects/hal/HALDialect.h"

#include "mlir/IR/Builders.h"
#include "llvm/ADT/TypeSwitch.h"

using namespace mlir;
using namespace mlir::kiln::hal;

#include "dialects/hal/HALDialect.cpp.inc"

#define GET_TYPEDEF_CLASSES
#include "dialects/hal/HALTypes.cpp.inc"

void HALDialect::initialize() {
  addTypes<
#define GET_TYPEDEF_LIST
#include "dialects/hal/HALTypes.cpp.inc"
      >();
}
