// A .vmfb's Module FlatBuffer as JSON (flatc's text form), for
// dump-module --output=flatbuffer-json.
#ifndef KILN_TOOLS_DUMP_MODULE_FLATBUFFER_JSON_H_
#define KILN_TOOLS_DUMP_MODULE_FLATBUFFER_JSON_H_

#include <cstddef>
#include <cstdint>
#include <string>

#include "kiln/vm/status.h"

namespace kiln::tools {

// `data` is a whole .vmfb file. The FlatBuffer is verified before it is
// printed; an invalid one is an error, never a crash.
vm::Status vmfb_flatbuffer_json(const uint8_t *data, size_t size, std::string *out);

} // namespace kiln::tools

#endif // KILN_TOOLS_DUMP_MODULE_FLATBUFFER_JSON_H_
