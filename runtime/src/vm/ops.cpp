// The runtime's checked op entry points and fault statuses (kiln/vm/ops.h).
#include "kiln/vm/ops.h"

#include <cinttypes>

namespace kiln::vm {

Status op_fault(int32_t kind, int64_t a, int64_t b, int64_t c, int64_t d) {
  switch (kind) {
  case KILN_FAULT_DIV_BY_ZERO:
    return Status(StatusCode::kInvalidArgument, "integer division by zero");
  case KILN_FAULT_BUFFER_RANGE:
    return make_status(StatusCode::kOutOfRange,
                       "out-of-bounds buffer access: element offset %" PRId64 ", count %" PRId64
                       " of %" PRId64 "-byte elements in a buffer of %" PRId64 " bytes",
                       a, b, c, d);
  case KILN_FAULT_BUFFER_READ_ONLY:
    return Status(StatusCode::kPermissionDenied, "write to a read-only buffer (e.g. rodata)");
  case KILN_FAULT_GLOBAL_RANGE:
    return make_status(StatusCode::kOutOfRange,
                       "out-of-bounds indirect global access: byte offset %" PRId64
                       " width %" PRId64 ", module has %" PRId64 " global bytes",
                       a, b, c);
  case KILN_FAULT_REF_GLOBAL_RANGE:
    return make_status(StatusCode::kOutOfRange,
                       "out-of-bounds indirect ref global access: ordinal %" PRId64
                       ", module has %" PRId64 " ref globals",
                       a, b);
  default:
    return make_status(StatusCode::kInternal, "unknown op fault kind %d", kind);
  }
}

namespace {

Status negative_error(const char *what, int64_t value) {
  return make_status(StatusCode::kOutOfRange, "%s: negative value %" PRId64, what, value);
}

Status alignment(const char *op, int32_t requested, int32_t *out) {
  if (kiln_buffer_alignment(requested, out) == KILN_OP_OK)
    return Status();
  return make_status(StatusCode::kInvalidArgument, "%s alignment %d is not a power of two", op,
                     requested);
}

} // namespace

StatusOr<RefT<Buffer>> buffer_alloc_op(int64_t length, int32_t requested_alignment) {
  if (length < 0)
    return negative_error("vm.buffer.alloc length", length);
  int32_t align = 0;
  KILN_RETURN_IF_ERROR(alignment("vm.buffer.alloc", requested_alignment, &align));
  return Buffer::allocate(static_cast<size_t>(length), static_cast<size_t>(align));
}

StatusOr<RefT<Buffer>> buffer_clone_op(const Buffer &source, int64_t offset, int64_t length,
                                       int32_t requested_alignment) {
  uint64_t byte_offset = 0;
  if (kiln_buffer_range(source.length(), offset, length, 1, &byte_offset) != KILN_OP_OK) {
    return op_fault(KILN_FAULT_BUFFER_RANGE, offset, length, 1,
                    static_cast<int64_t>(source.length()));
  }
  int32_t align = 0;
  KILN_RETURN_IF_ERROR(alignment("vm.buffer.clone", requested_alignment, &align));
  return Buffer::clone(source, static_cast<size_t>(byte_offset), static_cast<size_t>(length),
                       static_cast<size_t>(align));
}

StatusOr<RefT<List>> list_alloc_op(ElementType type, int32_t capacity) {
  if (capacity < 0)
    return negative_error("vm.list.alloc capacity", capacity);
  return List::create(type, static_cast<size_t>(capacity));
}

Status list_reserve_op(List &list, int32_t capacity) {
  if (capacity < 0)
    return negative_error("vm.list.reserve capacity", capacity);
  return list.reserve(static_cast<size_t>(capacity));
}

Status list_resize_op(List &list, int32_t size) {
  if (size < 0)
    return negative_error("vm.list.resize size", size);
  return list.resize(static_cast<size_t>(size));
}

Status list_negative_index_error(int32_t index) { return negative_error("list index", index); }

Status list_get_ref_op(const List &list, int32_t index, const RefType *type, bool any_type,
                       Ref *out) {
  if (index < 0)
    return list_negative_index_error(index);
  KILN_RETURN_IF_ERROR(list.get_ref(static_cast<size_t>(index), out));
  if (!any_type && out->get() && out->get()->type != type)
    *out = Ref();
  return Status();
}

} // namespace kiln::vm
