// Import calls from bytecode; see import_call.h.
#include "import_call.h"

#include <algorithm>
#include <cstring>
#include <string_view>

#include "dispatch_util.h"
#include "kiln/vm/signature.h"

namespace kiln::bytecode {

using namespace dispatch;

namespace {

// Packs a variadic argument list (codes with C...D spans) into `out`.
// Returns the packed size.
size_t pack_variadic(std::string_view codes, const uint8_t *segments, const uint8_t *args,
                     uint64_t *s, RefObject **r, uint8_t *out) {
  size_t offset = 0, max_align = 1;
  uint16_t seg = 0, arg = 0;
  auto put = [&](char c) {
    size_t a = vm::code_alignment(c);
    if (a > max_align)
      max_align = a;
    offset = vm::align_up(offset, a);
    uint16_t reg = load_u16(args + 2 + 2 * arg++);
    if (c == 'r') {
      RefObject *o = take_ref(r, reg);
      std::memcpy(out + offset, &o, sizeof(o));
    } else {
      std::memcpy(out + offset, &s[reg], vm::code_size(c));
    }
    offset += vm::code_size(c);
  };
  for (size_t i = 0; i < codes.size(); ++i) {
    char c = codes[i];
    if (c != 'C') {
      put(c);
      continue;
    }
    size_t end = codes.find('D', i);
    std::string_view tuple = codes.substr(i + 1, end - i - 1);
    for (char t : tuple)
      max_align = std::max(max_align, vm::code_alignment(t));
    if (max_align < 4)
      max_align = 4;
    offset = vm::align_up(offset, 4);
    int32_t count = load_u16(segments + 2 + 2 * seg++);
    std::memcpy(out + offset, &count, 4);
    offset += 4;
    for (int32_t k = 0; k < count; ++k) {
      for (char t : tuple)
        put(t);
    }
    i = end;
  }
  return vm::align_up(offset, max_align);
}

// Unpacks an import's results (laid out by `d.results` at `res`) into the
// registers listed by the instruction's results operand.
KILN_ALWAYS_INLINE void unpack_import_results(const ImportDesc &d, const uint8_t *res,
                                              const uint8_t *result_regs, uint64_t *s,
                                              RefObject **r) {
  const uint16_t count = load_u16(result_regs);
  const char *codes = d.results.codes.data();
  const uint32_t *offsets = d.results.offsets.data();
  for (uint16_t k = 0; k < count; ++k) {
    uint16_t reg = load_u16(result_regs + 2 + 2 * k);
    char c = codes[k];
    const uint8_t *slot = res + offsets[k];
    if (c == 'r') {
      RefObject *o;
      std::memcpy(&o, slot, sizeof(o));
      put_ref(r, reg, o);
    } else if (c == 'i' || c == 'f') {
      put_word32(&s[reg], slot);
    } else {
      std::memcpy(&s[reg], slot, 8);
    }
  }
}

KILN_NOINLINE Status unresolved_import_error(const ImportDesc &d) {
  return vm::make_status(StatusCode::kFailedPrecondition,
                         "call to import '%.*s', which is not resolved",
                         static_cast<int>(d.full_name.size()), d.full_name.data());
}

} // namespace

template <bool variadic>
Status call_import(BytecodeModule *module, Stack &stack, Frame *frame, BytecodeState *state,
                   const uint8_t *ip, uint32_t *length) {
  ImportCallShape shape = import_call_shape(ip, variadic);
  *length = shape.length;
  const ImportDesc &d = module->imports()[shape.ordinal];
  const BytecodeState::Import &target = state->imports[shape.ordinal];
  if (KILN_UNLIKELY(target.function.is_null()))
    return unresolved_import_error(d);
  const FunctionInfo *fi = frame_info(frame);
  uint64_t *s = frame_scalars(frame);
  RefObject **r = frame_refs(frame, fi);
  uint8_t *scratch = frame->storage + fi->scratch_offset;
  size_t args_size;
  if constexpr (!variadic) {
    uint16_t count = load_u16(shape.args);
    const char *codes = d.args.codes.data();
    const uint32_t *offsets = d.args.offsets.data();
    for (uint16_t k = 0; k < count; ++k) {
      uint16_t reg = load_u16(shape.args + 2 + 2 * k);
      char c = codes[k];
      if (c == 'r') {
        RefObject *o = take_ref(r, reg);
        std::memcpy(scratch + offsets[k], &o, sizeof(o));
      } else if (c == 'i' || c == 'f') {
        std::memcpy(scratch + offsets[k], &s[reg], 4);
      } else {
        std::memcpy(scratch + offsets[k], &s[reg], 8);
      }
    }
    args_size = d.args.size;
  } else {
    args_size = pack_variadic(d.args.codes, shape.segments, shape.args, s, r, scratch);
  }
  uint8_t *res = scratch + vm::align_up(args_size, 8);
  vm::FunctionCall call;
  call.function.module = target.function.module;
  call.function.linkage = target.function.linkage;
  call.function.ordinal = target.function.ordinal;
  call.state = target.state;
  call.arguments = vm::ByteSpan{scratch, args_size};
  call.results = vm::ByteSpan{res, d.results.size};
  Status status = target.function.module->begin_call(stack, call);
  if (d.args.has_refs)
    vm::release_packed_refs(d.args.codes, scratch, args_size);
  if (KILN_UNLIKELY(!status.ok()))
    return status;
  unpack_import_results(d, res, shape.results, s, r);
  return Status();
}

size_t variadic_args_size(const ImportDesc &d, const uint8_t *segments) {
  int32_t counts[64];
  uint16_t n = load_u16(segments);
  if (n > 64)
    n = 64;
  for (uint16_t k = 0; k < n; ++k)
    counts[k] = load_u16(segments + 2 + 2 * k);
  auto size = vm::packed_size(d.args.codes, counts, n);
  return size.ok() ? *size : 0;
}

Status finish_import(BytecodeModule *module, Frame *frame, const uint8_t *ip, bool variadic) {
  ImportCallShape shape = import_call_shape(ip, variadic);
  const ImportDesc &d = module->imports()[shape.ordinal];
  const FunctionInfo *fi = frame_info(frame);
  size_t args_size = variadic ? variadic_args_size(d, shape.segments) : d.args.size;
  const uint8_t *res = frame->storage + fi->scratch_offset + vm::align_up(args_size, 8);
  unpack_import_results(d, res, shape.results, frame_scalars(frame), frame_refs(frame, fi));
  return Status();
}

void import_spans(BytecodeModule *module, Frame *frame, const ImportCallShape &shape,
                  size_t args_size, vm::ByteSpan *args, vm::ByteSpan *results) {
  const ImportDesc &d = module->imports()[shape.ordinal];
  uint8_t *scratch = frame->storage + frame_info(frame)->scratch_offset;
  *args = vm::ByteSpan{scratch, args_size};
  *results = vm::ByteSpan{scratch + vm::align_up(args_size, 8), d.results.size};
}

template Status call_import<false>(BytecodeModule *, Stack &, Frame *, BytecodeState *,
                                   const uint8_t *, uint32_t *);
template Status call_import<true>(BytecodeModule *, Stack &, Frame *, BytecodeState *,
                                  const uint8_t *, uint32_t *);

} // namespace kiln::bytecode
