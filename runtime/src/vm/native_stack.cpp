// The C stack bounds of the current thread, for bounded C modules'
// native stack checks (kiln/vm/budget.h).
#include <pthread.h>
#include <sys/resource.h>

#include <cstdint>

#include "kiln/vm/budget.h"

namespace kiln::vm {
namespace {

struct StackBounds {
  bool known = false;
  uintptr_t low = 0; // lowest usable address (stacks grow down)
  size_t size = 0;
};

StackBounds compute_bounds() {
  StackBounds bounds;
#if defined(__linux__)
  pthread_attr_t attr;
  if (pthread_getattr_np(pthread_self(), &attr) != 0)
    return bounds;
  void *addr = nullptr;
  size_t size = 0;
  if (pthread_attr_getstack(&attr, &addr, &size) == 0 && addr && size) {
    size_t guard = 0;
    pthread_attr_getguardsize(&attr, &guard);
    bounds.low = reinterpret_cast<uintptr_t>(addr) + guard;
    bounds.size = size > guard ? size - guard : size;
    bounds.known = true;
  }
  pthread_attr_destroy(&attr);
  // The main thread's attributes report the whole mapping the kernel may
  // grow it to; RLIMIT_STACK is the real bound (ulimit -s).
  struct rlimit limit;
  char here = 0;
  uintptr_t sp = reinterpret_cast<uintptr_t>(&here);
  if (bounds.known && getrlimit(RLIMIT_STACK, &limit) == 0 && limit.rlim_cur != RLIM_INFINITY) {
    uintptr_t top = bounds.low + bounds.size;
    if (sp <= top && top - bounds.low > limit.rlim_cur && top > limit.rlim_cur) {
      // Only the main thread's mapping exceeds the rlimit.
      bounds.low = top - limit.rlim_cur;
      bounds.size = limit.rlim_cur;
    }
  }
#endif
  return bounds;
}

const StackBounds &bounds() {
  thread_local StackBounds b = compute_bounds();
  return b;
}

} // namespace

uintptr_t native_stack_limit() {
  const StackBounds &b = bounds();
  if (!b.known)
    return 0;
  size_t reserve = b.size / 4 < kNativeStackReserve ? b.size / 4 : kNativeStackReserve;
  return b.low + reserve;
}

size_t native_stack_size() { return bounds().known ? bounds().size : 0; }

} // namespace kiln::vm
