//===- Passes.td - Parallel loops into hal dispatches -----*- tablegen -*-===//
//
// The compiler half of executables (docs/executables.md, "From plain
// MLIR"): a top-level scf.parallel / scf.forall over memrefs becomes a
// kernel compiled into an executable embedded in the host module, and the
// loop becomes a dispatch over the device's workers and a fence wait.
//
//===----------------------------------------------------------------------===//

#ifndef KILN_COMPILER_DISPATCH_PASSES
#define KILN_COMPILER_DISPATCH_PASSES

include "mlir/Pass/PassBase.td"

def OutlineDispatchesPass
    : Pass<"kiln-outline-dispatches", "::mlir::ModuleOp"> {
  let summary = "outlines top-level parallel loops into kernel functions";
  let description = [{
    Runs on plain MLIR before `--convert-to-vm`. Every `scf.parallel` without
    results and every `scf.forall` without shared outputs whose parent is a
    `func.func` becomes two private functions:

    * `@F_dispatch_N_kernel(memrefs..., scalars..., lbs..., ubs...,
      steps..., id x/y/z, count x/y/z : i32)`: the loop restricted to the
      tile of workgroup (id x, y, z) of a (count x, y, z) grid. Loop
      dimension 0 is split over x, 1 over y, 2 over z, each into `count`
      contiguous, balanced ranges of iterations; further dimensions run
      whole in every workgroup.
    * `@F_dispatch_N(memrefs..., scalars..., lbs..., ubs..., steps...,
      count x/y/z : i32)`: the host side, whose body is the whole loop run
      serially until `--kiln-embed-dispatches` replaces it by the dispatch.

    The loop is replaced by the computation of the grid (per dimension the
    trip count, shared out of a budget of `workgroups` workgroups starting
    from dimension 0) and a call of the host function when the grid is not
    empty. Memrefs and scalars (integers, index, f32, f64) the body uses
    from above become arguments; constants are cloned into the kernel.
    The pair is recorded in the module attribute `kiln.dispatches`.

    A loop that cannot be outlined stays where it is and runs serially,
    with a remark at the loop naming why: it has reductions, it captures a
    value of another type, its body refers to a
    symbol (a call or a global, which the kernel's own module would not
    have), or it is nested in other code rather than at the top level.
  }];
  let options = [
    Option<"workgroups", "workgroups", "int64_t", /*default=*/"64",
           "Largest number of workgroups a loop is split into">,
  ];
  let dependentDialects = ["::mlir::arith::ArithDialect",
                           "::mlir::memref::MemRefDialect",
                           "::mlir::scf::SCFDialect",
                           "::mlir::func::FuncDialect"];
}

def EmbedDispatchesPass
    : Pass<"kiln-embed-dispatches", "::mlir::ModuleOp"> {
  let summary = "compiles outlined kernels into embedded executables and "
                "dispatches them";
  let description = [{
    Runs after `--convert-to-vm` on the pairs `--kiln-outline-dispatches`
    recorded. Each kernel function moves into a `vm.module` of its own with
    an exported entry point in the kernel ABI (`0rrriiiiiiiii_v`: memrefs'
    buffers from the bindings list, everything else from the i32 dispatch
    constants, 64-bit values as two words, low first), which is compiled
    to `kernel-form`: a .vmfb (`kiln-vm-bytecode`) or emitted C built into
    a shared object by `cc` (`kiln-vm-c-so`). The result is a `vm.rodata`
    of the host module. The host function's body is replaced by: create
    the executable once (cached in a global), import each memref's buffer
    as a hal buffer without copying, record a one-shot command buffer with
    the dispatch, submit it with `hal.device.queue.execute` and
    `hal.fence.await` the signal fence.
  }];
  let options = [
    Option<"kernelForm", "kernel-form", "std::string", /*default=*/"\"bytecode\"",
           "The kernels' form: bytecode or c">,
    Option<"cc", "cc", "std::string", /*default=*/"\"cc\"",
           "C compiler for kernel-form=c (a name on PATH or a path)">,
    Option<"ccFlags", "cc-flags", "std::string", /*default=*/"\"-O2\"",
           "Optimization flags for kernel-form=c, split at spaces">,
    Option<"cBounded", "c-bounded", "bool", /*default=*/"true",
           "kernel-form=c: the C counts fuel at loops and calls "
           "(KILN_C_BOUNDED), so the dispatching call's fuel and deadline "
           "stop a kernel inside its loops">,
    Option<"versionLoops", "version-loops", "bool", /*default=*/"true",
           "kernel-form=c: version loops (vm-version-loops) so accesses "
           "proven in range skip their index check">,
    Option<"printKernels", "print-kernels", "bool", /*default=*/"false",
           "Print each kernel's vm.module (entry point included, before "
           "compilation) to standard output, for tests and inspection">,
  ];
  let dependentDialects = ["::mlir::kiln::vm::VMDialect",
                           "::mlir::kiln::hal::HALDialect"];
}

#endif // KILN_COMPILER_DISPATCH_PASSES
