//===- CNames.h - C spellings of vm types and values ------------*- C++ -*-===//
//
// The C target's naming and C types: vm type kinds and their C types and
// signature codes, calling-convention signature strings, C identifiers,
// string and number literals, ref kinds, and the emitc types the emitted
// code uses.
//
//===----------------------------------------------------------------------===//

#ifndef KILN_COMPILER_TARGET_C_CNAMES_H
#define KILN_COMPILER_TARGET_C_CNAMES_H

#include "mlir/Dialect/EmitC/IR/EmitC.h"
#include "mlir/IR/Builders.h"
#include "mlir/IR/BuiltinTypes.h"
#include "mlir/IR/Location.h"

#include <string>

namespace mlir::kiln::ctarget {

/// The register bank of a vm value.
enum class Kind { I32, I64, F32, F64, Ref };

Kind kindOf(Type t);
/// The C type of a value of kind `k` (kiln/c/module.h).
const char *cType(Kind k);
/// The signature code of kind `k` (`i`, `I`, `f`, `F`, `r`).
char code(Kind k);

/// The calling-convention signature string of a function type (`0ii_i`).
std::string signatureOf(FunctionType type);
/// An import's signature: like signatureOf, with each argument marked
/// `vm.variadic` in arg_attrs spelled as a C...D span of its (flattened
/// tuple) element codes.
std::string importSignatureOf(Operation *import, FunctionType type);

/// `name` with every character other than letters and digits made `_`.
std::string cIdent(StringRef name);
/// A C string literal of `s` (octal escapes, no trigraphs).
std::string cString(StringRef s);
/// A C literal of `v` (hex floats; NaN and infinities through bitcasts).
std::string floatLiteral(double v, bool isF32);
/// A C literal of `v` as int32_t or int64_t.
std::string intLiteral(int64_t v, bool is64);
/// The file position of `loc` (through names, call sites and fusions), or
/// null.
FileLineColLoc fileLoc(Location loc);

/// The ref kind constant of kiln/c/module.h for a ref of `type`.
const char *refKind(Type type);
/// The name the runtime registers the object type of ref type `type` under:
/// the object type's spelling without its leading `!` and parameters
/// (`!vm.ref<!hal.buffer>` -> `hal.buffer`), as the bytecode loader resolves
/// type table entries. Empty for `!vm.ref<?>` and non-refs.
std::string registeredTypeName(Type type);
/// The C spelling of an emitc type of the C target (as translateToCpp prints
/// it).
std::string cTypeName(Type type);

/// The C types of the emitted code as emitc types.
struct CTypes {
  explicit CTypes(MLIRContext *ctx, StringRef prefix) {
    Builder b(ctx);
    auto opaque = [&](StringRef s) { return emitc::OpaqueType::get(ctx, s); };
    auto ptr = [&](Type t) { return emitc::PointerType::get(t); };
    i1 = b.getI1Type();
    i32 = b.getI32Type();
    i64 = b.getI64Type();
    f32 = b.getF32Type();
    f64 = b.getF64Type();
    u64 = IntegerType::get(ctx, 64, IntegerType::Unsigned);
    u32 = IntegerType::get(ctx, 32, IntegerType::Unsigned);
    sizeT = emitc::SizeTType::get(ctx);
    ref = opaque("kiln_ref_t");
    status = opaque("kiln_status_t");
    lightRet = opaque("kiln_light_ret_t");
    exec = ptr(opaque("kiln_exec_t"));
    services = ptr(opaque("const kiln_services_t"));
    header = opaque("kiln_frame_header_t");
    headerPtr = ptr(header);
    loc = opaque("const kiln_source_loc_t");
    locPtr = ptr(loc);
    bytes = ptr(IntegerType::get(ctx, 8, IntegerType::Unsigned));
    voidPtr = ptr(opaque("void"));
    constVoidPtr = ptr(opaque("const void"));
    cstr = ptr(opaque("const char"));
    charT = opaque("char");
    state = ptr(opaque((prefix + "state_t").str()));
  }
  Type i1, i32, i64, f32, f64, u32, u64, sizeT, ref, status, lightRet, exec, services, header,
      headerPtr, loc, locPtr, bytes, voidPtr, constVoidPtr, cstr, charT, state;

  Type of(Kind k) const {
    switch (k) {
    case Kind::I32:
      return i32;
    case Kind::I64:
      return i64;
    case Kind::F32:
      return f32;
    case Kind::F64:
      return f64;
    case Kind::Ref:
      return ref;
    }
    return i32;
  }
  Type of(Type vmType) const { return of(kindOf(vmType)); }
};

} // namespace mlir::kiln::ctarget

#endif // KILN_COMPILER_TARGET_C_CNAMES_H
