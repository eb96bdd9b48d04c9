// Host memory allocation used by the runtime for objects and buffers.
#ifndef KILN_VM_ALLOCATOR_H_
#define KILN_VM_ALLOCATOR_H_

#include <cstddef>

namespace kiln::vm {

// A plain function-pointer allocator (no virtual dispatch, copyable, cheap).
// `allocate` returns nullptr on failure; `deallocate` receives the size and
// alignment that were passed to `allocate`.
struct Allocator {
  void *self = nullptr;
  void *(*allocate_fn)(void *self, size_t size, size_t alignment) = nullptr;
  void (*deallocate_fn)(void *self, void *ptr, size_t size, size_t alignment) = nullptr;

  void *allocate(size_t size, size_t alignment) const { return allocate_fn(self, size, alignment); }
  void deallocate(void *ptr, size_t size, size_t alignment) const {
    if (ptr)
      deallocate_fn(self, ptr, size, alignment);
  }

  // Global aligned operator new/delete (nothrow).
  static Allocator system();
};

// The allocator for runtime objects created now on this thread: the
// memory budget of the context whose call runs here, if it has a limit,
// else Allocator::system() (kiln/vm/budget.h).
Allocator current_allocator();

} // namespace kiln::vm

#endif // KILN_VM_ALLOCATOR_H_
