// dump-module: what a module holds.
//
//   dump-module [--output=all|metadata|disasm|flatbuffer-json] FILE|-
//
// The kind of module is decided by its first bytes, not its name: a .vmfb
// (bytecode: header, types, imports/exports with signatures, rodata,
// strings, functions and their disassembly with source locations) or a
// shared library built from emitted C (name, imports, exports). `-` reads a
// .vmfb from stdin.
#include <sys/stat.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

#include "flatbuffer_json.h"
#include "kiln/bytecode/bytecode_module.h"
#include "kiln/bytecode/file_format.h"
#include "kiln/cmodule/c_module.h"
#include "kiln/vm/instance.h"
#include "kiln/vm/module.h"
#include "kiln/vm/signature.h"

namespace {

using kiln::vm::Status;

// Larger inputs are refused rather than read: a module file is far smaller,
// and /dev/zero must not run the tool out of memory.
constexpr size_t kMaxModuleBytes = size_t{1} << 31;

enum class Output { kAll, kMetadata, kDisasm, kFlatbufferJson };

void print_usage(std::FILE *out) {
  std::fprintf(out, "usage: dump-module [--output=all|metadata|disasm|flatbuffer-json] FILE|-\n"
                    "\n"
                    "Prints what a module holds. FILE is a .vmfb (bytecode) or a shared\n"
                    "library built from emitted C; the kind is read from the file's first\n"
                    "bytes. `-` reads a .vmfb from stdin.\n"
                    "\n"
                    "  --output=all              metadata and disassembly (default)\n"
                    "  --output=metadata         header, types, imports and exports with\n"
                    "                            signatures, rodata, strings, one line per\n"
                    "                            function\n"
                    "  --output=disasm           every function's instructions with source\n"
                    "                            locations\n"
                    "  --output=flatbuffer-json  the .vmfb's Module FlatBuffer as JSON\n"
                    "  --version                 print Kiln's version\n");
}

// Reads all of `path` (or stdin for "-"), refusing directories and inputs
// over kMaxModuleBytes. 8-byte aligned storage, as the loader wants.
Status read_all(const std::string &path, std::vector<uint64_t> *words, size_t *size) {
  std::FILE *f = stdin;
  if (path != "-") {
    struct stat st;
    if (::stat(path.c_str(), &st) != 0) {
      return kiln::vm::not_found_error("cannot open '" + path + "': " + std::strerror(errno));
    }
    if (S_ISDIR(st.st_mode)) {
      return kiln::vm::invalid_argument_error("'" + path + "' is a directory, not a module");
    }
    f = std::fopen(path.c_str(), "rb");
    if (!f) {
      return kiln::vm::not_found_error("cannot open '" + path + "': " + std::strerror(errno));
    }
  }
  std::vector<uint8_t> bytes;
  uint8_t chunk[1 << 16];
  size_t n;
  Status status;
  while ((n = std::fread(chunk, 1, sizeof(chunk), f)) > 0) {
    if (bytes.size() + n > kMaxModuleBytes) {
      status = kiln::vm::resource_exhausted_error("'" + path + "' is larger than " +
                                                  std::to_string(kMaxModuleBytes) +
                                                  " bytes; not a module");
      break;
    }
    bytes.insert(bytes.end(), chunk, chunk + n);
  }
  if (status.ok() && std::ferror(f)) {
    status = kiln::vm::unavailable_error("reading '" + path + "': " + std::strerror(errno));
  }
  if (f != stdin)
    std::fclose(f);
  if (!status.ok())
    return status;
  words->assign((bytes.size() + 7) / 8, 0);
  if (!bytes.empty())
    std::memcpy(words->data(), bytes.data(), bytes.size());
  *size = bytes.size();
  return Status();
}

bool is_elf(const uint8_t *data, size_t size) {
  return size >= 4 && std::memcmp(data,
                                  "\x7f"
                                  "ELF",
                                  4) == 0;
}

// Name, imports and exports of any module, through the vm::Module interface.
std::string describe_module(const kiln::vm::Module &m, const char *kind) {
  std::string out = "module " + std::string(m.name()) + " (" + kind + ", version " +
                    std::to_string(m.version()) + ")\n";
  out += "imports (" + std::to_string(m.import_count()) + "):\n";
  for (int32_t i = 0; i < m.import_count(); ++i) {
    kiln::vm::ImportInfo info = m.import_info(i);
    out += "  [" + std::to_string(i) + "] " + std::string(info.full_name) + " " +
           std::string(info.signature) + "  " + kiln::vm::format_signature_types(info.signature) +
           (info.optional ? "  optional" : "") + "\n";
  }
  out += "exports (" + std::to_string(m.export_count()) + "):\n";
  for (int32_t i = 0; i < m.export_count(); ++i) {
    kiln::vm::ExportInfo info = m.export_info(i);
    out += "  [" + std::to_string(i) + "] " + std::string(info.name) + " " +
           std::string(info.signature) + "  " + kiln::vm::format_signature_types(info.signature) +
           "\n";
  }
  return out;
}

Status dump_c_module(const std::string &path, Output output, std::string *out) {
  if (path == "-") {
    return kiln::vm::invalid_argument_error(
        "a C module (shared library) must be given as a file, not on stdin");
  }
  if (output == Output::kFlatbufferJson || output == Output::kDisasm) {
    return kiln::vm::invalid_argument_error(
        "'" + path +
        "' is a C module (a shared library): it has no bytecode or "
        "FlatBuffer; --output=metadata shows its imports and exports");
  }
  kiln::vm::Instance instance;
  std::string where = path.find('/') == std::string::npos ? "./" + path : path;
  auto module = kiln::cmodule::load_module_from_file(instance, where.c_str());
  if (!module.ok())
    return module.status();
  *out = describe_module(*module->as<kiln::vm::Module>(), "C module");
  return Status();
}

} // namespace

