// A .vmfb's Module FlatBuffer as JSON; see flatbuffer_json.h.
#include "flatbuffer_json.h"

#include <cstring>

#include "flatbuffers/idl.h"
#include "kiln/bytecode/file_format.h"
#include "kiln/bytecode/vmfb_generated.h"

namespace kiln::tools {

namespace {
#include "vmfb_schema.inc"
} // namespace

vm::Status vmfb_flatbuffer_json(const uint8_t *data, size_t size, std::string *out) {
  using namespace kiln::bytecode;
  if (size < kFileHeaderSize || std::memcmp(data, kFileMagic, sizeof(kFileMagic)) != 0) {
    return vm::invalid_argument_error("not a .vmfb file (no KILNVMFB header)");
  }
  uint64_t length;
  std::memcpy(&length, data + kFlatbufferLengthOffset, sizeof(length));
  if (length > size - kFileHeaderSize) {
    return vm::invalid_argument_error("the header's FlatBuffer length " + std::to_string(length) +
                                      " exceeds the file");
  }
  const uint8_t *fb = data + kFileHeaderSize;
  flatbuffers::Verifier verifier(fb, static_cast<size_t>(length));
  if (!kiln::vmfb::VerifyModuleBuffer(verifier)) {
    return vm::invalid_argument_error("the Module FlatBuffer does not verify");
  }
  flatbuffers::IDLOptions options;
  options.strict_json = true;
  options.indent_step = 2;
  flatbuffers::Parser parser(options);
  if (!parser.Parse(kVmfbSchema)) {
    return vm::internal_error("the embedded vmfb.fbs does not parse: " + parser.error_);
  }
  if (!flatbuffers::GenerateText(parser, fb, out)) {
    return vm::internal_error("flatbuffers could not print the module as JSON");
  }
  return vm::Status();
}

} // namespace kiln::tools
