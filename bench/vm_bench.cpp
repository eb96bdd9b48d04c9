// Kiln VM benchmarks: each workload of bench/workloads.mlir runs as
// bytecode (workloads.vmfb, compiled at build time), as emitted C (the same
// file through vm-translate --vm-to-c, built at -O2 and linked in as a
// static C module) and as a native C++ function doing the same work, in the
// same process and run. BM_native_*, BM_vm_* (bytecode) and BM_c_* rows.
//
// Counters on every benchmark (times are thread CPU time):
//   ns_per_call / ns_per_elem   time per unit of work
//   allocs_per_iter   heap allocations per iteration (global operator new is
//                     overridden in this binary to count them; the runtime's
//                     system allocator goes through it too)
//   x_native          (VM benchmarks) time per iteration divided by the
//                     native version's, measured in this process
//   x_native_O2       (buffer reduction) the same against the loop built at
//                     -O2, where GCC does not vectorize it (native_o2.cpp)
//   x_native_all_calls (fib) the same against a native fib that makes every
//                     call (native_fib_all_calls.cpp; GCC turns one of the
//                     plain version's two calls into a loop)
//   x_bytecode        (C benchmarks) time per iteration divided by the
//                     bytecode version's, measured in this process
//
// Keeping the native versions honest: the optimizer must not turn a loop
// into its closed form or fold a call chain into a constant, or the ratio
// means nothing. Each native function says how it prevents that; the tools
// are benchmark::DoNotOptimize on the loop-carried value inside the loop
// (forces it to exist every iteration), noinline functions called through
// volatile function pointers (opaque calls), and ClobberMemory so buffer
// contents are re-read each iteration. Vectorizing the buffer reduction is
// allowed: it is what a native compiler does with that code.
//
// Usage: kiln_vm_bench [--vmfb=PATH] [Google Benchmark flags]
//   The default PATH is the workloads.vmfb built beside this binary; the
//   environment variable KILN_BENCH_VMFB overrides it too.
#include <benchmark/benchmark.h>

#include <algorithm>
#include <atomic>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <map>
#include <new>
#include <string>
#include <vector>

#include <time.h>

#include "kiln/vm/vm.h"

#if defined(KILN_BENCH_HAVE_BYTECODE)
#include "kiln/bytecode/bytecode_module.h"
#endif
#if defined(KILN_BENCH_HAVE_C)
#include "kiln/cmodule/c_module.h"
// The descriptor getter of the static C module (bench/CMakeLists.txt).
extern "C" const kiln_module_desc_t *bench_kiln_module(void);
#endif

// ---- Allocation counting ----------------------------------------------------
namespace {
std::atomic<uint64_t> g_allocations{0};

void *counted_alloc(std::size_t size, std::size_t alignment) {
  g_allocations.fetch_add(1, std::memory_order_relaxed);
  if (size == 0)
    size = 1;
  void *p = nullptr;
  if (alignment <= alignof(std::max_align_t)) {
    p = std::malloc(size);
  } else if (posix_memalign(&p, alignment, size) != 0) {
    p = nullptr;
  }
  return p;
}
void *counted_alloc_or_die(std::size_t size, std::size_t alignment) {
  void *p = counted_alloc(size, alignment);
  if (!p) {
    std::fprintf(stderr, "out of memory\n");
    std::abort();
  }
  return p;
}
} // namespace

void *operator new(std::size_t n) { return counted_alloc_or_die(n, 0); }
void *operator new[](std::size_t n) { return counted_alloc_or_die(n, 0); }
void *operator new(std::size_t n, const std::nothrow_t &) noexcept { return counted_alloc(n, 0); }
void *operator new[](std::size_t n, const std::nothrow_t &) noexcept { return counted_alloc(n, 0); }
void *operator new(std::size_t n, std::align_val_t a) {
  return counted_alloc_or_die(n, static_cast<std::size_t>(a));
}
void *operator new[](std::size_t n, std::align_val_t a) {
  return counted_alloc_or_die(n, static_cast<std::size_t>(a));
}
void *operator new(std::size_t n, std::align_val_t a, const std::nothrow_t &) noexcept {
  return counted_alloc(n, static_cast<std::size_t>(a));
}
void *operator new[](std::size_t n, std::align_val_t a, const std::nothrow_t &) noexcept {
  return counted_alloc(n, static_cast<std::size_t>(a));
}
void operator delete(void *p) noexcept { std::free(p); }
void operator delete[](void *p) noexcept { std::free(p); }
void operator delete(void *p, std::size_t) noexcept { std::free(p); }
void operator delete[](void *p, std::size_t) noexcept { std::free(p); }
void operator delete(void *p, const std::nothrow_t &) noexcept { std::free(p); }
void operator delete[](void *p, const std::nothrow_t &) noexcept { std::free(p); }
void operator delete(void *p, std::align_val_t) noexcept { std::free(p); }
void operator delete[](void *p, std::align_val_t) noexcept { std::free(p); }
void operator delete(void *p, std::size_t, std::align_val_t) noexcept { std::free(p); }
void operator delete[](void *p, std::size_t, std::align_val_t) noexcept { std::free(p); }
void operator delete(void *p, std::align_val_t, const std::nothrow_t &) noexcept { std::free(p); }
void operator delete[](void *p, std::align_val_t, const std::nothrow_t &) noexcept { std::free(p); }

