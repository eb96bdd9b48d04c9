#include "kiln/vm/list.h"

#include <cstring>
#include <new>
#include <string>

#include "kiln/c/ops.h"
#include "kiln/vm/budget.h"

namespace kiln::vm {

const RefType List::kType = {"vm.list", &List::destroy};

size_t ElementType::storage_size() const {
  switch (kind) {
  case kI8:
    return 1;
  case kI16:
    return 2;
  case kI32:
    return 4;
  case kI64:
    return 8;
  case kF32:
    return 4;
  case kF64:
    return 8;
  case kRef:
    return sizeof(RefObject *);
  case kVariant:
    return sizeof(Value);
  }
  return 0;
}

namespace {

// The scalar kinds by their MLIR spelling, for parsing and printing alike.
struct ScalarName {
  ElementType::Kind kind;
  std::string_view name;
};
constexpr ScalarName kScalarNames[] = {{ElementType::kI8, "i8"},   {ElementType::kI16, "i16"},
                                       {ElementType::kI32, "i32"}, {ElementType::kI64, "i64"},
                                       {ElementType::kF32, "f32"}, {ElementType::kF64, "f64"}};

} // namespace

bool ElementType::from_scalar_name(std::string_view name, ElementType *out) {
  for (const ScalarName &scalar : kScalarNames) {
    if (scalar.name == name) {
      *out = ElementType{scalar.kind, nullptr};
      return true;
    }
  }
  return false;
}

std::string ElementType::to_string() const {
  for (const ScalarName &scalar : kScalarNames) {
    if (scalar.kind == kind)
      return std::string(scalar.name);
  }
  switch (kind) {
  case kRef:
    return std::string("ref<") + (ref_type ? ref_type->name : "?") + ">";
  case kVariant:
    return "variant";
  default:
    break;
  }
  return "?";
}

StatusOr<RefT<List>> List::create(ElementType element_type, size_t initial_capacity,
                                  const Allocator &allocator) {
  void *memory = allocator.allocate(sizeof(List), alignof(List));
  if (!memory)
    return allocation_error(allocator, sizeof(List), "a vm.list");
  List *list = new (memory) List(element_type, allocator);
  list->element_size_ = element_type.storage_size();
  RefT<List> ref = RefT<List>::adopt(list);
  if (initial_capacity)
    KILN_RETURN_IF_ERROR(list->reserve(initial_capacity));
  return ref;
}

List::~List() {
  release_range(0, size_);
  allocator_.deallocate(storage_, capacity_ * element_size_, alignof(Value));
}

void List::destroy(RefObject *object) {
  List *list = static_cast<List *>(object);
  Allocator allocator = list->allocator_;
  list->~List();
  allocator.deallocate(list, sizeof(List), alignof(List));
}

void List::release_range(size_t begin, size_t end) {
  if (element_type_.kind == ElementType::kRef) {
    RefObject **slots = reinterpret_cast<RefObject **>(storage_);
    for (size_t i = begin; i < end; ++i) {
      if (slots[i])
        ref_release(slots[i]);
      slots[i] = nullptr;
    }
  } else if (element_type_.kind == ElementType::kVariant) {
    Value *values = reinterpret_cast<Value *>(storage_);
    for (size_t i = begin; i < end; ++i)
      values[i].~Value();
  }
}

Status List::reserve(size_t capacity) {
  if (capacity <= capacity_)
    return Status();
  if (capacity > SIZE_MAX / element_size_) {
    return resource_exhausted_error("list capacity overflows");
  }
  uint8_t *storage =
      static_cast<uint8_t *>(allocator_.allocate(capacity * element_size_, alignof(Value)));
  if (!storage) {
    Status s = allocation_error(allocator_, capacity * element_size_, "list storage");
    s.annotate("growing a vm.list to " + std::to_string(capacity) + " elements");
    return s;
  }
  // Refs are pointers and Values are trivially relocatable: move bytes.
  if (size_)
    std::memcpy(storage, storage_, size_ * element_size_);
  allocator_.deallocate(storage_, capacity_ * element_size_, alignof(Value));
  storage_ = storage;
  capacity_ = capacity;
  return Status();
}

Status List::resize(size_t size) {
  if (size < size_) {
    release_range(size, size_);
    size_ = size;
    return Status();
  }
  if (size > capacity_) {
    size_t grown = capacity_ * 2;
    KILN_RETURN_IF_ERROR(reserve(size > grown ? size : grown));
  }
  if (element_type_.kind == ElementType::kVariant) {
    Value *values = reinterpret_cast<Value *>(storage_);
    for (size_t i = size_; i < size; ++i)
      new (&values[i]) Value();
  } else if (size > size_) {
    // Not for an unchanged size: a list that never grew has no storage,
    // and memset's pointer must not be null even for 0 bytes.
    std::memset(storage_ + size_ * element_size_, 0, (size - size_) * element_size_);
  }
  size_ = size;
  return Status();
}

Status List::check_index(size_t index) const {
  if (KILN_LIKELY(index < size_))
    return Status();
  return make_status(StatusCode::kOutOfRange,
                     "list index %zu out of range for a list of %zu elements", index, size_);
}

// As IREE's list.c: a ref access to a list of values, or a value access to
// a list of refs, is FAILED_PRECONDITION (the list's storage cannot serve
// it). Scalars of another type convert instead (convert_scalar).
Status List::type_error(const char *access, bool ref_access) const {
  const bool holds_refs = element_type_.kind == ElementType::kRef;
  return make_status(ref_access != holds_refs ? StatusCode::kFailedPrecondition
                                              : StatusCode::kInvalidArgument,
                     "cannot access a list of %s as %s", element_type_.to_string().c_str(), access);
}

namespace {

// A variant element holding a ref (or nothing) where a value is read, or the
// reverse: FAILED_PRECONDITION, as in IREE.
Status variant_error(size_t index, const Value &v, const char *access, bool ref_access) {
  const bool holds_ref = v.is_ref() || v.is_none();
  return make_status(ref_access != holds_ref ? StatusCode::kFailedPrecondition
                                             : StatusCode::kInvalidArgument,
                     "list element %zu is %s, not %s", index, value_type_name(v.type()), access);
}

bool is_integer(ValueType type) {
  return type == ValueType::kI8 || type == ValueType::kI16 || type == ValueType::kI32 ||
         type == ValueType::kI64;
}

// The scalar `v` as type `target`, converted the way IREE's list.c converts
// values on every list get and set (iree_vm_list_convert_value_type), so a
// program reading an i64 list through list.get.i32 sees what it sees under
// IREE: integers sign-extend or truncate, f32 and f64 convert to each other,
// and any other pair (integer <-> float) yields zero.
Value convert_scalar(const Value &v, ValueType target) {
  if (v.type() == target)
    return v;
  const bool float_pair = (v.type() == ValueType::kF32 || v.type() == ValueType::kF64) &&
                          (target == ValueType::kF32 || target == ValueType::kF64);
  if (float_pair) {
    return target == ValueType::kF64 ? Value::f64(static_cast<double>(v.as_f32()))
                                     : Value::f32(kiln_trunc_f64_f32(v.as_f64()));
  }
  // Value keeps every integer sign-extended to 64 bits.
  const int64_t bits = is_integer(v.type()) && is_integer(target) ? v.as_i64() : 0;
  switch (target) {
  case ValueType::kI8:
    return Value::i8(static_cast<int8_t>(bits));
  case ValueType::kI16:
    return Value::i16(static_cast<int16_t>(bits));
  case ValueType::kI32:
    return Value::i32(static_cast<int32_t>(bits));
  case ValueType::kI64:
    return Value::i64(bits);
  case ValueType::kF32:
    return Value::f32(0.0f);
  case ValueType::kF64:
    return Value::f64(0.0);
  default:
    return Value();
  }
}

// The value type a list of scalars stores (kNone for refs and variants).
ValueType stored_type(ElementType::Kind kind) {
  switch (kind) {
  case ElementType::kI8:
    return ValueType::kI8;
  case ElementType::kI16:
    return ValueType::kI16;
  case ElementType::kI32:
    return ValueType::kI32;
  case ElementType::kI64:
    return ValueType::kI64;
  case ElementType::kF32:
    return ValueType::kF32;
  case ElementType::kF64:
    return ValueType::kF64;
  default:
    return ValueType::kNone;
  }
}

Value load_stored(const uint8_t *p, ValueType type) {
  switch (type) {
  case ValueType::kI8:
    return Value::i8(static_cast<int8_t>(*p));
  case ValueType::kI16: {
    int16_t v;
    std::memcpy(&v, p, 2);
    return Value::i16(v);
  }
  case ValueType::kI32: {
    int32_t v;
    std::memcpy(&v, p, 4);
    return Value::i32(v);
  }
  case ValueType::kI64: {
    int64_t v;
    std::memcpy(&v, p, 8);
    return Value::i64(v);
  }
  case ValueType::kF32: {
    float v;
    std::memcpy(&v, p, 4);
    return Value::f32(v);
  }
  case ValueType::kF64: {
    double v;
    std::memcpy(&v, p, 8);
    return Value::f64(v);
  }
  default:
    return Value();
  }
}

void store_stored(uint8_t *p, const Value &v) {
  switch (v.type()) {
  case ValueType::kI8:
    *p = static_cast<uint8_t>(v.as_i64());
    return;
  case ValueType::kI16: {
    int16_t x = static_cast<int16_t>(v.as_i64());
    std::memcpy(p, &x, 2);
    return;
  }
  case ValueType::kI32: {
    int32_t x = v.as_i32();
    std::memcpy(p, &x, 4);
    return;
  }
  case ValueType::kI64: {
    int64_t x = v.as_i64();
    std::memcpy(p, &x, 8);
    return;
  }
  case ValueType::kF32: {
    float x = v.as_f32();
    std::memcpy(p, &x, 4);
    return;
  }
  case ValueType::kF64: {
    double x = v.as_f64();
    std::memcpy(p, &x, 8);
    return;
  }
  default:
    return;
  }
}

} // namespace

Status List::get_scalar(size_t index, ValueType target, Value *out) const {
  KILN_RETURN_IF_ERROR(check_index(index));
  const uint8_t *p = storage_ + index * element_size_;
  const char *access = value_type_name(target);
  if (element_type_.kind == ElementType::kVariant) {
    const Value &v = *reinterpret_cast<const Value *>(p);
    if (v.is_ref() || v.is_none())
      return variant_error(index, v, access, false);
    *out = convert_scalar(v, target);
    return Status();
  }
  const ValueType stored = stored_type(element_type_.kind);
  if (stored == ValueType::kNone)
    return type_error(access, false);
  // The common case (the access type is the stored type) loads directly.
  *out = stored == target ? load_stored(p, stored) : convert_scalar(load_stored(p, stored), target);
  return Status();
}

Status List::set_scalar(size_t index, const Value &value) {
  KILN_RETURN_IF_ERROR(check_index(index));
  uint8_t *p = storage_ + index * element_size_;
  if (element_type_.kind == ElementType::kVariant) {
    *reinterpret_cast<Value *>(p) = value;
    return Status();
  }
  const ValueType stored = stored_type(element_type_.kind);
  if (stored == ValueType::kNone)
    return type_error(value_type_name(value.type()), false);
  store_stored(p, convert_scalar(value, stored));
  return Status();
}

Status List::get_i32(size_t index, int32_t *out) const {
  return get_scalar_as(index, ValueType::kI32, &Value::as_i32, out);
}
Status List::get_i64(size_t index, int64_t *out) const {
  return get_scalar_as(index, ValueType::kI64, &Value::as_i64, out);
}
Status List::get_f32(size_t index, float *out) const {
  return get_scalar_as(index, ValueType::kF32, &Value::as_f32, out);
}
Status List::get_f64(size_t index, double *out) const {
  return get_scalar_as(index, ValueType::kF64, &Value::as_f64, out);
}
Status List::set_i32(size_t index, int32_t value) { return set_scalar(index, Value::i32(value)); }
Status List::set_i64(size_t index, int64_t value) { return set_scalar(index, Value::i64(value)); }
Status List::set_f32(size_t index, float value) { return set_scalar(index, Value::f32(value)); }
Status List::set_f64(size_t index, double value) { return set_scalar(index, Value::f64(value)); }

Status List::get_ref(size_t index, Ref *out) const {
  KILN_RETURN_IF_ERROR(check_index(index));
  const uint8_t *p = storage_ + index * element_size_;
  if (element_type_.kind == ElementType::kRef) {
    *out = Ref::retain(*reinterpret_cast<RefObject *const *>(p));
    return Status();
  }
  if (element_type_.kind == ElementType::kVariant) {
    const Value &v = *reinterpret_cast<const Value *>(p);
    if (v.is_ref() || v.is_none()) {
      *out = v.as_ref();
      return Status();
    }
    return variant_error(index, v, "a ref", true);
  }
  return type_error("ref", true);
}

Status List::set_ref_impl(size_t index, Ref value) {
  KILN_RETURN_IF_ERROR(check_index(index));
  uint8_t *p = storage_ + index * element_size_;
  if (element_type_.kind == ElementType::kRef) {
    if (element_type_.ref_type) {
      KILN_RETURN_IF_ERROR(value.check_type_or_null(*element_type_.ref_type));
    }
    RefObject **slot = reinterpret_cast<RefObject **>(p);
    RefObject *old = *slot;
    *slot = value.detach();
    if (old)
      ref_release(old);
    return Status();
  }
  if (element_type_.kind == ElementType::kVariant) {
    *reinterpret_cast<Value *>(p) = Value::ref(std::move(value));
    return Status();
  }
  return type_error("ref", true);
}

Status List::set_ref(size_t index, const Ref &value) { return set_ref_impl(index, value); }
Status List::set_ref(size_t index, Ref &&value) { return set_ref_impl(index, std::move(value)); }

Status List::get_value(size_t index, Value *out) const {
  KILN_RETURN_IF_ERROR(check_index(index));
  const uint8_t *p = storage_ + index * element_size_;
  switch (element_type_.kind) {
  case ElementType::kI8:
    *out = Value::i8(*reinterpret_cast<const int8_t *>(p));
    break;
  case ElementType::kI16: {
    int16_t v;
    std::memcpy(&v, p, 2);
    *out = Value::i16(v);
    break;
  }
  case ElementType::kI32: {
    int32_t v;
    std::memcpy(&v, p, 4);
    *out = Value::i32(v);
    break;
  }
  case ElementType::kI64: {
    int64_t v;
    std::memcpy(&v, p, 8);
    *out = Value::i64(v);
    break;
  }
  case ElementType::kF32: {
    float v;
    std::memcpy(&v, p, 4);
    *out = Value::f32(v);
    break;
  }
  case ElementType::kF64: {
    double v;
    std::memcpy(&v, p, 8);
    *out = Value::f64(v);
    break;
  }
  case ElementType::kRef:
    *out = Value::ref(Ref::retain(*reinterpret_cast<RefObject *const *>(p)));
    break;
  case ElementType::kVariant:
    *out = *reinterpret_cast<const Value *>(p);
    break;
  }
  return Status();
}

Status List::set_value(size_t index, const Value &value) {
  const bool ref_value = value.is_ref() || value.is_none();
  const bool holds_refs = element_type_.kind == ElementType::kRef;
  if (element_type_.kind == ElementType::kVariant) {
    KILN_RETURN_IF_ERROR(check_index(index));
    *reinterpret_cast<Value *>(storage_ + index * element_size_) = value;
    return Status();
  }
  if (holds_refs && ref_value)
    return set_ref_impl(index, value.as_ref());
  if (!holds_refs && !ref_value)
    return set_scalar(index, value);
  // A ref into a list of values or a value into a list of refs: the storage
  // cannot hold it (FAILED_PRECONDITION, as in IREE).
  return make_status(StatusCode::kFailedPrecondition, "cannot store a %s value in a list of %s",
                     value_type_name(value.type()), element_type_.to_string().c_str());
}

Status List::push_value(const Value &value) {
  size_t index = size_;
  KILN_RETURN_IF_ERROR(resize(size_ + 1));
  Status s = set_value(index, value);
  if (!s.ok())
    (void)resize(index);
  return s;
}

} // namespace kiln::vm
