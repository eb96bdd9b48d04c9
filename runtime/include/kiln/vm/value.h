// Tagged VM values: what a variant list element or a host argument holds.
#ifndef KILN_VM_VALUE_H_
#define KILN_VM_VALUE_H_

#include <cstdint>
#include <string>
#include <vector>

#include "kiln/vm/ref.h"

namespace kiln::vm {

enum class ValueType : uint8_t {
  kNone = 0,
  kI8,
  kI16,
  kI32,
  kI64,
  kF32,
  kF64,
  kRef,
};

// "none", "i8", "i16", "i32", "i64", "f32", "f64", "ref".
const char *value_type_name(ValueType type);
// Byte size of a scalar of this type (refs: sizeof(void*); none: 0).
size_t value_type_size(ValueType type);

// A tagged scalar or ref (16 bytes). A ref value owns one reference.
class Value {
public:
  Value() { bits_.i64 = 0; }
  static Value i8(int8_t v) {
    Value r(ValueType::kI8);
    r.bits_.i64 = v;
    return r;
  }
  static Value i16(int16_t v) {
    Value r(ValueType::kI16);
    r.bits_.i64 = v;
    return r;
  }
  static Value i32(int32_t v) {
    Value r(ValueType::kI32);
    r.bits_.i64 = v;
    return r;
  }
  static Value i64(int64_t v) {
    Value r(ValueType::kI64);
    r.bits_.i64 = v;
    return r;
  }
  static Value f32(float v) {
    Value r(ValueType::kF32);
    r.bits_.f32 = v;
    return r;
  }
  static Value f64(double v) {
    Value r(ValueType::kF64);
    r.bits_.f64 = v;
    return r;
  }
  static Value ref(Ref v) {
    Value r(ValueType::kRef);
    r.bits_.ref = v.detach();
    return r;
  }

  Value(const Value &o) : type_(o.type_), bits_(o.bits_) {
    if (type_ == ValueType::kRef && bits_.ref)
      ref_retain(bits_.ref);
  }
  Value(Value &&o) noexcept : type_(o.type_), bits_(o.bits_) {
    o.type_ = ValueType::kNone;
    o.bits_.i64 = 0;
  }
  Value &operator=(const Value &o) {
    if (this != &o) {
      Value copy(o);
      swap(copy);
    }
    return *this;
  }
  Value &operator=(Value &&o) noexcept {
    if (this != &o) {
      reset();
      type_ = o.type_;
      bits_ = o.bits_;
      o.type_ = ValueType::kNone;
      o.bits_.i64 = 0;
    }
    return *this;
  }
  ~Value() { reset(); }

  void reset() {
    if (type_ == ValueType::kRef && bits_.ref)
      ref_release(bits_.ref);
    type_ = ValueType::kNone;
    bits_.i64 = 0;
  }
  void swap(Value &o) {
    std::swap(type_, o.type_);
    std::swap(bits_, o.bits_);
  }

  ValueType type() const { return type_; }
  bool is_none() const { return type_ == ValueType::kNone; }
  bool is_ref() const { return type_ == ValueType::kRef; }

  // Unchecked accessors (i8/i16/i32 share storage, sign-extended).
  int32_t as_i32() const { return static_cast<int32_t>(bits_.i64); }
  int64_t as_i64() const { return bits_.i64; }
  float as_f32() const { return bits_.f32; }
  double as_f64() const { return bits_.f64; }
  // A new reference to the held object (null if not a ref).
  Ref as_ref() const { return type_ == ValueType::kRef ? Ref::retain(bits_.ref) : Ref(); }
  // Moves the ref out, leaving none.
  Ref take_ref() {
    if (type_ != ValueType::kRef)
      return Ref();
    Ref r = Ref::adopt(bits_.ref);
    type_ = ValueType::kNone;
    bits_.i64 = 0;
    return r;
  }
  RefObject *ref_object() const { return type_ == ValueType::kRef ? bits_.ref : nullptr; }

  // e.g. "i32=5", "f32=1.5", "ref<vm.buffer>", "ref<null>", "none".
  std::string to_string() const;

private:
  explicit Value(ValueType t) : type_(t) { bits_.i64 = 0; }
  ValueType type_ = ValueType::kNone;
  union Bits {
    int64_t i64;
    float f32;
    double f64;
    RefObject *ref;
  } bits_;
};

// Host-side argument/result list for invoke(). Reuse one across calls to
// avoid allocation (clear() keeps capacity).
using ValueList = std::vector<Value>;

} // namespace kiln::vm

#endif // KILN_VM_VALUE_H_
