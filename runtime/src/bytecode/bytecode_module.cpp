// Loader: file header, FlatBuffer verification, table decoding, type
// resolution; module state (globals, rodata buffers, imports); the
// vm::Module methods that are not the interpreter.
#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <memory>
#include <new>
#include <string>

#include "dispatch_util.h"
#include "flatbuffers/flatbuffers.h"
#include "import_call.h"
#include "kiln/vm/budget.h"
#include "kiln/vm/instance.h"
#include "kiln/vm/invocation.h"
#include "kiln/vm/limits.h"
#include "kiln/vm/signature.h"
#include "module_impl.h"

namespace kiln::bytecode {

using vm::Status;
using vm::StatusCode;
using vm::StatusOr;

namespace {

std::string str(std::string_view s) { return std::string(s); }
std::string_view sv(const flatbuffers::String *s) {
  return s ? std::string_view(s->c_str(), s->size()) : std::string_view();
}

// ---- Memory-mapped files --------------------------------------------------

struct MappedFile : vm::RefObject {
  static const vm::RefType kType;
  MappedFile() : vm::RefObject(&kType) {}
  void *base = nullptr;
  size_t length = 0;
  static void destroy(vm::RefObject *object) {
    auto *self = static_cast<MappedFile *>(object);
    if (self->base && self->length)
      munmap(self->base, self->length);
    delete self;
  }
};
const vm::RefType MappedFile::kType = {"kiln.mapped_file", &MappedFile::destroy};

// ---- Type names -------------------------------------------------------------

std::string_view strip(std::string_view s) {
  while (!s.empty() && s.front() == ' ')
    s.remove_prefix(1);
  while (!s.empty() && s.back() == ' ')
    s.remove_suffix(1);
  return s;
}

// Resolves "!vm.buffer", "!vm.list<i32>", "!vm.ref<?>", "!vm.ref<!hal.buffer>",
// "!hal.buffer" against the registry.
TypeInfo resolve_type(const vm::Instance &instance, std::string_view full) {
  TypeInfo info;
  info.name = full;
  std::string_view s = strip(full);
  if (s == "?" || s == "!vm.ref<?>" || s == "!vm.ref<any>") {
    info.kind = TypeKind::kAny;
    return info;
  }
  constexpr std::string_view kRefPrefix = "!vm.ref<";
  if (s.substr(0, kRefPrefix.size()) == kRefPrefix && s.back() == '>') {
    s = strip(s.substr(kRefPrefix.size(), s.size() - kRefPrefix.size() - 1));
    if (s == "?") {
      info.kind = TypeKind::kAny;
      return info;
    }
  }
  constexpr std::string_view kListPrefix = "!vm.list<";
  if (s.substr(0, kListPrefix.size()) == kListPrefix && s.back() == '>') {
    std::string_view e = strip(s.substr(kListPrefix.size(), s.size() - kListPrefix.size() - 1));
    info.ref_type = &vm::List::kType;
    info.kind = TypeKind::kList;
    if (vm::ElementType::from_scalar_name(e, &info.element))
      return info;
    if (e == "?" || e == "variant") {
      info.element = vm::ElementType::variant();
    } else {
      TypeInfo inner = resolve_type(instance, e);
      if (inner.kind == TypeKind::kAny)
        info.element = vm::ElementType::ref(nullptr);
      else if (inner.kind == TypeKind::kRef || inner.kind == TypeKind::kList)
        info.element = vm::ElementType::ref(inner.ref_type);
      else
        info.kind = TypeKind::kUnknown;
    }
    return info;
  }
  if (!s.empty() && s.front() == '!')
    s.remove_prefix(1);
  size_t lt = s.find('<');
  if (lt != std::string_view::npos)
    s = s.substr(0, lt);
  const vm::RefType *type = instance.lookup_type(s);
  if (type) {
    info.kind = TypeKind::kRef;
    info.ref_type = type;
  }
  return info;
}

Status load_error(std::string_view what) {
  return vm::make_status(StatusCode::kInvalidArgument, "invalid module file: %s",
                         str(what).c_str());
}

} // namespace

namespace {
// BytecodeModule is final, so every instance shares one vtable; without RTTI
// that pointer identifies the class (recorded by the first load()).
std::atomic<const void *> g_bytecode_vtable{nullptr};
const void *vtable_of(const vm::Module *m) {
  const void *v;
  std::memcpy(&v, static_cast<const void *>(m), sizeof(v));
  return v;
}
} // namespace

// ---- Layouts ---------------------------------------------------------------

Status make_layout(std::string_view codes, PackedLayout *out) {
  out->codes = codes;
  out->offsets.clear();
  out->has_refs = codes.find('r') != std::string_view::npos;
  out->variadic = codes.find('C') != std::string_view::npos;
  out->size = 0;
  if (out->variadic)
    return Status();
  size_t offset = 0;
  for (char c : codes) {
    size_t a = vm::code_alignment(c);
    if (a == 0)
      return vm::invalid_argument_error("bad type code in signature");
    offset = vm::align_up(offset, a);
    out->offsets.push_back(static_cast<uint32_t>(offset));
    offset += vm::code_size(c);
  }
  KILN_ASSIGN_OR_RETURN(size_t size, vm::packed_size(codes));
  out->size = static_cast<uint32_t>(size);
  return Status();
}

// ---- Instruction decoding --------------------------------------------------

Status decode_instruction(const uint8_t *code, uint32_t length, uint32_t pc,
                          DecodedInstruction *out) {
  DecodeResult result = try_decode_instruction(code, length, pc, out);
  if (result.ok())
    return Status();
  return vm::make_status(StatusCode::kInvalidArgument, "%s",
                         describe_decode_error(result, pc).c_str());
}

// ---- State -----------------------------------------------------------------

BytecodeState::~BytecodeState() {
  if (global_refs) {
    for (uint32_t i = 0; i < global_ref_count; ++i) {
      if (global_refs[i])
        vm::ref_release(global_refs[i]);
    }
    ::operator delete(global_refs);
  }
  ::operator delete(globals, std::align_val_t(16));
}

// ---- Loading ---------------------------------------------------------------

BytecodeModule::~BytecodeModule() = default;

StatusOr<vm::Ref> BytecodeModule::load(vm::Instance &instance, const uint8_t *data, size_t size,
                                       vm::Ref keepalive, const LoadOptions &options) {
  if (!data && size)
    return vm::invalid_argument_error("null module data");
  vm::Ref ref = vm::Ref::adopt(new BytecodeModule());
  BytecodeModule *m = ref.as<BytecodeModule>();
  g_bytecode_vtable.store(vtable_of(m), std::memory_order_relaxed);
  m->keepalive_ = std::move(keepalive);
  // Rodata is served in place with the alignment the file promises (up to
  // 64 bytes), which holds only if the file itself starts 64-byte aligned.
  if (reinterpret_cast<uintptr_t>(data) % kMaxRodataAlignment != 0) {
    m->aligned_copy_.reset(new (std::nothrow) uint8_t[size + kMaxRodataAlignment]);
    if (!m->aligned_copy_)
      return vm::resource_exhausted_error("out of memory copying the module");
    uintptr_t base = reinterpret_cast<uintptr_t>(m->aligned_copy_.get());
    uint8_t *aligned = m->aligned_copy_.get() +
                       ((kMaxRodataAlignment - base % kMaxRodataAlignment) % kMaxRodataAlignment);
    std::memcpy(aligned, data, size);
    data = aligned;
  }
  m->data_ = data;
  m->size_ = size;
  if (options.module.trace) {
    m->trace_file_ = options.module.trace_file ? options.module.trace_file : stderr;
  }
  m->observer_ = options.module.observer;
  KILN_RETURN_IF_ERROR(m->parse(instance, options));
  return ref;
}

Status BytecodeModule::parse(vm::Instance &instance, const LoadOptions &options) {
  // Header.
  if (size_ < kFileHeaderSize) {
    return load_error("file is " + std::to_string(size_) + " bytes, smaller than the " +
                      std::to_string(kFileHeaderSize) + "-byte header");
  }
  if (std::memcmp(data_, kFileMagic, 8) != 0) {
    return load_error("bad magic (expected \"KILNVMFB\")");
  }
  uint32_t version = load_u32(data_ + 8);
  if (version != kFormatVersion) {
    return load_error("unsupported format version " + std::to_string(version) +
                      " (this runtime reads version " + std::to_string(kFormatVersion) + ")");
  }
  flatbuffer_length_ = load_u64(data_ + kFlatbufferLengthOffset);
  external_offset_ = load_u64(data_ + kExternalOffsetOffset);
  if (flatbuffer_length_ > size_ - kFileHeaderSize) {
    return load_error("flatbuffer length " + std::to_string(flatbuffer_length_) +
                      " exceeds the file size " + std::to_string(size_));
  }
  if (external_offset_ > size_ ||
      (external_offset_ != 0 && external_offset_ < kFileHeaderSize + flatbuffer_length_)) {
    return load_error("external data offset " + std::to_string(external_offset_) +
                      " is outside the file");
  }
  if (flatbuffer_length_ > 0x7FFFFFFFu)
    return load_error("flatbuffer too large");
  // FlatBuffer.
  const uint8_t *fb_data = data_ + kFileHeaderSize;
  flatbuffers::Verifier::Options verifier_options;
  verifier_options.max_depth = 64;
  verifier_options.max_tables = 1u << 22;
  flatbuffers::Verifier verifier(fb_data, static_cast<size_t>(flatbuffer_length_),
                                 verifier_options);
  if (!vmfb::VerifyModuleBuffer(verifier)) {
    return load_error("the Module FlatBuffer failed verification");
  }
  fb_ = vmfb::GetModule(fb_data);
  name_ = sv(fb_->name());
  if (name_.empty())
    return load_error("module has an empty name");
  if (name_.size() > vm::limits::kMaxNameLength)
    return load_error("module name too long");
  version_ = fb_->version();
  global_bytes_ = fb_->global_bytes();
  global_refs_ = fb_->global_refs();
  if (global_bytes_ > (1u << 30))
    return load_error("global_bytes too large");
  if (global_refs_ > (1u << 24))
    return load_error("global_refs too large");
  init_function_ = fb_->init_function();

  // Strings.
  if (fb_->strings()) {
    for (const flatbuffers::String *s : *fb_->strings())
      strings_.push_back(sv(s));
  }
  // Types.
  if (fb_->types()) {
    for (const vmfb::TypeDef *t : *fb_->types()) {
      types_.push_back(resolve_type(instance, sv(t->full_name())));
    }
  }
  // Imports.
  if (fb_->imports()) {
    for (const vmfb::ImportFunctionDef *i : *fb_->imports()) {
      ImportDesc d;
      d.full_name = sv(i->full_name());
      if (d.full_name.size() > vm::limits::kMaxNameLength)
        return load_error("import name too long");
      d.signature = sv(i->signature());
      d.optional = (static_cast<uint32_t>(i->flags()) &
                    static_cast<uint32_t>(vmfb::ImportFlags_OPTIONAL)) != 0;
      auto sig = vm::parse_signature(d.signature);
      if (!sig.ok()) {
        Status s = std::move(sig).status();
        s.annotate("import " + std::to_string(imports_.size()) + " '" + str(d.full_name) + "'");
        return s;
      }
      KILN_RETURN_IF_ERROR(make_layout(sig->arguments, &d.args));
      KILN_RETURN_IF_ERROR(make_layout(sig->results, &d.results));
      if (d.results.variadic) {
        return load_error("import '" + str(d.full_name) +
                          "' has variadic results, which are not supported");
      }
      imports_.push_back(std::move(d));
    }
  }
  // Functions.
  const flatbuffers::Vector<uint8_t> *bytecode = fb_->bytecode();
  const uint8_t *code_base = bytecode ? bytecode->data() : nullptr;
  uint32_t code_size = bytecode ? bytecode->size() : 0;
  if (fb_->functions()) {
    for (const vmfb::FunctionDescriptor *f : *fb_->functions()) {
      FunctionInfo fi;
      const size_t ordinal = functions_.size();
      fi.name = sv(f->name());
      if (fi.name.size() > vm::limits::kMaxNameLength)
        return load_error("function name too long");
      fi.signature = sv(f->signature());
      fi.flags = static_cast<uint32_t>(f->flags());
      uint64_t begin = f->bytecode_offset();
      uint64_t len = f->bytecode_length();
      if (begin + len > code_size) {
        return load_error("function " + std::to_string(ordinal) +
                          " bytecode range lies outside the bytecode section");
      }
      fi.code = code_base + begin;
      fi.length = static_cast<uint32_t>(len);
      fi.scalar_count = f->scalar_register_count();
      fi.ref_count = f->ref_register_count();
      if (fi.ref_count > vm::limits::kMaxRegistersPerBank ||
          fi.scalar_count > vm::limits::kMaxRegistersPerBank) {
        return load_error("function " + std::to_string(ordinal) + " has more than " +
                          std::to_string(vm::limits::kMaxRegistersPerBank) +
                          " registers in a bank");
      }
      auto sig = vm::parse_signature(fi.signature);
      if (!sig.ok()) {
        Status s = std::move(sig).status();
        s.annotate("function " + std::to_string(ordinal) + " '" + str(fi.name) + "'");
        return s;
      }
      KILN_RETURN_IF_ERROR(make_layout(sig->arguments, &fi.args));
      KILN_RETURN_IF_ERROR(make_layout(sig->results, &fi.results));
      if (fi.args.variadic || fi.results.variadic) {
        return load_error("function " + std::to_string(ordinal) + " '" + str(fi.name) +
                          "' has a variadic signature");
      }
      size_t scalar_args = 0, ref_args = 0;
      for (char c : fi.args.codes)
        (c == 'r' ? ref_args : scalar_args)++;
      if (scalar_args > fi.scalar_count || ref_args > fi.ref_count) {
        return load_error("function " + std::to_string(ordinal) + " '" + str(fi.name) +
                          "' has fewer registers than arguments");
      }
      fi.ref_offset = static_cast<uint32_t>(fi.scalar_count) * 8;
      fi.scratch_offset = fi.ref_offset + static_cast<uint32_t>(fi.ref_count) * 8;
      functions_.push_back(std::move(fi));
    }
  }
  // Exports.
  if (fb_->exports()) {
    for (const vmfb::ExportFunctionDef *e : *fb_->exports()) {
      ExportDesc d;
      d.name = sv(e->local_name());
      if (d.name.size() > vm::limits::kMaxNameLength)
        return load_error("export name too long");
      if (e->internal_ordinal() >= functions_.size()) {
        return load_error("export '" + str(d.name) + "' names function " +
                          std::to_string(e->internal_ordinal()) + " of " +
                          std::to_string(functions_.size()));
      }
      d.internal_ordinal = static_cast<int32_t>(e->internal_ordinal());
      exports_.push_back(d);
    }
  }
  if (init_function_ != -1) {
    if (init_function_ < 0 || static_cast<size_t>(init_function_) >= functions_.size()) {
      return load_error("init_function " + std::to_string(init_function_) +
                        " is not a function ordinal");
    }
    const FunctionInfo &init = functions_[init_function_];
    if (!init.args.codes.empty() || !init.results.codes.empty()) {
      return load_error("init_function must take and return nothing");
    }
  }
  // Rodata.
  if (fb_->rodata()) {
    for (const vmfb::RodataSegment *r : *fb_->rodata()) {
      RodataDesc d;
      d.alignment = r->alignment();
      d.name = sv(r->name());
      if (d.name.size() > vm::limits::kMaxNameLength)
        return load_error("rodata name too long");
      d.mime_type = sv(r->mime_type());
      if (r->embedded_data()) {
        d.data = r->embedded_data()->data();
        d.length = r->embedded_data()->size();
      } else if (r->external_length()) {
        uint64_t off = r->external_offset(), len = r->external_length();
        if (external_offset_ == 0 || off > size_ - external_offset_ ||
            len > size_ - external_offset_ - off) {
          return load_error("rodata segment " + std::to_string(rodata_.size()) +
                            " lies outside the external data area");
        }
        d.data = data_ + external_offset_ + off;
        d.length = static_cast<size_t>(len);
      } else {
        d.data = data_; // empty segment
        d.length = 0;
      }
      if (d.alignment > kMaxRodataAlignment || (d.alignment & (d.alignment - 1)) != 0 ||
          (d.alignment && reinterpret_cast<uintptr_t>(d.data) % d.alignment != 0)) {
        return load_error("rodata segment " + std::to_string(rodata_.size()) +
                          " is not placed at its alignment of " + std::to_string(d.alignment) +
                          " bytes");
      }
      rodata_.push_back(d);
    }
  }
  // Debug database shape (arrays are looked up defensively; only sizes here).
  if (fb_->debug() && fb_->debug()->functions()) {
    for (const vmfb::FunctionDebugInfo *fd : *fb_->debug()->functions()) {
      size_t pcs = fd->pcs() ? fd->pcs()->size() : 0;
      size_t locs = fd->locations() ? fd->locations()->size() : 0;
      if (pcs != locs)
        return load_error("debug info pcs/locations size mismatch");
    }
  }
  // Bytecode.
  std::vector<bool> type_needed(types_.size(), false);
  KILN_RETURN_IF_ERROR(verify_module(*this, functions_, &type_needed));
  for (size_t i = 0; i < types_.size(); ++i) {
    if (type_needed[i] && types_[i].kind == TypeKind::kUnknown && !options.allow_unknown_types) {
      return vm::make_status(StatusCode::kNotFound,
                             "module '%s' uses type '%s' (type %zu), which is not registered with "
                             "the instance; register the module that defines it before loading",
                             str(name_).c_str(), str(types_[i].name).c_str(), i);
    }
  }
  return Status();
}

// ---- vm::Module ------------------------------------------------------------

vm::ExportInfo BytecodeModule::export_info(int32_t ordinal) const {
  const ExportDesc &e = exports_[static_cast<size_t>(ordinal)];
  return vm::ExportInfo{e.name, functions_[e.internal_ordinal].signature};
}

vm::ImportInfo BytecodeModule::import_info(int32_t ordinal) const {
  const ImportDesc &i = imports_[static_cast<size_t>(ordinal)];
  return vm::ImportInfo{i.full_name, i.signature, i.optional};
}

std::string_view BytecodeModule::function_signature(const vm::Function &f) const {
  if (f.ordinal < 0)
    return {};
  switch (f.linkage) {
  case vm::Linkage::kExport:
    if (static_cast<size_t>(f.ordinal) < exports_.size())
      return functions_[exports_[f.ordinal].internal_ordinal].signature;
    return {};
  case vm::Linkage::kInternal:
    if (static_cast<size_t>(f.ordinal) < functions_.size())
      return functions_[f.ordinal].signature;
    return {};
  case vm::Linkage::kImport:
    if (static_cast<size_t>(f.ordinal) < imports_.size())
      return imports_[f.ordinal].signature;
    return {};
  }
  return {};
}

std::string BytecodeModule::function_name(const vm::Function &f) const {
  if (f.linkage == vm::Linkage::kInternal && f.ordinal >= 0 &&
      static_cast<size_t>(f.ordinal) < functions_.size()) {
    const FunctionInfo &fi = functions_[f.ordinal];
    if (!fi.name.empty())
      return str(fi.name);
  }
  return vm::Module::function_name(f);
}

std::vector<vm::Module::SourcePosition> BytecodeModule::positions_for(int32_t ordinal,
                                                                      uint32_t pc) const {
  std::vector<SourcePosition> positions;
  const vmfb::DebugDatabase *db = fb_->debug();
  if (!db || !db->functions() || !db->locations() || ordinal < 0 ||
      static_cast<uint32_t>(ordinal) >= db->functions()->size()) {
    return positions;
  }
  const vmfb::FunctionDebugInfo *fd = db->functions()->Get(ordinal);
  if (!fd || !fd->pcs() || !fd->locations())
    return positions;
  const auto *pcs = fd->pcs();
  const auto *locs = fd->locations();
  // Greatest pc not above `pc` (binary search over the sorted array).
  uint32_t lo = 0, hi = pcs->size();
  while (lo < hi) {
    uint32_t mid = lo + (hi - lo) / 2;
    if (pcs->Get(mid) <= pc)
      lo = mid + 1;
    else
      hi = mid;
  }
  if (lo == 0)
    return positions;
  uint32_t loc_index = locs->Get(lo - 1);
  auto string_at = [&](int64_t index) -> std::string_view {
    if (index < 0 || !db->files() || index >= db->files()->size())
      return {};
    return sv(db->files()->Get(static_cast<uint32_t>(index)));
  };
  // Bounded: a hostile file may make the caller chain a cycle.
  for (int depth = 0; depth < 64; ++depth) {
    if (loc_index >= db->locations()->size())
      break;
    const vmfb::SourceLocation *loc = db->locations()->Get(loc_index);
    SourcePosition position;
    position.inlined_from = str(string_at(loc->inlined_from()));
    position.location = str(string_at(loc->file())) + ":" + std::to_string(loc->line()) + ":" +
                        std::to_string(loc->column());
    positions.push_back(std::move(position));
    if (loc->caller() < 0)
      break;
    loc_index = static_cast<uint32_t>(loc->caller());
  }
  return positions;
}

std::string BytecodeModule::location_for(int32_t ordinal, uint32_t pc) const {
  std::string out;
  for (const SourcePosition &position : positions_for(ordinal, pc)) {
    if (!out.empty())
      out += " inlined at ";
    out += position.location;
    if (!position.inlined_from.empty())
      out += " [" + position.inlined_from + "]";
  }
  return out;
}

// Only interpreter frames of this module's own functions have a pc the
// debug database knows.
static bool has_debug_position(const vm::Frame &frame) {
  return frame.type == vm::FrameType::kBytecode && frame.pc >= 0 &&
         frame.function.linkage == vm::Linkage::kInternal;
}

std::string BytecodeModule::source_location(const vm::Frame &frame) const {
  if (!has_debug_position(frame))
    return {};
  return location_for(frame.function.ordinal, static_cast<uint32_t>(frame.pc));
}

std::vector<vm::Module::SourcePosition>
BytecodeModule::source_positions(const vm::Frame &frame) const {
  if (!has_debug_position(frame))
    return {};
  return positions_for(frame.function.ordinal, static_cast<uint32_t>(frame.pc));
}

StatusOr<vm::ModuleState *> BytecodeModule::create_state(vm::Instance &instance) {
  std::unique_ptr<BytecodeState> state(new BytecodeState());
  state->global_bytes = global_bytes_;
  size_t bytes = (static_cast<size_t>(global_bytes_) + 15) & ~size_t(15);
  state->globals = static_cast<uint8_t *>(
      ::operator new(bytes ? bytes : 16, std::align_val_t(16), std::nothrow));
  if (!state->globals)
    return vm::resource_exhausted_error("out of memory for globals");
  std::memset(state->globals, 0, bytes ? bytes : 16);
  state->global_ref_count = global_refs_;
  if (global_refs_) {
    state->global_refs = static_cast<vm::RefObject **>(
        ::operator new(sizeof(vm::RefObject *) * global_refs_, std::nothrow));
    if (!state->global_refs)
      return vm::resource_exhausted_error("out of memory for globals");
    std::memset(state->global_refs, 0, sizeof(vm::RefObject *) * global_refs_);
  }
  state->rodata.reserve(rodata_.size());
  for (const RodataDesc &r : rodata_) {
    KILN_ASSIGN_OR_RETURN(vm::RefT<vm::Buffer> buffer,
                          vm::Buffer::wrap_read_only(r.data, r.length, vm::Ref::retain(this)));
    state->rodata.push_back(std::move(buffer).as_ref());
  }
  state->imports.resize(imports_.size());
  if (imports_.empty()) {
    KILN_RETURN_IF_ERROR(run_initializer(state.get()));
  }
  return static_cast<vm::ModuleState *>(state.release());
}

void BytecodeModule::destroy_state(vm::ModuleState *state) { delete state; }

Status BytecodeModule::resolve_import(vm::ModuleState *state, int32_t ordinal,
                                      const vm::Function &target, vm::ModuleState *target_state) {
  auto *s = static_cast<BytecodeState *>(state);
  if (ordinal < 0 || static_cast<size_t>(ordinal) >= s->imports.size()) {
    return vm::make_status(StatusCode::kOutOfRange, "import ordinal %d out of range", ordinal);
  }
  if (target.is_null() && !imports_[ordinal].optional) {
    return vm::make_status(StatusCode::kNotFound,
                           "required import '%s' of module '%s' left unresolved",
                           str(imports_[ordinal].full_name).c_str(), str(name_).c_str());
  }
  s->imports[ordinal] = BytecodeState::Import{target, target_state};
  // The context resolves imports in ordinal order; once the last one is bound
  // the initializer can call any of them.
  if (static_cast<size_t>(ordinal) + 1 == s->imports.size()) {
    return run_initializer(s);
  }
  return Status();
}

bool is_bytecode_module(const vm::Module *module) {
  return module && g_bytecode_vtable.load(std::memory_order_relaxed) != nullptr &&
         vtable_of(module) == g_bytecode_vtable.load(std::memory_order_relaxed);
}

// ---- Public API ------------------------------------------------------------

StatusOr<vm::Ref> load_module(vm::Instance &instance, const uint8_t *data, size_t size,
                              vm::Ref keepalive) {
  return load_module(instance, data, size, std::move(keepalive), ModuleOptions());
}

StatusOr<vm::Ref> load_module(vm::Instance &instance, const uint8_t *data, size_t size,
                              vm::Ref keepalive, const ModuleOptions &options) {
  LoadOptions load_options;
  load_options.module = options;
  return BytecodeModule::load(instance, data, size, std::move(keepalive), load_options);
}

namespace {
StatusOr<vm::Ref> map_file(const char *path, const uint8_t **data, size_t *size) {
  int fd = ::open(path, O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    return vm::make_status(StatusCode::kNotFound, "cannot open '%s': %s", path,
                           std::strerror(errno));
  }
  struct stat st;
  if (fstat(fd, &st) != 0) {
    int e = errno;
    ::close(fd);
    return vm::make_status(StatusCode::kUnavailable, "cannot stat '%s': %s", path,
                           std::strerror(e));
  }
  vm::Ref ref = vm::Ref::adopt(new MappedFile());
  auto *mapped = ref.as<MappedFile>();
  size_t length = static_cast<size_t>(st.st_size);
  if (length) {
    void *base = mmap(nullptr, length, PROT_READ, MAP_PRIVATE, fd, 0);
    if (base == MAP_FAILED) {
      int e = errno;
      ::close(fd);
      return vm::make_status(StatusCode::kUnavailable, "cannot map '%s': %s", path,
                             std::strerror(e));
    }
    mapped->base = base;
    mapped->length = length;
  }
  ::close(fd);
  *data = static_cast<const uint8_t *>(mapped->base);
  *size = length;
  return ref;
}
} // namespace

StatusOr<vm::Ref> load_module_from_file(vm::Instance &instance, const char *path) {
  return load_module_from_file(instance, path, ModuleOptions());
}

StatusOr<vm::Ref> load_module_from_file(vm::Instance &instance, const char *path,
                                        const ModuleOptions &options) {
  const uint8_t *data = nullptr;
  size_t size = 0;
  KILN_ASSIGN_OR_RETURN(vm::Ref mapping, map_file(path, &data, &size));
  static const uint8_t kEmpty[16] = {};
  if (!data)
    data = kEmpty;
  LoadOptions load_options;
  load_options.module = options;
  auto loaded = BytecodeModule::load(instance, data, size, std::move(mapping), load_options);
  if (!loaded.ok()) {
    Status s = std::move(loaded).status();
    s.annotate(std::string("loading '") + path + "'");
    return s;
  }
  return loaded;
}

StatusOr<vm::Ref> load_module_for_dump(vm::Instance &instance, const char *path) {
  const uint8_t *data = nullptr;
  size_t size = 0;
  KILN_ASSIGN_OR_RETURN(vm::Ref mapping, map_file(path, &data, &size));
  static const uint8_t kEmpty[16] = {};
  if (!data)
    data = kEmpty;
  LoadOptions options;
  options.allow_unknown_types = true;
  return BytecodeModule::load(instance, data, size, std::move(mapping), options);
}

// ---- Module entry points ----------------------------------------------------
// begin_call moves the arguments into a new frame and runs the dispatch loop
// (interpreter.cpp); resume_call finds the suspended frame of an activation
// and continues it.

using dispatch::depth_of;
using dispatch::frame_info;
using dispatch::frame_refs;
using dispatch::frame_scalars;
using dispatch::push_function_frame;
using dispatch::put_word32;
using vm::Frame;
using vm::RefObject;
using vm::Stack;

Status BytecodeModule::begin_call(Stack &stack, const vm::FunctionCall &call) {
  int32_t ordinal = call.function.ordinal;
  if (call.function.linkage == vm::Linkage::kExport) {
    if (KILN_UNLIKELY(ordinal < 0 || static_cast<size_t>(ordinal) >= exports_.size())) {
      return vm::make_status(StatusCode::kInvalidArgument,
                             "module '%s' has no export with ordinal %d",
                             std::string(name_).c_str(), ordinal);
    }
    ordinal = exports_[ordinal].internal_ordinal;
  } else if (KILN_UNLIKELY(call.function.linkage != vm::Linkage::kInternal || ordinal < 0 ||
                           static_cast<size_t>(ordinal) >= functions_.size())) {
    return vm::make_status(StatusCode::kInvalidArgument,
                           "module '%s' cannot call function ordinal %d",
                           std::string(name_).c_str(), ordinal);
  }
  auto *state = static_cast<BytecodeState *>(call.state);
  if (KILN_UNLIKELY(!state)) {
    return vm::make_status(StatusCode::kFailedPrecondition,
                           "call into module '%s' without its state", std::string(name_).c_str());
  }
  if (KILN_UNLIKELY(!state->initialized))
    KILN_RETURN_IF_ERROR(run_initializer(state));
  const FunctionInfo &fi = functions_[ordinal];
  if (KILN_UNLIKELY(call.arguments.size < fi.args.size || call.results.size < fi.results.size)) {
    return vm::make_status(StatusCode::kInvalidArgument,
                           "call to %s.%s (signature %s) with %zu argument bytes "
                           "and %zu result bytes; it needs %u and %u",
                           std::string(name_).c_str(), std::string(fi.name).c_str(),
                           std::string(fi.signature).c_str(), call.arguments.size,
                           call.results.size, fi.args.size, fi.results.size);
  }
  Frame *frame;
  KILN_RETURN_IF_ERROR(push_function_frame(this, stack, state, ordinal, fi, &frame));
  frame->flags = kFrameEntry;
  uint64_t *s = frame_scalars(frame);
  RefObject **r = frame_refs(frame, &fi);
  const size_t n = fi.args.codes.size();
  uint16_t si = 0, ri = 0;
  for (size_t k = 0; k < n; ++k) {
    char c = fi.args.codes[k];
    uint8_t *slot = call.arguments.data + fi.args.offsets[k];
    if (c == 'r') {
      RefObject *o;
      std::memcpy(&o, slot, sizeof(o));
      std::memset(slot, 0, sizeof(o)); // moved out of the argument span
      r[ri++] = o;
    } else {
      if (c == 'i' || c == 'f') {
        put_word32(&s[si++], slot);
      } else {
        std::memcpy(&s[si++], slot, 8);
      }
    }
  }
  return execute(this, stack, frame, call.results);
}

Status BytecodeModule::resume_call(Stack &stack, Frame *frame, vm::ByteSpan results) {
  if (!frame || frame->function.module != this || frame->type != vm::FrameType::kBytecode ||
      !(frame->flags & kFrameEntry)) {
    return vm::make_status(StatusCode::kFailedPrecondition,
                           "module '%s' has no suspended call at that frame",
                           std::string(name_).c_str());
  }
  const int32_t entry_depth = depth_of(stack, frame);
  if (entry_depth < 0 || entry_depth >= stack.depth()) {
    return vm::failed_precondition_error("resume_call with a frame not on the stack");
  }
  // Find the innermost frame of this activation.
  int32_t d = entry_depth;
  Frame *f = frame;
  while (!(f->flags & (kFrameImportPending | kFrameYielded))) {
    if (d + 1 >= stack.depth()) {
      return vm::make_status(StatusCode::kFailedPrecondition,
                             "module '%s' has no suspended call at that frame",
                             std::string(name_).c_str());
    }
    f = stack.frame_at(++d);
    if (f->function.module != this || f->type != vm::FrameType::kBytecode) {
      return vm::internal_error("corrupt bytecode activation on the stack");
    }
  }
  if (f->flags & kFrameYielded) {
    f->flags &= static_cast<uint8_t>(~kFrameYielded);
    if (f != stack.top())
      return vm::internal_error("yielded frame is not on top");
    // A yield is a point where a cancelled or expired call stops (a loop
    // of yields counts fuel at each YIELD in the loop).
    if (KILN_UNLIKELY(stack.budget() != nullptr)) {
      Status interrupted = stack.budget()->check_interrupts();
      if (!interrupted.ok()) {
        stack.capture_trace(&interrupted);
        stack.unwind_to(entry_depth);
        return interrupted;
      }
    }
    return execute(this, stack, frame, results);
  }
  // Suspended inside an import call: resume the callee first.
  const FunctionInfo *fi = frame_info(f);
  const uint8_t *ip = fi->code + f->pc;
  const bool variadic = static_cast<Opcode>(load_u16(ip)) == Opcode::CALL_IMPORT_VARIADIC;
  ImportCallShape shape = import_call_shape(ip, variadic);
  const ImportDesc &desc = imports_[shape.ordinal];
  Frame *callee = stack.frame_at(d + 1);
  if (!callee)
    return vm::internal_error("suspended import call has no callee frame");
  size_t args_size = variadic ? variadic_args_size(desc, shape.segments) : desc.args.size;
  vm::ByteSpan args, callee_results;
  import_spans(this, f, shape, args_size, &args, &callee_results);
  auto *state = static_cast<BytecodeState *>(f->module_state);
  const BytecodeState::Import &target = state->imports[shape.ordinal];
  Status s = target.function.module->resume_call(stack, callee, callee_results);
  if (s.is_deferred())
    return s;
  f->flags &= static_cast<uint8_t>(~kFrameImportPending);
  if (!s.ok()) {
    stack.capture_trace(&s);
    stack.unwind_to(entry_depth);
    return s;
  }
  KILN_RETURN_IF_ERROR(finish_import(this, f, ip, variadic));
  f->pc += static_cast<int32_t>(shape.length);
  return execute(this, stack, frame, results);
}

Status BytecodeModule::run_initializer(BytecodeState *state) {
  if (state->initialized)
    return Status();
  state->initialized = true;
  if (init_function_ < 0)
    return Status();
  vm::StackOptions options;
  options.storage_bytes = 64 * 1024;
  Stack stack(options);
  stack.set_budget(vm::current_initializer_budget());
  vm::FunctionCall call{vm::Function{this, vm::Linkage::kInternal, init_function_}, state,
                        vm::ByteSpan{}, vm::ByteSpan{}};
  Status s = begin_call(stack, call);
  // An initializer may await (e.g. a fence of constant uploads): wait in
  // place rather than spin.
  while (s.is_deferred()) {
    vm::wait_in_place(stack);
    s = resume_call(stack, stack.frame_at(0), vm::ByteSpan{});
  }
  if (!s.ok()) {
    stack.unwind_to(0);
    s.annotate("in the initializer of module '" + std::string(name_) + "'");
  }
  return s;
}

} // namespace kiln::bytecode