namespace {

using namespace kiln;
// Thread CPU time: the counters and ratios stay meaningful on a machine
// shared with other work (wall time is Google Benchmark's "Time" column).
double cpu_now_ns() {
  timespec ts;
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) * 1e9 + static_cast<double>(ts.tv_nsec);
}

constexpr int kChainLength = 20;
constexpr int kImportCalls = 20;

// ---- Native versions -----------------------------------------------------------

// An empty function called through a volatile pointer: the call cannot be
// inlined or removed.
__attribute__((noinline)) void native_empty() { benchmark::ClobberMemory(); }
void (*volatile g_native_empty)() = native_empty;

// DoNotOptimize(acc) inside the loop keeps the sum from becoming n*(n-1)/2.
// uint32_t arithmetic wraps like vm.add.i32.
__attribute__((noinline)) int32_t native_loop_sum(int32_t n) {
  uint32_t acc = 0;
  for (int32_t i = 0; i < n; ++i) {
    acc += static_cast<uint32_t>(i);
    benchmark::DoNotOptimize(acc);
  }
  return static_cast<int32_t>(acc);
}

// Twenty distinct noinline functions; DoNotOptimize on each intermediate
// keeps the chain from folding into x + 20.
template <int I> __attribute__((noinline)) int32_t native_chain(int32_t x) {
  if constexpr (I == kChainLength) {
    benchmark::DoNotOptimize(x);
    return x + 1;
  } else {
    int32_t r = native_chain<I + 1>(x);
    benchmark::DoNotOptimize(r);
    return r + 1;
  }
}
int32_t (*volatile g_native_chain)(int32_t) = native_chain<1>;

// The import's native twin, called through a volatile pointer each time.
__attribute__((noinline)) int32_t native_add1(int32_t x) { return x + 1; }
int32_t (*volatile g_native_add1)(int32_t) = native_add1;
__attribute__((noinline)) int32_t native_import_calls(int32_t x) {
  for (int i = 0; i < kImportCalls; ++i)
    x = g_native_add1(x);
  return x;
}

