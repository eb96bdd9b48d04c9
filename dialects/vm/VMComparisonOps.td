//===- VMComparisonOps.td - vm dialect: Comparison ops -*- tablegen -*-===//

#ifndef KILN_DIALECT_VM_COMPARISON_OPS
#define KILN_DIALECT_VM_COMPARISON_OPS

include "dialects/vm/VMBase.td"

#endif // KILN_DIALECT_VM_COMPARISON_OPS
