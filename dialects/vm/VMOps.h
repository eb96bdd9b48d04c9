//===- VMOps.h - Ops of the vm dialect --------------------------*- C++ -*-===//
//
// Declares every op of the dialect. Each op family is generated from its own
// VM<Family>Ops.td into its own .inc so the families build in parallel.
//
//===----------------------------------------------------------------------===//

#ifndef KILN_DIALECT_VM_VMOPS_H
#define KILN_DIALECT_VM_VMOPS_H

#include "dialects/vm/VMDialect.h"
#include "dialects/vm/VMTraits.h"
#include "dialects/vm/VMTypes.h"

#include "mlir/Bytecode/BytecodeOpInterface.h"
#include "mlir/IR/Builders.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/OpDefinition.h"
#include "mlir/IR/OpImplementation.h"
#include "mlir/IR/RegionKindInterface.h"
#include "mlir/IR/SymbolTable.h"
#include "mlir/Interfaces/CallInterfaces.h"
#include "mlir/Interfaces/ControlFlowInterfaces.h"
#include "mlir/Interfaces/FunctionInterfaces.h"
#include "mlir/Interfaces/InferTypeOpInterface.h"
#include "mlir/Interfaces/SideEffectInterfaces.h"

#define GET_OP_CLASSES
#include "dialects/vm/VMStructuralOps.h.inc"
#define GET_OP_CLASSES
#include "dialects/vm/VMGlobalOps.h.inc"
#define GET_OP_CLASSES
#include "dialects/vm/VMConstOps.h.inc"
#define GET_OP_CLASSES
#include "dialects/vm/VMArithmeticOps.h.inc"
#define GET_OP_CLASSES
#include "dialects/vm/VMConversionOps.h.inc"
#define GET_OP_CLASSES
#include "dialects/vm/VMComparisonOps.h.inc"
#define GET_OP_CLASSES
#include "dialects/vm/VMAssignmentOps.h.inc"
#define GET_OP_CLASSES
#include "dialects/vm/VMRefOps.h.inc"
#define GET_OP_CLASSES
#include "dialects/vm/VMBufferOps.h.inc"
#define GET_OP_CLASSES
#include "dialects/vm/VMListOps.h.inc"
#define GET_OP_CLASSES
#include "dialects/vm/VMControlFlowOps.h.inc"
#define GET_OP_CLASSES
#include "dialects/vm/VMDebugOps.h.inc"

#endif // KILN_DIALECT_VM_VMOPS_H
