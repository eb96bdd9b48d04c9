// dump-module: prints a .vmfb's header, imports/exports with signatures,
// rodata sizes and a disassembly of every function with source locations.
#include <cstdio>
#include <cstring>
#include <string>

#include "kiln/bytecode/bytecode_module.h"

int main(int argc, char** argv) {
  if (argc != 2 || std::strcmp(argv[1], "--help") == 0 || std::strcmp(argv[1], "-h") == 0) {
    std::fprintf(argc == 2 ? stdout : stderr, "usage: dump-module FILE.vmfb\n");
    return argc == 2 ? 0 : 2;
  }
  std::string text;
  kiln::vm::Status status = kiln::bytecode::dump_module_file(argv[1], &text);
  if (!status.ok()) {
    std::fprintf(stderr, "dump-module: %s\n", status.to_string().c_str());
    return 1;
  }
  std::fwrite(text.data(), 1, text.size(), stdout);
  return 0;
}
