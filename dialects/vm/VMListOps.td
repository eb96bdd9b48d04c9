//===- VMListOps.td - vm dialect: List ops -*- tablegen -*-===//

#ifndef KILN_DIALECT_VM_LIST_OPS
#define KILN_DIALECT_VM_LIST_OPS

include "dialects/vm/VMBase.td"

#endif // KILN_DIALECT_VM_LIST_OPS
