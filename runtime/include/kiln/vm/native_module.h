// Native C++ modules: exports are plain C++ functions or lambdas whose
// signature string is derived from their C++ types.
//
//   int32_t -> i   int64_t -> I   float -> f   double -> F
//   Ref, RefT<T> (e.g. RefT<Buffer>, RefT<List>) -> r
//
// A function may take `NativeCall&` as its first parameter (access to the
// stack, frame, per-context state, imports, and deferral). It may return
// void, Status, a value, std::tuple<...> of values, or StatusOr<value or
// tuple>. RefT<T> arguments are type-checked (null passes); Ref arguments
// accept anything.
//
//   auto m = NativeModule::create("math");
//   m->export_function("add", [](int32_t a, int32_t b) { return a + b; });
//   context.register_module(m.get());
//
// Suspension: a function returns `call.defer(resume_fn, token)`; the call
// returns DEFERRED and its frame stays on the stack. On resume_call the
// module invokes `resume_fn(call, token)`, which returns the export's result
// type (or defers again).
//
// Per-context state: `set_state<S>()` (default-constructed S per context)
// or `set_state<S>(factory)`; functions read it with `call.state<S>()`.
//
// Define every export and import before registering the module.
#ifndef KILN_VM_NATIVE_MODULE_H_
#define KILN_VM_NATIVE_MODULE_H_

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <functional>
#include <memory>
#include <new>
#include <string>
#include <tuple>
#include <type_traits>
#include <utility>
#include <vector>

#include "kiln/vm/instance.h"
#include "kiln/vm/module.h"
#include "kiln/vm/ref.h"
#include "kiln/vm/signature.h"
#include "kiln/vm/stack.h"
#include "kiln/vm/status.h"

