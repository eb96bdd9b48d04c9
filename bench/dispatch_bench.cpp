// Dispatch benchmarks (docs/executables.md): kernels of
// bench/dispatch_kernels.mlir in both executable formats, run through a
// command buffer on a local-task device (the queue's worker runs the
// dispatch and the pool's other workers join it).
//  * BM_Matmul/FORM/WORKERS: f32 512x512 matmul, 64 workgroups of 8 rows;
//    FORM 0 = kiln-vm-bytecode, 1 = kiln-vm-c-so (emitted C at -O2).
//  * BM_NativeMatmulO2: the same loop nest in C++ built at -O2, one thread;
//    BM_NativeMatmulO2TwoThreads: its rows split between two threads.
//  * BM_EmptyDispatch/FORM/WORKERS: 100,000 workgroups of a kernel that does
//    nothing; counter ns_per_workgroup.
//  * BM_MlirMatmul/FORM/WORKERS: the same matmul written in plain MLIR
//    (bench/dispatch_matmul.mlir), compiled by vm-translate
//    --kiln-dispatch-parallel-loops --kernel-form=bytecode|c into a host
//    .vmfb that dispatches the loop itself; each call runs the host
//    function (executable cached after the first, buffers imported, one
//    dispatch, a fence wait). FORM 2: C kernels built with
//    --kernel-c-bounded=false (no fuel counted at loops); FORM 3: C kernels
//    built with --kernel-version-loops=false (every element access checks
//    its index: the kernels before vm-version-loops).
// The CPU column is the process's CPU time (all threads): on a machine
// shared with other work it shows the work done where wall time also
// counts waiting for a core. Run: bench/dispatch_run.sh.
#include <benchmark/benchmark.h>

#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <string>
#include <thread>
#include <vector>

#include "kiln/bytecode/bytecode_module.h"
#include "kiln/modules/hal/api.h"
#include "kiln/modules/hal/command_buffer.h"
#include "kiln/modules/hal/device.h"
#include "kiln/modules/hal/executable.h"
#include "kiln/modules/hal/module.h"
#include "kiln/vm/context.h"
#include "kiln/vm/invocation.h"

void native_matmul_o2(const float *a, const float *b, float *c, int n);
void native_matmul_rows_o2(const float *a, const float *b, float *c, int n, int row_begin,
                           int row_end);

namespace kiln::hal {
namespace {

constexpr int kN = 512;
constexpr int kRowsPerWorkgroup = 8;

// Whether c = a x b (kN x kN) agrees with the native loop's result.
bool matches_native_matmul(const float *a, const float *b, const float *c) {
  std::vector<float> expect(kN * kN);
  native_matmul_o2(a, b, expect.data(), kN);
  for (size_t i = 0; i < expect.size(); ++i) {
    if (std::fabs(c[i] - expect[i]) > 1e-3f * (1.0f + std::fabs(expect[i])))
      return false;
  }
  return true;
}

std::vector<uint8_t> read_file(const char *path) {
  std::vector<uint8_t> bytes;
  std::FILE *f = std::fopen(path, "rb");
  if (!f)
    return bytes;
  uint8_t chunk[65536];
  size_t n;
  while ((n = std::fread(chunk, 1, sizeof(chunk), f)) > 0)
    bytes.insert(bytes.end(), chunk, chunk + n);
  std::fclose(f);
  return bytes;
}

struct Env {
  vm::Instance instance;
  vm::RefT<Device> device;
  vm::RefT<Executable> executable;
  std::string error;

  Env(int form, int workers) {
    (void)register_types(instance);
    DeviceOptions o;
    o.name = "local-task";
    o.workers = workers;
    auto d = Device::create(o);
    if (!d.ok()) {
      error = d.status().to_string();
      return;
    }
    device = std::move(*d);
    std::vector<uint8_t> bytes = read_file(form ? KILN_BENCH_KERNELS_SO : KILN_BENCH_KERNELS_VMFB);
    auto data = vm::Buffer::allocate(bytes.size());
    if (!data.ok() || bytes.empty()) {
      error = "cannot read the kernels";
      return;
    }
    std::memcpy((*data)->mutable_data(), bytes.data(), bytes.size());
    auto e = Executable::create(instance, form ? kExecutableFormatC : kExecutableFormatBytecode,
                                std::move(*data), vm::RefT<vm::Buffer>());
    if (!e.ok()) {
      error = e.status().to_string();
      return;
    }
    executable = std::move(*e);
  }

