#include "kiln/vm/context.h"

#include <string>

#include "invoke_scratch.h"
#include "kiln/vm/signature.h"

namespace kiln::vm {
namespace {
std::string str(std::string_view s) { return std::string(s); }
} // namespace

Context::Context(Instance &instance) : instance_(&instance) {}

Context::~Context() {
  scratch_.reset();
  for (size_t i = entries_.size(); i-- > 0;) {
    Module *module = entries_[i].module.as<Module>();
    if (entries_[i].state)
      module->destroy_state(entries_[i].state);
  }
  entries_.clear();
  if (memory_budget_)
    memory_budget_->release();
}

Status Context::set_memory_limit(size_t bytes) {
  if (!memory_budget_) {
    if (bytes == MemoryBudget::kUnlimited)
      return Status();
    memory_budget_ = MemoryBudget::create(bytes);
    if (!memory_budget_)
      return resource_exhausted_error("out of memory creating a memory budget");
    return Status();
  }
  memory_budget_->set_limit(bytes);
  return Status();
}

Status Context::track_memory() {
  if (memory_budget_)
    return Status();
  memory_budget_ = MemoryBudget::create(MemoryBudget::kUnlimited);
  if (!memory_budget_)
    return resource_exhausted_error("out of memory creating a memory budget");
  return Status();
}

int32_t Context::module_index(const Module *module) const {
  for (size_t i = 0; i < entries_.size(); ++i) {
    if (entries_[i].module.get() == module)
      return static_cast<int32_t>(i);
  }
  return -1;
}

Module *Context::find_module(std::string_view name) const {
  for (size_t i = entries_.size(); i-- > 0;) {
    Module *m = entries_[i].module.as<Module>();
    if (m->name() == name)
      return m;
  }
  return nullptr;
}

Status Context::register_module(const Ref &module) {
  KILN_RETURN_IF_ERROR(module.check_type(Module::kType));
  return register_module(module.as<Module>());
}

Status Context::register_module(Module *module) {
  if (!module)
    return invalid_argument_error("cannot register a null module");
  if (module_index(module) >= 0) {
    return make_status(StatusCode::kAlreadyExists,
                       "module '%s' is already registered in this context",
                       str(module->name()).c_str());
  }
  // Initializers run while the module registers: under the context's limits.
  ScopedMemoryBudget memory(memory_budget_);
  Budget budget(limits_);
  ScopedInitializerBudget initializer(limits_.enabled() ? &budget : nullptr);
  KILN_ASSIGN_OR_RETURN(ModuleState * state, module->create_state(*instance_));
  Status status = resolve_imports(module, state);
  if (!status.ok()) {
    if (state)
      module->destroy_state(state);
    return status;
  }
  entries_.push_back(Entry{Ref::retain(module), state});
  return Status();
}

Status Context::resolve_imports(Module *module, ModuleState *state) {
  const int32_t count = module->import_count();
  const std::string importer(module->name());
  for (int32_t i = 0; i < count; ++i) {
    ImportInfo info = module->import_info(i);
    size_t dot = info.full_name.find('.');
    if (dot == std::string_view::npos || dot == 0 || dot + 1 == info.full_name.size()) {
      return make_status(StatusCode::kInvalidArgument,
                         "module '%s' imports '%s', which is not a qualified "
                         "'module.function' name",
                         importer.c_str(), str(info.full_name).c_str());
    }
    std::string_view target_module_name = info.full_name.substr(0, dot);
    std::string_view target_name = info.full_name.substr(dot + 1);
    Module *target = find_module(target_module_name);
    Function function;
    Status lookup_status;
    if (target) {
      auto found = target->lookup_export(target_name);
      if (found.ok()) {
        function = *found;
      } else {
        lookup_status = std::move(found).status();
      }
    }
    if (function.is_null()) {
      if (info.optional) {
        KILN_RETURN_IF_ERROR(module->resolve_import(state, i, Function{}, nullptr));
        continue;
      }
      if (!target) {
        return make_status(StatusCode::kNotFound,
                           "module '%s' imports '%s', but no module named '%s' is registered "
                           "before it",
                           importer.c_str(), str(info.full_name).c_str(),
                           str(target_module_name).c_str());
      }
      return make_status(StatusCode::kNotFound,
                         "module '%s' imports '%s', but module '%s' has no "
                         "export named '%s'",
                         importer.c_str(), str(info.full_name).c_str(),
                         str(target_module_name).c_str(), str(target_name).c_str());
    }
    std::string_view export_signature = target->function_signature(function);
    if (!signatures_equivalent(info.signature, export_signature)) {
      return make_status(StatusCode::kInvalidArgument,
                         "module '%s' imports '%s' with signature '%s', but "
                         "module '%s' exports '%s' with signature '%s'",
                         importer.c_str(), str(info.full_name).c_str(), str(info.signature).c_str(),
                         str(target_module_name).c_str(), str(target_name).c_str(),
                         str(export_signature).c_str());
    }
    ModuleState *target_state = entries_[module_index(target)].state;
    Status s = module->resolve_import(state, i, function, target_state);
    if (!s.ok()) {
      s.annotate("while resolving import '" + str(info.full_name) + "' of module '" + importer +
                 "'");
      return s;
    }
  }
  return Status();
}

StatusOr<Function> Context::lookup_function(std::string_view name) const {
  if (entries_.empty()) {
    return not_found_error("no modules are registered in the context");
  }
  size_t dot = name.find('.');
  if (dot != std::string_view::npos) {
    Module *module = find_module(name.substr(0, dot));
    if (module) {
      auto found = module->lookup_export(name.substr(dot + 1));
      if (found.ok())
        return found;
    }
  }
  Module *last = entries_.back().module.as<Module>();
  auto found = last->lookup_export(name);
  if (found.ok())
    return found;
  return make_status(StatusCode::kNotFound,
                     "function '%s' not found: it is neither MODULE.NAME of a "
                     "registered module nor an export of the last module '%s'",
                     str(name).c_str(), str(last->name()).c_str());
}

Context::InvokeScratch *Context::acquire_invoke_scratch() {
  if (scratch_in_use_)
    return nullptr;
  if (!scratch_)
    scratch_.reset(new InvokeScratch(stack_options_));
  scratch_in_use_ = true;
  return scratch_.get();
}

void Context::set_stack_options(const StackOptions &options) {
  stack_options_ = options;
  // The next invoke builds its stack with the new options.
  if (!scratch_in_use_)
    scratch_.reset();
}

void Context::release_invoke_scratch(InvokeScratch *scratch) {
  if (scratch == scratch_.get())
    scratch_in_use_ = false;
}

} // namespace kiln::vm