namespace kiln::vm {

class NativeCall;
class NativeModule;

namespace native_detail {

using GenericFn = void (*)();
using ResumeThunk = Status (*)(NativeCall &call, GenericFn fn, uint64_t token, ByteSpan results);

// Lives in the native frame's storage.
struct FrameData {
  ResumeThunk thunk;
  GenericFn fn;
  uint64_t token;
  const char *result_codes; // of the resume function's result type
};

// ---- per-type ABI ----------------------------------------------------------
template <typename T, typename Enable = void> struct Abi;

#define KILN_NATIVE_SCALAR_ABI(CTYPE, CODE)                                                        \
  template <> struct Abi<CTYPE> {                                                                  \
    static constexpr char kCode = CODE;                                                            \
    static KILN_ALWAYS_INLINE Status load(uint8_t *p, CTYPE *out) {                                \
      std::memcpy(out, p, sizeof(CTYPE));                                                          \
      return Status();                                                                             \
    }                                                                                              \
    static KILN_ALWAYS_INLINE void store(uint8_t *p, CTYPE v) {                                    \
      std::memcpy(p, &v, sizeof(CTYPE));                                                           \
    }                                                                                              \
  };
KILN_NATIVE_SCALAR_ABI(int32_t, 'i')
KILN_NATIVE_SCALAR_ABI(int64_t, 'I')
KILN_NATIVE_SCALAR_ABI(float, 'f')
KILN_NATIVE_SCALAR_ABI(double, 'F')
#undef KILN_NATIVE_SCALAR_ABI

template <> struct Abi<Ref> {
  static constexpr char kCode = 'r';
  // Moves the reference out of the argument slot (no count traffic).
  static KILN_ALWAYS_INLINE Status load(uint8_t *p, Ref *out) {
    *out = std::move(*reinterpret_cast<Ref *>(p));
    return Status();
  }
  static KILN_ALWAYS_INLINE void store(uint8_t *p, Ref v) { new (p) Ref(std::move(v)); }
};

template <typename T> struct Abi<RefT<T>> {
  static constexpr char kCode = 'r';
  static KILN_ALWAYS_INLINE Status load(uint8_t *p, RefT<T> *out) {
    Ref &slot = *reinterpret_cast<Ref *>(p);
    Status s = slot.check_type_or_null(T::kType);
    if (KILN_UNLIKELY(!s.ok()))
      return s;
    *out = RefT<T>::unchecked(std::move(slot));
    return Status();
  }
  static KILN_ALWAYS_INLINE void store(uint8_t *p, RefT<T> v) {
    new (p) Ref(std::move(v).as_ref());
  }
};

// ---- layout of a list of types ----------------------------------------------
template <size_t N> struct LayoutResult {
  size_t offsets[N + 1];
  size_t size;
};

template <size_t N> constexpr LayoutResult<N> compute_layout(const char (&codes)[N + 1]) {
  LayoutResult<N> r{};
  size_t offset = 0;
  size_t max_align = 1;
  for (size_t i = 0; i < N; ++i) {
    size_t a = code_alignment(codes[i]);
    if (a > max_align)
      max_align = a;
    offset = align_up(offset, a);
    r.offsets[i] = offset;
    offset += code_size(codes[i]);
  }
  r.size = align_up(offset, max_align);
  return r;
}

template <typename... Ts> struct Layout {
  static constexpr size_t kCount = sizeof...(Ts);
  static constexpr char kCodes[kCount + 1] = {Abi<Ts>::kCode..., '\0'};
  static constexpr LayoutResult<kCount> kLayout = compute_layout<kCount>(kCodes);
};

// ---- result types ------------------------------------------------------------
template <typename R> struct ResultTypes { using Tuple = std::tuple<R>; };
template <> struct ResultTypes<void> { using Tuple = std::tuple<>; };
template <> struct ResultTypes<Status> { using Tuple = std::tuple<>; };
template <typename... Ts> struct ResultTypes<std::tuple<Ts...>> {
  using Tuple = std::tuple<Ts...>;
};
template <typename T> struct ResultTypes<StatusOr<T>> {
  using Tuple = typename ResultTypes<T>::Tuple;
};

template <typename Tuple> struct TupleLayout;
template <typename... Ts> struct TupleLayout<std::tuple<Ts...>> {
  using L = Layout<std::decay_t<Ts>...>;
};

template <typename T> struct IsStatusOr : std::false_type {};
template <typename T> struct IsStatusOr<StatusOr<T>> : std::true_type { using Value = T; };
template <typename T> struct IsTuple : std::false_type {};
template <typename... Ts> struct IsTuple<std::tuple<Ts...>> : std::true_type {};

template <typename Tuple, size_t... I>
KILN_ALWAYS_INLINE void store_tuple(uint8_t *out, Tuple &&t, std::index_sequence<I...>) {
  using L = typename TupleLayout<std::decay_t<Tuple>>::L;
  (Abi<std::decay_t<std::tuple_element_t<I, std::decay_t<Tuple>>>>::store(
       out + L::kLayout.offsets[I], std::move(std::get<I>(t))),
   ...);
}

// Writes a plain (non-Status) result value.
template <typename V> KILN_ALWAYS_INLINE void store_value(uint8_t *out, V &&v) {
  using D = std::decay_t<V>;
  if constexpr (IsTuple<D>::value) {
    store_tuple(out, std::move(v), std::make_index_sequence<std::tuple_size_v<D>>());
  } else {
    Abi<D>::store(out, std::move(v));
  }
}

// Runs `f()` returning R and writes its results.
template <typename R, typename F> KILN_ALWAYS_INLINE Status run_and_store(F &&f, uint8_t *results) {
  if constexpr (std::is_void_v<R>) {
    f();
    return Status();
  } else if constexpr (std::is_same_v<R, Status>) {
    return f();
  } else if constexpr (IsStatusOr<R>::value) {
    R r = f();
    if (KILN_UNLIKELY(!r.ok()))
      return std::move(r).status();
    store_value(results, std::move(r).value());
    return Status();
  } else {
    store_value(results, f());
    return Status();
  }
}

template <typename R> std::string result_codes() {
  using L = typename TupleLayout<typename ResultTypes<R>::Tuple>::L;
  return std::string(L::kCodes);
}

// ---- callable introspection ----------------------------------------------------
template <typename F> struct FnTraits : FnTraits<decltype(&F::operator())> {};
template <typename R, typename... A> struct FnTraits<R (*)(A...)> {
  using Result = R;
  using Args = std::tuple<A...>;
};
template <typename R, typename... A> struct FnTraits<R(A...)> : FnTraits<R (*)(A...)> {};
template <typename C, typename R, typename... A>
struct FnTraits<R (C::*)(A...) const> : FnTraits<R (*)(A...)> {};
template <typename C, typename R, typename... A>
struct FnTraits<R (C::*)(A...)> : FnTraits<R (*)(A...)> {};

// Splits an optional leading NativeCall& off the parameter list.
template <typename Args> struct SplitCall {
  static constexpr bool kTakesCall = false;
  using Params = Args;
};
template <typename... Rest> struct SplitCall<std::tuple<NativeCall &, Rest...>> {
  static constexpr bool kTakesCall = true;
  using Params = std::tuple<Rest...>;
};

using Thunk = Status (*)(void *callable, NativeCall &call, ByteSpan arguments, ByteSpan results);

template <typename F, typename R, bool kTakesCall, typename... P> struct Binder {
  using L = Layout<std::decay_t<P>...>;

  template <size_t... I>
  static KILN_ALWAYS_INLINE Status call(F &f, NativeCall &nc, uint8_t *args, uint8_t *results,
                                        std::index_sequence<I...>) {
    std::tuple<std::decay_t<P>...> values;
    Status s;
    // Load every argument; stop at the first failure.
    bool ok = ((s = Abi<std::decay_t<P>>::load(args + L::kLayout.offsets[I], &std::get<I>(values)),
                s.ok()) &&
               ...);
    if (KILN_UNLIKELY(!ok))
      return s;
    (void)values;
    (void)args;
    return run_and_store<R>(
        [&]() -> R {
          if constexpr (kTakesCall) {
            return f(nc, std::move(std::get<I>(values))...);
          } else {
            (void)nc;
            return f(std::move(std::get<I>(values))...);
          }
        },
        results);
  }

  static Status thunk(void *callable, NativeCall &nc, ByteSpan arguments, ByteSpan results) {
    return call(*static_cast<F *>(callable), nc, arguments.data, results.data,
                std::index_sequence_for<P...>());
  }
};

template <typename F, typename R, bool kTakesCall, typename Params> struct BinderFor;
template <typename F, typename R, bool kTakesCall, typename... P>
struct BinderFor<F, R, kTakesCall, std::tuple<P...>> {
  using Type = Binder<F, R, kTakesCall, P...>;
  static std::string argument_codes() { return Layout<std::decay_t<P>...>::kCodes; }
  static constexpr size_t kArgumentsSize = Layout<std::decay_t<P>...>::kLayout.size;
};

// Resume thunk for a typed resume function.
template <typename R>
Status resume_thunk(NativeCall &call, GenericFn fn, uint64_t token, ByteSpan results) {
  auto typed = reinterpret_cast<R (*)(NativeCall &, uint64_t)>(fn);
  return run_and_store<R>([&]() -> R { return typed(call, token); }, results.data);
}

// Resume thunk for a packed resume function.
inline Status packed_resume_thunk(NativeCall &call, GenericFn fn, uint64_t token,
                                  ByteSpan results) {
  auto packed = reinterpret_cast<Status (*)(NativeCall &, uint64_t, ByteSpan)>(fn);
  return packed(call, token, results);
}

template <typename R> const char *static_result_codes() {
  using L = typename TupleLayout<typename ResultTypes<R>::Tuple>::L;
  return L::kCodes;
}

} // namespace native_detail

// Per-context state of a NativeModule.
class NativeModuleState : public ModuleState {
public:
  struct Import {
    Function function;
    ModuleState *state = nullptr;
  };
  ~NativeModuleState() override {
    if (user_ && destroy_user_)
      destroy_user_(user_);
  }
  void *user() const { return user_; }
  const std::vector<Import> &imports() const { return imports_; }

private:
  friend class NativeModule;
  void *user_ = nullptr;
  void (*destroy_user_)(void *) = nullptr;
  std::vector<Import> imports_;
};

// What a native function sees of its call.
class NativeCall {
public:
  NativeCall(Stack &stack, Frame &frame, NativeModule &module, NativeModuleState *state)
      : stack_(stack), frame_(frame), module_(module), state_(state) {}