  // Runs `cb` as queue work and waits for it.
  vm::Status run(CommandBuffer *cb) {
    vm::Status result;
    WorkerPool *pool = device->dispatch_pool();
    KILN_RETURN_IF_ERROR(
        device->queue_submit(-1, vm::RefT<Fence>(), vm::RefT<Fence>(), [cb, pool, &result] {
          result = cb->execute({}, pool);
          return vm::Status();
        }));
    device->queue_drain();
    return result;
  }
};

vm::RefT<Buffer> matrix(float seed) {
  auto b =
      Buffer::allocate(memory_type::kHostLocal, buffer_usage::kDefault, sizeof(float) * kN * kN);
  std::vector<float> v(static_cast<size_t>(kN) * kN);
  for (size_t i = 0; i < v.size(); ++i)
    v[i] = std::fmod(seed * static_cast<float>(i % 97), 3.0f) - 1.0f;
  (void)(*b)->write(0, v.data(), v.size() * sizeof(float));
  return std::move(*b);
}

void BM_Matmul(benchmark::State &state) {
  Env env(static_cast<int>(state.range(0)), static_cast<int>(state.range(1)));
  if (!env.error.empty()) {
    state.SkipWithError(env.error.c_str());
    return;
  }
  vm::RefT<Buffer> a = matrix(0.37f), b = matrix(0.61f), c = matrix(0.0f);
  auto cb = std::move(CommandBuffer::create(0, 0, 0)).value();
  std::vector<BufferRange> bindings(3);
  bindings[0].buffer = a;
  bindings[1].buffer = b;
  bindings[2].buffer = c;
  uint32_t count[3] = {kN / kRowsPerWorkgroup, 1, 1};
  vm::Status s =
      cb->dispatch(env.executable, 0, count, nullptr,
                   {static_cast<uint32_t>(kN), static_cast<uint32_t>(kRowsPerWorkgroup)}, bindings);
  if (s.ok())
    s = cb->finalize();
  for (auto _ : state) {
    if (s.ok())
      s = env.run(cb.get());
  }
  if (!s.ok()) {
    state.SkipWithError(s.to_string().c_str());
    return;
  }
  // Check against the native loop.
  std::vector<float> va(kN * kN), vb(kN * kN), vc(kN * kN);
  (void)a->read(0, va.data(), va.size() * 4);
  (void)b->read(0, vb.data(), vb.size() * 4);
  (void)c->read(0, vc.data(), vc.size() * 4);
  if (!matches_native_matmul(va.data(), vb.data(), vc.data())) {
    state.SkipWithError("matmul result differs from the native loop");
  }
}
BENCHMARK(BM_Matmul)
    ->ArgNames({"form", "workers"})
    ->Args({1, 1})
    ->Args({1, 2})
    ->Unit(benchmark::kMillisecond)
    ->MeasureProcessCPUTime()
    ->UseRealTime();
BENCHMARK(BM_Matmul)
    ->ArgNames({"form", "workers"})
    ->Args({0, 1})
    ->Args({0, 2})
    ->Iterations(2)
    ->Unit(benchmark::kMillisecond)
    ->MeasureProcessCPUTime()
    ->UseRealTime();

// The host module of dispatch_matmul.mlir in a context with the hal module
// of a local-task device with `workers` workers.
struct MlirEnv {
  vm::Instance instance;
  Modules modules;
  std::unique_ptr<vm::Context> context;
  vm::Ref host;
  vm::Function matmul;
  std::string error;

