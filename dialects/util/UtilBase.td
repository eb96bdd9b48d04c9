//===- UtilBase.td - Kiln util dialect: inliner hints ------*- tablegen -*-===//
//
// IREE marks functions with `inlining_policy = #util.inline.never` (and
// `#util.inline.always`), an attribute of its `util` dialect; its own VM test
// programs use it. Kiln defines those two attributes, and nothing else of
// IREE's util dialect, so such programs parse, and `vm-inline` honours them.
//
//===----------------------------------------------------------------------===//

#ifndef KILN_DIALECT_UTIL_BASE
#define KILN_DIALECT_UTIL_BASE

include "mlir/IR/OpBase.td"
include "mlir/IR/AttrTypeBase.td"

def Util_Dialect : Dialect {
  let name = "util";
  let cppNamespace = "::mlir::kiln::util";
  let summary = "IREE's inliner hint attributes.";
  let description = [{
    The two attributes IREE's `util` dialect gives for `inlining_policy`:
    `#util.inline.never` keeps every call of the function a call,
    `#util.inline.always` inlines it wherever it is called. The dialect has
    no operations or types.
  }];
  let useDefaultAttributePrinterParser = 1;
}

class Util_InlinePolicy<string name, string policy, string what>
    : AttrDef<Util_Dialect, name> {
  let mnemonic = "inline." # policy;
  let attrName = "util.inline." # policy;
  let summary = what;
  let description = "As `inlining_policy` of a `vm.func`: " # what # ".";
}

def Util_InlineNever : Util_InlinePolicy<"InlineNever", "never",
    "the function is never inlined">;
def Util_InlineAlways : Util_InlinePolicy<"InlineAlways", "always",
    "the function is inlined at every call">;

#endif // KILN_DIALECT_UTIL_BASE