// The data pointer escapes and memory is clobbered per call, so the sum is
// recomputed from memory every iteration (vectorization is fine).
__attribute__((noinline)) int32_t native_reduce(const int32_t *data, size_t count) {
  benchmark::DoNotOptimize(data);
  benchmark::ClobberMemory();
  uint32_t acc = 0;
  for (size_t i = 0; i < count; ++i)
    acc += static_cast<uint32_t>(data[i]);
  return static_cast<int32_t>(acc);
}

} // namespace
// bench/native_o2.cpp: the same loop as native_reduce, built at -O2.
int32_t native_reduce_o2(const int32_t *data, size_t count);
// bench/native_fib_all_calls.cpp: fib with both recursive calls kept.
int32_t native_fib_all_calls(int32_t n);
namespace {

// Plain recursion; the argument comes from an opaque value.
__attribute__((noinline)) int32_t native_fib(int32_t n) {
  return n < 2 ? n : native_fib(n - 1) + native_fib(n - 2);
}

// Calls made by fib(n): 2 * fib(n + 1) - 1.
double fib_calls(int n) {
  double a = 0, b = 1;
  for (int i = 0; i < n + 1; ++i) {
    double t = a + b;
    a = b;
    b = t;
  }
  return 2 * a - 1;
}

std::vector<int32_t> make_data(size_t count) {
  std::vector<int32_t> data(count);
  for (size_t i = 0; i < count; ++i)
    data[i] = static_cast<int32_t>(i * 7 - 3);
  return data;
}

// ---- Measurement helpers --------------------------------------------------------

// Time per iteration of `fn`, measured once per key (best of 3 batches of
// at least 20 ms), for the x_native ratio.
template <typename Fn> double native_ns_per_iter(const std::string &key, Fn fn) {
  static std::map<std::string, double> *cache = new std::map<std::string, double>();
  auto it = cache->find(key);
  if (it != cache->end())
    return it->second;
  double best = 1e300;
  for (int batch = 0; batch < 3; ++batch) {
    uint64_t n = 1;
    while (true) {
      double start = cpu_now_ns();
      for (uint64_t i = 0; i < n; ++i)
        fn();
      double ns = cpu_now_ns() - start;
      if (ns >= 20e6) {
        best = std::min(best, ns / static_cast<double>(n));
        break;
      }
      n *= 4;
    }
  }
  (*cache)[key] = best;
  return best;
}

// Runs the benchmark loop and sets the counters. `units` is the number of
// calls/elements per iteration, `unit` their name. `native_ns` > 0 adds the
// x_native ratio.
template <typename Body>
void measure(benchmark::State &state, double units, const char *unit, double native_ns, Body body) {
  uint64_t allocs_before = g_allocations.load(std::memory_order_relaxed);
  double start = cpu_now_ns();
  for (auto _ : state) {
    if (!body())
      break;
  }
  double ns = cpu_now_ns() - start;
  uint64_t allocs = g_allocations.load(std::memory_order_relaxed) - allocs_before;
  double iterations = static_cast<double>(state.iterations() ? state.iterations() : 1);
  double ns_per_iter = ns / iterations;
  state.counters[std::string("ns_per_") + unit] = ns_per_iter / units;
  state.counters["allocs_per_iter"] = static_cast<double>(allocs) / iterations;
  if (native_ns > 0)
    state.counters["x_native"] = ns_per_iter / native_ns;
}

// ---- Native benchmarks ------------------------------------------------------

void BM_native_empty_call(benchmark::State &state) {
  measure(state, 1, "call", 0, [] {
    g_native_empty();
    return true;
  });
}
void BM_native_loop_sum(benchmark::State &state) {
  int32_t n = static_cast<int32_t>(state.range(0));
  measure(state, n, "elem", 0, [n] {
    benchmark::DoNotOptimize(native_loop_sum(n));
    return true;
  });
}
void BM_native_call_chain(benchmark::State &state) {
  measure(state, kChainLength, "call", 0, [] {
    benchmark::DoNotOptimize(g_native_chain(1));
    return true;
  });
}
void BM_native_import_calls(benchmark::State &state) {
  measure(state, kImportCalls, "call", 0, [] {
    benchmark::DoNotOptimize(native_import_calls(1));
    return true;
  });
}
void BM_native_reduce_i32(benchmark::State &state) {
  std::vector<int32_t> data = make_data(static_cast<size_t>(state.range(0)));
  measure(state, static_cast<double>(data.size()), "elem", 0, [&] {
    benchmark::DoNotOptimize(native_reduce(data.data(), data.size()));
    return true;
  });
}
void BM_native_fib(benchmark::State &state) {
  int32_t n = static_cast<int32_t>(state.range(0));
  measure(state, fib_calls(n), "call", 0, [n] {
    int32_t m = n;
    benchmark::DoNotOptimize(m);
    benchmark::DoNotOptimize(native_fib(m));
    return true;
  });
}
void BM_native_fib_all_calls(benchmark::State &state) {
  int32_t n = static_cast<int32_t>(state.range(0));
  measure(state, fib_calls(n), "call", 0, [n] {
    int32_t m = n;
    benchmark::DoNotOptimize(m);
    benchmark::DoNotOptimize(native_fib_all_calls(m));
    return true;
  });
}
void BM_native_reduce_i32_o2(benchmark::State &state) {
  std::vector<int32_t> data = make_data(static_cast<size_t>(state.range(0)));
  measure(state, static_cast<double>(data.size()), "elem", 0, [&] {
    benchmark::DoNotOptimize(data.data());
    benchmark::ClobberMemory();
    benchmark::DoNotOptimize(native_reduce_o2(data.data(), data.size()));
    return true;
  });
}
BENCHMARK(BM_native_empty_call);
BENCHMARK(BM_native_loop_sum)->Arg(1000)->Arg(100000);
BENCHMARK(BM_native_call_chain);
BENCHMARK(BM_native_import_calls);
BENCHMARK(BM_native_reduce_i32)->Arg(4096);
BENCHMARK(BM_native_reduce_i32_o2)->Arg(4096);
BENCHMARK(BM_native_fib)->Arg(20);
BENCHMARK(BM_native_fib_all_calls)->Arg(20);

// ---- Runtime-only: host -> NativeModule export through invoke() ---------------
// Needs no bytecode: the cost of the host call path itself.
void BM_host_invoke_native_module(benchmark::State &state) {
  vm::Instance instance;
  vm::Context context(instance);
  auto module = vm::NativeModule::create("native");
  module->export_function("add1", [](int32_t x) { return x + 1; });
  if (!context.register_module(module.get()).ok()) {
    state.SkipWithError("register failed");
    return;
  }
  vm::Function f = context.lookup_function("native.add1").value();
  vm::ValueList args{vm::Value::i32(1)}, results;
  double native = native_ns_per_iter("add1", [] { benchmark::DoNotOptimize(g_native_add1(1)); });
  measure(state, 1, "call", native, [&] {
    vm::Status s = vm::invoke(context, f, args, &results);
    if (KILN_UNLIKELY(!s.ok())) {
      state.SkipWithError(s.to_string().c_str());
      return false;
    }
    return true;
  });
}
BENCHMARK(BM_host_invoke_native_module);

// ---- Workload modules: bytecode and C ---------------------------------------

std::string g_vmfb_path;

// One context holding native.add1 and one form of the `bench` module (the
// two forms share the name, so each gets its own context).
struct Workloads {
  vm::Instance instance;
  vm::Context context{instance};
  vm::Ref native;
  vm::Ref module;
  vm::Function empty, loop_sum, call_chain, import_calls, reduce_i32, fib;
  std::string error;
};

using LoadFn = vm::StatusOr<vm::Ref> (*)(Workloads *w);

Workloads *make_workloads(LoadFn load) {
  Workloads *w = new Workloads();
  auto native = vm::NativeModule::create("native");
  native->export_function("add1", [](int32_t x) { return x + 1; });
  w->native = native.as_ref();
  vm::Status s = w->context.register_module(w->native);
  if (!s.ok()) {
    w->error = s.to_string();
    return w;
  }
  auto loaded = load(w);
  if (!loaded.ok()) {
    if (w->error.empty())
      w->error = loaded.status().to_string();
    return w;
  }
  w->module = loaded.value();
  s = w->context.register_module(w->module);
  if (!s.ok()) {
    w->error = s.to_string();
    return w;
  }
  struct {
    const char *name;
    vm::Function *out;
  } names[] = {{"bench.empty", &w->empty},           {"bench.loop_sum", &w->loop_sum},
               {"bench.call_chain", &w->call_chain}, {"bench.import_calls", &w->import_calls},
               {"bench.reduce_i32", &w->reduce_i32}, {"bench.fib", &w->fib}};
  for (auto &n : names) {
    auto f = w->context.lookup_function(n.name);
    if (!f.ok()) {
      w->error = f.status().to_string();
      return w;
    }
    *n.out = f.value();
  }
  return w;
}

#if defined(KILN_BENCH_HAVE_BYTECODE)
Workloads *bytecode_workloads() {
  static Workloads *w = make_workloads([](Workloads *w) -> vm::StatusOr<vm::Ref> {
    if (g_vmfb_path.empty()) {
      w->error = "no workloads.vmfb: build with the compiler (vm-translate) "
                 "or pass --vmfb=PATH";
      return vm::make_status(vm::StatusCode::kNotFound, "no vmfb");
    }
    auto loaded = kiln::bytecode::load_module_from_file(w->instance, g_vmfb_path.c_str());
    if (!loaded.ok()) {
      w->error = "loading " + g_vmfb_path + ": " + loaded.status().to_string() +
                 " (build the kiln_bench_workloads target, as bench/run.sh does, "
                 "or pass --vmfb=PATH)";
    }
    return loaded;
  });
  return w;
}
#endif

#if defined(KILN_BENCH_HAVE_C)
Workloads *c_workloads() {
  static Workloads *w = make_workloads([](Workloads *) -> vm::StatusOr<vm::Ref> {
    return kiln::cmodule::create_module(bench_kiln_module());
  });
  return w;
}
#endif

// Runs `function` with `args` per iteration through the synchronous host
// path (context-owned stack, reused ValueLists: no allocation expected).
// Returns false (after SkipWithError) if the workloads are unavailable.
bool run_workload(benchmark::State &state, Workloads *w, vm::Function Workloads::*function,
                  const vm::ValueList &args, double units, const char *unit, double native_ns) {
  if (!w->error.empty()) {
    state.SkipWithError(w->error.c_str());
    return false;
  }
  vm::ValueList results;
  measure(state, units, unit, native_ns, [&] {
    vm::Status s = vm::invoke(w->context, w->*function, args, &results);
    if (KILN_UNLIKELY(!s.ok())) {
      state.SkipWithError(s.to_string().c_str());
      return false;
    }
    return true;
  });
  return true;
}

// The per-workload native baselines, measured once per process.
double native_empty_ns() {
  return native_ns_per_iter("empty", [] { g_native_empty(); });
}
double native_loop_sum_ns(int32_t n) {
  return native_ns_per_iter("loop_sum/" + std::to_string(n),
                            [n] { benchmark::DoNotOptimize(native_loop_sum(n)); });
}
double native_chain_ns() {
  return native_ns_per_iter("chain", [] { benchmark::DoNotOptimize(g_native_chain(1)); });
}
double native_import_calls_ns() {
  return native_ns_per_iter("import_calls",
                            [] { benchmark::DoNotOptimize(native_import_calls(1)); });
}
double native_reduce_ns(const std::vector<int32_t> &data) {
  return native_ns_per_iter("reduce/" + std::to_string(data.size()), [&] {
    benchmark::DoNotOptimize(native_reduce(data.data(), data.size()));
  });
}
double native_reduce_o2_ns(const std::vector<int32_t> &data) {
  return native_ns_per_iter("reduce_o2/" + std::to_string(data.size()), [&] {
    benchmark::DoNotOptimize(data.data());
    benchmark::ClobberMemory();
    benchmark::DoNotOptimize(native_reduce_o2(data.data(), data.size()));
  });
}
double native_fib_all_calls_ns(int32_t n) {
  return native_ns_per_iter("fib_all_calls/" + std::to_string(n), [n] {
    int32_t m = n;
    benchmark::DoNotOptimize(m);
    benchmark::DoNotOptimize(native_fib_all_calls(m));
  });
}
double native_fib_ns(int32_t n) {
  return native_ns_per_iter("fib/" + std::to_string(n), [n] {
    int32_t m = n;
    benchmark::DoNotOptimize(m);
    benchmark::DoNotOptimize(native_fib(m));
  });
}

// A buffer holding `data` for the reduction (null on allocation failure).
vm::Ref make_buffer(const std::vector<int32_t> &data) {
  auto buffer = vm::Buffer::allocate(data.size() * sizeof(int32_t), 64);
  if (!buffer.ok())
    return vm::Ref();
  std::memcpy(buffer.value()->mutable_data(), data.data(), data.size() * sizeof(int32_t));
  return buffer.value().as_ref();
}

// One benchmark body for both module forms. `bytecode_ns` (C rows only,
// > 0 when the bytecode module is available) adds the x_bytecode ratio.
using WorkloadsFn = Workloads *(*)();
void add_x_bytecode(benchmark::State &state, double native_ns, double bytecode_ns) {
  auto it = state.counters.find("x_native");
  if (bytecode_ns > 0 && it != state.counters.end()) {
    state.counters["x_bytecode"] = it->second.value * native_ns / bytecode_ns;
  }
}

// Time per iteration of `function` in the bytecode module, for x_bytecode
// (0 without the bytecode module).
double bytecode_ns_per_iter(const std::string &key, vm::Function Workloads::*function,
                            const vm::ValueList &args) {
#if defined(KILN_BENCH_HAVE_BYTECODE)
  Workloads *w = bytecode_workloads();
  if (!w->error.empty())
    return 0;
  vm::ValueList results;
  return native_ns_per_iter("bytecode/" + key, [&] {
    vm::Status s = vm::invoke(w->context, w->*function, args, &results);
    benchmark::DoNotOptimize(s.ok());
  });
#else
  (void)key;
  (void)function;
  (void)args;
  return 0;
#endif
}

void bench_empty(benchmark::State &state, WorkloadsFn workloads, bool with_bytecode) {
  double native = native_empty_ns();
  if (run_workload(state, workloads(), &Workloads::empty, {}, 1, "call", native) && with_bytecode) {
    add_x_bytecode(state, native, bytecode_ns_per_iter("empty", &Workloads::empty, {}));
  }
}
void bench_loop_sum(benchmark::State &state, WorkloadsFn workloads, bool with_bytecode) {
  int32_t n = static_cast<int32_t>(state.range(0));
  double native = native_loop_sum_ns(n);
  vm::ValueList args{vm::Value::i32(n)};
  if (run_workload(state, workloads(), &Workloads::loop_sum, args, n, "elem", native) &&
      with_bytecode) {
    add_x_bytecode(
        state, native,
        bytecode_ns_per_iter("loop_sum/" + std::to_string(n), &Workloads::loop_sum, args));
  }
}
void bench_call_chain(benchmark::State &state, WorkloadsFn workloads, bool with_bytecode) {
  double native = native_chain_ns();
  vm::ValueList args{vm::Value::i32(1)};
  if (run_workload(state, workloads(), &Workloads::call_chain, args, kChainLength, "call",
                   native) &&
      with_bytecode) {
    add_x_bytecode(state, native, bytecode_ns_per_iter("chain", &Workloads::call_chain, args));
  }
}
void bench_import_calls(benchmark::State &state, WorkloadsFn workloads, bool with_bytecode) {
  double native = native_import_calls_ns();
  vm::ValueList args{vm::Value::i32(1)};
  if (run_workload(state, workloads(), &Workloads::import_calls, args, kImportCalls, "call",
                   native) &&
      with_bytecode) {
    add_x_bytecode(state, native,
                   bytecode_ns_per_iter("import_calls", &Workloads::import_calls, args));
  }
}
void bench_reduce_i32(benchmark::State &state, WorkloadsFn workloads, bool with_bytecode) {
  size_t count = static_cast<size_t>(state.range(0));
  std::vector<int32_t> data = make_data(count);
  double native = native_reduce_ns(data);
  vm::Ref buffer = make_buffer(data);
  if (!buffer) {
    state.SkipWithError("buffer allocation failed");
    return;
  }
  vm::ValueList args{vm::Value::ref(buffer)};
  if (!run_workload(state, workloads(), &Workloads::reduce_i32, args, static_cast<double>(count),
                    "elem", native)) {
    return;
  }
  // The ratio to the unvectorized -O2 loop too (see bench/native_o2.cpp).
  double native_o2 = native_reduce_o2_ns(data);
  auto it = state.counters.find("x_native");
  if (it != state.counters.end()) {
    state.counters["x_native_O2"] = it->second.value * native / native_o2;
  }
  if (with_bytecode) {
    add_x_bytecode(
        state, native,
        bytecode_ns_per_iter("reduce/" + std::to_string(count), &Workloads::reduce_i32, args));
  }
}
void bench_fib(benchmark::State &state, WorkloadsFn workloads, bool with_bytecode) {
  int32_t n = static_cast<int32_t>(state.range(0));
  double native = native_fib_ns(n);
  vm::ValueList args{vm::Value::i32(n)};
  if (!run_workload(state, workloads(), &Workloads::fib, args, fib_calls(n), "call", native)) {
    return;
  }
  auto it = state.counters.find("x_native");
  if (it != state.counters.end()) {
    state.counters["x_native_all_calls"] = it->second.value * native / native_fib_all_calls_ns(n);
  }
  if (with_bytecode) {
    add_x_bytecode(state, native,
                   bytecode_ns_per_iter("fib/" + std::to_string(n), &Workloads::fib, args));
  }
}

// ---- Bytecode benchmarks ------------------------------------------------------
#if defined(KILN_BENCH_HAVE_BYTECODE)

void BM_vm_empty_call(benchmark::State &state) { bench_empty(state, bytecode_workloads, false); }
void BM_vm_empty_call_packed(benchmark::State &state) {
  Workloads *w = bytecode_workloads();
  if (!w->error.empty()) {
    state.SkipWithError(w->error.c_str());
    return;
  }
  double native = native_empty_ns();
  measure(state, 1, "call", native, [&] {
    vm::Status s = vm::invoke_packed(w->context, w->empty, vm::ByteSpan{}, vm::ByteSpan{});
    if (KILN_UNLIKELY(!s.ok())) {
      state.SkipWithError(s.to_string().c_str());
      return false;
    }
    return true;
  });
}
void BM_vm_loop_sum(benchmark::State &state) { bench_loop_sum(state, bytecode_workloads, false); }
void BM_vm_call_chain(benchmark::State &state) {
  bench_call_chain(state, bytecode_workloads, false);
}
void BM_vm_import_calls(benchmark::State &state) {
  bench_import_calls(state, bytecode_workloads, false);
}
void BM_vm_reduce_i32(benchmark::State &state) {
  bench_reduce_i32(state, bytecode_workloads, false);
}
void BM_vm_fib(benchmark::State &state) { bench_fib(state, bytecode_workloads, false); }
BENCHMARK(BM_vm_empty_call);
BENCHMARK(BM_vm_empty_call_packed);
BENCHMARK(BM_vm_loop_sum)->Arg(1000)->Arg(100000);
BENCHMARK(BM_vm_call_chain);
BENCHMARK(BM_vm_import_calls);
BENCHMARK(BM_vm_reduce_i32)->Arg(4096);
BENCHMARK(BM_vm_fib)->Arg(20);

// ---- Fuel (kiln/vm/budget.h): the same workloads with a fuel limit ----------
// The loop counts a unit per backward branch and per call only when a
// limit is set (run_loop<.., kFuel>); without one it is the plain loop.
// x_fuel_off is the time with fuel on over the time with fuel off, both
// measured here, alternating (best of 5 batches of >= 20 ms each).
Workloads *fuel_workloads() {
  static Workloads *w = [] {
    Workloads *fw = make_workloads([](Workloads *w) -> vm::StatusOr<vm::Ref> {
      return kiln::bytecode::load_module_from_file(w->instance, g_vmfb_path.c_str());
    });
    vm::ExecutionLimits limits;
    limits.fuel = int64_t{1} << 62; // never runs out: measures the counting
    fw->context.set_execution_limits(limits);
    return fw;
  }();
  return w;
}

double best_batch_ns(Workloads *w, vm::Function Workloads::*function, const vm::ValueList &args,
                     uint64_t n) {
  vm::ValueList results;
  double start = cpu_now_ns();
  for (uint64_t i = 0; i < n; ++i) {
    vm::Status s = vm::invoke(w->context, w->*function, args, &results);
    benchmark::DoNotOptimize(s.ok());
  }
  return (cpu_now_ns() - start) / static_cast<double>(n);
}

// Best time of `on` over best time of `off` per call, alternating batches.
double time_ratio(Workloads *off, Workloads *on, vm::Function Workloads::*function,
                  const vm::ValueList &args) {
  if (!off->error.empty() || !on->error.empty())
    return 0;
  uint64_t n = 1;
  while (best_batch_ns(off, function, args, n) * static_cast<double>(n) < 20e6)
    n *= 2;
  double best_off = 1e300, best_on = 1e300;
  for (int round = 0; round < 5; ++round) {
    best_off = std::min(best_off, best_batch_ns(off, function, args, n));
    best_on = std::min(best_on, best_batch_ns(on, function, args, n));
  }
  return best_on / best_off;
}

double fuel_ratio(vm::Function Workloads::*function, const vm::ValueList &args) {
  return time_ratio(bytecode_workloads(), fuel_workloads(), function, args);
}

void bench_fuel(benchmark::State &state, vm::Function Workloads::*function, vm::ValueList args,
                double units, const char *unit) {
  if (!run_workload(state, fuel_workloads(), function, args, units, unit, 0))
    return;
  state.counters["x_fuel_off"] = fuel_ratio(function, args);
}
void BM_vm_fuel_loop_sum(benchmark::State &state) {
  int32_t n = static_cast<int32_t>(state.range(0));
  bench_fuel(state, &Workloads::loop_sum, {vm::Value::i32(n)}, n, "elem");
}
void BM_vm_fuel_call_chain(benchmark::State &state) {
  bench_fuel(state, &Workloads::call_chain, {vm::Value::i32(1)}, kChainLength, "call");
}
void BM_vm_fuel_fib(benchmark::State &state) {
  int32_t n = static_cast<int32_t>(state.range(0));
  bench_fuel(state, &Workloads::fib, {vm::Value::i32(n)}, fib_calls(n), "call");
}
BENCHMARK(BM_vm_fuel_loop_sum)->Arg(100000);
BENCHMARK(BM_vm_fuel_call_chain);
BENCHMARK(BM_vm_fuel_fib)->Arg(20);

#endif // KILN_BENCH_HAVE_BYTECODE

// ---- Emitted-C benchmarks --------------------------------------------------------
#if defined(KILN_BENCH_HAVE_C)

void BM_c_empty_call(benchmark::State &state) { bench_empty(state, c_workloads, true); }
void BM_c_loop_sum(benchmark::State &state) { bench_loop_sum(state, c_workloads, true); }
void BM_c_call_chain(benchmark::State &state) { bench_call_chain(state, c_workloads, true); }
void BM_c_import_calls(benchmark::State &state) { bench_import_calls(state, c_workloads, true); }
void BM_c_reduce_i32(benchmark::State &state) { bench_reduce_i32(state, c_workloads, true); }
void BM_c_fib(benchmark::State &state) { bench_fib(state, c_workloads, true); }
BENCHMARK(BM_c_empty_call);
BENCHMARK(BM_c_loop_sum)->Arg(1000)->Arg(100000);
BENCHMARK(BM_c_call_chain);
BENCHMARK(BM_c_import_calls);
BENCHMARK(BM_c_reduce_i32)->Arg(4096);
BENCHMARK(BM_c_fib)->Arg(20);

// ---- Bounded C (--vm-c-bounded): the same workloads with fuel ticks and
// native stack checks compiled in, against the same .so built without them
// (both dlopened, so linkage is equal). x_unbounded: bounded module without
// limits / unbounded module (the cost of the compiled-in checks);
// x_fuel_on: bounded module with a fuel limit / unbounded module.
#if defined(KILN_BENCH_BOUNDED_C_SO) && defined(KILN_BENCH_HAVE_BYTECODE)
// The bounded .so, or another build of it named by the environment
// variable of the same name (to compare two builds with one binary).
const char *bounded_c_so() {
  const char *env = std::getenv("KILN_BENCH_BOUNDED_C_SO");
  return env && *env ? env : KILN_BENCH_BOUNDED_C_SO;
}

Workloads *c_unbounded_so_workloads() {
  static Workloads *w = make_workloads([](Workloads *w) -> vm::StatusOr<vm::Ref> {
    return kiln::cmodule::load_module_from_file(w->instance, KILN_BENCH_UNBOUNDED_C_SO);
  });
  return w;
}

Workloads *c_bounded_workloads(bool with_fuel) {
  auto make = [](bool fuel) {
    Workloads *w = make_workloads([](Workloads *w) -> vm::StatusOr<vm::Ref> {
      return kiln::cmodule::load_module_from_file(w->instance, bounded_c_so());
    });
    if (fuel) {
      vm::ExecutionLimits limits;
      limits.fuel = int64_t{1} << 62;
      w->context.set_execution_limits(limits);
    }
    return w;
  };
  static Workloads *plain = make(false);
  static Workloads *fueled = make(true);
  return with_fuel ? fueled : plain;
}

void bench_c_bounded(benchmark::State &state, vm::Function Workloads::*function, vm::ValueList args,
                     double units, const char *unit) {
  if (!run_workload(state, c_bounded_workloads(true), function, args, units, unit, 0))
    return;
  state.counters["x_unbounded"] =
      time_ratio(c_unbounded_so_workloads(), c_bounded_workloads(false), function, args);
  state.counters["x_fuel_on"] =
      time_ratio(c_unbounded_so_workloads(), c_bounded_workloads(true), function, args);
}
void BM_c_fuel_loop_sum(benchmark::State &state) {
  int32_t n = static_cast<int32_t>(state.range(0));
  bench_c_bounded(state, &Workloads::loop_sum, {vm::Value::i32(n)}, n, "elem");
}
void BM_c_fuel_call_chain(benchmark::State &state) {
  bench_c_bounded(state, &Workloads::call_chain, {vm::Value::i32(1)}, kChainLength, "call");
}
void BM_c_fuel_fib(benchmark::State &state) {
  int32_t n = static_cast<int32_t>(state.range(0));
  bench_c_bounded(state, &Workloads::fib, {vm::Value::i32(n)}, fib_calls(n), "call");
}
BENCHMARK(BM_c_fuel_loop_sum)->Arg(100000);
BENCHMARK(BM_c_fuel_call_chain);
BENCHMARK(BM_c_fuel_fib)->Arg(20);

// ---- The LLVM form (vm-translate --vm-to-object -o x.so): the same
// workloads lowered straight to LLVM IR. x_c_form: its time / the C form's,
// both dlopened .so files (the unbounded C one above), in one process.
#if defined(KILN_BENCH_LLVM_SO)
Workloads *llvm_workloads() {
  static Workloads *w = make_workloads([](Workloads *w) -> vm::StatusOr<vm::Ref> {
    return kiln::cmodule::load_module_from_file(w->instance, KILN_BENCH_LLVM_SO);
  });
  return w;
}
void add_x_c_form(benchmark::State &state, vm::Function Workloads::*function,
                  const vm::ValueList &args) {
  if (state.error_occurred())
    return;
  state.counters["x_c_form"] =
      time_ratio(c_unbounded_so_workloads(), llvm_workloads(), function, args);
}
void BM_llvm_loop_sum(benchmark::State &state) {
  bench_loop_sum(state, llvm_workloads, false);
  add_x_c_form(state, &Workloads::loop_sum, {vm::Value::i32(static_cast<int32_t>(state.range(0)))});
}
void BM_llvm_call_chain(benchmark::State &state) {
  bench_call_chain(state, llvm_workloads, false);
  add_x_c_form(state, &Workloads::call_chain, {vm::Value::i32(1)});
}
void BM_llvm_reduce_i32(benchmark::State &state) {
  bench_reduce_i32(state, llvm_workloads, false);
  vm::Ref buffer = make_buffer(make_data(static_cast<size_t>(state.range(0))));
  if (buffer)
    add_x_c_form(state, &Workloads::reduce_i32, {vm::Value::ref(buffer)});
}
void BM_llvm_fib(benchmark::State &state) {
  bench_fib(state, llvm_workloads, false);
  add_x_c_form(state, &Workloads::fib, {vm::Value::i32(static_cast<int32_t>(state.range(0)))});
}
BENCHMARK(BM_llvm_loop_sum)->Arg(1000)->Arg(100000);
BENCHMARK(BM_llvm_call_chain);
BENCHMARK(BM_llvm_reduce_i32)->Arg(4096);
BENCHMARK(BM_llvm_fib)->Arg(20);
#endif // KILN_BENCH_LLVM_SO

#endif // KILN_BENCH_BOUNDED_C_SO && KILN_BENCH_HAVE_BYTECODE

#endif // KILN_BENCH_HAVE_C

} // namespace

int main(int argc, char **argv) {
#if defined(KILN_BENCH_HAVE_BYTECODE)
#if defined(KILN_BENCH_DEFAULT_VMFB)
  g_vmfb_path = KILN_BENCH_DEFAULT_VMFB;
#endif
  if (const char *env = std::getenv("KILN_BENCH_VMFB"))
    g_vmfb_path = env;
#endif
  // Take --vmfb=PATH out of argv before Google Benchmark sees it.
  int out = 1;
  for (int i = 1; i < argc; ++i) {
    if (std::strncmp(argv[i], "--vmfb=", 7) == 0) {
#if defined(KILN_BENCH_HAVE_BYTECODE)
      g_vmfb_path = argv[i] + 7;
#else
      std::fprintf(stderr, "warning: built without the bytecode library; --vmfb ignored\n");
#endif
      continue;
    }
    argv[out++] = argv[i];
  }
  argc = out;
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv))
    return 1;
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
