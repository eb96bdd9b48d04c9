//===- VMArithmeticOps.td - vm dialect: Arithmetic ops -*- tablegen -*-===//

#ifndef KILN_DIALECT_VM_ARITHMETIC_OPS
#define KILN_DIALECT_VM_ARITHMETIC_OPS

include "dialects/vm/VMBase.td"

#endif // KILN_DIALECT_VM_ARITHMETIC_OPS