  MlirEnv(int form, int workers) {
    DeviceOptions o;
    o.name = "local-task";
    o.workers = workers;
    auto m = create_modules(instance, o);
    if (!m.ok()) {
      error = m.status().to_string();
      return;
    }
    modules = std::move(*m);
    context.reset(new vm::Context(instance));
    const char *path = form == 0   ? KILN_BENCH_MLIR_MATMUL_BYTECODE
                       : form == 1 ? KILN_BENCH_MLIR_MATMUL_C
                       : form == 2 ? KILN_BENCH_MLIR_MATMUL_C_UNBOUNDED
                                   : KILN_BENCH_MLIR_MATMUL_C_UNVERSIONED;
    auto h = bytecode::load_module_from_file(instance, path);
    vm::Status s = h.ok() ? context->register_module(modules.hal.get()) : h.status();
    if (s.ok()) {
      host = std::move(*h);
      s = context->register_module(host);
    }
    if (s.ok()) {
      auto f = context->lookup_function("mlir_matmul.matmul");
      if (f.ok())
        matmul = *f;
      else
        s = f.status();
    }
    if (!s.ok())
      error = s.to_string();
  }
};

vm::RefT<vm::Buffer> host_matrix(float seed) {
  auto b = std::move(vm::Buffer::allocate(sizeof(float) * kN * kN)).value();
  float *v = reinterpret_cast<float *>(b->mutable_data());
  for (size_t i = 0; i < static_cast<size_t>(kN) * kN; ++i)
    v[i] = std::fmod(seed * static_cast<float>(i % 97), 3.0f) - 1.0f;
  return b;
}

void BM_MlirMatmul(benchmark::State &state) {
  MlirEnv env(static_cast<int>(state.range(0)), static_cast<int>(state.range(1)));
  if (!env.error.empty()) {
    state.SkipWithError(env.error.c_str());
    return;
  }
  vm::RefT<vm::Buffer> a = host_matrix(0.37f), b = host_matrix(0.61f), c = host_matrix(0.0f);
  vm::ValueList args{vm::Value::ref(a.as_ref()), vm::Value::ref(b.as_ref()),
                     vm::Value::ref(c.as_ref())};
  vm::ValueList results;
  // A first call outside the timing creates (and caches) the executable.
  vm::Status s = vm::invoke(*env.context, env.matmul, args, &results);
  for (auto _ : state) {
    if (s.ok())
      s = vm::invoke(*env.context, env.matmul, args, &results);
  }
  if (!s.ok()) {
    state.SkipWithError(s.to_string().c_str());
    return;
  }
  if (!matches_native_matmul(reinterpret_cast<const float *>(a->data()),
                             reinterpret_cast<const float *>(b->data()),
                             reinterpret_cast<const float *>(c->data()))) {
    state.SkipWithError("plain-MLIR matmul result differs from the native loop");
  }
}
BENCHMARK(BM_MlirMatmul)
    ->ArgNames({"form", "workers"})
    ->Args({1, 1})
    ->Args({1, 2})
    ->Args({2, 1})
    ->Args({3, 1})
    ->Args({3, 2})
    ->Unit(benchmark::kMillisecond)
    ->MeasureProcessCPUTime()
    ->UseRealTime();
BENCHMARK(BM_MlirMatmul)
    ->ArgNames({"form", "workers"})
    ->Args({0, 1})
    ->Args({0, 2})
    ->Iterations(2)
    ->Unit(benchmark::kMillisecond)
    ->MeasureProcessCPUTime()
    ->UseRealTime();

void BM_NativeMatmulO2(benchmark::State &state) {
  std::vector<float> a(kN * kN, 0.5f), b(kN * kN, 0.25f), c(kN * kN);
  for (auto _ : state) {
    native_matmul_o2(a.data(), b.data(), c.data(), kN);
    benchmark::DoNotOptimize(c.data());
  }
}
BENCHMARK(BM_NativeMatmulO2)->Unit(benchmark::kMillisecond)->MeasureProcessCPUTime()->UseRealTime();

// The same loop nest with its rows split between two threads (a fresh
// thread per half each iteration, as cheap here as a pool): the speed-up
// this machine gives the algorithm, to read BM_Matmul's workers:2 against.
void BM_NativeMatmulO2TwoThreads(benchmark::State &state) {
  std::vector<float> a(kN * kN, 0.5f), b(kN * kN, 0.25f), c(kN * kN);
  for (auto _ : state) {
    std::thread other(native_matmul_rows_o2, a.data(), b.data(), c.data(), kN, kN / 2, kN);
    native_matmul_rows_o2(a.data(), b.data(), c.data(), kN, 0, kN / 2);
    other.join();
    benchmark::DoNotOptimize(c.data());
  }
}
BENCHMARK(BM_NativeMatmulO2TwoThreads)
    ->Unit(benchmark::kMillisecond)
    ->MeasureProcessCPUTime()
    ->UseRealTime();

void BM_EmptyDispatch(benchmark::State &state) {
  Env env(static_cast<int>(state.range(0)), static_cast<int>(state.range(1)));
  if (!env.error.empty()) {
    state.SkipWithError(env.error.c_str());
    return;
  }
  constexpr uint32_t kWorkgroups = 100000;
  auto cb = std::move(CommandBuffer::create(0, 0, 0)).value();
  uint32_t count[3] = {kWorkgroups, 1, 1};
  vm::Status s = cb->dispatch(env.executable, 1, count, nullptr, {}, {});
  if (s.ok())
    s = cb->finalize();
  auto start = std::chrono::steady_clock::now();
  for (auto _ : state) {
    if (s.ok())
      s = env.run(cb.get());
  }
  double ns =
      std::chrono::duration<double, std::nano>(std::chrono::steady_clock::now() - start).count();
  if (!s.ok()) {
    state.SkipWithError(s.to_string().c_str());
    return;
  }
  state.counters["ns_per_workgroup"] =
      ns / (static_cast<double>(kWorkgroups) * static_cast<double>(state.iterations()));
}
BENCHMARK(BM_EmptyDispatch)
    ->ArgNames({"form", "workers"})
    ->Args({0, 1})
    ->Args({0, 2})
    ->Args({1, 1})
    ->Args({1, 2})
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();

} // namespace
} // namespace kiln::hal

BENCHMARK_MAIN();