int main(int argc, char **argv) {
  Output output = Output::kAll;
  std::string path;
  for (int i = 1; i < argc; ++i) {
    std::string_view arg = argv[i];
    if (arg == "-h" || arg == "--help") {
      print_usage(stdout);
      return 0;
    }
    if (arg == "--version") {
      std::printf("Kiln dump-module %s\n", KILN_VERSION);
      return 0;
    }
    if (arg.substr(0, 9) == "--output=") {
      std::string_view v = arg.substr(9);
      if (v == "all")
        output = Output::kAll;
      else if (v == "metadata")
        output = Output::kMetadata;
      else if (v == "disasm")
        output = Output::kDisasm;
      else if (v == "flatbuffer-json")
        output = Output::kFlatbufferJson;
      else {
        std::fprintf(stderr, "dump-module: unknown --output '%.*s' (see --help)\n",
                     static_cast<int>(v.size()), v.data());
        return 2;
      }
      continue;
    }
    if (arg.size() > 1 && arg[0] == '-') {
      std::fprintf(stderr, "dump-module: unknown flag '%s' (see --help)\n", argv[i]);
      return 2;
    }
    if (!path.empty()) {
      std::fprintf(stderr, "dump-module: one module at a time (see --help)\n");
      return 2;
    }
    path = arg;
  }
  if (path.empty()) {
    print_usage(stderr);
    return 2;
  }

  std::vector<uint64_t> words;
  size_t size = 0;
  Status status = read_all(path, &words, &size);
  const uint8_t *data = reinterpret_cast<const uint8_t *>(words.data());
  std::string text;
  if (status.ok()) {
    if (is_elf(data, size)) {
      status = dump_c_module(path, output, &text);
    } else if (output == Output::kFlatbufferJson) {
      status = kiln::tools::vmfb_flatbuffer_json(data, size, &text);
      text += "\n";
    } else {
      kiln::bytecode::DumpOptions options;
      options.metadata = output != Output::kDisasm;
      options.disassembly = output != Output::kMetadata;
      status = kiln::bytecode::dump_module_bytes(data, size, &text, options);
    }
  }
  if (!status.ok()) {
    std::fprintf(stderr, "dump-module: %s\n", status.to_string().c_str());
    return 1;
  }
  std::fwrite(text.data(), 1, text.size(), stdout);
  return 0;
}
