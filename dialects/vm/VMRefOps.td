//===- VMRefOps.td - vm dialect: Ref ops -*- tablegen -*-===//

#ifndef KILN_DIALECT_VM_REF_OPS
#define KILN_DIALECT_VM_REF_OPS

include "dialects/vm/VMBase.td"

#endif // KILN_DIALECT_VM_REF_OPS
