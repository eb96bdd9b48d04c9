// A heap in transparent huge pages for tool processes that build a large
// heap and then exit: vm-translate and vm-opt on any module, run-module
// when it JIT-compiles.
//
// Why: on a virtual machine a page fault and a TLB miss (a two-level page
// walk) are dear. Compiling a large module touches hundreds of MiB in 4 KiB
// pages: tens of thousands of faults, and lookups that miss the TLB more
// often the larger the heap is, so the compile time grows faster than the
// module. JIT-compiling a small module first-touches several MiB, a sixth
// of its time to first result. With the heap in 2 MiB pages both go away.
//
// How: glibc's heap is made to grow in large steps, one arena serves every
// thread (MLIR's and the JIT's worker threads allocate from the same
// heap), blocks up to 32 MiB stay in the heap, and the heap's first GiB is
// asked for huge pages (MADV_HUGEPAGE; honoured where the kernel allows
// them on request, nothing changes elsewhere).
//
// With mimalloc (vm-translate and vm-opt link it where Debian's
// libmimalloc-dev is installed, see tools/CMakeLists.txt) the same is one
// option: its segments are mapped with MADV_HUGEPAGE.
//
// Not for libraries: this changes the allocator of the whole process.
#ifndef KILN_TOOLING_HUGE_PAGE_HEAP_H_
#define KILN_TOOLING_HUGE_PAGE_HEAP_H_

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdlib>

#if defined(KILN_TOOLS_MIMALLOC)
#include <mimalloc.h>
#elif defined(__GLIBC__)
#include <malloc.h>
#include <sys/mman.h>
#include <unistd.h>
#endif

namespace kiln::tooling {

// Call once, early in main, before the large allocations start.
inline void use_huge_page_heap() {
#if defined(KILN_TOOLS_MIMALLOC)
  // Segments mapped from now on; what static initializers allocated before
  // main stays where it is (a few MiB).
  mi_option_enable(mi_option_large_os_pages);
#elif defined(__GLIBC__)
  // A brk extension of the heap does not inherit MADV_HUGEPAGE (the kernel
  // maps it apart from the advised part), so the heap is grown once by a
  // large reserve, advised whole, and never trimmed. The reserve is address
  // space: pages are backed only when first touched.
  constexpr size_t kReserve = sizeof(void *) == 8 ? size_t{1} << 30 : size_t{64} << 20;
  constexpr int kStep = 64 << 20, kLargest = 32 << 20; // glibc's largest threshold
  constexpr uintptr_t kHuge = uintptr_t(2) << 20;
  mallopt(M_ARENA_MAX, 1);
  mallopt(M_MMAP_THRESHOLD, kLargest);
  mallopt(M_TRIM_THRESHOLD, static_cast<int>(std::min<size_t>(2 * kReserve, INT32_MAX)));
  mallopt(M_TOP_PAD, static_cast<int>(kReserve));
  auto start = reinterpret_cast<uintptr_t>(sbrk(0));
  // Grows the heap by a block and the reserve (volatile: the compiler may
  // not drop the pair). Where the kernel refuses that much, malloc gets
  // what it can and the heap stays in small pages past it.
  void *volatile block = std::malloc(kHuge);
  std::free(block);
  mallopt(M_TOP_PAD, kStep);
  auto end = reinterpret_cast<uintptr_t>(sbrk(0));
  uintptr_t from = (start + kHuge - 1) & ~(kHuge - 1), to = end & ~(kHuge - 1);
  if (to <= from)
    return;
  madvise(reinterpret_cast<void *>(from), to - from, MADV_HUGEPAGE);
  // The rest of the heap's first small-page stretch stays taken (never
  // touched, never freed), so allocations come from the huge pages.
  if (from > start)
    block = std::malloc(from - start);
#endif
}

} // namespace kiln::tooling

#endif // KILN_TOOLING_HUGE_PAGE_HEAP_H_
