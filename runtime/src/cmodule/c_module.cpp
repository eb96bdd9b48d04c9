#include "kiln/cmodule/c_module.h"

#include <dlfcn.h>
#include <sys/stat.h>

#include <algorithm>
#include <atomic>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <mutex>
#include <new>
#include <string>
#include <vector>

#include "kiln/vm/budget.h"
#include "kiln/vm/buffer.h"
#include "kiln/vm/invocation.h"
#include "kiln/vm/limits.h"
#include "kiln/vm/list.h"
#include "kiln/vm/ops.h"
#include "kiln/vm/signature.h"
#include "kiln/vm/stack.h"

namespace kiln::vm {
// Befriended by Buffer: checks that a Buffer starts like the C ABI's
// kiln_buffer_header_t (emitted C reads buffer spans inline). A runtime
// check on a real buffer: offsetof is not usable on Buffer (not standard
// layout).
struct BufferAccessForType {
  static bool matches_c_header() {
    auto b = Buffer::allocate(16, 16);
    if (!b.ok())
      return false;
    const Buffer *buffer = b.value().get();
    const auto *header = reinterpret_cast<const kiln_buffer_header_t *>(buffer);
    return static_cast<const void *>(&header->data) == static_cast<const void *>(&buffer->data_) &&
           static_cast<const void *>(&header->length) ==
               static_cast<const void *>(&buffer->length_) &&
           static_cast<const void *>(&header->access) ==
               static_cast<const void *>(&buffer->access_) &&
           sizeof(buffer->length_) == sizeof(header->length) &&
           static_cast<uint8_t>(BufferAccess::kMutable) == KILN_BUFFER_ACCESS_MUTABLE;
  }
};
} // namespace kiln::vm

namespace kiln::cmodule {
namespace {

using vm::ByteSpan;
using vm::Frame;
using vm::Function;
using vm::FunctionCall;
using vm::Linkage;
using vm::ModuleState;
using vm::Ref;
using vm::RefObject;
using vm::Stack;
using vm::Status;
using vm::StatusCode;
using vm::StatusOr;

static_assert(sizeof(kiln_ref_header_t) == sizeof(RefObject),
              "kiln_ref_header_t must mirror RefObject");
static_assert(offsetof(kiln_ref_header_t, type) == sizeof(void *),
              "kiln_ref_header_t::type offset");
static_assert(sizeof(kiln_ref_type_t) == sizeof(vm::RefType),
              "kiln_ref_type_t must mirror RefType");

RefObject *obj(kiln_ref_t r) { return reinterpret_cast<RefObject *>(r); }
kiln_ref_t cref(RefObject *o) { return reinterpret_cast<kiln_ref_t>(o); }
const kiln_ref_type_t *ctype(const vm::RefType *t) {
  return reinterpret_cast<const kiln_ref_type_t *>(t);
}

// A status crossing the C boundary: a heap vm::Status (error paths only).
kiln_status_t to_c(Status status) {
  if (status.ok())
    return KILN_OK;
  if (status.is_deferred())
    return KILN_DEFERRED;
  return reinterpret_cast<kiln_status_t>(new Status(std::move(status)));
}
Status from_c(kiln_status_t status) {
  if (!status)
    return Status();
  if (status == KILN_DEFERRED)
    return vm::deferred_status();
  Status *s = reinterpret_cast<Status *>(status);
  Status result = std::move(*s);
  delete s;
  return result;
}

class CModule;

struct ResolvedImport {
  Function function;
  ModuleState *state = nullptr;
};

class CModuleState final : public ModuleState {
public:
  CModule *module = nullptr;
  vm::Instance *instance = nullptr;
  void *c_state = nullptr;
  std::vector<ResolvedImport> imports;
  bool initialized = false;
  ~CModuleState() override;
};

// The runtime's side of a kiln_exec_t: one per entry into the module (a
// begin_call, a resume_call, state_init). The C code only sees `c`.
struct Exec {
  kiln_exec_t c{};
  CModuleState *state = nullptr;
  Stack *stack = nullptr; // NULL during state_init
  Frame *frame = nullptr; // the current C frame, if any
  // While resuming: the depth of the next suspended frame to hand out (by
  // frame_enter or call_import), else -1.
  int32_t resume_cursor = -1;
  // The invocation's budget (fuel, deadline, cancel), or null.
  vm::Budget *budget = nullptr;
};
static_assert(offsetof(Exec, c) == 0, "Exec must start with kiln_exec_t");

Exec *exec_of(kiln_exec_t *e) { return reinterpret_cast<Exec *>(e); }
CModuleState *exec_state(kiln_exec_t *e) { return exec_of(e)->state; }
Stack *exec_stack(kiln_exec_t *e) { return exec_of(e)->stack; }
Frame *exec_frame(kiln_exec_t *e) { return exec_of(e)->frame; }

// How many light frames the depth limit allows on top of the stack as it is
// now. Light frames only ever sit above every VM frame of their call, so
// this is recomputed whenever this call pushes or pops a VM frame (and at
// entry). Without a stack (state_init) the default limit applies.
void update_light_limit(Exec *exec) {
  exec->c.light_limit = exec->stack ? exec->stack->max_depth() - exec->stack->depth()
                                    : vm::StackOptions().effective_max_depth();
}

// One source position per level of `loc`'s inlined-from chain, innermost
// first (what Module::source_positions returns for a frame at `loc`).
std::vector<vm::Module::SourcePosition> positions_of(const kiln_source_loc_t *loc) {
  std::vector<vm::Module::SourcePosition> positions;
  // Bounded: the chain is static data of the module, but a broken module
  // must not hang a trace.
  for (int depth = 0; loc && depth < 64; ++depth, loc = loc->caller) {
    vm::Module::SourcePosition position;
    if (loc->inlined_from)
      position.inlined_from = loc->inlined_from;
    if (loc->file) {
      position.location = std::string(loc->file) + ":" + std::to_string(loc->line) + ":" +
                          std::to_string(loc->column);
    }
    positions.push_back(std::move(position));
  }
  return positions;
}

// A C frame keeps its resume point in user[1]'s low half and the depth of
// its caller's C frame (-1 for the entry frame of a call) in the high half.
constexpr uint8_t kFrameSuspended = 1;
int32_t frame_resume_point(const Frame *f) {
  return static_cast<int32_t>(f->user[1] & 0xffffffffu);
}
int32_t frame_parent(const Frame *f) { return static_cast<int32_t>(f->user[1] >> 32); }
void set_frame_link(Frame *f, int32_t resume_point, int32_t parent) {
  f->user[1] = static_cast<uint64_t>(static_cast<uint32_t>(resume_point)) |
               (static_cast<uint64_t>(static_cast<uint32_t>(parent)) << 32);
}
kiln_frame_header_t *frame_header(const Frame *f) {
  return reinterpret_cast<kiln_frame_header_t *>(f->storage);
}
// Depth of a live frame of `stack` (frames are one array), or -1.
int32_t depth_of_c(Stack &stack, const Frame *f) {
  const Frame *base = stack.frame_at(0);
  if (!base || !f)
    return -1;
  std::ptrdiff_t d = f - base;
  return (d >= 0 && d < stack.depth()) ? static_cast<int32_t>(d) : -1;
}

// CModule is final: every instance shares one vtable, which identifies the
// class without RTTI (recorded by the first constructor).
std::atomic<const void *> g_cmodule_vtable{nullptr};
const void *vtable_of(const vm::Module *m) {
  const void *v;
  std::memcpy(&v, static_cast<const void *>(m), sizeof(v));
  return v;
}

class CModule final : public vm::Module {
public:
  CModule(const kiln_module_desc_t *desc, CodeOwner owner) : desc_(desc), owner_(owner) {
    g_cmodule_vtable.store(vtable_of(this), std::memory_order_relaxed);
    for (int32_t i = 0; i < desc->export_count; ++i) {
      if (std::strcmp(desc->exports[i].name, "__init") == 0)
        init_export_ = i;
    }
    export_sizes_.resize(static_cast<size_t>(desc->export_count));
    for (int32_t i = 0; i < desc->export_count; ++i) {
      auto sig = vm::parse_signature(desc->exports[i].signature);
      Sizes &sizes = export_sizes_[static_cast<size_t>(i)];
      if (sig.ok()) {
        auto a = vm::packed_size(sig->arguments);
        auto r = vm::packed_size(sig->results);
        sizes.arguments = a.ok() ? *a : 0;
        sizes.results = r.ok() ? *r : 0;
      }
    }
  }
  ~CModule() override {
    if (owner_.release)
      owner_.release(owner_.handle);
  }

