// The checked entry points of the vm ops that need the runtime (lists,
// buffer allocation) and the one builder of every op fault's status.
//
// The interpreter calls these directly and the C module services call the
// same functions, so an op checks its operands and words its error once:
// both forms fail with the same status code and message. The pure parts
// (arithmetic, compares, bounds arithmetic, element access) are the static
// inline helpers of kiln/c/ops.h; their fault kinds (KILN_FAULT_*) become a
// Status here.
#ifndef KILN_VM_OPS_H_
#define KILN_VM_OPS_H_

#include <cstdint>

#include "kiln/c/ops.h"
#include "kiln/vm/buffer.h"
#include "kiln/vm/list.h"
#include "kiln/vm/status.h"

namespace kiln::vm {

// The status of a KILN_FAULT_* fault with its operands (see kiln/c/ops.h).
Status op_fault(int32_t kind, int64_t a = 0, int64_t b = 0, int64_t c = 0, int64_t d = 0);

// vm.buffer.alloc: length >= 0; alignment <= 0 means 16, else a power of two.
StatusOr<RefT<Buffer>> buffer_alloc_op(int64_t length, int32_t alignment);
// vm.buffer.clone: [offset, offset + length) in bytes must lie in `source`.
StatusOr<RefT<Buffer>> buffer_clone_op(const Buffer &source, int64_t offset, int64_t length,
                                       int32_t alignment);

// vm.list.alloc / reserve / resize: counts are the ops' signed i32 operands;
// a negative one is OUT_OF_RANGE.
StatusOr<RefT<List>> list_alloc_op(ElementType type, int32_t capacity);
Status list_reserve_op(List &list, int32_t capacity);
Status list_resize_op(List &list, int32_t size);
// The OUT_OF_RANGE status of a negative list index (List's accessors report
// indexes past the end).
Status list_negative_index_error(int32_t index);

// vm.list.get.ref: the element at `index`, or null when it is not of
// `type` (IREE's behaviour: a type mismatch yields null, not an error).
// `type` nullptr accepts any ref.
Status list_get_ref_op(const List &list, int32_t index, const RefType *type, bool any_type,
                       Ref *out);

} // namespace kiln::vm

#endif // KILN_VM_OPS_H_
