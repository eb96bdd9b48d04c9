// kiln-params: inspect and build parameter files.
//
//   kiln-params list FILE...
//   kiln-params create --out=x.irpa [--alignment=N] [--from=FILE ...] NAME=@FILE ...
//
// Everything but argument handling lives in kiln_io_parameters.
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <utility>
#include <vector>

#include "kiln/modules/io_parameters/formats.h"
#include "kiln/modules/io_parameters/index.h"
#include "kiln/tooling/run.h"

namespace {

using namespace kiln;
using io_parameters::Index;
using io_parameters::Storage;

void print_usage(std::FILE *out) {
  std::fprintf(
      out, "usage: kiln-params list FILE...\n"
           "       kiln-params create --out=PATH [--alignment=N] [--from=FILE ...] NAME=@FILE ...\n"
           "\n"
           "list    prints each parameter of FILE (safetensors, GGUF or IRPA, told apart\n"
           "        by their first bytes): key, file offset, length, and what the format\n"
           "        says about it; the file is checked as the runtime checks it\n"
           "create  writes an IRPA parameter archive holding the bytes of each FILE\n"
           "        under NAME, each aligned to N bytes in the archive (default 64, so\n"
           "        the runtime loads them without copies); --from=FILE adds every\n"
           "        parameter of a safetensors, GGUF or IRPA file (conversion; IRPA\n"
           "        splats stay splats)\n"
           "\n"
           "Exit status: 0 on success, 2 on bad arguments or files (one-line error).\n");
}

int fail(const vm::Status &status) {
  std::fprintf(stderr, "error: %s\n", status.to_string().c_str());
  return 2;
}

int list(int argc, char **argv) {
  if (argc < 3) {
    std::fprintf(stderr, "error: kiln-params list needs a FILE (see --help)\n");
    return 2;
  }
  for (int i = 2; i < argc; ++i) {
    auto storage = Storage::map_file(argv[i]);
    if (!storage.ok())
      return fail(storage.status());
    auto format = io_parameters::detect_format(**storage);
    if (!format.ok())
      return fail(format.status());
    Index index;
    vm::Status s = io_parameters::parse_storage(*storage, &index);
    if (!s.ok())
      return fail(s);
    std::printf("%s: %s, %zu bytes, %zu parameters\n", argv[i], io_parameters::format_name(*format),
                (*storage)->size(), index.size());
    for (const io_parameters::Entry &e : index.entries()) {
      if (e.is_splat()) {
        std::printf("  %-40s splat %12llu bytes  %s\n", e.key.c_str(),
                    static_cast<unsigned long long>(e.length), e.description.c_str());
      } else {
        std::printf("  %-40s @%-12llu %12llu bytes  %s\n", e.key.c_str(),
                    static_cast<unsigned long long>(e.offset),
                    static_cast<unsigned long long>(e.length), e.description.c_str());
      }
    }
  }
  return 0;
}

bool read_file(const std::string &path, std::vector<uint8_t> *out) {
  std::FILE *f = std::fopen(path.c_str(), "rb");
  if (!f)
    return false;
  uint8_t chunk[1 << 16];
  size_t n;
  while ((n = std::fread(chunk, 1, sizeof(chunk), f)) > 0)
    out->insert(out->end(), chunk, chunk + n);
  bool ok = !std::ferror(f);
  std::fclose(f);
  return ok;
}

// Every parameter of `path` (splats stay splats).
vm::Status add_all_from(const std::string &path, std::vector<io_parameters::IrpaEntry> *entries) {
  KILN_ASSIGN_OR_RETURN(vm::RefT<Storage> storage, Storage::map_file(path));
  Index index;
  KILN_RETURN_IF_ERROR(io_parameters::parse_storage(storage, &index));
  for (const io_parameters::Entry &e : index.entries()) {
    io_parameters::IrpaEntry out;
    out.name = e.key;
    if (e.is_splat()) {
      out.splat_length = e.length;
      std::memcpy(out.pattern, e.pattern, sizeof(out.pattern));
      out.pattern_length = e.pattern_length;
    } else {
      const uint8_t *p = e.storage->data() + e.offset;
      out.bytes.assign(p, p + e.length);
    }
    entries->push_back(std::move(out));
  }
  return vm::Status();
}

int create(int argc, char **argv) {
  std::string out;
  uint64_t alignment = 64;
  std::vector<io_parameters::IrpaEntry> entries;
  for (int i = 2; i < argc; ++i) {
    std::string arg = argv[i];
    if (arg.rfind("--out=", 0) == 0) {
      out = arg.substr(6);
    } else if (arg.rfind("--alignment=", 0) == 0) {
      char *end = nullptr;
      unsigned long long a = std::strtoull(arg.c_str() + 12, &end, 10);
      if (*end || a == 0 || (a & (a - 1)) || a > (1u << 20)) {
        std::fprintf(stderr, "error: --alignment needs a power of two up to 1048576, got '%s'\n",
                     arg.c_str() + 12);
        return 2;
      }
      alignment = a;
    } else if (arg.rfind("--from=", 0) == 0) {
      vm::Status s = add_all_from(arg.substr(7), &entries);
      if (!s.ok())
        return fail(s);
    } else if (size_t eq = arg.find("=@"); eq != std::string::npos && eq > 0 && arg[0] != '-') {
      std::vector<uint8_t> bytes;
      std::string path = arg.substr(eq + 2);
      if (!read_file(path, &bytes)) {
        std::fprintf(stderr, "error: cannot read '%s' (for parameter '%s')\n", path.c_str(),
                     arg.substr(0, eq).c_str());
        return 2;
      }
      io_parameters::IrpaEntry entry;
      entry.name = arg.substr(0, eq);
      entry.bytes = std::move(bytes);
      entries.push_back(std::move(entry));
    } else {
      std::fprintf(stderr, "error: unexpected argument '%s' (NAME=@FILE or --out=PATH)\n",
                   arg.c_str());
      return 2;
    }
  }
  if (out.empty()) {
    std::fprintf(stderr, "error: kiln-params create needs --out=PATH\n");
    return 2;
  }
  for (size_t i = 0; i < entries.size(); ++i) {
    for (size_t j = 0; j < i; ++j) {
      if (entries[i].name == entries[j].name) {
        std::fprintf(stderr, "error: parameter '%s' given twice\n", entries[i].name.c_str());
        return 2;
      }
    }
  }
  std::vector<uint8_t> archive = io_parameters::build_irpa_entries(entries, alignment);
  std::FILE *f = std::fopen(out.c_str(), "wb");
  bool ok = f && std::fwrite(archive.data(), 1, archive.size(), f) == archive.size();
  if (f)
    ok = std::fclose(f) == 0 && ok;
  if (!ok) {
    std::fprintf(stderr, "error: cannot write '%s'\n", out.c_str());
    return 2;
  }
  return 0;
}

} // namespace

int main(int argc, char **argv) {
  std::string command = argc > 1 ? argv[1] : "";
  if (command == "-h" || command == "--help" || command == "help") {
    print_usage(stdout);
    return 0;
  }
  if (command == "--version") {
    kiln::tooling::print_version(stdout, "kiln-params");
    return 0;
  }
  if (command == "list")
    return list(argc, argv);
  if (command == "create")
    return create(argc, argv);
  print_usage(stderr);
  return 2;
}
