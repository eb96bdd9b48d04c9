#include "kiln/vm/wait.h"

#include <chrono>

namespace kiln::vm {

int64_t now_ns() {
  return std::chrono::duration_cast<std::chrono::nanoseconds>(
             std::chrono::steady_clock::now().time_since_epoch())
      .count();
}

} // namespace kiln::vm