  const kiln_module_desc_t *desc() const { return desc_; }
  // Told about VM frames (load_module_from_file's observer); usually null.
  vm::ExecutionObserver *observer() const { return observer_; }
  void set_observer(vm::ExecutionObserver *observer) { observer_ = observer; }

  std::string_view name() const override { return desc_->name; }
  uint32_t version() const override { return desc_->version; }
  int32_t export_count() const override { return desc_->export_count; }
  vm::ExportInfo export_info(int32_t ordinal) const override {
    const kiln_export_desc_t &e = desc_->exports[ordinal];
    return vm::ExportInfo{e.name, e.signature};
  }
  int32_t import_count() const override { return desc_->import_count; }
  vm::ImportInfo import_info(int32_t ordinal) const override {
    const kiln_import_desc_t &i = desc_->imports[ordinal];
    return vm::ImportInfo{i.full_name, i.signature, (i.flags & KILN_IMPORT_OPTIONAL) != 0};
  }
  std::string function_name(const Function &function) const override {
    if (function.linkage == Linkage::kInternal && function.ordinal >= 0 &&
        function.ordinal < desc_->function_count) {
      return desc_->functions[function.ordinal].name;
    }
    return Module::function_name(function);
  }
  std::string source_location(const Frame &frame) const override {
    const kiln_source_loc_t *loc = frame_loc(frame);
    if (!loc || !loc->file)
      return {};
    return std::string(loc->file) + ":" + std::to_string(loc->line) + ":" +
           std::to_string(loc->column);
  }
  std::vector<SourcePosition> source_positions(const Frame &frame) const override {
    return positions_of(frame_loc(frame));
  }
  int32_t frame_offset(const Frame &frame) const override {
    const kiln_source_loc_t *loc = frame_loc(frame);
    return loc ? loc->offset : -1;
  }

  StatusOr<ModuleState *> create_state(vm::Instance &instance) override {
    std::unique_ptr<CModuleState> state(new CModuleState());
    state->module = this;
    state->instance = &instance;
    state->imports.resize(static_cast<size_t>(desc_->import_count));
    size_t size = desc_->state_size ? desc_->state_size : 16;
    size = vm::align_up(size, 16);
    state->c_state = ::operator new(size, std::align_val_t(16));
    std::memset(state->c_state, 0, size);
    if (desc_->state_init) {
      Exec exec;
      exec.c.services = runtime_services();
      exec.state = state.get();
      update_light_limit(&exec);
      Status s = from_c(desc_->state_init(&exec.c, state->c_state));
      if (!s.ok()) {
        s.annotate("while initializing module '" + std::string(name()) + "'");
        return s;
      }
    }
    // Like a bytecode module: __init runs once every import is resolved
    // (right away when there are none).
    if (desc_->import_count == 0)
      KILN_RETURN_IF_ERROR(run_initializer(state.get()));
    return static_cast<ModuleState *>(state.release());
  }

