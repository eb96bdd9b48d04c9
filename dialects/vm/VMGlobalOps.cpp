//===- VMGlobalOps.cpp - vm dialect: Global ops ---------------------------===//

#include "dialects/vm/VMOps.h"

using namespace mlir;
using namespace mlir::kiln::vm;

#define GET_OP_CLASSES
#include "dialects/vm/VMGlobalOps.cpp.inc"
