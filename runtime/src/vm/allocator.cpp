#include "kiln/vm/allocator.h"

#include <new>

namespace kiln::vm {
namespace {

void *system_allocate(void *, size_t size, size_t alignment) {
  if (alignment < alignof(std::max_align_t))
    alignment = alignof(std::max_align_t);
  return ::operator new(size == 0 ? 1 : size, std::align_val_t(alignment), std::nothrow);
}

void system_deallocate(void *, void *ptr, size_t, size_t alignment) {
  if (alignment < alignof(std::max_align_t))
    alignment = alignof(std::max_align_t);
  ::operator delete(ptr, std::align_val_t(alignment));
}

} // namespace

Allocator Allocator::system() {
  Allocator a;
  a.allocate_fn = system_allocate;
  a.deallocate_fn = system_deallocate;
  return a;
}

} // namespace kiln::vm
