//===- VMStructuralOps.td - vm dialect: Structural ops -*- tablegen -*-===//

#ifndef KILN_DIALECT_VM_STRUCTURAL_OPS
#define KILN_DIALECT_VM_STRUCTURAL_OPS

include "dialects/vm/VMBase.td"

#endif // KILN_DIALECT_VM_STRUCTURAL_OPS
