//===- VMComparisonOps.cpp - vm dialect: Comparison ops ---------------------------===//

#include "dialects/vm/VMOps.h"

using namespace mlir;
using namespace mlir::kiln::vm;

#define GET_OP_CLASSES
#include "dialects/vm/VMComparisonOps.cpp.inc"

//===----------------------------------------------------------------------===//
// Result names in printed IR
//===----------------------------------------------------------------------===//

#define KILN_VM_CMP_RESULT_NAME(OpTy, name)                                                        \
  void OpTy::getAsmResultNames(OpAsmSetValueNameFn setNameFn) { setNameFn(getResult(), name); }

KILN_VM_CMP_RESULT_NAME(CmpEQI32Op, "eq")
KILN_VM_CMP_RESULT_NAME(CmpEQI64Op, "eq")
KILN_VM_CMP_RESULT_NAME(CmpNEI32Op, "ne")
KILN_VM_CMP_RESULT_NAME(CmpNEI64Op, "ne")
KILN_VM_CMP_RESULT_NAME(CmpLTI32SOp, "slt")
KILN_VM_CMP_RESULT_NAME(CmpLTI64SOp, "slt")
KILN_VM_CMP_RESULT_NAME(CmpLTI32UOp, "ult")
KILN_VM_CMP_RESULT_NAME(CmpLTI64UOp, "ult")
KILN_VM_CMP_RESULT_NAME(CmpLTEI32SOp, "slte")
KILN_VM_CMP_RESULT_NAME(CmpLTEI64SOp, "slte")
KILN_VM_CMP_RESULT_NAME(CmpLTEI32UOp, "ulte")
KILN_VM_CMP_RESULT_NAME(CmpLTEI64UOp, "ulte")
KILN_VM_CMP_RESULT_NAME(CmpGTI32SOp, "sgt")
KILN_VM_CMP_RESULT_NAME(CmpGTI64SOp, "sgt")
KILN_VM_CMP_RESULT_NAME(CmpGTI32UOp, "ugt")
KILN_VM_CMP_RESULT_NAME(CmpGTI64UOp, "ugt")
KILN_VM_CMP_RESULT_NAME(CmpGTEI32SOp, "sgte")
KILN_VM_CMP_RESULT_NAME(CmpGTEI64SOp, "sgte")
KILN_VM_CMP_RESULT_NAME(CmpGTEI32UOp, "ugte")
KILN_VM_CMP_RESULT_NAME(CmpGTEI64UOp, "ugte")
KILN_VM_CMP_RESULT_NAME(CmpNZI32Op, "nz")
KILN_VM_CMP_RESULT_NAME(CmpNZI64Op, "nz")
KILN_VM_CMP_RESULT_NAME(CmpEQRefOp, "req")
KILN_VM_CMP_RESULT_NAME(CmpNERefOp, "rne")
KILN_VM_CMP_RESULT_NAME(CmpNZRefOp, "rnz")

#undef KILN_VM_CMP_RESULT_NAME
