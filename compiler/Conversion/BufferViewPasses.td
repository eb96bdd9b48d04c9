//===- BufferViewPasses.td - Buffer views at the module boundary -*- tablegen -*-===//
//
// Two passes around --convert-to-vm that give a plain-MLIR program IREE's
// calling convention: memref arguments and results of exported functions
// cross the module boundary as !hal.buffer_view.
//
//===----------------------------------------------------------------------===//

#ifndef KILN_COMPILER_CONVERSION_BUFFERVIEWPASSES
#define KILN_COMPILER_CONVERSION_BUFFERVIEWPASSES

include "mlir/Pass/PassBase.td"

def BufferViewBoundaryPass
    : Pass<"kiln-buffer-view-boundary", "::mlir::ModuleOp"> {
  let summary = "marks public memref functions for buffer view exports";
  let description = [{
    Runs before `--convert-to-vm`. Every public `func.func` with a body whose
    arguments or results include a memref becomes private (so the conversion
    does not export its memref calling convention) and is recorded, with its
    original function type, in the module attribute
    `kiln.buffer_view_exports`. `--kiln-buffer-view-exports` then builds the
    exported wrappers. Likewise a declaration of a `hal` or `check` function
    written with memref arguments where the runtime module takes buffer
    views (`func.func private @check.expect_almost_eq(memref<?xf32>,
    memref<?xf32>, f32, f32)`) is recorded in `kiln.buffer_view_imports`; the
    second pass makes the calls wrap those memrefs in buffer views (and pass
    the module's device where its function takes one first). Boundary memrefs must have identity layouts and an
    element type with a HAL encoding (i1, i8, i16, i32, i64, f32, f64);
    anything else is an error at the function.
  }];
}

def BufferViewExportsPass
    : Pass<"kiln-buffer-view-exports", "::mlir::ModuleOp"> {
  let summary = "exports recorded memref functions with buffer view "
                "arguments and results";
  let description = [{
    Runs after `--convert-to-vm` on the functions recorded by
    `--kiln-buffer-view-boundary`. Each function `@f` is renamed
    `@f__memrefs` and a new exported `@f` takes a `!vm.ref<!hal.buffer_view>`
    for each memref argument and returns one for each memref result (other
    arguments and results pass through). On entry it asserts each view's
    element type, encoding (dense row-major) and static dimensions with
    `hal.buffer_view.assert`, reads dynamic dimensions with
    `hal.buffer_view.dim`, and copies the contents into a `!vm.buffer` (a
    queue copy into an imported buffer, awaited on a fence, so the caller's
    views are never written). Result buffers are imported without a copy and
    wrapped with `hal.buffer_view.create`. Calls to recorded memref
    declarations of `hal`/`check` functions go through a private function
    that wraps the memrefs the same way and calls the real import. The hal
    and check imports come from the runtime's declaration files.
  }];
  let dependentDialects = ["::mlir::kiln::vm::VMDialect",
                           "::mlir::kiln::hal::HALDialect"];
}

#endif // KILN_COMPILER_CONVERSION_BUFFERVIEWPASSES
