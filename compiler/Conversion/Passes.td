//===- Passes.td - Conversions from upstream dialects into vm -*- tablegen -*-===//
//
// See docs/conversion.md for the type mapping and the calling convention.
//
//===----------------------------------------------------------------------===//

#ifndef KILN_COMPILER_CONVERSION_PASSES
#define KILN_COMPILER_CONVERSION_PASSES

include "mlir/Pass/PassBase.td"

def ConvertToVMPass : Pass<"convert-to-vm", "::mlir::ModuleOp"> {
  let summary = "Converts func/arith/math/cf/scf/memref into one vm.module";
  let description = [{
    Moves every op of the builtin.module into one `vm.module` and converts
    it there: scf through upstream's lowering to cf (scf.parallel and
    scf.forall as serial scf.for nests first), then func, arith,
    math, cf and memref ops with the patterns in FuncToVM.cpp, ArithToVM.cpp,
    MathToVM.cpp, CFToVM.cpp and MemRefToVM.cpp. Public functions with a
    body are exported; declarations become imports named `module.function`
    (from their dotted name or `vm.import_module`). A value whose type has no
    vm form is reported at the op that defines it.
  }];
  let options = [
    Option<"indexBitwidth", "index-bitwidth", "unsigned", /*default=*/"64",
           "Bit width of index values in the vm module (32 or 64)">,
    Option<"moduleName", "module-name", "std::string", /*default=*/"\"\"",
           "Name of the vm.module when the builtin.module has no sym_name "
           "(default: module)">,
  ];
  let dependentDialects = ["::mlir::kiln::vm::VMDialect",
                           "::mlir::cf::ControlFlowDialect",
                           "::mlir::arith::ArithDialect"];
}

#endif // KILN_COMPILER_CONVERSION_PASSES
