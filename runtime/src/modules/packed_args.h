// Sequential, bounds-checked reading of packed arguments (the calling
// convention of kiln/vm/signature.h) for native exports whose signatures
// have variadic spans (NativeModule::export_packed). Each read aligns to the
// value's natural alignment, as the packer does.
#ifndef KILN_MODULES_PACKED_ARGS_H_
#define KILN_MODULES_PACKED_ARGS_H_

#include <cstdint>
#include <cstring>
#include <utility>

#include "kiln/vm/module.h"
#include "kiln/vm/ref.h"
#include "kiln/vm/signature.h"
#include "kiln/vm/status.h"

namespace kiln::modules {

class PackedArgs {
public:
  explicit PackedArgs(vm::ByteSpan bytes) : bytes_(bytes) {}

  bool ok() const { return ok_; }
  // The error to return when !ok().
  vm::Status error() const {
    return vm::invalid_argument_error("packed arguments are shorter than their signature");
  }

  int32_t i32() { return scalar<int32_t>(); }
  int64_t i64() { return scalar<int64_t>(); }
  float f32() { return scalar<float>(); }
  // A variadic span's count (the tuples follow, read element by element).
  int32_t span_count() {
    int32_t n = scalar<int32_t>();
    if (n < 0)
      ok_ = false;
    return ok_ ? n : 0;
  }
  // Moves the reference out of the slot.
  vm::Ref ref() {
    uint8_t *p = take(sizeof(void *));
    if (!p)
      return vm::Ref();
    return std::move(*reinterpret_cast<vm::Ref *>(p));
  }
  // A typed reference (null passes); a wrong type sets `*status`.
  template <typename T> vm::RefT<T> ref_as(vm::Status *status) {
    vm::Ref r = ref();
    vm::Status s = r.check_type_or_null(T::kType);
    if (!s.ok()) {
      if (status->ok())
        *status = std::move(s);
      return vm::RefT<T>();
    }
    return vm::RefT<T>::unchecked(std::move(r));
  }

private:
  uint8_t *take(size_t size) {
    size_t offset = vm::align_up(offset_, size);
    if (!ok_ || offset + size > bytes_.size) {
      ok_ = false;
      return nullptr;
    }
    offset_ = offset + size;
    return bytes_.data + offset;
  }
  template <typename T> T scalar() {
    T v{};
    uint8_t *p = take(sizeof(T));
    if (p)
      std::memcpy(&v, p, sizeof(T));
    return v;
  }

  vm::ByteSpan bytes_;
  size_t offset_ = 0;
  bool ok_ = true;
};

} // namespace kiln::modules

#endif // KILN_MODULES_PACKED_ARGS_H_
