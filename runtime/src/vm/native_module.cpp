#include "kiln/vm/native_module.h"

#include <string>

namespace kiln::vm {

RefT<NativeModule> NativeModule::create(std::string name, uint32_t version) {
  return RefT<NativeModule>::adopt(new NativeModule(std::move(name), version));
}

NativeModule::~NativeModule() {
  for (Export &e : exports_) {
    if (e.destroy_callable)
      e.destroy_callable(e.callable);
  }
}

size_t NativeModule::minimum_packed_size(std::string_view codes) {
  int32_t zeros[16] = {};
  size_t spans = 0;
  for (char c : codes)
    spans += c == 'C';
  if (codes == "v")
    return 0;
  StatusOr<size_t> size = packed_size(codes, zeros, spans < 16 ? spans : 16);
  return size.ok() ? *size : 0;
}

int32_t NativeModule::import_function(std::string full_name, std::string signature, bool optional) {
  imports_.push_back(Import{std::move(full_name), std::move(signature), optional});
  return static_cast<int32_t>(imports_.size() - 1);
}

ExportInfo NativeModule::export_info(int32_t ordinal) const {
  const Export &e = exports_[static_cast<size_t>(ordinal)];
  return ExportInfo{e.name, e.signature};
}

ImportInfo NativeModule::import_info(int32_t ordinal) const {
  const Import &i = imports_[static_cast<size_t>(ordinal)];
  return ImportInfo{i.full_name, i.signature, i.optional};
}

StatusOr<ModuleState *> NativeModule::create_state(Instance &instance) {
  std::unique_ptr<NativeModuleState> state(new NativeModuleState());
  state->imports_.resize(imports_.size());
  if (state_factory_) {
    KILN_ASSIGN_OR_RETURN(void *user, state_factory_(instance));
    state->user_ = user;
    state->destroy_user_ = state_destroy_;
  }
  return static_cast<ModuleState *>(state.release());
}

void NativeModule::destroy_state(ModuleState *state) { delete state; }

Status NativeModule::resolve_import(ModuleState *state, int32_t ordinal, const Function &target,
                                    ModuleState *target_state) {
  auto *s = static_cast<NativeModuleState *>(state);
  if (ordinal < 0 || static_cast<size_t>(ordinal) >= s->imports_.size()) {
    return make_status(StatusCode::kOutOfRange, "import ordinal %d out of range", ordinal);
  }
  s->imports_[static_cast<size_t>(ordinal)] = NativeModuleState::Import{target, target_state};
  return Status();
}

Status NativeModule::bad_call(const FunctionCall &call) const {
  if (call.function.linkage != Linkage::kExport || call.function.ordinal < 0 ||
      static_cast<size_t>(call.function.ordinal) >= exports_.size()) {
    return make_status(StatusCode::kInvalidArgument, "module '%s' has no export with ordinal %d",
                       name_.c_str(), call.function.ordinal);
  }
  const Export &e = exports_[static_cast<size_t>(call.function.ordinal)];
  return make_status(StatusCode::kInvalidArgument,
                     "call to %s.%s (signature %s) with %zu argument bytes and "
                     "%zu result bytes; it needs %zu and %zu",
                     name_.c_str(), e.name.c_str(), e.signature.c_str(), call.arguments.size,
                     call.results.size, e.arguments_size, e.results_size);
}

Status NativeModule::begin_call(Stack &stack, const FunctionCall &call) {
  const size_t ordinal = static_cast<size_t>(call.function.ordinal);
  if (KILN_UNLIKELY(call.function.linkage != Linkage::kExport || ordinal >= exports_.size())) {
    return bad_call(call);
  }
  const Export &e = exports_[ordinal];
  if (KILN_UNLIKELY(call.arguments.size < e.arguments_size || call.results.size < e.results_size)) {
    return bad_call(call);
  }
  Frame *frame;
  KILN_RETURN_IF_ERROR(stack.push_frame(FrameType::kNative, call.function, call.state,
                                        sizeof(native_detail::FrameData), &frame));
  frame->storage_as<native_detail::FrameData>()->thunk = nullptr;
  NativeCall nc(stack, *frame, *this, static_cast<NativeModuleState *>(call.state));
  Status s = e.thunk(e.callable, nc, call.arguments, call.results);
  if (KILN_LIKELY(s.ok())) {
    stack.pop_frame();
    return s;
  }
  return finish_unusual(stack, frame, std::move(s));
}

Status NativeModule::finish_unusual(Stack &stack, Frame *frame, Status status) {
  if (status.is_deferred()) {
    auto *data = frame->storage_as<native_detail::FrameData>();
    if (data->thunk)
      return status; // frame stays for resume_call
    status = make_status(StatusCode::kInternal,
                         "native function %s.%s returned DEFERRED without "
                         "NativeCall::defer",
                         name_.c_str(), function_name(frame->function).c_str());
  }
  // Unwind anything a failed nested call left above us, then trace.
  while (stack.top() != frame)
    stack.unwind_to(stack.depth() - 1);
  stack.capture_trace(&status);
  stack.pop_frame();
  return status;
}

Status NativeModule::resume_call(Stack &stack, Frame *frame, ByteSpan results) {
  if (!frame || frame != stack.top() || frame->function.module != this ||
      frame->type != FrameType::kNative) {
    return make_status(StatusCode::kFailedPrecondition,
                       "module '%s' has no suspended call at that frame", name_.c_str());
  }
  auto *data = frame->storage_as<native_detail::FrameData>();
  if (!data->thunk) {
    return make_status(StatusCode::kFailedPrecondition, "frame of module '%s' is not suspended",
                       name_.c_str());
  }
  const Export &e = exports_[static_cast<size_t>(frame->function.ordinal)];
  if (std::string_view(data->result_codes) != std::string_view(e.result_codes)) {
    Status s = make_status(StatusCode::kInternal,
                           "resume function of %s.%s produces results '%s' but "
                           "the export returns '%s'",
                           name_.c_str(), e.name.c_str(), data->result_codes, e.result_codes);
    return finish_unusual(stack, frame, std::move(s));
  }
  if (results.size < e.results_size) {
    return make_status(StatusCode::kInvalidArgument,
                       "resume of %s.%s with %zu result bytes; it needs %zu", name_.c_str(),
                       e.name.c_str(), results.size, e.results_size);
  }
  native_detail::ResumeThunk thunk = data->thunk;
  native_detail::GenericFn fn = data->fn;
  uint64_t token = data->token;
  data->thunk = nullptr; // a new defer() sets it again
  NativeCall nc(stack, *frame, *this, static_cast<NativeModuleState *>(frame->module_state));
  Status s = thunk(nc, fn, token, results);
  if (KILN_LIKELY(s.ok())) {
    stack.pop_frame();
    return s;
  }
  return finish_unusual(stack, frame, std::move(s));
}

Status NativeCall::defer_packed(Status (*resume)(NativeCall &, uint64_t, ByteSpan),
                                uint64_t token) {
  auto *data = frame_.storage_as<native_detail::FrameData>();
  data->thunk = &native_detail::packed_resume_thunk;
  data->fn = reinterpret_cast<native_detail::GenericFn>(resume);
  data->token = token;
  // The export's own codes: resume_call's check then always agrees.
  data->result_codes = module_.exports_[static_cast<size_t>(frame_.function.ordinal)].result_codes;
  return Status(StatusCode::kDeferred);
}

bool NativeCall::is_import_resolved(int32_t ordinal) const {
  if (!state_ || ordinal < 0 || static_cast<size_t>(ordinal) >= state_->imports().size()) {
    return false;
  }
  return !state_->imports()[static_cast<size_t>(ordinal)].function.is_null();
}

Status NativeCall::call_import(int32_t ordinal, ByteSpan arguments, ByteSpan results) {
  if (KILN_UNLIKELY(!is_import_resolved(ordinal))) {
    std::string name = ordinal >= 0 && ordinal < module_.import_count()
                           ? std::string(module_.import_info(ordinal).full_name)
                           : "<ordinal " + std::to_string(ordinal) + ">";
    return make_status(StatusCode::kFailedPrecondition,
                       "import '%s' of module '%s' is not resolved", name.c_str(),
                       module_.name_.c_str());
  }
  const NativeModuleState::Import &import = state_->imports()[static_cast<size_t>(ordinal)];
  int32_t depth = stack_.depth();
  Status s = import.function.module->begin_call(
      stack_, FunctionCall{import.function, import.state, arguments, results});
  if (KILN_UNLIKELY(s.is_deferred())) {
    stack_.unwind_to(depth);
    s = make_status(StatusCode::kUnimplemented,
                    "import '%s' of module '%s' suspended; native modules "
                    "cannot call suspending imports",
                    std::string(module_.import_info(ordinal).full_name).c_str(),
                    module_.name_.c_str());
  }
  return s;
}

} // namespace kiln::vm
