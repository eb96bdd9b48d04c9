//===- VMDebugOps.td - vm dialect: Debug ops -*- tablegen -*-===//

#ifndef KILN_DIALECT_VM_DEBUG_OPS
#define KILN_DIALECT_VM_DEBUG_OPS

include "dialects/vm/VMBase.td"

#endif // KILN_DIALECT_VM_DEBUG_OPS
