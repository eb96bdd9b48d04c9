// Intrusive reference counting.
//
// Every VM object starts with a RefObject header: an atomic reference count
// and a pointer to its RefType (name + destroy function). Type identity is the
// RefType's address. Types are registered by name on the Instance
// (TypeRegistry) so loaders can map `!vm.ref<hal.buffer>` to a descriptor.
//
// Ownership rules:
//  * A Ref owns exactly one reference (or is null).
//  * Copying a Ref retains; destroying or resetting releases.
//  * Moving a Ref never touches the count; the source becomes null.
//  * A ref slot in packed argument/result bytes is a Ref in memory (one
//    pointer, null or owning one reference).
#ifndef KILN_VM_REF_H_
#define KILN_VM_REF_H_

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <string_view>
#include <utility>
#include <vector>

#include "kiln/vm/status.h"

namespace kiln::vm {

struct RefObject;

// A runtime type. Define one per object type, with static storage duration.
struct RefType {
  const char *name;                   // e.g. "vm.buffer", "hal.buffer"
  void (*destroy)(RefObject *object); // called when the count drops to 0
};

// The object header. Objects derive from it (standard-layout prefix).
struct RefObject {
  explicit RefObject(const RefType *type) : ref_count(1), type(type) {}
  RefObject(const RefObject &) = delete;
  RefObject &operator=(const RefObject &) = delete;

  std::atomic<uint32_t> ref_count;
  const RefType *type;
};

KILN_ALWAYS_INLINE void ref_retain(RefObject *object) {
  object->ref_count.fetch_add(1, std::memory_order_relaxed);
}
KILN_ALWAYS_INLINE void ref_release(RefObject *object) {
  if (object->ref_count.fetch_sub(1, std::memory_order_acq_rel) == 1) {
    object->type->destroy(object);
  }
}

// Error for a ref of the wrong type (or null where an object is required).
Status ref_type_error(const RefObject *object, const RefType &expected);

class Ref {
public:
  constexpr Ref() noexcept = default;
  constexpr Ref(std::nullptr_t) noexcept {}
  Ref(const Ref &other) noexcept : object_(other.object_) {
    if (object_)
      ref_retain(object_);
  }
  Ref(Ref &&other) noexcept : object_(other.object_) { other.object_ = nullptr; }
  Ref &operator=(const Ref &other) noexcept {
    if (other.object_)
      ref_retain(other.object_);
    RefObject *old = object_;
    object_ = other.object_;
    if (old)
      ref_release(old);
    return *this;
  }
  Ref &operator=(Ref &&other) noexcept {
    if (this != &other) {
      RefObject *old = object_;
      object_ = other.object_;
      other.object_ = nullptr;
      if (old)
        ref_release(old);
    }
    return *this;
  }
  ~Ref() {
    if (object_)
      ref_release(object_);
  }

  // Takes ownership of one existing reference (e.g. a freshly created object
  // with count 1) without retaining.
  static Ref adopt(RefObject *object) noexcept {
    Ref r;
    r.object_ = object;
    return r;
  }
  // Retains and wraps.
  static Ref retain(RefObject *object) noexcept {
    if (object)
      ref_retain(object);
    return adopt(object);
  }

  RefObject *get() const { return object_; }
  const RefType *type() const { return object_ ? object_->type : nullptr; }
  bool is_null() const { return object_ == nullptr; }
  explicit operator bool() const { return object_ != nullptr; }
  bool is_type(const RefType &type) const { return object_ && object_->type == &type; }
  // Releases the held reference (if any); becomes null.
  void reset() {
    if (object_) {
      RefObject *old = object_;
      object_ = nullptr;
      ref_release(old);
    }
  }
  // Gives up ownership without releasing; the caller owns the reference.
  RefObject *detach() {
    RefObject *o = object_;
    object_ = nullptr;
    return o;
  }
  // Unchecked downcast; callers check the type first.
  template <typename T> T *as() const { return static_cast<T *>(object_); }
  // Checked: null or the wrong type is an INVALID_ARGUMENT.
  Status check_type(const RefType &type) const {
    if (KILN_LIKELY(is_type(type)))
      return Status();
    return ref_type_error(object_, type);
  }
  // Checked: the wrong type is an error, null is accepted.
  Status check_type_or_null(const RefType &type) const {
    if (KILN_LIKELY(!object_ || object_->type == &type))
      return Status();
    return ref_type_error(object_, type);
  }
  uint32_t ref_count() const {
    return object_ ? object_->ref_count.load(std::memory_order_relaxed) : 0;
  }

  friend bool operator==(const Ref &a, const Ref &b) { return a.object_ == b.object_; }
  friend bool operator!=(const Ref &a, const Ref &b) { return a.object_ != b.object_; }

private:
  RefObject *object_ = nullptr;
};
static_assert(sizeof(Ref) == sizeof(void *), "a Ref is one pointer");

// A Ref statically known to be null or a T, where T derives from RefObject
// and has `static const RefType kType`. Same layout as Ref.
template <typename T> class RefT {
public:
  RefT() = default;
  RefT(std::nullptr_t) {}
  static RefT adopt(T *object) {
    RefT r;
    r.ref_ = Ref::adopt(object);
    return r;
  }
  static RefT retain(T *object) {
    RefT r;
    r.ref_ = Ref::retain(object);
    return r;
  }
  // Checked conversion from an untyped Ref (null is accepted).
  static StatusOr<RefT> cast(Ref ref) {
    Status s = ref.check_type_or_null(T::kType);
    if (KILN_UNLIKELY(!s.ok()))
      return s;
    RefT r;
    r.ref_ = std::move(ref);
    return r;
  }
  // Unchecked conversion; the caller has checked the type.
  static RefT unchecked(Ref ref) {
    RefT r;
    r.ref_ = std::move(ref);
    return r;
  }

  T *get() const { return ref_.as<T>(); }
  T *operator->() const { return get(); }
  T &operator*() const { return *get(); }
  explicit operator bool() const { return !ref_.is_null(); }
  bool is_null() const { return ref_.is_null(); }
  void reset() { ref_.reset(); }

  const Ref &as_ref() const & { return ref_; }
  Ref as_ref() && { return std::move(ref_); }
  operator const Ref &() const & { return ref_; }
  operator Ref() && { return std::move(ref_); }

private:
  Ref ref_;
};

// Name -> RefType map owned by an Instance.
class TypeRegistry {
public:
  // Registering the same descriptor twice is a no-op; a different descriptor
  // under an existing name is ALREADY_EXISTS.
  Status register_type(const RefType *type);
  // nullptr when unknown.
  const RefType *lookup(std::string_view name) const;
  const std::vector<const RefType *> &types() const { return types_; }

private:
  std::vector<const RefType *> types_;
};

} // namespace kiln::vm

#endif // KILN_VM_REF_H_
