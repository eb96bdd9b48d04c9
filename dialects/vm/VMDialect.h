//===- VMDialect.h - The Kiln vm dialect ------------------------*- C++ -*-===//

#ifndef KILN_DIALECT_VM_VMDIALECT_H
#define KILN_DIALECT_VM_VMDIALECT_H

#include "mlir/IR/Dialect.h"
#include "mlir/IR/DialectImplementation.h"

#include "dialects/vm/VMDialect.h.inc"

#endif // KILN_DIALECT_VM_VMDIALECT_H