  Stack &stack() const { return stack_; }
  Frame &frame() const { return frame_; }
  NativeModule &module() const { return module_; }
  NativeModuleState *module_state() const { return state_; }
  // The user state set with NativeModule::set_state<S>.
  template <typename S> S *state() const {
    return state_ ? static_cast<S *>(state_->user()) : nullptr;
  }

  // Suspends the call: return the result of this from the function. On
  // resume, `resume(call, token)` runs and must produce the export's result
  // type (R is that type: a value, tuple, StatusOr<...>, Status or void).
  template <typename R> Status defer(R (*resume)(NativeCall &, uint64_t), uint64_t token) {
    auto *data = frame_.storage_as<native_detail::FrameData>();
    data->thunk = &native_detail::resume_thunk<R>;
    data->fn = reinterpret_cast<native_detail::GenericFn>(resume);
    data->token = token;
    data->result_codes = native_detail::static_result_codes<R>();
    return Status(StatusCode::kDeferred);
  }

  // Suspends a packed export (NativeModule::export_packed), whose result
  // codes are known only at run time: on resume, `resume(call, token,
  // results)` writes the export's packed results itself (or defers again).
  Status defer_packed(Status (*resume)(NativeCall &, uint64_t, ByteSpan), uint64_t token);

  // Whether import `ordinal` of the module is bound to a function.
  bool is_import_resolved(int32_t ordinal) const;
  // Calls an import synchronously with packed bytes (same rules as
  // Module::begin_call). A callee that suspends is an UNIMPLEMENTED error.
  Status call_import(int32_t ordinal, ByteSpan arguments, ByteSpan results);

private:
  Stack &stack_;
  Frame &frame_;
  NativeModule &module_;
  NativeModuleState *state_;
};

class NativeModule final : public Module {
public:
  static RefT<NativeModule> create(std::string name, uint32_t version = 0);
  ~NativeModule() override;

