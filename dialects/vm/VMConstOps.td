//===- VMConstOps.td - vm dialect: Const ops -*- tablegen -*-===//

#ifndef KILN_DIALECT_VM_CONST_OPS
#define KILN_DIALECT_VM_CONST_OPS

include "dialects/vm/VMBase.td"

#endif // KILN_DIALECT_VM_CONST_OPS
