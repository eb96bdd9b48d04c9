//===- VMGlobalOps.td - vm dialect: Global ops -*- tablegen -*-===//

#ifndef KILN_DIALECT_VM_GLOBAL_OPS
#define KILN_DIALECT_VM_GLOBAL_OPS

include "dialects/vm/VMBase.td"

#endif // KILN_DIALECT_VM_GLOBAL_OPS
