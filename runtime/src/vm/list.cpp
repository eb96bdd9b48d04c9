#include "kiln/vm/list.h"

#include <cstring>
#include <new>
#include <string>

#include "kiln/vm/budget.h"

namespace kiln::vm {

const RefType List::kType = {"vm.list", &List::destroy};

size_t ElementType::storage_size() const {
  switch (kind) {
    case kI8: return 1;
    case kI16: return 2;
    case kI32: return 4;
    case kI64: return 8;
    case kF32: return 4;
    case kF64: return 8;
    case kRef: return sizeof(RefObject*);
    case kVariant: return sizeof(Value);
  }
  return 0;
}

namespace {

// The scalar kinds by their MLIR spelling, for parsing and printing alike.
struct ScalarName {
  ElementType::Kind kind;
  std::string_view name;
};
constexpr ScalarName kScalarNames[] = {
    {ElementType::kI8, "i8"},   {ElementType::kI16, "i16"}, {ElementType::kI32, "i32"},
    {ElementType::kI64, "i64"}, {ElementType::kF32, "f32"}, {ElementType::kF64, "f64"}};

}  // namespace

bool ElementType::from_scalar_name(std::string_view name, ElementType* out) {
  for (const ScalarName& scalar : kScalarNames) {
    if (scalar.name == name) {
      *out = ElementType{scalar.kind, nullptr};
      return true;
    }
  }
  return false;
}

std::string ElementType::to_string() const {
  for (const ScalarName& scalar : kScalarNames) {
    if (scalar.kind == kind) return std::string(scalar.name);
  }
  switch (kind) {
    case kRef:
      return std::string("ref<") + (ref_type ? ref_type->name : "?") + ">";
    case kVariant: return "variant";
    default: break;
  }
  return "?";
}

StatusOr<RefT<List>> List::create(ElementType element_type,
                                  size_t initial_capacity,
                                  const Allocator& allocator) {
  void* memory = allocator.allocate(sizeof(List), alignof(List));
  if (!memory) return allocation_error(allocator, sizeof(List), "a vm.list");
  List* list = new (memory) List(element_type, allocator);
  list->element_size_ = element_type.storage_size();
  RefT<List> ref = RefT<List>::adopt(list);
  if (initial_capacity) KILN_RETURN_IF_ERROR(list->reserve(initial_capacity));
  return ref;
}

List::~List() {
  release_range(0, size_);
  allocator_.deallocate(storage_, capacity_ * element_size_, alignof(Value));
}

void List::destroy(RefObject* object) {
  List* list = static_cast<List*>(object);
  Allocator allocator = list->allocator_;
  list->~List();
  allocator.deallocate(list, sizeof(List), alignof(List));
}

void List::release_range(size_t begin, size_t end) {
  if (element_type_.kind == ElementType::kRef) {
    RefObject** slots = reinterpret_cast<RefObject**>(storage_);
    for (size_t i = begin; i < end; ++i) {
      if (slots[i]) ref_release(slots[i]);
      slots[i] = nullptr;
    }
  } else if (element_type_.kind == ElementType::kVariant) {
    Value* values = reinterpret_cast<Value*>(storage_);
    for (size_t i = begin; i < end; ++i) values[i].~Value();
  }
}

Status List::reserve(size_t capacity) {
  if (capacity <= capacity_) return Status();
  if (capacity > SIZE_MAX / element_size_) {
    return resource_exhausted_error("list capacity overflows");
  }
  uint8_t* storage = static_cast<uint8_t*>(
      allocator_.allocate(capacity * element_size_, alignof(Value)));
  if (!storage) {
    Status s = allocation_error(allocator_, capacity * element_size_, "list storage");
    s.annotate("growing a vm.list to " + std::to_string(capacity) + " elements");
    return s;
  }
  // Refs are pointers and Values are trivially relocatable: move bytes.
  if (size_) std::memcpy(storage, storage_, size_ * element_size_);
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
    Value* values = reinterpret_cast<Value*>(storage_);
    for (size_t i = size_; i < size; ++i) new (&values[i]) Value();
  } else {
    std::memset(storage_ + size_ * element_size_, 0,
                (size - size_) * element_size_);
  }
  size_ = size;
  return Status();
}

Status List::check_index(size_t index) const {
  if (KILN_LIKELY(index < size_)) return Status();
  return make_status(StatusCode::kOutOfRange,
                     "list index %zu out of range for a list of %zu elements",
                     index, size_);
}

