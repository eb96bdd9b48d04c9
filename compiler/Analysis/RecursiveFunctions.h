//===- RecursiveFunctions.h - Functions that can reach themselves -*- C++ -*-===//
//
// One answer to "can this function call itself, directly or through other
// functions?" for the inliner (which must not inline such a function into
// itself) and the C target (which checks the native stack in such
// functions). Linear in the call graph, and iterative so that a call chain
// tens of thousands deep cannot overflow the compiler's own stack.
//
//===----------------------------------------------------------------------===//

#ifndef KILN_COMPILER_ANALYSIS_RECURSIVEFUNCTIONS_H
#define KILN_COMPILER_ANALYSIS_RECURSIVEFUNCTIONS_H

#include "mlir/IR/Operation.h"

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/DenseSet.h"
#include "llvm/ADT/SmallVector.h"

namespace mlir::kiln::vm {

/// The call graph as the callers see it: each function's internal callees
/// (repeats allowed; functions absent from the map call nothing).
using CalleeMap = llvm::DenseMap<Operation *, llvm::SmallVector<Operation *>>;

/// The functions among `functions` that lie on a cycle of `callees`: members
/// of a strongly connected component with more than one function, or with a
/// call to themselves (Tarjan's algorithm).
llvm::DenseSet<Operation *> findRecursiveFunctions(llvm::ArrayRef<Operation *> functions,
                                                   const CalleeMap &callees);

/// The call graph of the vm.func ops in `module`'s body (calls through
/// CallOpInterface whose callee is one of them).
CalleeMap collectInternalCallees(Operation *module);

} // namespace mlir::kiln::vm

#endif // KILN_COMPILER_ANALYSIS_RECURSIVEFUNCTIONS_H
