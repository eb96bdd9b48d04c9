//===- GlobalAccess.h - Kinds of direct global access ----------*- C++ -*-===//
//
// The op classes that read or write one global they name, for the passes
// that reason about globals (FoldImmutableGlobals, InlineInitializerConstants,
// GlobalInitialization): one list, so a new global op is added once.
//
//===----------------------------------------------------------------------===//

#ifndef KILN_COMPILER_TRANSFORMS_GLOBALACCESS_H
#define KILN_COMPILER_TRANSFORMS_GLOBALACCESS_H

#include "dialects/vm/VMOps.h"

namespace mlir::kiln::vm {

/// A scalar global (i32, i64, f32, f64).
inline bool isScalarGlobal(Operation *op) {
  return isa<GlobalI32Op, GlobalI64Op, GlobalF32Op, GlobalF64Op>(op);
}

/// A store of a scalar to the global the op names.
inline bool isScalarGlobalStore(Operation *op) {
  return isa<GlobalStoreI32Op, GlobalStoreI64Op, GlobalStoreF32Op, GlobalStoreF64Op>(op);
}

/// A load of the global the op names (scalar or ref).
inline bool isDirectGlobalLoad(Operation *op) {
  return isa<GlobalLoadI32Op, GlobalLoadI64Op, GlobalLoadF32Op, GlobalLoadF64Op, GlobalLoadRefOp>(
      op);
}

/// A direct load or store: its only effect is on the global it names.
inline bool isDirectGlobalAccess(Operation *op) {
  return isDirectGlobalLoad(op) || isScalarGlobalStore(op) || isa<GlobalStoreRefOp>(op);
}

} // namespace mlir::kiln::vm

#endif // KILN_COMPILER_TRANSFORMS_GLOBALACCESS_H
