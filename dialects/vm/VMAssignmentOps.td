//===- VMAssignmentOps.td - vm dialect: Assignment ops -*- tablegen -*-===//

#ifndef KILN_DIALECT_VM_ASSIGNMENT_OPS
#define KILN_DIALECT_VM_ASSIGNMENT_OPS

include "dialects/vm/VMBase.td"

#endif // KILN_DIALECT_VM_ASSIGNMENT_OPS
