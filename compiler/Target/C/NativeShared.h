//===- NativeShared.h - What the C and LLVM targets share ---------*- C++ -*-===//
//
// The native targets (compiler/Target/C and compiler/Target/LLVM) implement
// one module ABI (runtime/include/kiln/c/module.h) and must agree on how a
// vm op maps to a kiln/c/ops.h helper, which functions take which kind of
// frame, which values a suspension point keeps, and how a location becomes
// a trace line. Those decisions live here, once.
//
//===----------------------------------------------------------------------===//

#ifndef KILN_COMPILER_TARGET_C_NATIVESHARED_H
#define KILN_COMPILER_TARGET_C_NATIVESHARED_H

#include "compiler/Analysis/SuspensionAnalysis.h"

#include "mlir/IR/Location.h"
#include "mlir/IR/Operation.h"
#include "mlir/IR/Region.h"
#include "llvm/ADT/DenseSet.h"
#include "llvm/ADT/SmallPtrSet.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringSet.h"

#include <memory>
#include <optional>
#include <string>
#include <utility>

namespace mlir::kiln::ctarget {

/// How an op that is one kiln/c/ops.h helper call passes its operands.
enum class HelperForm {
  /// helper(operands...) is the result.
  Operands,
  /// helper(operand 1, operand 0): float gt/gte through the lt/lte helper.
  SwappedOperands,
  /// helper(lhs, rhs, &result) returns non-zero on division by zero, which
  /// faults (integer division and remainder).
  DivisionByZeroFault,
};
struct Helper {
  StringRef name;
  HelperForm form;
};
/// The ops.h helper `op` lowers to, by op class (ScalarOps.cpp), or none.
std::optional<Helper> helperOf(Operation &op);

/// True for ops that can neither fail nor call: a function made only of
/// these needs no VM frame (nothing can put it in a trace, it cannot
/// suspend and it cannot recurse).
bool isFramelessOp(Operation &op);

/// The blocks of `region` that a retreating edge (in reverse post-order
/// from the entry) enters: one per loop. Emitted code counts a unit of fuel
/// at each (kiln_fuel_tick), so a function with a loop can fail and never
/// goes frameless.
llvm::SmallPtrSet<Block *, 8> loopHeaders(Region &region);

/// The loop headers where emitted code counts its unit of fuel: those of
/// loopHeaders but the ones whose vm.cond_br carries `fuel_prepaid`
/// (kFuelPrepaidAttrName, vm-prepay-loop-fuel), whose entries
/// vm.fuel.prepay_loop paid for.
llvm::SmallPtrSet<Block *, 8> fuelCountingHeaders(Region &region);

/// The kiln/c/module.h helper vm.fuel.prepay_loop calls, with the
/// function's count (exec, or the address of a light function's local
/// count), then iv, ub and step.
inline StringRef prepayLoopHelper(bool lightFrame) {
  return lightFrame ? "kiln_light_fuel_prepay_loop" : "kiln_fuel_prepay_loop";
}

/// The blocks of `region` on a cycle of its control flow graph.
llvm::SmallPtrSet<Block *, 16> blocksInLoops(Region &region);

/// A function's C frame above which its entry checks the native stack
/// (kiln_stack_check), besides recursive functions: about 8 bytes per vm
/// value it keeps in a C variable.
inline constexpr int64_t kLargeFrameBytes = 2048;

/// Light frames between two stack checks of a small recursive light
/// function (KILN_STACK_CHECK_INTERVAL of kiln/c/module.h).
inline constexpr int64_t kStackCheckInterval = 8;

/// A bound on the C frame of a function with `values` vm values and `ops`
/// ops: a C variable of up to 16 bytes per value or op (unoptimized builds
/// keep every one in its own slot), and room for saved registers and call
/// arguments.
inline int64_t frameEstimate(int64_t values, int64_t ops) { return 16 * (values + ops) + 256; }

/// Recursive light functions whose frameEstimate is at most this check the
/// native stack at every kStackCheckInterval-th light depth only; larger
/// ones on every entry.
inline constexpr int64_t kGatedFrameBytes = 1024;

/// Where a small recursive light function (FunctionClasses::
/// gatedStackCheck) checks the native stack: not on entry but before the
/// first call of each of its blocks (kiln_light_stack_check_fuel, at every
/// kStackCheckInterval-th light depth), so a path that calls nothing (a
/// recursion's leaves: half of fib's calls) passes no check at all. A call
/// later in the same block runs at the same depth and stack pointer, so
/// the block's first check covers it. A frame at a checked depth that
/// calls nothing lies within the margin of the check kStackCheckInterval
/// levels below it, as the frames between two checks always did. Returns
/// true when `call` is the first call of its block that `checked` (the
/// blocks seen so far) has not seen.
inline bool takesStackCheck(Operation &call, llvm::SmallPtrSetImpl<Block *> &checked) {
  return checked.insert(call.getBlock()).second;
}

/// The frame kind of every function of a vm.module and what its entry
/// checks, as both native targets build them.
struct FunctionClasses {
  // Which functions may return DEFERRED: those holding vm.yield or any
  // import call (an import may suspend, e.g. a bytecode function that
  // yields), and every caller of one (SuspensionPolicy::AnyImport).
  std::unique_ptr<vm::SuspensionAnalysis> suspension;
  llvm::StringSet<> light; // functions taking a light frame (and a depth)
  // Functions on a cycle of the module's call graph: their entry checks the
  // native stack (kiln_stack_check_margin; compiled in with KILN_C_BOUNDED),
  // or, for the gatedStackCheck ones, their calls do (takesStackCheck).
  llvm::StringSet<> recursive;
  // Recursive light functions that check the stack at every
  // kStackCheckInterval-th light depth only (kGatedFrameBytes), before
  // their calls (takesStackCheck), and the stack every check leaves room
  // for: kStackCheckInterval frames of the largest of them (frameEstimate).
  llvm::StringSet<> gatedStackCheck;
  int64_t stackMargin = 0;
};

/// Classifies the vm.funcs `funcs` of `vmModule`. Without `lightFrames`
/// every function that is not frameless takes a VM frame.
FunctionClasses classifyFunctions(Operation *vmModule, ArrayRef<Operation *> funcs,
                                  bool lightFrames);

/// True when a function of `region` needs no frame at all: it never
/// suspends, has no loop and holds only frameless ops.
bool isFramelessFunction(Region &region);

/// Innermost first, as the bytecode debug database records it: the file
/// positions of `loc`, each with the function it was inlined from (empty
/// for the function itself).
void decomposeLocation(Location loc, StringRef inlinedFrom,
                       SmallVectorImpl<std::pair<FileLineColLoc, std::string>> &out);

/// The values of vm.func `func` that a resume point needs after the
/// function reloads its frame: the operands of a call it re-issues and
/// every value live across a suspension point.
llvm::DenseSet<Value> valuesLiveAcrossSuspension(Operation *func,
                                                 const vm::SuspensionAnalysis &suspension);

/// A buffer element access: its byte size and the kiln/c/ops.h helper.
struct BufferElement {
  unsigned size;
  StringRef helper;
};

/// vm.buffer.fill.*, vm.buffer.load.* and vm.buffer.store.*: the element and
/// its helper, or nullopt for another op.
std::optional<BufferElement> bufferFillOf(Operation &op);
std::optional<BufferElement> bufferLoadOf(Operation &op);
std::optional<BufferElement> bufferStoreOf(Operation &op);

/// A vm.buffer.load.* / vm.buffer.store.* whose index the compiler proved
/// in range (the `in_range` attribute, vm-version-loops): both native
/// targets compute its byte offset with kInRangeElementHelper instead of the
/// checked kiln_buffer_element.
bool isInRangeAccess(Operation &op);
inline constexpr llvm::StringLiteral kInRangeElementHelper = "kiln_buffer_element_in_range";

} // namespace mlir::kiln::ctarget

#endif // KILN_COMPILER_TARGET_C_NATIVESHARED_H