// As IREE's list.c: a ref access to a list of values, or a value access to
// a list of refs, is FAILED_PRECONDITION (the list's storage cannot serve
// it); a value of another scalar type is INVALID_ARGUMENT here, where IREE
// converts between value types (docs/semantics.md).
Status List::type_error(const char* access, bool ref_access) const {
  const bool holds_refs = element_type_.kind == ElementType::kRef;
  return make_status(ref_access != holds_refs ? StatusCode::kFailedPrecondition
                                              : StatusCode::kInvalidArgument,
                     "cannot access a list of %s as %s",
                     element_type_.to_string().c_str(), access);
}

namespace {
// A variant element of the wrong kind: a ref where a value is read or the
// reverse is FAILED_PRECONDITION, as in IREE; another scalar type is
// INVALID_ARGUMENT.
Status variant_error(size_t index, const Value& v, const char* access, bool ref_access) {
  const bool holds_ref = v.is_ref() || v.is_none();
  return make_status(ref_access != holds_ref ? StatusCode::kFailedPrecondition
                                             : StatusCode::kInvalidArgument,
                     "list element %zu is %s, not %s", index, value_type_name(v.type()),
                     access);
}
}  // namespace

Status List::get_i32(size_t index, int32_t* out) const {
  KILN_RETURN_IF_ERROR(check_index(index));
  const uint8_t* p = storage_ + index * element_size_;
  switch (element_type_.kind) {
    case ElementType::kI8: *out = *reinterpret_cast<const int8_t*>(p); return Status();
    case ElementType::kI16: { int16_t v; std::memcpy(&v, p, 2); *out = v; return Status(); }
    case ElementType::kI32: std::memcpy(out, p, 4); return Status();
    case ElementType::kVariant: {
      const Value& v = *reinterpret_cast<const Value*>(p);
      if (v.type() == ValueType::kI32 || v.type() == ValueType::kI16 ||
          v.type() == ValueType::kI8) {
        *out = v.as_i32();
        return Status();
      }
      return variant_error(index, v, "i32", false);
    }
    default: return type_error("i32", false);
  }
}

Status List::set_i32(size_t index, int32_t value) {
  KILN_RETURN_IF_ERROR(check_index(index));
  uint8_t* p = storage_ + index * element_size_;
  switch (element_type_.kind) {
    case ElementType::kI8: *reinterpret_cast<int8_t*>(p) = static_cast<int8_t>(value); return Status();
    case ElementType::kI16: { int16_t v = static_cast<int16_t>(value); std::memcpy(p, &v, 2); return Status(); }
    case ElementType::kI32: std::memcpy(p, &value, 4); return Status();
    case ElementType::kVariant: *reinterpret_cast<Value*>(p) = Value::i32(value); return Status();
    default: return type_error("i32", false);
  }
}

