// Loading a C-form executable (a shared object held in memory) without
// writing a file where the platform allows it: memfd_create, then dlopen of
// /proc/self/fd/N. Where memfd_create is unavailable the bytes go to an
// unlinked temporary file instead. The file stays open while the library
// is loaded, so its /proc path cannot name another executable's file
// (dlopen identifies already-loaded libraries by path).
#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>

#include "kiln/cmodule/c_module.h"
#include "kiln/modules/hal/executable.h"

namespace kiln::hal {
namespace {

vm::Status write_all(int fd, const uint8_t* data, size_t size) {
  while (size > 0) {
    ssize_t n = ::write(fd, data, size);
    if (n < 0) {
      if (errno == EINTR) continue;
      return vm::make_status(vm::StatusCode::kInternal,
                             "writing the executable's shared object failed: %s",
                             std::strerror(errno));
    }
    data += n;
    size -= static_cast<size_t>(n);
  }
  return vm::Status();
}

// An unlinked temporary file holding the bytes; `*path` is where it was.
int open_temp_file(std::string* path) {
  const char* dir = std::getenv("TMPDIR");
  std::string pattern = std::string(dir && *dir ? dir : "/tmp") + "/kiln-exe-XXXXXX";
  int fd = ::mkstemp(pattern.data());
  if (fd >= 0) *path = pattern;
  return fd;
}

}  // namespace

vm::StatusOr<vm::Ref> load_c_module_from_memory(vm::Instance& instance,
                                                const uint8_t* data, size_t size,
                                                int* out_fd) {
  *out_fd = -1;
  // Anything shorter than an ELF header cannot be a shared object; saying
  // so is clearer than dlopen's "file too short".
  static const uint8_t kElfMagic[4] = {0x7f, 'E', 'L', 'F'};
  if (size < 64 || std::memcmp(data, kElfMagic, 4) != 0) {
    return vm::make_status(vm::StatusCode::kInvalidArgument,
                           "executable data (%zu bytes) is not an ELF shared object",
                           size);
  }
  std::string temp_path;
  int fd = ::memfd_create("kiln-executable", MFD_CLOEXEC);
  std::string path;
  if (fd >= 0) {
    path = "/proc/self/fd/" + std::to_string(fd);
  } else {
    fd = open_temp_file(&temp_path);
    if (fd < 0) {
      return vm::make_status(vm::StatusCode::kUnavailable,
                             "no memfd_create and no temporary file for the "
                             "executable's shared object: %s",
                             std::strerror(errno));
    }
    path = temp_path;
  }
  vm::Status s = write_all(fd, data, size);
  vm::StatusOr<vm::Ref> module = s.ok()
                                     ? cmodule::load_module_from_file(instance, path.c_str())
                                     : vm::StatusOr<vm::Ref>(std::move(s));
  if (!temp_path.empty()) ::unlink(temp_path.c_str());
  if (!module.ok()) {
    ::close(fd);
    return module;
  }
  *out_fd = fd;
  return module;
}

}  // namespace kiln::hal
