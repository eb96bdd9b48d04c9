//===- UtilDialect.h - The Kiln util dialect (inliner hints) ----*- C++ -*-===//

#ifndef KILN_DIALECT_UTIL_UTILDIALECT_H
#define KILN_DIALECT_UTIL_UTILDIALECT_H

#include "mlir/IR/Attributes.h"
#include "mlir/IR/Dialect.h"
#include "mlir/IR/DialectImplementation.h"

#include "dialects/util/UtilDialect.h.inc"

#define GET_ATTRDEF_CLASSES
#include "dialects/util/UtilAttrs.h.inc"

#endif // KILN_DIALECT_UTIL_UTILDIALECT_H
