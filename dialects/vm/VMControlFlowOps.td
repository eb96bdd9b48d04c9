//===- VMControlFlowOps.td - vm dialect: ControlFlow ops -*- tablegen -*-===//

#ifndef KILN_DIALECT_VM_CONTROLFLOW_OPS
#define KILN_DIALECT_VM_CONTROLFLOW_OPS

include "dialects/vm/VMBase.td"

#endif // KILN_DIALECT_VM_CONTROLFLOW_OPS
