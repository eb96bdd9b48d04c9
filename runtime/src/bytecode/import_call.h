// Import calls from bytecode: decoding a CALL_IMPORT[_VARIADIC] instruction,
// packing its argument registers into the frame's scratch, calling the
// import through vm::Module::begin_call and unpacking its results, also
// when the call completes after a suspension.
#ifndef KILN_RUNTIME_SRC_BYTECODE_IMPORT_CALL_H_
#define KILN_RUNTIME_SRC_BYTECODE_IMPORT_CALL_H_

#include <cstddef>
#include <cstdint>

#include "kiln/vm/stack.h"
#include "module_impl.h"

namespace kiln::bytecode {

// The operands of an import call instruction.
struct ImportCallShape {
  uint32_t ordinal;
  const uint8_t *segments; // nullptr unless variadic
  const uint8_t *args;     // u16 count + regs
  const uint8_t *results;  // u16 count + regs
  uint32_t length;         // instruction length
};

KILN_ALWAYS_INLINE ImportCallShape import_call_shape(const uint8_t *ip, bool variadic) {
  ImportCallShape shape;
  shape.ordinal = load_u32(ip + 2);
  const uint8_t *p = ip + 6;
  shape.segments = nullptr;
  if (variadic) {
    shape.segments = p;
    p += 2 + 2 * load_u16(p);
  }
  shape.args = p;
  p += 2 + 2 * load_u16(p);
  shape.results = p;
  p += 2 + 2 * load_u16(p);
  shape.length = static_cast<uint32_t>(p - ip);
  return shape;
}

// Packs the arguments, calls the import, releases leftover argument refs and
// on OK unpacks the results into registers. DEFERRED leaves the results
// span in the frame's scratch for resume (finish_import). The instruction
// is decoded once; `*length` receives its size. Instantiated for both
// `variadic` values in import_call.cpp.
template <bool variadic>
vm::Status call_import(BytecodeModule *module, vm::Stack &stack, vm::Frame *frame,
                       BytecodeState *state, const uint8_t *ip, uint32_t *length);

// The packed size of a variadic call's arguments (for resuming one).
size_t variadic_args_size(const ImportDesc &d, const uint8_t *segments);

// Unpacks the results of an import call that completed after DEFERRED.
vm::Status finish_import(BytecodeModule *module, vm::Frame *frame, const uint8_t *ip,
                         bool variadic);

// The argument and result spans of a pending import call in `frame`'s scratch.
void import_spans(BytecodeModule *module, vm::Frame *frame, const ImportCallShape &shape,
                  size_t args_size, vm::ByteSpan *args, vm::ByteSpan *results);

} // namespace kiln::bytecode

#endif // KILN_RUNTIME_SRC_BYTECODE_IMPORT_CALL_H_