  // Module::export_function(ordinal) -> Function stays visible.
  using Module::export_function;

  // Adds an export; its signature comes from F's C++ types. Returns the
  // export ordinal.
  template <typename F> int32_t export_function(std::string name, F &&fn) {
    using D = std::decay_t<F>;
    using Traits = native_detail::FnTraits<std::remove_pointer_t<D>>;
    using R = typename Traits::Result;
    using Split = native_detail::SplitCall<typename Traits::Args>;
    using B = native_detail::BinderFor<D, R, Split::kTakesCall, typename Split::Params>;
    using RL =
        typename native_detail::TupleLayout<typename native_detail::ResultTypes<R>::Tuple>::L;
    Export e;
    e.name = std::move(name);
    e.signature = "0" + B::argument_codes() + "_" + std::string(RL::kCodes);
    e.result_codes = RL::kCodes;
    e.arguments_size = B::kArgumentsSize;
    e.results_size = RL::kLayout.size;
    e.thunk = &B::Type::thunk;
    e.callable = new D(std::forward<F>(fn));
    e.destroy_callable = [](void *p) { delete static_cast<D *>(p); };
    exports_.push_back(std::move(e));
    return static_cast<int32_t>(exports_.size() - 1);
  }

  // Adds an export that reads its packed arguments and writes its packed
  // results itself: for signatures with variadic spans, which the typed
  // form cannot express. `argument_codes` and `result_codes` must be string
  // literals (e.g. "iICrD", "i"). `fn(NativeCall&, ByteSpan arguments,
  // ByteSpan results) -> Status` follows Module::begin_call's rules for the
  // spans; it may defer like a typed export (the resume function's result
  // type must match `result_codes`).
  template <typename F>
  int32_t export_packed(std::string name, const char *argument_codes, const char *result_codes,
                        F &&fn) {
    using D = std::decay_t<F>;
    Export e;
    e.name = std::move(name);
    e.signature = std::string("0") + argument_codes + "_" + result_codes;
    e.result_codes = result_codes;
    e.arguments_size = minimum_packed_size(argument_codes);
    e.results_size = minimum_packed_size(result_codes);
    e.thunk = [](void *callable, NativeCall &nc, ByteSpan arguments, ByteSpan results) -> Status {
      return (*static_cast<D *>(callable))(nc, arguments, results);
    };
    e.callable = new D(std::forward<F>(fn));
    e.destroy_callable = [](void *p) { delete static_cast<D *>(p); };
    exports_.push_back(std::move(e));
    return static_cast<int32_t>(exports_.size() - 1);
  }

