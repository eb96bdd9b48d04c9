//===- Passes.td - Kiln vm passes -*- tablegen -*-===//
//
// The passes that prepare a vm module for the bytecode and C targets.
//
//===----------------------------------------------------------------------===//

#ifndef KILN_COMPILER_TRANSFORMS_PASSES
#define KILN_COMPILER_TRANSFORMS_PASSES

include "mlir/Pass/PassBase.td"

def VMLowerChecksPass : Pass<"vm-lower-checks", "::mlir::kiln::vm::ModuleOp"> {
  let summary = "lowers vm.check.* to a comparison and a vm.cond_fail";
  let description = [{
    Each `vm.check.eq`, `vm.check.ne`, `vm.check.nz` and
    `vm.check.nearly_eq` becomes a comparison computing whether the check
    fails and a `vm.cond_fail` with status FAILED_PRECONDITION (9), the
    op's location and its message (or a default one naming the check).
  }];
  let dependentDialects = ["::mlir::kiln::vm::VMDialect"];
}

def VMInlineInitializerConstantsPass
    : Pass<"vm-inline-initializer-constants", "::mlir::kiln::vm::ModuleOp"> {
  let summary = "moves constant stores of vm.initializer into initial values";
  let description = [{
    A constant stored to a scalar global in an initializer's entry block
    becomes the global's `initial_value` when nothing before it (earlier
    initializers, earlier ops of the block) names the global or has effects
    beyond a global it names. Initializers left empty are erased. One walk in
    module order: linear in the module.
  }];
  let dependentDialects = ["::mlir::kiln::vm::VMDialect"];
}

def VMGlobalInitializationPass
    : Pass<"vm-global-initialization", "::mlir::kiln::vm::ModuleOp"> {
  let summary = "gathers global initial values and initializers into @__init";
  let description = [{
    Stores the initial values of mutable scalar globals, then runs the
    bodies of every `vm.initializer` in module order, in one function
    `@__init` that is exported as `__init` so that the runtime runs it when
    it creates the module's state. The initializers are removed. When there
    is nothing to do no function is created.
  }];
  let dependentDialects = ["::mlir::kiln::vm::VMDialect"];
}

def VMHoistInlinedRodataPass
    : Pass<"vm-hoist-inlined-rodata", "::mlir::kiln::vm::ModuleOp"> {
  let summary = "moves vm.rodata.inline data to module-level vm.rodata";
  let description = [{
    Each `vm.rodata.inline` becomes a private `vm.rodata` placed before the
    function that used it plus a `vm.const.ref.rodata`; each
    `vm.rodata.table.inline` becomes two (the table and the concatenated
    data).
  }];
  let dependentDialects = ["::mlir::kiln::vm::VMDialect"];
}

def VMDeduplicateRodataPass
    : Pass<"vm-deduplicate-rodata", "::mlir::kiln::vm::ModuleOp"> {
  let summary = "merges private vm.rodata with identical contents";
  let description = [{
    Private `vm.rodata` ops with the same bytes, alignment and mime type are
    merged into the first of them; references to the others are redirected.
  }];
}

def VMFoldImmutableGlobalsPass
    : Pass<"vm-fold-immutable-globals", "::mlir::kiln::vm::ModuleOp"> {
  let summary = "replaces loads of never-stored immutable globals with constants";
  let description = [{
    A global that is not `mutable` and that nothing in the module stores to
    (not even an initializer) or takes the address of always holds its
    initial value (zero when it has none, null for refs). Each direct load of
    such a global is replaced with that constant, and every other load of an
    immutable global whose address is never taken is marked `immutable` (it
    reads nothing that changes after initialization). The symbol uses of the
    whole module are gathered in one walk, so the pass is linear in the size
    of the module (a per-load folder would rescan the module for every load).
  }];
}

def VMNormalizeCallSegmentsPass
    : Pass<"vm-normalize-call-segments", "::mlir::kiln::vm::ModuleOp"> {
  let summary = "gives plain arguments of variadic calls the segment size -1";
  let description = [{
    A `vm.call.variadic` or `vm.call.variadic.yieldable` describes each
    argument of its callee with a segment size: the operand count of a
    variadic argument, -1 for a plain one. IREE's runtime reads a size only
    where the callee is variadic, and programs written for it (IREE's own VM
    tests among them) may give a plain argument's size as 1. This pass
    rewrites those to -1, so the targets can read variadic-ness from the
    sizes alone. It runs first in the preparation pipeline; one symbol table
    for the module keeps it linear.
  }];
}

def VMDropOptimizationBarriersPass
    : Pass<"vm-drop-optimization-barriers", "::mlir::kiln::vm::ModuleOp"> {
  let summary = "removes vm.optimization_barrier ops";
  let description = [{
    Replaces the results of each `vm.optimization_barrier` with its operands.
  }];
}

def VMDropUnusedSymbolsPass
    : Pass<"vm-drop-unused-symbols", "::mlir::kiln::vm::ModuleOp"> {
  let summary = "removes unreferenced private functions, globals and rodata";
  let description = [{
    Erases private `vm.func`, `vm.import`, globals and `vm.rodata` that no
    live code refers to, iterating until nothing more goes away. Exported
    functions, their callees and `@__init` are always kept.
  }];
}

