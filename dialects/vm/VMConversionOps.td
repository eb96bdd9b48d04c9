//===- VMConversionOps.td - vm dialect: Conversion ops -*- tablegen -*-===//

#ifndef KILN_DIALECT_VM_CONVERSION_OPS
#define KILN_DIALECT_VM_CONVERSION_OPS

include "dialects/vm/VMBase.td"

#endif // KILN_DIALECT_VM_CONVERSION_OPS