  void destroy_state(ModuleState *state) override { delete state; }

  Status resolve_import(ModuleState *state, int32_t ordinal, const Function &target,
                        ModuleState *target_state) override {
    auto *s = static_cast<CModuleState *>(state);
    if (ordinal < 0 || ordinal >= desc_->import_count) {
      return vm::make_status(StatusCode::kOutOfRange, "import ordinal %d out of range", ordinal);
    }
    s->imports[static_cast<size_t>(ordinal)] = ResolvedImport{target, target_state};
    if (ordinal + 1 == desc_->import_count)
      return run_initializer(s);
    return Status();
  }

  Status begin_call(Stack &stack, const FunctionCall &call) override {
    const int32_t ordinal = call.function.ordinal;
    if (KILN_UNLIKELY(call.function.linkage != Linkage::kExport || ordinal < 0 ||
                      ordinal >= desc_->export_count)) {
      return vm::make_status(StatusCode::kInvalidArgument,
                             "module '%s' has no export with ordinal %d", desc_->name, ordinal);
    }
    const Sizes &sizes = export_sizes_[static_cast<size_t>(ordinal)];
    if (KILN_UNLIKELY(call.arguments.size < sizes.arguments || call.results.size < sizes.results)) {
      const kiln_export_desc_t &e = desc_->exports[ordinal];
      return vm::make_status(StatusCode::kInvalidArgument,
                             "call to %s.%s (signature %s) with %zu argument bytes and %zu "
                             "result bytes; it needs %zu and %zu",
                             desc_->name, e.name, e.signature, call.arguments.size,
                             call.results.size, sizes.arguments, sizes.results);
    }
    auto *state = static_cast<CModuleState *>(call.state);
    if (KILN_UNLIKELY(!state)) {
      return vm::make_status(StatusCode::kFailedPrecondition,
                             "module '%s' called without its state", desc_->name);
    }
    if (KILN_UNLIKELY(!state->initialized))
      KILN_RETURN_IF_ERROR(run_initializer(state));
    const kiln_function_desc_t &fn = desc_->functions[desc_->exports[ordinal].function_index];
    return run_entry(stack, state, fn, call.arguments.data, call.results.data, -1);
  }

  Status resume_call(Stack &stack, Frame *frame, ByteSpan results) override {
    const int32_t depth = depth_of_c(stack, frame);
    if (!frame || depth < 0 || frame->function.module != this ||
        frame->type != vm::FrameType::kEmittedC || frame_parent(frame) != -1 ||
        !(frame->flags & kFrameSuspended) || frame->function.ordinal < 0 ||
        frame->function.ordinal >= desc_->function_count ||
        !desc_->functions[frame->function.ordinal].entry) {
      return vm::make_status(StatusCode::kFailedPrecondition,
                             "module '%s' has no suspended call at that frame", desc_->name);
    }
    auto *state = static_cast<CModuleState *>(frame->module_state);
    const kiln_function_desc_t &fn = desc_->functions[frame->function.ordinal];
    return run_entry(stack, state, fn, nullptr, results.data, depth);
  }

  // Runs __init once per state (a no-op without one), on a private stack,
  // resuming it until it completes.
  Status run_initializer(CModuleState *state) {
    if (state->initialized)
      return Status();
    state->initialized = true;
    if (init_export_ < 0)
      return Status();
    vm::StackOptions options;
    options.storage_bytes = 64 * 1024;
    Stack stack(options);
    stack.set_budget(vm::current_initializer_budget());
    const kiln_function_desc_t &fn = desc_->functions[desc_->exports[init_export_].function_index];
    Status s = run_entry(stack, state, fn, nullptr, nullptr, -1);
    while (s.is_deferred()) {
      vm::wait_in_place(stack); // an initializer may await a fence
      Frame *entry = stack.frame_at(0);
      s = resume_call(stack, entry, ByteSpan{});
    }
    if (!s.ok()) {
      stack.unwind_to(0);
      s.annotate("in the initializer of module '" + std::string(name()) + "'");
    }
    return s;
  }

private:
  struct Sizes {
    size_t arguments = 0;
    size_t results = 0;
  };
  static const kiln_source_loc_t *frame_loc(const Frame &frame) {
    if (frame.type != vm::FrameType::kEmittedC ||
        frame.storage_size < sizeof(kiln_frame_header_t)) {
      return nullptr;
    }
    return frame_header(&frame)->loc;
  }

  // Calls an entry point: a new call (resume_depth -1) or the resumption of
  // the suspended call whose entry frame is at resume_depth.
  Status run_entry(Stack &stack, CModuleState *state, const kiln_function_desc_t &fn,
                   void *arguments, void *results, int32_t resume_depth) {
    const int32_t depth = resume_depth >= 0 ? resume_depth : stack.depth();
    Exec exec;
    exec.c.services = runtime_services();
    exec.state = state;
    exec.stack = &stack;
    exec.resume_cursor = resume_depth;
    update_light_limit(&exec);
    exec.budget = stack.budget();
    if (desc_->flags & KILN_MODULE_FLAG_BOUNDED) {
      // Counts its own units; takes a slice at its first one.
      exec.c.fuel = exec.budget ? 0 : INT64_MAX;
      exec.c.stack_limit = vm::native_stack_limit();
    } else if (KILN_UNLIKELY(exec.budget != nullptr)) {
      // Cannot count inside: one unit per entry, so a deadline or a cancel
      // still ends the call here.
      int64_t units = 0;
      Status charged = exec.budget->take(&units);
      if (!charged.ok()) {
        stack.capture_trace(&charged);
        return charged;
      }
      exec.budget->put_back(units - 1);
    }
    Status s = from_c(fn.entry(&exec.c, state->c_state, arguments, results));
    if (exec.budget && exec.c.fuel > 0)
      exec.budget->put_back(exec.c.fuel);
    if (KILN_UNLIKELY(!s.ok())) {
      if (s.is_deferred()) {
        if (KILN_UNLIKELY(stack.depth() <= depth)) {
          return vm::internal_error("C module returned DEFERRED without a suspended frame");
        }
        return s;
      }
      stack.capture_trace(&s);
    }
    // Frames the C code left behind (it pops its own on every exit).
    if (KILN_UNLIKELY(stack.depth() > depth))
      stack.unwind_to(depth);
    return s;
  }