  // Declares an import "module.function" with its signature string.
  int32_t import_function(std::string full_name, std::string signature, bool optional = false);

  // A default-constructed S per context.
  template <typename S> void set_state() {
    state_factory_ = [](Instance &) -> StatusOr<void *> { return static_cast<void *>(new S()); };
    state_destroy_ = [](void *p) { delete static_cast<S *>(p); };
  }
  // S from `factory(Instance&) -> StatusOr<std::unique_ptr<S>>` per context.
  template <typename S, typename Factory> void set_state(Factory factory) {
    state_factory_ = [factory](Instance &instance) -> StatusOr<void *> {
      StatusOr<std::unique_ptr<S>> s = factory(instance);
      if (!s.ok())
        return std::move(s).status();
      return static_cast<void *>(std::move(s).value().release());
    };
    state_destroy_ = [](void *p) { delete static_cast<S *>(p); };
  }

  // Module interface.
  std::string_view name() const override { return name_; }
  uint32_t version() const override { return version_; }
  int32_t export_count() const override { return static_cast<int32_t>(exports_.size()); }
  ExportInfo export_info(int32_t ordinal) const override;
  int32_t import_count() const override { return static_cast<int32_t>(imports_.size()); }
  ImportInfo import_info(int32_t ordinal) const override;
  StatusOr<ModuleState *> create_state(Instance &instance) override;
  void destroy_state(ModuleState *state) override;
  Status resolve_import(ModuleState *state, int32_t ordinal, const Function &target,
                        ModuleState *target_state) override;
  Status begin_call(Stack &stack, const FunctionCall &call) override;
  Status resume_call(Stack &stack, Frame *frame, ByteSpan results) override;

private:
  friend class NativeCall;
  struct Export {
    std::string name;
    std::string signature;
    const char *result_codes = "";
    size_t arguments_size = 0;
    size_t results_size = 0;
    native_detail::Thunk thunk = nullptr;
    void *callable = nullptr;
    void (*destroy_callable)(void *) = nullptr;
  };
  struct Import {
    std::string full_name;
    std::string signature;
    bool optional = false;
  };

  // Packed size of `codes` with every variadic span empty.
  static size_t minimum_packed_size(std::string_view codes);

  NativeModule(std::string name, uint32_t version) : name_(std::move(name)), version_(version) {}
  KILN_NOINLINE Status bad_call(const FunctionCall &call) const;
  KILN_NOINLINE Status finish_unusual(Stack &stack, Frame *frame, Status status);

  std::string name_;
  uint32_t version_;
  std::vector<Export> exports_;
  std::vector<Import> imports_;
  std::function<StatusOr<void *>(Instance &)> state_factory_;
  void (*state_destroy_)(void *) = nullptr;
};

} // namespace kiln::vm

#endif // KILN_VM_NATIVE_MODULE_H_