#define KILN_LIST_SCALAR_ACCESSORS(NAME, CTYPE, KIND, VTYPE, MAKE, AS)       \
  Status List::get_##NAME(size_t index, CTYPE* out) const {                  \
    KILN_RETURN_IF_ERROR(check_index(index));                                \
    const uint8_t* p = storage_ + index * element_size_;                     \
    if (element_type_.kind == ElementType::KIND) {                           \
      std::memcpy(out, p, sizeof(CTYPE));                                    \
      return Status();                                                       \
    }                                                                        \
    if (element_type_.kind == ElementType::kVariant) {                       \
      const Value& v = *reinterpret_cast<const Value*>(p);                   \
      if (v.type() == ValueType::VTYPE) {                                    \
        *out = v.AS();                                                       \
        return Status();                                                     \
      }                                                                      \
      return variant_error(index, v, #NAME, false);                          \
    }                                                                        \
    return type_error(#NAME, false);                                         \
  }                                                                          \
  Status List::set_##NAME(size_t index, CTYPE value) {                       \
    KILN_RETURN_IF_ERROR(check_index(index));                                \
    uint8_t* p = storage_ + index * element_size_;                           \
    if (element_type_.kind == ElementType::KIND) {                           \
      std::memcpy(p, &value, sizeof(CTYPE));                                 \
      return Status();                                                       \
    }                                                                        \
    if (element_type_.kind == ElementType::kVariant) {                       \
      *reinterpret_cast<Value*>(p) = Value::MAKE(value);                     \
      return Status();                                                       \
    }                                                                        \
    return type_error(#NAME, false);                                         \
  }

KILN_LIST_SCALAR_ACCESSORS(i64, int64_t, kI64, kI64, i64, as_i64)
KILN_LIST_SCALAR_ACCESSORS(f32, float, kF32, kF32, f32, as_f32)
KILN_LIST_SCALAR_ACCESSORS(f64, double, kF64, kF64, f64, as_f64)
#undef KILN_LIST_SCALAR_ACCESSORS

Status List::get_ref(size_t index, Ref* out) const {
  KILN_RETURN_IF_ERROR(check_index(index));
  const uint8_t* p = storage_ + index * element_size_;
  if (element_type_.kind == ElementType::kRef) {
    *out = Ref::retain(*reinterpret_cast<RefObject* const*>(p));
    return Status();
  }
  if (element_type_.kind == ElementType::kVariant) {
    const Value& v = *reinterpret_cast<const Value*>(p);
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
  uint8_t* p = storage_ + index * element_size_;
  if (element_type_.kind == ElementType::kRef) {
    if (element_type_.ref_type) {
      KILN_RETURN_IF_ERROR(value.check_type_or_null(*element_type_.ref_type));
    }
    RefObject** slot = reinterpret_cast<RefObject**>(p);
    RefObject* old = *slot;
    *slot = value.detach();
    if (old) ref_release(old);
    return Status();
  }
  if (element_type_.kind == ElementType::kVariant) {
    *reinterpret_cast<Value*>(p) = Value::ref(std::move(value));
    return Status();
  }
  return type_error("ref", true);
}

Status List::set_ref(size_t index, const Ref& value) { return set_ref_impl(index, value); }
Status List::set_ref(size_t index, Ref&& value) { return set_ref_impl(index, std::move(value)); }

Status List::get_value(size_t index, Value* out) const {
  KILN_RETURN_IF_ERROR(check_index(index));
  const uint8_t* p = storage_ + index * element_size_;
  switch (element_type_.kind) {
    case ElementType::kI8: *out = Value::i8(*reinterpret_cast<const int8_t*>(p)); break;
    case ElementType::kI16: { int16_t v; std::memcpy(&v, p, 2); *out = Value::i16(v); break; }
    case ElementType::kI32: { int32_t v; std::memcpy(&v, p, 4); *out = Value::i32(v); break; }
    case ElementType::kI64: { int64_t v; std::memcpy(&v, p, 8); *out = Value::i64(v); break; }
    case ElementType::kF32: { float v; std::memcpy(&v, p, 4); *out = Value::f32(v); break; }
    case ElementType::kF64: { double v; std::memcpy(&v, p, 8); *out = Value::f64(v); break; }
    case ElementType::kRef: *out = Value::ref(Ref::retain(*reinterpret_cast<RefObject* const*>(p))); break;
    case ElementType::kVariant: *out = *reinterpret_cast<const Value*>(p); break;
  }
  return Status();
}

Status List::set_value(size_t index, const Value& value) {
  switch (element_type_.kind) {
    case ElementType::kVariant: {
      KILN_RETURN_IF_ERROR(check_index(index));
      *reinterpret_cast<Value*>(storage_ + index * element_size_) = value;
      return Status();
    }
    case ElementType::kRef:
      if (!value.is_ref() && !value.is_none()) break;
      return set_ref_impl(index, value.as_ref());
    case ElementType::kI8:
    case ElementType::kI16:
    case ElementType::kI32:
      if (value.type() != ValueType::kI8 && value.type() != ValueType::kI16 &&
          value.type() != ValueType::kI32) break;
      return set_i32(index, value.as_i32());
    case ElementType::kI64:
      if (value.type() != ValueType::kI64) break;
      return set_i64(index, value.as_i64());
    case ElementType::kF32:
      if (value.type() != ValueType::kF32) break;
      return set_f32(index, value.as_f32());
    case ElementType::kF64:
      if (value.type() != ValueType::kF64) break;
      return set_f64(index, value.as_f64());
  }
  const bool ref_value = value.is_ref() || value.is_none();
  const bool holds_refs = element_type_.kind == ElementType::kRef;
  return make_status(ref_value != holds_refs ? StatusCode::kFailedPrecondition
                                             : StatusCode::kInvalidArgument,
                     "cannot store a %s value in a list of %s",
                     value_type_name(value.type()),
                     element_type_.to_string().c_str());
}

Status List::push_value(const Value& value) {
  size_t index = size_;
  KILN_RETURN_IF_ERROR(resize(size_ + 1));
  Status s = set_value(index, value);
  if (!s.ok()) (void)resize(index);
  return s;
}

}  // namespace kiln::vm