  const kiln_module_desc_t *desc_;
  CodeOwner owner_;
  vm::ExecutionObserver *observer_ = nullptr;
  std::vector<Sizes> export_sizes_;
  int32_t init_export_ = -1;
};

// Releases the refs a suspended frame spilled (frame_ref_count slots after
// the header) when its call is abandoned.
void release_frame_refs(Frame *frame) {
  auto *module = static_cast<CModule *>(frame->function.module);
  const kiln_function_desc_t &fn = module->desc()->functions[frame->function.ordinal];
  auto *slots = reinterpret_cast<kiln_ref_t *>(frame->storage + sizeof(kiln_frame_header_t));
  for (uint32_t i = 0; i < fn.frame_ref_count; ++i) {
    if (slots[i])
      vm::ref_release(obj(slots[i]));
    slots[i] = nullptr;
  }
}

CModuleState::~CModuleState() {
  if (c_state) {
    if (module->desc()->state_deinit) {
      module->desc()->state_deinit(runtime_services(), c_state);
    }
    ::operator delete(c_state, std::align_val_t(16));
  }
}

// ---- services ----------------------------------------------------------------

// A status the C code raises at `loc` (static storage).
kiln_status_t at_loc(kiln_exec_t *exec, Status s, const kiln_source_loc_t *loc) {
  // Inside a light frame the location is the light frame's (it reports it
  // itself on the way out), not the enclosing VM frame's.
  if (exec && exec->light_depth == 0) {
    if (Frame *frame = exec_frame(exec)) {
      if (loc)
        frame_header(frame)->loc = loc;
    } else if (loc && loc->file) {
      s.annotate(std::string("at ") + loc->file + ":" + std::to_string(loc->line) + ":" +
                 std::to_string(loc->column));
    }
  }
  return to_c(std::move(s));
}

kiln_status_t svc_make_status(kiln_exec_t *exec, int32_t code, const char *message, int64_t length,
                              const kiln_source_loc_t *loc) {
  if (code <= 0 || code > static_cast<int32_t>(StatusCode::kUnauthenticated)) {
    code = static_cast<int32_t>(StatusCode::kUnknown);
  }
  std::string_view text;
  if (message) {
    text = length < 0 ? std::string_view(message)
                      : std::string_view(message, static_cast<size_t>(length));
  }
  return at_loc(exec, Status(static_cast<StatusCode>(code), text), loc);
}

kiln_status_t svc_op_fault(kiln_exec_t *exec, int32_t kind, int64_t a, int64_t b, int64_t c,
                           int64_t d, const kiln_source_loc_t *loc) {
  return at_loc(exec, vm::op_fault(kind, a, b, c, d), loc);
}

// Tells the module's observer (if any) that `f` runs now.
void notify_frame(Exec *exec, Frame *f) {
  vm::ExecutionObserver *observer = exec->state->module->observer();
  if (KILN_LIKELY(!observer))
    return;
  observer->on_frame(*exec->state->module, f->function.ordinal, depth_of_c(*exec->stack, f) + 1);
}

kiln_status_t svc_frame_enter(kiln_exec_t *c_exec, int32_t function_index,
                              kiln_frame_header_t **out_frame, int32_t *resume_point) {
  Exec *exec = exec_of(c_exec);
  *out_frame = nullptr;
  *resume_point = 0;
  const kiln_module_desc_t *desc = exec->state->module->desc();
  if (KILN_UNLIKELY(!exec->stack || function_index < 0 || function_index >= desc->function_count)) {
    return to_c(vm::make_status(StatusCode::kInvalidArgument,
                                "module '%s': frame_enter of function %d %s", desc->name,
                                function_index, exec->stack ? "out of range" : "outside a call"));
  }
  const kiln_function_desc_t &fn = desc->functions[function_index];
  Stack &stack = *exec->stack;
  const int32_t parent = exec->frame ? depth_of_c(stack, exec->frame) : -1;
  if (exec->resume_cursor >= 0) {
    Frame *f = stack.frame_at(exec->resume_cursor);
    if (KILN_UNLIKELY(!f || f->type != vm::FrameType::kEmittedC ||
                      f->function.module != exec->state->module ||
                      f->function.ordinal != function_index || !(f->flags & kFrameSuspended))) {
      return to_c(vm::internal_error("resumed C code does not match its suspended frames"));
    }
    f->flags &= static_cast<uint8_t>(~kFrameSuspended);
    *resume_point = frame_resume_point(f);
    set_frame_link(f, 0, frame_parent(f));
    exec->frame = f;
    ++exec->resume_cursor;
    if (exec->resume_cursor >= stack.depth())
      exec->resume_cursor = -1;
    update_light_limit(exec);
    notify_frame(exec, f);
    *out_frame = frame_header(f);
    return KILN_OK;
  }
  uint32_t size = fn.frame_size < sizeof(kiln_frame_header_t)
                      ? static_cast<uint32_t>(sizeof(kiln_frame_header_t))
                      : fn.frame_size;
  Frame *f;
  Status s = stack.push_frame(vm::FrameType::kEmittedC,
                              Function{exec->state->module, Linkage::kInternal, function_index},
                              exec->state, size, &f);
  if (KILN_UNLIKELY(!s.ok()))
    return to_c(std::move(s));
  kiln_frame_header_t *header = frame_header(f);
  header->loc = nullptr;
  header->reserved = nullptr;
  if (fn.frame_ref_count) {
    std::memset(header + 1, 0, sizeof(kiln_ref_t) * fn.frame_ref_count);
    f->cleanup = release_frame_refs;
  }
  set_frame_link(f, 0, parent);
  exec->frame = f;
  update_light_limit(exec);
  notify_frame(exec, f);
  *out_frame = frame_header(f);
  return KILN_OK;
}

// The frame that becomes current when `f` (the current frame) exits.
Frame *parent_frame(Exec *exec, Frame *f) {
  int32_t parent = frame_parent(f);
  return parent >= 0 ? exec->stack->frame_at(parent) : nullptr;
}

void svc_frame_leave(kiln_exec_t *c_exec, kiln_status_t status) {
  Exec *exec = exec_of(c_exec);
  Frame *f = exec->frame;
  if (!f || !exec->stack)
    return;
  Stack &stack = *exec->stack;
  if (status && status != KILN_DEFERRED) {
    stack.capture_trace(reinterpret_cast<Status *>(status));
  }
  exec->frame = parent_frame(exec, f);
  // The current frame is on top (its ref slots are NULL: the C code moved
  // them out when it resumed) unless the C code lost track of its frames.
  if (KILN_LIKELY(stack.top() == f)) {
    stack.pop_frame();
  } else {
    int32_t depth = depth_of_c(stack, f);
    if (depth >= 0)
      stack.unwind_to(depth);
  }
  update_light_limit(exec);
  if (exec->frame)
    notify_frame(exec, exec->frame);
}

void svc_frame_suspend(kiln_exec_t *c_exec, int32_t resume_point) {
  Exec *exec = exec_of(c_exec);
  Frame *f = exec->frame;
  if (!f)
    return;
  f->flags |= kFrameSuspended;
  set_frame_link(f, resume_point, frame_parent(f));
  exec->frame = parent_frame(exec, f);
}

// The error a VM frame push gives at the depth limit (Stack::overflow_error),
// without a trace yet: the light frames below add theirs as it unwinds, then
// the VM frames theirs.
kiln_status_t svc_light_overflow(kiln_exec_t *c_exec, int32_t function_index) {
  Exec *exec = exec_of(c_exec);
  const kiln_module_desc_t *desc = exec->state->module->desc();
  const int32_t max_depth =
      exec->stack ? exec->stack->max_depth() : vm::StackOptions().effective_max_depth();
  Status s = vm::make_status(StatusCode::kResourceExhausted,
                             "stack overflow: call depth limit of %d frames exceeded", max_depth);
  if (function_index >= 0 && function_index < desc->function_count) {
    s.annotate(std::string("while calling ") + desc->name + "." +
               desc->functions[function_index].name);
  }
  return to_c(std::move(s));
}

// The trace line(s) Stack::capture_trace would add for a C frame of
// `function_index` whose header points at `loc`.
kiln_status_t svc_light_trace(kiln_exec_t *c_exec, kiln_status_t status, int32_t function_index,
                              const kiln_source_loc_t *loc) {
  if (!status || status == KILN_DEFERRED)
    return status;
  Status *s = reinterpret_cast<Status *>(status);
  if (s->has_trace())
    return status;
  const kiln_module_desc_t *desc = exec_of(c_exec)->state->module->desc();
  std::string function = function_index >= 0 && function_index < desc->function_count
                             ? std::string(desc->functions[function_index].name)
                             : "<ordinal " + std::to_string(function_index) + ">";
  for (vm::StackTraceFrame &line : vm::frame_trace_lines(
           desc->name, std::move(function), loc ? loc->offset : -1, positions_of(loc))) {
    s->add_inner_frame(std::move(line));
  }
  return status;
}

void svc_status_free(kiln_status_t status) { (void)from_c(status); }
void svc_ref_retain(kiln_ref_t r) {
  if (r)
    vm::ref_retain(obj(r));
}
void svc_ref_release(kiln_ref_t r) {
  if (r)
    vm::ref_release(obj(r));
}

kiln_status_t svc_ref_type_error(kiln_exec_t *, kiln_ref_t object,
                                 const kiln_ref_type_t *expected) {
  return to_c(vm::ref_type_error(obj(object), *reinterpret_cast<const vm::RefType *>(expected)));
}

const kiln_ref_type_t *svc_lookup_type(kiln_exec_t *exec, const char *name) {
  CModuleState *state = exec_state(exec);
  if (!state || !state->instance)
    return nullptr;
  return ctype(state->instance->lookup_type(name));
}

int32_t svc_import_resolved(kiln_exec_t *exec, int32_t ordinal) {
  CModuleState *state = exec_state(exec);
  if (ordinal < 0 || static_cast<size_t>(ordinal) >= state->imports.size())
    return 0;
  return state->imports[static_cast<size_t>(ordinal)].function.is_null() ? 0 : 1;
}

kiln_status_t svc_call_import(kiln_exec_t *exec, int32_t ordinal, const void *arguments,
                              size_t arguments_size, void *results, size_t results_size) {
  CModuleState *state = exec_state(exec);
  Stack *stack = exec_stack(exec);
  const kiln_module_desc_t *desc = state->module->desc();
  if (KILN_UNLIKELY(!stack)) {
    return to_c(vm::make_status(StatusCode::kFailedPrecondition,
                                "module '%s' called an import during state "
                                "initialization",
                                desc->name));
  }
  if (KILN_UNLIKELY(!svc_import_resolved(exec, ordinal))) {
    return to_c(vm::make_status(
        StatusCode::kFailedPrecondition, "import '%s' of module '%s' is not resolved",
        ordinal >= 0 && ordinal < desc->import_count ? desc->imports[ordinal].full_name
                                                     : "<bad ordinal>",
        desc->name));
  }
  const ResolvedImport &import = state->imports[static_cast<size_t>(ordinal)];
  Exec *ex = exec_of(exec);
  if (ex->resume_cursor >= 0) {
    // Resuming: the suspended import's entry frame is the next one up.
    Frame *callee = stack->frame_at(ex->resume_cursor);
    ex->resume_cursor = -1;
    if (KILN_UNLIKELY(!callee || callee->function.module != import.function.module)) {
      return to_c(vm::internal_error("resumed C code does not match its suspended import"));
    }
    return to_c(import.function.module->resume_call(
        *stack, callee, ByteSpan{static_cast<uint8_t *>(results), results_size}));
  }
  // The callee draws on the same budget: hand back the rest of this slice
  // (the next tick takes a new one).
  if (ex->budget && exec->fuel > 0) {
    ex->budget->put_back(exec->fuel);
    exec->fuel = 0;
  }
  // The packed argument span is borrowed: the callee may move refs out of it,
  // which the emitted C caller then sees as NULL slots (and still releases
  // whatever remains). DEFERRED leaves the callee's frames on the stack.
  Status s = import.function.module->begin_call(
      *stack,
      FunctionCall{import.function, import.state,
                   ByteSpan{static_cast<uint8_t *>(const_cast<void *>(arguments)), arguments_size},
                   ByteSpan{static_cast<uint8_t *>(results), results_size}});
  return to_c(std::move(s));
}

vm::Buffer *as_buffer(kiln_ref_t r) { return static_cast<vm::Buffer *>(obj(r)); }
vm::List *as_list(kiln_ref_t r) { return static_cast<vm::List *>(obj(r)); }

// Buffers and lists: the same checked entry points as the interpreter
// (kiln/vm/ops.h), so both forms fail alike.
kiln_status_t svc_buffer_allocate(kiln_exec_t *, int64_t length, int32_t alignment,
                                  kiln_ref_t *out) {
  *out = nullptr;
  auto b = vm::buffer_alloc_op(length, alignment);
  if (!b.ok())
    return to_c(std::move(b).status());
  *out = cref(std::move(*b).as_ref().detach());
  return KILN_OK;
}

kiln_status_t svc_buffer_clone(kiln_exec_t *, kiln_ref_t source, int64_t offset, int64_t length,
                               int32_t alignment, kiln_ref_t *out) {
  *out = nullptr;
  auto b = vm::buffer_clone_op(*as_buffer(source), offset, length, alignment);
  if (!b.ok())
    return to_c(std::move(b).status());
  *out = cref(std::move(*b).as_ref().detach());
  return KILN_OK;
}

kiln_status_t svc_buffer_wrap_rodata(kiln_exec_t *exec, const void *data, int64_t length,
                                     kiln_ref_t *out) {
  *out = nullptr;
  CModuleState *state = exec_state(exec);
  auto b =
      vm::Buffer::wrap_read_only(data, static_cast<size_t>(length), Ref::retain(state->module));
  if (!b.ok())
    return to_c(std::move(b).status());
  *out = cref(std::move(*b).as_ref().detach());
  return KILN_OK;
}

void svc_buffer_span(kiln_ref_t buffer, uint8_t **data, uint64_t *length, int32_t *writable) {
  vm::Buffer *b = as_buffer(buffer);
  *data = const_cast<uint8_t *>(b->data());
  *length = b->length();
  *writable = b->is_mutable() ? 1 : 0;
}

kiln_status_t svc_list_create(kiln_exec_t *, int32_t element_kind, const kiln_ref_type_t *ref_type,
                              int32_t capacity, kiln_ref_t *out) {
  *out = nullptr;
  vm::ElementType type;
  switch (element_kind) {
  case KILN_ELEMENT_I8:
    type = vm::ElementType::i8();
    break;
  case KILN_ELEMENT_I16:
    type = vm::ElementType::i16();
    break;
  case KILN_ELEMENT_I32:
    type = vm::ElementType::i32();
    break;
  case KILN_ELEMENT_I64:
    type = vm::ElementType::i64();
    break;
  case KILN_ELEMENT_F32:
    type = vm::ElementType::f32();
    break;
  case KILN_ELEMENT_F64:
    type = vm::ElementType::f64();
    break;
  case KILN_ELEMENT_REF:
    type = vm::ElementType::ref(reinterpret_cast<const vm::RefType *>(ref_type));
    break;
  default:
    type = vm::ElementType::variant();
    break;
  }
  auto l = vm::list_alloc_op(type, capacity);
  if (!l.ok())
    return to_c(std::move(l).status());
  *out = cref(std::move(*l).as_ref().detach());
  return KILN_OK;
}

int32_t svc_list_size(kiln_ref_t list) { return static_cast<int32_t>(as_list(list)->size()); }

kiln_status_t svc_list_reserve(kiln_exec_t *, kiln_ref_t list, int32_t capacity) {
  return to_c(vm::list_reserve_op(*as_list(list), capacity));
}

kiln_status_t svc_list_resize(kiln_exec_t *, kiln_ref_t list, int32_t size) {
  return to_c(vm::list_resize_op(*as_list(list), size));
}

kiln_status_t index_error(int32_t index) { return to_c(vm::list_negative_index_error(index)); }

kiln_status_t svc_list_get(kiln_exec_t *, kiln_ref_t list, int32_t index, char code, void *value) {
  vm::List *l = as_list(list);
  if (index < 0)
    return index_error(index);
  size_t i = static_cast<size_t>(index);
  switch (code) {
  case 'i':
    return to_c(l->get_i32(i, static_cast<int32_t *>(value)));
  case 'I':
    return to_c(l->get_i64(i, static_cast<int64_t *>(value)));
  case 'f':
    return to_c(l->get_f32(i, static_cast<float *>(value)));
  case 'F':
    return to_c(l->get_f64(i, static_cast<double *>(value)));
  case 'r': {
    Ref r;
    Status s = l->get_ref(i, &r);
    *static_cast<kiln_ref_t *>(value) = cref(r.detach());
    return to_c(std::move(s));
  }
  default:
    return to_c(vm::make_status(StatusCode::kInvalidArgument, "bad list element code '%c'", code));
  }
}

kiln_status_t svc_list_set(kiln_exec_t *, kiln_ref_t list, int32_t index, char code,
                           const void *value) {
  vm::List *l = as_list(list);
  if (index < 0)
    return index_error(index);
  size_t i = static_cast<size_t>(index);
  switch (code) {
  case 'i':
    return to_c(l->set_i32(i, *static_cast<const int32_t *>(value)));
  case 'I':
    return to_c(l->set_i64(i, *static_cast<const int64_t *>(value)));
  case 'f':
    return to_c(l->set_f32(i, *static_cast<const float *>(value)));
  case 'F':
    return to_c(l->set_f64(i, *static_cast<const double *>(value)));
  case 'r':
    return to_c(l->set_ref(i, Ref::retain(obj(*static_cast<const kiln_ref_t *>(value)))));
  default:
    return to_c(vm::make_status(StatusCode::kInvalidArgument, "bad list element code '%c'", code));
  }
}

// Bounded modules (kiln/c/module.h, "Bounded modules").
kiln_status_t svc_refuel(kiln_exec_t *c_exec) {
  Exec *exec = exec_of(c_exec);
  if (!exec->budget) {
    c_exec->fuel = INT64_MAX;
    return KILN_OK;
  }
  int64_t units = 0;
  Status s = exec->budget->take(&units);
  if (!s.ok()) {
    c_exec->fuel = 0;
    return to_c(std::move(s));
  }
  c_exec->fuel = units - 1; // the unit being counted
  return KILN_OK;
}

kiln_status_t svc_native_stack_overflow(kiln_exec_t *c_exec, int32_t function_index) {
  Exec *exec = exec_of(c_exec);
  const kiln_module_desc_t *desc = exec->state->module->desc();
  Status s = vm::make_status(StatusCode::kResourceExhausted,
                             "native stack overflow: the C stack of this thread (%zu bytes) has no "
                             "room left for another call (the runtime keeps %zu bytes in reserve)",
                             vm::native_stack_size(),
                             std::min(vm::native_stack_size() / 4, vm::kNativeStackReserve));
  if (function_index >= 0 && function_index < desc->function_count) {
    s.annotate(std::string("while calling ") + desc->name + "." +
               desc->functions[function_index].name);
  }
  return to_c(std::move(s));
}

const kiln_services_t kServices = {
    KILN_MODULE_ABI_VERSION,
    sizeof(kiln_services_t),
    svc_make_status,
    svc_status_free,
    svc_frame_enter,
    svc_frame_leave,
    svc_frame_suspend,
    svc_light_overflow,
    svc_light_trace,
    svc_ref_retain,
    svc_ref_release,
    svc_ref_type_error,
    svc_lookup_type,
    reinterpret_cast<const kiln_ref_type_t *>(&vm::Buffer::kType),
    reinterpret_cast<const kiln_ref_type_t *>(&vm::List::kType),
    svc_import_resolved,
    svc_call_import,
    svc_buffer_allocate,
    svc_buffer_clone,
    svc_buffer_wrap_rodata,
    svc_buffer_span,
    svc_list_create,
    svc_list_size,
    svc_list_reserve,
    svc_list_resize,
    svc_list_get,
    svc_list_set,
    svc_op_fault,
    svc_refuel,
    svc_native_stack_overflow,
};

// A name the loader accepts: present and at most kMaxNameLength bytes, the
// limit the compiler enforces (kiln/vm/limits.h) so both loaders agree;
// strnlen keeps an unterminated name in a hostile descriptor from being read
// past the limit.
bool name_ok(const char *name) {
  return name && strnlen(name, vm::limits::kMaxNameLength + 1) <= vm::limits::kMaxNameLength;
}

Status validate(const kiln_module_desc_t *d, const char *origin) {
  static const bool buffer_layout_ok = vm::BufferAccessForType::matches_c_header();
  if (!buffer_layout_ok) {
    return vm::internal_error("runtime Buffer layout does not match kiln_buffer_header_t");
  }
  if (!d) {
    return vm::make_status(StatusCode::kInvalidArgument, "%s: module descriptor is null", origin);
  }
  if (d->abi_version != KILN_MODULE_ABI_VERSION) {
    return vm::make_status(StatusCode::kFailedPrecondition,
                           "%s: C module was built for Kiln C module ABI version %u, but this "
                           "runtime supports version %u; rebuild it from the vm source",
                           origin, d->abi_version, KILN_MODULE_ABI_VERSION);
  }
  if (d->struct_size != sizeof(kiln_module_desc_t)) {
    return vm::make_status(StatusCode::kFailedPrecondition,
                           "%s: module descriptor size %u, expected %zu", origin, d->struct_size,
                           sizeof(kiln_module_desc_t));
  }
  if (!name_ok(d->name)) {
    return vm::make_status(StatusCode::kInvalidArgument,
                           "%s: module name is missing or longer than %zu bytes", origin,
                           vm::limits::kMaxNameLength);
  }
  if (d->import_count < 0 || d->export_count < 0 || d->function_count < 0 ||
      (d->import_count && !d->imports) || (d->export_count && !d->exports) ||
      (d->function_count && !d->functions)) {
    return vm::make_status(StatusCode::kInvalidArgument, "%s: malformed module descriptor", origin);
  }
  for (int32_t i = 0; i < d->import_count; ++i) {
    const kiln_import_desc_t &im = d->imports[i];
    if (!name_ok(im.full_name) || !im.signature || !vm::parse_signature(im.signature).ok()) {
      return vm::make_status(StatusCode::kInvalidArgument, "%s: module '%s' import %d is malformed",
                             origin, d->name, i);
    }
  }
  for (int32_t i = 0; i < d->export_count; ++i) {
    const kiln_export_desc_t &e = d->exports[i];
    if (!name_ok(e.name) || !e.signature || !vm::parse_signature(e.signature).ok() ||
        e.function_index < 0 || e.function_index >= d->function_count ||
        !d->functions[e.function_index].entry) {
      return vm::make_status(StatusCode::kInvalidArgument, "%s: module '%s' export %d is malformed",
                             origin, d->name, i);
    }
  }
  for (int32_t i = 0; i < d->function_count; ++i) {
    const kiln_function_desc_t &f = d->functions[i];
    if (!name_ok(f.name) || !f.signature ||
        (f.frame_ref_count &&
         f.frame_size <
             sizeof(kiln_frame_header_t) + sizeof(kiln_ref_t) * uint64_t{f.frame_ref_count})) {
      return vm::make_status(StatusCode::kInvalidArgument,
                             "%s: module '%s' function %d is malformed", origin, d->name, i);
    }
  }
  return Status();
}

void close_library(void *handle) { dlclose(handle); }

struct StaticEntry {
  std::string name;
  kiln_module_get_fn_t getter;
};
std::mutex &static_mutex() {
  static std::mutex m;
  return m;
}
std::vector<StaticEntry> &static_entries() {
  static std::vector<StaticEntry> entries;
  return entries;
}

} // namespace

const kiln_services_t *runtime_services() { return &kServices; }

const kiln_module_desc_t *descriptor_of(const vm::Module *module) {
  const void *vtable = g_cmodule_vtable.load(std::memory_order_relaxed);
  if (!module || !vtable || vtable_of(module) != vtable)
    return nullptr;
  return static_cast<const CModule *>(module)->desc();
}

StatusOr<Ref> create_module(const kiln_module_desc_t *descriptor) {
  KILN_RETURN_IF_ERROR(validate(descriptor, "static C module"));
  return Ref::adopt(new CModule(descriptor, CodeOwner()));
}

StatusOr<Ref> wrap_module(const kiln_module_desc_t *descriptor, const char *origin, CodeOwner owner,
                          vm::ExecutionObserver *observer) {
  Status s = validate(descriptor, origin);
  if (!s.ok()) {
    if (owner.release)
      owner.release(owner.handle);
    return s;
  }
  CModule *module = new CModule(descriptor, owner);
  module->set_observer(observer);
  return Ref::adopt(module);
}

void register_static_module(kiln_module_get_fn_t getter) {
  const kiln_module_desc_t *d = getter ? getter() : nullptr;
  if (!d || !d->name)
    return;
  std::lock_guard<std::mutex> lock(static_mutex());
  for (StaticEntry &e : static_entries()) {
    if (e.name == d->name) {
      e.getter = getter;
      return;
    }
  }
  static_entries().push_back(StaticEntry{d->name, getter});
}

StatusOr<Ref> load_static_module(std::string_view name) {
  kiln_module_get_fn_t getter = nullptr;
  {
    std::lock_guard<std::mutex> lock(static_mutex());
    for (StaticEntry &e : static_entries()) {
      if (e.name == name)
        getter = e.getter;
    }
  }
  if (!getter) {
    return vm::make_status(StatusCode::kNotFound, "no statically linked C module named '%.*s'",
                           static_cast<int>(name.size()), name.data());
  }
  return create_module(getter());
}

StatusOr<Ref> load_module_from_file(vm::Instance &, const char *path,
                                    vm::ExecutionObserver *observer) {
  void *handle = dlopen(path, RTLD_NOW | RTLD_LOCAL);
  if (!handle) {
    const char *err = dlerror();
    // A file that is there but does not load (not a shared object, another
    // architecture, missing symbols) is a bad argument, not a missing one.
    struct stat st;
    StatusCode code = ::stat(path, &st) == 0 ? StatusCode::kInvalidArgument : StatusCode::kNotFound;
    return vm::make_status(code, "dlopen('%s') failed: %s", path, err ? err : "unknown error");
  }
  void *sym = dlsym(handle, KILN_MODULE_ENTRY_SYMBOL);
  if (!sym) {
    dlclose(handle);
    return vm::make_status(StatusCode::kInvalidArgument,
                           "'%s' is not a Kiln C module: it has no symbol '%s' "
                           "(C module ABI version %u)",
                           path, KILN_MODULE_ENTRY_SYMBOL, KILN_MODULE_ABI_VERSION);
  }
  kiln_module_get_fn_t getter;
  static_assert(sizeof(getter) == sizeof(sym), "function pointer size");
  std::memcpy(&getter, &sym, sizeof(getter));
  return wrap_module(getter(), path, CodeOwner{close_library, handle}, observer);
}

} // namespace kiln::cmodule