def VMInlinePass : Pass<"vm-inline", "::mlir::kiln::vm::ModuleOp"> {
  let summary = "inlines small private vm functions";
  let description = [{
    Inlines calls (`vm.call`) to private, non-recursive functions with a
    body when the callee is small (at most `max-ops` ops) or has a single
    call site. A callee with `noinline` or an `inlining_policy` that says
    never is left alone; `inlining_policy` saying always forces inlining.
    Callees left without calls are erased when private.
  }];
  let options = [
    Option<"maxOps", "max-ops", "unsigned", /*default=*/"8",
           "largest callee body (in ops) inlined at any number of sites">,
    Option<"maxSingleSiteOps", "max-single-site-ops", "unsigned",
           /*default=*/"256",
           "largest callee body inlined when it has one call site">,
  ];
  let dependentDialects = ["::mlir::kiln::vm::VMDialect"];
}

def VMOrdinalAllocationPass
    : Pass<"vm-ordinal-allocation", "::mlir::kiln::vm::ModuleOp"> {
  let summary = "numbers imports, exports, functions, globals and rodata";
  let description = [{
    Sets `ordinal` on every import, export, internal function, ref global
    and rodata (each kind counted from 0 in module order), and on every
    scalar global its byte offset in the module's global byte area (largest
    first, naturally aligned). Sets the module's `ordinal_counts`.
  }];
}

def VMYieldableAnalysisPass
    : Pass<"vm-yieldable-analysis", "::mlir::kiln::vm::ModuleOp"> {
  let summary = "marks functions that may suspend with vm.yieldable";
  let description = [{
    A function may suspend when it contains `vm.yield`,
    `vm.call.yieldable` or `vm.call.variadic.yieldable`, or calls a
    function or import (with the `vm.yield` attribute) that may. Such
    functions get the unit attribute `vm.yieldable`; stale markers on the
    others are removed.
  }];
}

def VMVersionLoopsPass : Pass<"vm-version-loops", "::mlir::kiln::vm::ModuleOp"> {
  let summary = "gives innermost loops a copy without per-element index checks";
  let description = [{
    For the native targets (C and LLVM; never run for bytecode). An
    innermost loop in the form scf.for lowers to (header comparing an i64
    induction variable with a loop-invariant bound, a positive constant
    step, one exit) whose `vm.buffer.load.*` / `vm.buffer.store.*` read a
    loop-invariant buffer at an index affine in the induction variable
    (add, sub, mul, fma of it and loop-invariant values) is versioned: before
    the loop, a check compares each such access's index at the lower bound
    and at the upper bound minus one (the range the induction variable stays
    in) with the buffer's element count, computing both
    exactly (an operation that could overflow i64 fails the check), and
    branches to a copy of the loop whose accesses carry `in_range` or to the
    original loop. Empty loops, null buffers, and buffers that may hold a
    ref of another type (function arguments) keep the original loop, so
    every error is raised by the same op with the same status as before.
    The new blocks go after the function's existing ones, so its ops keep
    their positions.

    Only this pass decides what is in range: it first drops every `in_range`
    the input carries, so text handed to the compiler (or to the JIT) cannot
    turn a checked access into an unchecked one. With `version=false` that
    is all it does.
  }];
  let options = [
    Option<"version", "version", "bool", /*default=*/"true",
           "version loops (false: only drop the input's in_range attributes)">,
  ];
  let dependentDialects = ["::mlir::kiln::vm::VMDialect"];
}

def VMPrepayLoopFuelPass : Pass<"vm-prepay-loop-fuel", "::mlir::kiln::vm::ModuleOp"> {
  let summary = "counted loops of bounded native modules take their fuel up front";
  let description = [{
    For the native targets (C and LLVM) of bounded modules; never run for
    bytecode. A counted loop (the form scf.for lowers to: an i32 or i64
    induction variable compared with a loop-invariant bound, a positive
    constant step, no way out but the header's test, no loop inside) whose
    body makes no call and does not yield, and whose header ops cannot fail
    and have no effects, gets a second header between its header and its
    body: at each entry of the header (which still counts its unit of fuel)
    `vm.fuel.prepay_loop` takes the units of the next iterations' header
    entries at once (up to what the function's count holds, and never past
    the last iteration), and the second header, whose `vm.cond_br` carries
    `fuel_prepaid`, runs those iterations without counting, then returns to
    the header. Every header entry is charged exactly once, as before, so a
    loop that completes costs the same fuel and fuel runs out at the same
    iteration with the same status and trace. The new blocks go after the
    function's existing ones, so its ops keep their positions.

    Only this pass decides which headers are prepaid: it first drops every
    `fuel_prepaid` the input carries. With `enable=false` that is all it
    does.
  }];
  let options = [
    Option<"enable", "enable", "bool", /*default=*/"true",
           "prepay loops (false: only drop the input's fuel_prepaid attributes)">,
  ];
  let dependentDialects = ["::mlir::kiln::vm::VMDialect"];
}

def VMVerifyTargetLimitsPass
    : Pass<"vm-verify-target-limits", "::mlir::kiln::vm::ModuleOp"> {
  let summary = "checks a vm module against the runtime's limits";
  let description = [{
    Holds a prepared module to what the runtime loads
    (`runtime/include/kiln/vm/limits.h`, shared with the loaders): names of
    at most 4096 bytes, at most 4096 argument and 4096 result codes per
    signature, rodata alignment a power of two up to 64, list element types
    i8/i16/i32/i64/f32/f64/ref/`?`, and at most 32767 registers per bank as
    the bytecode register allocator assigns them. Both targets run the same
    check before emitting, so they accept exactly the same modules; this
    pass exposes it to `vm-opt`. It changes nothing.
  }];
}

#endif // KILN_COMPILER_TRANSFORMS_PASSES
