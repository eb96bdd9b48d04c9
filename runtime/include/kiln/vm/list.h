// vm.list: a growable list typed by its element type.
//
//   i8 / i16 / i32 / i64 / f32 / f64  packed scalars
//   ref<T>                            refs of one type (T == nullptr: any)
//   variant                           a tagged Value per element
//
// Access is bounds- and type-checked; errors are OUT_OF_RANGE (index) or
// INVALID_ARGUMENT (type). i8/i16 elements read as sign-extended i32 and
// are written truncated from i32. New elements (resize) are zero / null /
// none. Ref elements own one reference each.
#ifndef KILN_VM_LIST_H_
#define KILN_VM_LIST_H_

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "kiln/vm/allocator.h"
#include "kiln/vm/ref.h"
#include "kiln/vm/status.h"
#include "kiln/vm/value.h"

namespace kiln::vm {

struct ElementType {
  enum Kind : uint8_t { kI8, kI16, kI32, kI64, kF32, kF64, kRef, kVariant };
  Kind kind = kVariant;
  const RefType *ref_type = nullptr; // kRef only; nullptr = any ref type

  static ElementType i8() { return {kI8, nullptr}; }
  static ElementType i16() { return {kI16, nullptr}; }
  static ElementType i32() { return {kI32, nullptr}; }
  static ElementType i64() { return {kI64, nullptr}; }
  static ElementType f32() { return {kF32, nullptr}; }
  static ElementType f64() { return {kF64, nullptr}; }
  static ElementType ref(const RefType *type = nullptr) { return {kRef, type}; }
  static ElementType variant() { return {kVariant, nullptr}; }

  // The scalar element type spelled `name` in a !vm.list<...> ("i8" .. "f64",
  // the names of kiln/vm/limits.h's kListScalarElementTypes); false for any
  // other name (refs and variants are resolved by the caller).
  static bool from_scalar_name(std::string_view name, ElementType *out);

  // Bytes per element in storage.
  size_t storage_size() const;
  // "i32", "ref<vm.buffer>", "ref<?>", "variant".
  std::string to_string() const;
};

class List : public RefObject {
public:
  static const RefType kType; // "vm.list"

  static StatusOr<RefT<List>> create(ElementType element_type, size_t initial_capacity = 0,
                                     const Allocator &allocator = current_allocator());

  ElementType element_type() const { return element_type_; }
  size_t size() const { return size_; }
  size_t capacity() const { return capacity_; }

  Status reserve(size_t capacity);
  // Grows with zero/null/none elements or shrinks releasing refs.
  Status resize(size_t size);
  void clear() { (void)resize(0); }

  Status get_i32(size_t index, int32_t *out) const;
  Status set_i32(size_t index, int32_t value);
  Status get_i64(size_t index, int64_t *out) const;
  Status set_i64(size_t index, int64_t value);
  Status get_f32(size_t index, float *out) const;
  Status set_f32(size_t index, float value);
  Status get_f64(size_t index, double *out) const;
  Status set_f64(size_t index, double value);
  // Retains into `out` (null element -> null ref).
  Status get_ref(size_t index, Ref *out) const;
  // Retains `value` (copy) or takes it (move); type-checked against ref<T>.
  Status set_ref(size_t index, const Ref &value);
  Status set_ref(size_t index, Ref &&value);
  // Works for every element type: scalars come back tagged.
  Status get_value(size_t index, Value *out) const;
  // Works for every element type: a ref into a list of refs or variants, a
  // scalar into a list of scalars (converted as IREE converts) or variants.
  Status set_value(size_t index, const Value &value);
  // Appends one element (grows capacity geometrically).
  Status push_value(const Value &value);

private:
  List(ElementType element_type, const Allocator &allocator)
      : RefObject(&kType), element_type_(element_type), allocator_(allocator) {}
  ~List();
  static void destroy(RefObject *object);
  Status check_index(size_t index) const;
  // `access` names what was asked for ("i32", "ref"); `ref_access` says
  // whether that is a ref.
  Status type_error(const char *access, bool ref_access) const;
  Status set_ref_impl(size_t index, Ref value);
  // One scalar read or written with IREE's value conversions (list.cpp).
  Status get_scalar(size_t index, ValueType target, Value *out) const;
  Status set_scalar(size_t index, const Value &value);
  // get_scalar, then the value as T through `as` (Value::as_i32, ...).
  template <typename T>
  Status get_scalar_as(size_t index, ValueType target, T (Value::*as)() const, T *out) const {
    Value v;
    KILN_RETURN_IF_ERROR(get_scalar(index, target, &v));
    *out = (v.*as)();
    return Status();
  }
  void release_range(size_t begin, size_t end);

  ElementType element_type_;
  Allocator allocator_;
  size_t element_size_ = 0;
  size_t size_ = 0;
  size_t capacity_ = 0;
  uint8_t *storage_ = nullptr;
};

} // namespace kiln::vm

#endif // KILN_VM_LIST_H_
