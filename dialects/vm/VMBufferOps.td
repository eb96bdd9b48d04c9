//===- VMBufferOps.td - vm dialect: Buffer ops -*- tablegen -*-===//

#ifndef KILN_DIALECT_VM_BUFFER_OPS
#define KILN_DIALECT_VM_BUFFER_OPS

include "dialects/vm/VMBase.td"

#endif // KILN_DIALECT_VM_BUFFER_OPS
