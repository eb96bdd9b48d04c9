//===- HALDialect.h - The Kiln hal dialect (types only) ---------*- C++ -*-===//

#ifndef KILN_DIALECT_HAL_HALDIALECT_H
#define KILN_DIALECT_HAL_HALDIALECT_H

#include "mlir/IR/BuiltinTypes.h"
#include "mlir/IR/Dialect.h"
#include "mlir/IR/DialectImplementation.h"
#include "mlir/IR/Types.h"

#include "dialects/hal/HALDialect.h.inc"

#define GET_TYPEDEF_CLASSES
#include "dialects/hal/HALTypes.h.inc"

#endif // KILN_DIALECT_HAL_HALDIALECT_H
