#include "kiln/vm/module.h"

#include "kiln/vm/stack.h"

namespace kiln::vm {
namespace {
void destroy_module(RefObject *object) { delete static_cast<Module *>(object); }
} // namespace

const RefType Module::kType = {"vm.module", &destroy_module};

Module::~Module() = default;

StatusOr<Function> Module::lookup_export(std::string_view name) const {
  int32_t n = export_count();
  for (int32_t i = 0; i < n; ++i) {
    if (export_info(i).name == name) {
      return Function{const_cast<Module *>(this), Linkage::kExport, i};
    }
  }
  return make_status(StatusCode::kNotFound, "module '%.*s' has no export named '%.*s'",
                     static_cast<int>(this->name().size()), this->name().data(),
                     static_cast<int>(name.size()), name.data());
}

ImportInfo Module::import_info(int32_t) const { return ImportInfo{}; }

std::string_view Module::function_signature(const Function &function) const {
  if (function.linkage == Linkage::kExport && function.ordinal >= 0 &&
      function.ordinal < export_count()) {
    return export_info(function.ordinal).signature;
  }
  return {};
}

std::string Module::function_name(const Function &function) const {
  if (function.linkage == Linkage::kExport && function.ordinal >= 0 &&
      function.ordinal < export_count()) {
    return std::string(export_info(function.ordinal).name);
  }
  if (function.linkage == Linkage::kImport && function.ordinal >= 0 &&
      function.ordinal < import_count()) {
    return std::string(import_info(function.ordinal).full_name);
  }
  return "<ordinal " + std::to_string(function.ordinal) + ">";
}

std::string Module::source_location(const Frame &) const { return {}; }

std::vector<Module::SourcePosition> Module::source_positions(const Frame &frame) const {
  return {SourcePosition{{}, source_location(frame)}};
}

int32_t Module::frame_offset(const Frame &frame) const { return frame.pc; }

StatusOr<ModuleState *> Module::create_state(Instance &) {
  return static_cast<ModuleState *>(nullptr);
}

void Module::destroy_state(ModuleState *state) { delete state; }

Status Module::resolve_import(ModuleState *, int32_t ordinal, const Function &, ModuleState *) {
  return make_status(StatusCode::kUnimplemented,
                     "module '%.*s' does not accept imports (ordinal %d)",
                     static_cast<int>(name().size()), name().data(), ordinal);
}

Status Module::resume_call(Stack &, Frame *, ByteSpan) {
  return make_status(StatusCode::kFailedPrecondition,
                     "module '%.*s' has no suspended call to resume",
                     static_cast<int>(name().size()), name().data());
}

std::vector<StackTraceFrame> frame_trace_lines(const std::string &module, std::string function,
                                               int64_t pc,
                                               std::vector<Module::SourcePosition> positions) {
  std::vector<StackTraceFrame> lines;
  lines.reserve(positions.size() + (positions.empty() ? 1 : 0));
  for (size_t i = 0; i + 1 < positions.size(); ++i) {
    StackTraceFrame inlined;
    inlined.module = module;
    inlined.function =
        positions[i].inlined_from.empty() ? std::string("<inlined>") : positions[i].inlined_from;
    inlined.location = std::move(positions[i].location);
    inlined.inlined = true;
    lines.push_back(std::move(inlined));
  }
  StackTraceFrame own;
  own.module = module;
  own.function = std::move(function);
  if (!positions.empty())
    own.location = std::move(positions.back().location);
  own.pc = pc;
  lines.push_back(std::move(own));
  return lines;
}

} // namespace kiln::vm
