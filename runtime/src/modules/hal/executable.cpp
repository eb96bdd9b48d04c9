// hal.executable: loading the two formats and checking the kernel ABI.
#include "kiln/modules/hal/executable.h"

#include <unistd.h>

#include <cstring>
#include <new>
#include <string>
#include <utility>

#include "kiln/bytecode/bytecode_module.h"
#include "kiln/vm/invocation.h"

namespace kiln::hal {

const vm::RefType Executable::kType = {"hal.executable", &Executable::destroy};

void Executable::destroy(vm::RefObject *object) { delete static_cast<Executable *>(object); }

Executable::~Executable() {
  states_.clear(); // contexts first: they retain the module
  module_.reset(); // then the module (dlclose for the C form)
  if (memfd_ >= 0)
    ::close(memfd_);
}

const std::vector<std::string_view> &Executable::supported_formats() {
  static const std::vector<std::string_view> kFormats = {kExecutableFormatBytecode,
                                                         kExecutableFormatC};
  return kFormats;
}

bool Executable::is_supported_format(std::string_view format) {
  for (std::string_view f : supported_formats()) {
    if (f == format)
      return true;
  }
  return false;
}

namespace {

std::string format_list() {
  std::string out;
  for (std::string_view f : Executable::supported_formats()) {
    if (!out.empty())
      out += ", ";
    out += f;
  }
  return out;
}

bool is_reserved_export(std::string_view name) { return name.substr(0, 2) == "__"; }

// Calls a `0i_iiii` function with one i32 and reads four i32 results.
vm::Status call_kernel_attrs(vm::Context &context, const vm::Function &fn, int32_t kernel,
                             int32_t out[4]) {
  alignas(16) uint8_t args[8] = {};
  alignas(16) uint8_t results[16] = {};
  std::memcpy(args, &kernel, 4);
  KILN_RETURN_IF_ERROR(vm::invoke_packed(context, fn, vm::ByteSpan{args, sizeof(args)},
                                         vm::ByteSpan{results, sizeof(results)}));
  std::memcpy(out, results, 16);
  return vm::Status();
}

} // namespace

vm::StatusOr<vm::RefT<Executable>> Executable::create(vm::Instance &instance,
                                                      std::string_view format,
                                                      vm::RefT<vm::Buffer> data,
                                                      vm::RefT<vm::Buffer> constants) {
  if (!data)
    return vm::invalid_argument_error("executable data is null");
  if (!is_supported_format(format)) {
    return vm::make_status(vm::StatusCode::kNotFound,
                           "no executable loader for format '%.*s' (this device "
                           "loads: %s)",
                           static_cast<int>(format.size()), format.data(), format_list().c_str());
  }
  if (data->is_mutable()) {
    // The bytecode is verified once and then used in place: a buffer the
    // program can still write must not be what the interpreter runs.
    KILN_ASSIGN_OR_RETURN(data, vm::Buffer::clone(*data, 0, data->length()));
  }
  auto e = vm::RefT<Executable>::adopt(new Executable());
  e->instance_ = &instance;
  e->format_ = std::string(format);
  e->data_ = std::move(data);
  e->constants_ = std::move(constants);
  const uint8_t *bytes = e->data_->data();
  size_t size = e->data_->length();
  vm::StatusOr<vm::Ref> module =
      format == kExecutableFormatBytecode
          ? bytecode::load_module(instance, bytes, size, e->data_.as_ref())
          : load_c_module_from_memory(instance, bytes, size, &e->memfd_);
  if (!module.ok()) {
    vm::Status s = std::move(module).status();
    s.annotate("loading a '" + e->format_ + "' executable of " + std::to_string(size) + " bytes");
    return s;
  }
  e->module_ = std::move(*module);
  KILN_RETURN_IF_ERROR(e->load_kernels());
  return e;
}

vm::StatusOr<std::unique_ptr<vm::Context>> Executable::make_context() const {
  auto context = std::make_unique<vm::Context>(*instance_);
  vm::Status s = context->register_module(module_);
  if (!s.ok()) {
    s.annotate("kernels of an executable may import nothing (each worker runs them "
               "in a context of their module alone)");
    return s;
  }
  vm::StatusOr<vm::Function> set = module()->lookup_export("__set_constants");
  bool has_constants = constants_ && constants_->length() > 0;
  if (set.ok()) {
    if (module()->function_signature(*set) != "0r_v") {
      return vm::invalid_argument_error(
          "executable export __set_constants must have signature 0r_v");
    }
    if (!has_constants) {
      return vm::invalid_argument_error(
          "executable requires executable-level constants (it exports "
          "__set_constants) but none were provided");
    }
    alignas(16) uint8_t args[8] = {};
    new (args) vm::Ref(constants_.as_ref());
    vm::Status call =
        vm::invoke_packed(*context, *set, vm::ByteSpan{args, 8}, vm::ByteSpan{nullptr, 0});
    reinterpret_cast<vm::Ref *>(args)->~Ref();
    if (!call.ok()) {
      call.annotate("executable __set_constants failed");
      return call;
    }
  } else if (has_constants) {
    return vm::make_status(vm::StatusCode::kInvalidArgument,
                           "executable has no __set_constants export but %zu bytes "
                           "of executable constants were given",
                           constants_->length());
  }
  return context;
}

vm::Status Executable::load_kernels() {
  vm::Module *m = module();
  for (int32_t i = 0; i < m->export_count(); ++i) {
    vm::ExportInfo info = m->export_info(i);
    if (is_reserved_export(info.name))
      continue;
    if (info.signature != kKernelSignature) {
      return vm::make_status(
          vm::StatusCode::kInvalidArgument,
          "kernel '%.*s' has signature %.*s; the kernel ABI requires %.*s "
          "(local_memory: !vm.buffer, constants: !vm.buffer, bindings: "
          "!vm.list<!vm.buffer>, then workgroup id, size and count x/y/z as i32; "
          "see docs/executables.md). Exports not meant as kernels must start "
          "with \"__\"",
          static_cast<int>(info.name.size()), info.name.data(),
          static_cast<int>(info.signature.size()), info.signature.data(),
          static_cast<int>(kKernelSignature.size()), kKernelSignature.data());
    }
    Kernel k;
    k.name = std::string(info.name);
    k.function = m->export_function(i);
    kernels_.push_back(std::move(k));
  }
  if (kernels_.empty()) {
    return vm::invalid_argument_error(
        "executable module exports no kernel (every export starting with \"__\" "
        "is reserved)");
  }
  // One context up front: import resolution, constants and attributes are
  // checked now, and it serves the first worker.
  KILN_ASSIGN_OR_RETURN(std::unique_ptr<vm::Context> context, make_context());
  vm::StatusOr<vm::Function> attrs = m->lookup_export("__kernel_attrs");
  if (attrs.ok()) {
    if (m->function_signature(*attrs) != "0i_iiii") {
      return vm::invalid_argument_error(
          "executable export __kernel_attrs must have signature 0i_iiii");
    }
    for (size_t i = 0; i < kernels_.size(); ++i) {
      Kernel &k = kernels_[i];
      int32_t v[4];
      vm::Status s = call_kernel_attrs(*context, *attrs, static_cast<int32_t>(i), v);
      if (!s.ok()) {
        s.annotate("__kernel_attrs(" + std::to_string(i) + ") for kernel '" + k.name + "'");
        return s;
      }
      if (v[0] < 1 || v[1] < 1 || v[2] < 1 || v[3] < 0 || v[3] > kMaxLocalMemoryBytes) {
        return vm::make_status(vm::StatusCode::kInvalidArgument,
                               "kernel '%s': __kernel_attrs gave workgroup size "
                               "%dx%dx%d and %d bytes of local memory (sizes must "
                               "be >= 1, local memory 0..%d)",
                               k.name.c_str(), v[0], v[1], v[2], v[3], kMaxLocalMemoryBytes);
      }
      for (int j = 0; j < 3; ++j)
        k.workgroup_size[j] = v[j];
      k.local_memory_bytes = v[3];
    }
  }
  auto state = std::make_unique<WorkerState>();
  state->context = std::move(context);
  states_.push_back(std::move(state));
  free_states_ = states_.back().get();
  return vm::Status();
}

vm::StatusOr<int32_t> Executable::lookup(std::string_view name) const {
  std::string names;
  for (size_t i = 0; i < kernels_.size(); ++i) {
    if (kernels_[i].name == name)
      return static_cast<int32_t>(i);
    if (!names.empty())
      names += ", ";
    names += kernels_[i].name;
  }
  return vm::make_status(vm::StatusCode::kNotFound, "executable has no kernel '%.*s' (kernels: %s)",
                         static_cast<int>(name.size()), name.data(), names.c_str());
}

vm::StatusOr<Executable::WorkerState *> Executable::acquire_worker_state() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    if (free_states_) {
      WorkerState *s = free_states_;
      free_states_ = s->next_free;
      s->next_free = nullptr;
      if (!s->stack)
        s->stack = std::make_unique<vm::Stack>();
      return s;
    }
  }
  // More workers than ever before ran this executable at once: one more.
  auto state = std::make_unique<WorkerState>();
  KILN_ASSIGN_OR_RETURN(state->context, make_context());
  state->stack = std::make_unique<vm::Stack>();
  std::lock_guard<std::mutex> lock(mutex_);
  states_.push_back(std::move(state));
  return states_.back().get();
}

void Executable::release_worker_state(WorkerState *state) {
  std::lock_guard<std::mutex> lock(mutex_);
  state->next_free = free_states_;
  free_states_ = state;
}

} // namespace kiln::hal
