// Loading a C-form executable (a shared object held in memory) without
// writing a file where the platform allows it: memfd_create, then dlopen of
// /proc/self/fd/N. Where memfd_create is unavailable the bytes go to an
// unlinked temporary file instead. The file stays open while the library
// is loaded, so its /proc path cannot name another executable's file
// (dlopen identifies already-loaded libraries by path).
//
// Before dlopen the ELF structure is checked against the data's size: the
// dynamic loader maps segments by file offset and a truncated or corrupt
// file would fault (SIGBUS) inside it. A well-formed object is then trusted
// native code, like any .so given to run-module.
#include <elf.h>
#include <sys/mman.h>
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

vm::Status write_all(int fd, const uint8_t *data, size_t size) {
  while (size > 0) {
    ssize_t n = ::write(fd, data, size);
    if (n < 0) {
      if (errno == EINTR)
        continue;
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
int open_temp_file(std::string *path) {
  const char *dir = std::getenv("TMPDIR");
  std::string pattern = std::string(dir && *dir ? dir : "/tmp") + "/kiln-exe-XXXXXX";
  int fd = ::mkstemp(pattern.data());
  if (fd >= 0)
    *path = pattern;
  return fd;
}

constexpr uint16_t host_elf_machine() {
#if defined(__x86_64__)
  return EM_X86_64;
#elif defined(__aarch64__)
  return EM_AARCH64;
#else
  return EM_NONE; // unknown host: leave the check to dlopen
#endif
}

// [offset, offset + count * entry) lies within `size` bytes (no overflow).
bool table_fits(uint64_t offset, uint64_t count, uint64_t entry, size_t size) {
  if (offset > size)
    return false;
  if (entry != 0 && count > (size - offset) / entry)
    return false;
  return true;
}

vm::Status not_a_shared_object(size_t size, const char *why) {
  return vm::make_status(vm::StatusCode::kInvalidArgument,
                         "executable data (%zu bytes) is not a loadable ELF shared "
                         "object for this host: %s",
                         size, why);
}

// The header and every segment and table lie within the data.
vm::Status check_elf(const uint8_t *data, size_t size) {
  Elf64_Ehdr h;
  std::memcpy(&h, data, sizeof(h));
  if (h.e_ident[EI_CLASS] != ELFCLASS64)
    return not_a_shared_object(size, "not 64-bit");
  if (h.e_ident[EI_DATA] != ELFDATA2LSB)
    return not_a_shared_object(size, "not little-endian");
  if (h.e_type != ET_DYN)
    return not_a_shared_object(size, "not a shared object (ET_DYN)");
  if (host_elf_machine() != EM_NONE && h.e_machine != host_elf_machine()) {
    return not_a_shared_object(size, "built for another machine");
  }
  if (h.e_phentsize != sizeof(Elf64_Phdr) || h.e_phnum == 0 ||
      !table_fits(h.e_phoff, h.e_phnum, sizeof(Elf64_Phdr), size)) {
    return not_a_shared_object(size, "program header table outside the data");
  }
  if (h.e_shnum != 0 && (h.e_shentsize != sizeof(Elf64_Shdr) ||
                         !table_fits(h.e_shoff, h.e_shnum, sizeof(Elf64_Shdr), size))) {
    return not_a_shared_object(size, "section header table outside the data");
  }
  for (uint16_t i = 0; i < h.e_phnum; ++i) {
    Elf64_Phdr ph;
    std::memcpy(&ph, data + h.e_phoff + i * sizeof(Elf64_Phdr), sizeof(ph));
    if (!table_fits(ph.p_offset, 1, ph.p_filesz, size)) {
      return vm::make_status(vm::StatusCode::kInvalidArgument,
                             "executable data (%zu bytes) is not a loadable ELF shared "
                             "object: segment %u needs bytes [%llu, %llu) (truncated?)",
                             size, static_cast<unsigned>(i),
                             static_cast<unsigned long long>(ph.p_offset),
                             static_cast<unsigned long long>(ph.p_offset + ph.p_filesz));
    }
  }
  return vm::Status();
}

} // namespace

vm::StatusOr<vm::Ref> load_c_module_from_memory(vm::Instance &instance, const uint8_t *data,
                                                size_t size, int *out_fd) {
  *out_fd = -1;
  // Anything shorter than an ELF header cannot be a shared object; saying
  // so is clearer than dlopen's "file too short".
  static const uint8_t kElfMagic[4] = {0x7f, 'E', 'L', 'F'};
  if (size < sizeof(Elf64_Ehdr) || std::memcmp(data, kElfMagic, 4) != 0) {
    return vm::make_status(vm::StatusCode::kInvalidArgument,
                           "executable data (%zu bytes) is not an ELF shared object", size);
  }
  KILN_RETURN_IF_ERROR(check_elf(data, size));
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
  vm::StatusOr<vm::Ref> module = s.ok() ? cmodule::load_module_from_file(instance, path.c_str())
                                        : vm::StatusOr<vm::Ref>(std::move(s));
  if (!temp_path.empty())
    ::unlink(temp_path.c_str());
  if (!module.ok()) {
    ::close(fd);
    return module;
  }
  *out_fd = fd;
  return module;
}

} // namespace kiln::hal
