// Executable loading (both formats, malformed data, the kernel ABI check)
// and dispatch from C++: workgroups on the worker pool, failures with the
// kernel's trace, and no allocation per workgroup. The kernels are
// test/tools/Inputs/dispatch_kernels.mlir, built at build time by
// vm-translate (a .vmfb, and a shared object from emitted C); their paths
// come from the build (test/CMakeLists.txt).
#include <gtest/gtest.h>

#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <new>
#include <string>
#include <thread>
#include <vector>

#include "kiln/modules/hal/command_buffer.h"
#include "kiln/modules/hal/device.h"
#include "kiln/modules/hal/executable.h"
#include "kiln/modules/hal/module.h"
#include "worker_pool.h"

#include "../../testing/count_allocations.h"

namespace kiln::hal {
namespace {

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

vm::RefT<vm::Buffer> buffer_of(const std::vector<uint8_t> &bytes) {
  auto b = vm::Buffer::allocate(bytes.size());
  EXPECT_TRUE(b.ok());
  if (!bytes.empty())
    std::memcpy((*b)->mutable_data(), bytes.data(), bytes.size());
  return std::move(*b);
}

class ExecutableTest : public ::testing::Test {
protected:
  void SetUp() override { ASSERT_TRUE(register_types(instance_).ok()); }

  vm::StatusOr<vm::RefT<Executable>> load(std::string_view format,
                                          const std::vector<uint8_t> &bytes) {
    return Executable::create(instance_, format, buffer_of(bytes), vm::RefT<vm::Buffer>());
  }

  vm::Instance instance_;
};

TEST_F(ExecutableTest, BothFormatsLoadWithKernelsAndAttributes) {
  struct Case {
    std::string_view format;
    const char *path;
  } cases[] = {{kExecutableFormatBytecode, KILN_TEST_KERNELS_VMFB},
               {kExecutableFormatC, KILN_TEST_KERNELS_SO}};
  for (const Case &c : cases) {
    SCOPED_TRACE(std::string(c.format));
    std::vector<uint8_t> bytes = read_file(c.path);
    ASSERT_FALSE(bytes.empty()) << c.path;
    auto e = load(c.format, bytes);
    ASSERT_TRUE(e.ok()) << e.status().to_string();
    EXPECT_EQ((*e)->kernel_count(), 4);
    EXPECT_EQ((*e)->kernel(0).name, "add_scaled");
    EXPECT_EQ(*(*e)->lookup("grid"), 2);
    EXPECT_EQ((*e)->kernel(2).workgroup_size[0], 2);
    EXPECT_EQ((*e)->kernel(2).local_memory_bytes, 16);
    EXPECT_EQ((*e)->kernel(3).local_memory_bytes, 0);
    auto missing = (*e)->lookup("nope");
    ASSERT_FALSE(missing.ok());
    EXPECT_EQ(missing.status().code(), vm::StatusCode::kNotFound);
    EXPECT_NE(missing.status().to_string().find("kernels: add_scaled, fault, grid, increment"),
              std::string::npos);
  }
}

TEST_F(ExecutableTest, MalformedDataIsAStatus) {
  std::vector<uint8_t> vmfb = read_file(KILN_TEST_KERNELS_VMFB);
  std::vector<uint8_t> so = read_file(KILN_TEST_KERNELS_SO);
  ASSERT_FALSE(vmfb.empty());
  ASSERT_FALSE(so.empty());
  std::vector<uint8_t> half_vmfb(vmfb.begin(), vmfb.begin() + vmfb.size() / 2);
  std::vector<uint8_t> garbage(4096);
  for (size_t i = 0; i < garbage.size(); ++i)
    garbage[i] = static_cast<uint8_t>(i * 131 + 7);
  std::vector<uint8_t> elf_garbage = garbage;
  std::memcpy(elf_garbage.data(),
              "\x7f"
              "ELF",
              4);
  std::vector<uint8_t> half_so(so.begin(), so.begin() + so.size() / 2);
  struct Case {
    const char *what;
    std::string_view format;
    const std::vector<uint8_t> *bytes;
  } cases[] = {
      {"truncated vmfb", kExecutableFormatBytecode, &half_vmfb},
      {"garbage as vmfb", kExecutableFormatBytecode, &garbage},
      {"shared object as vmfb", kExecutableFormatBytecode, &so},
      {"garbage .so bytes", kExecutableFormatC, &garbage},
      {"ELF magic then garbage", kExecutableFormatC, &elf_garbage},
      {"truncated .so", kExecutableFormatC, &half_so},
      {"vmfb as .so", kExecutableFormatC, &vmfb},
  };
  for (const Case &c : cases) {
    SCOPED_TRACE(c.what);
    auto e = load(c.format, *c.bytes);
    ASSERT_FALSE(e.ok());
    EXPECT_NE(e.status().code(), vm::StatusCode::kInternal) << e.status().to_string();
  }
  auto unknown = load("vmvx-bytecode-fb", vmfb);
  ASSERT_FALSE(unknown.ok());
  EXPECT_EQ(unknown.status().code(), vm::StatusCode::kNotFound);
  EXPECT_NE(unknown.status().to_string().find("kiln-vm-bytecode, kiln-vm-c-so"), std::string::npos);
}

// Every truncation of either file is a status: the dynamic loader maps
// segments by offset and would fault on a short file, so the C loader checks
// the ELF structure first.
TEST_F(ExecutableTest, EveryTruncationIsAStatus) {
  struct Case {
    std::string_view format;
    const char *path;
  } cases[] = {{kExecutableFormatBytecode, KILN_TEST_KERNELS_VMFB},
               {kExecutableFormatC, KILN_TEST_KERNELS_SO}};
  for (const Case &c : cases) {
    SCOPED_TRACE(std::string(c.format));
    std::vector<uint8_t> bytes = read_file(c.path);
    ASSERT_FALSE(bytes.empty());
    for (size_t n = 0; n < bytes.size(); n += 97) {
      std::vector<uint8_t> cut(bytes.begin(), bytes.begin() + static_cast<long>(n));
      auto e = load(c.format, cut);
      ASSERT_FALSE(e.ok()) << n << " bytes loaded";
    }
  }
  // Without a section table (e_shnum = 0) the segments alone must fit.
  std::vector<uint8_t> so = read_file(KILN_TEST_KERNELS_SO);
  ASSERT_GT(so.size(), 4096u);
  const uint16_t no_sections = 0;
  std::memcpy(so.data() + 60, &no_sections, 2); // Elf64_Ehdr::e_shnum
  so.resize(so.size() / 2);
  auto e = load(kExecutableFormatC, so);
  ASSERT_FALSE(e.ok());
  EXPECT_NE(e.status().to_string().find("(truncated?)"), std::string::npos)
      << e.status().to_string();
}

TEST_F(ExecutableTest, MismatchedKernelNamesIt) {
  auto e = load(kExecutableFormatBytecode, read_file(KILN_TEST_BAD_KERNEL_VMFB));
  ASSERT_FALSE(e.ok());
  EXPECT_EQ(e.status().code(), vm::StatusCode::kInvalidArgument);
  EXPECT_NE(e.status().to_string().find("kernel 'wrong' has signature 0i_i"), std::string::npos)
      << e.status().to_string();
}

// Records `increment` (kernel 3) over `workgroups` workgroups on a buffer of
// that many i32s.
struct IncrementDispatch {
  vm::RefT<Buffer> out;
  vm::RefT<CommandBuffer> cb;
};

IncrementDispatch record_increment(vm::RefT<Executable> e, uint32_t workgroups) {
  IncrementDispatch d;
  auto out = Buffer::allocate(memory_type::kHostLocal, buffer_usage::kDefault,
                              4 * static_cast<size_t>(workgroups));
  EXPECT_TRUE(out.ok());
  d.out = std::move(*out);
  auto cb = CommandBuffer::create(0, 0, 0);
  EXPECT_TRUE(cb.ok());
  d.cb = std::move(*cb);
  BufferRange binding;
  binding.buffer = d.out;
  uint32_t count[3] = {workgroups, 1, 1};
  EXPECT_TRUE(d.cb->dispatch(std::move(e), 3, count, nullptr, {}, {binding}).ok());
  EXPECT_TRUE(d.cb->finalize().ok());
  return d;
}

TEST_F(ExecutableTest, WorkgroupsRunOnThePoolInBothForms) {
  const char *paths[] = {KILN_TEST_KERNELS_VMFB, KILN_TEST_KERNELS_SO};
  std::string_view formats[] = {kExecutableFormatBytecode, kExecutableFormatC};
  WorkerPool pool(2);
  for (int i = 0; i < 2; ++i) {
    auto e = load(formats[i], read_file(paths[i]));
    ASSERT_TRUE(e.ok()) << e.status().to_string();
    IncrementDispatch d = record_increment(*e, 1000);
    // The pool runs the command as the queue would: on one of its workers,
    // which the other joins.
    struct Run : PoolTask {
      CommandBuffer *cb;
      WorkerPool *pool;
      vm::Status status;
      std::atomic<bool> done{false};
    } run;
    run.cb = d.cb.get();
    run.pool = &pool;
    run.run = [](PoolTask *t) {
      Run *r = static_cast<Run *>(t);
      for (int k = 0; k < 3; ++k) {
        vm::Status s = r->cb->execute({}, r->pool);
        if (!s.ok())
          r->status = s;
      }
      r->done.store(true);
    };
    pool.post(&run);
    while (!run.done.load())
      std::this_thread::yield();
    ASSERT_TRUE(run.status.ok()) << run.status.to_string();
    std::vector<int32_t> values(1000);
    ASSERT_TRUE(d.out->read(0, values.data(), 4000).ok());
    for (int32_t v : values)
      ASSERT_EQ(v, 3);
  }
}

TEST_F(ExecutableTest, NoAllocationPerWorkgroup) {
  auto e = load(kExecutableFormatBytecode, read_file(KILN_TEST_KERNELS_VMFB));
  ASSERT_TRUE(e.ok());
  IncrementDispatch small = record_increment(*e, 4);
  IncrementDispatch large = record_increment(*e, 4000);
  // Warm up: worker state, stack, local memory.
  ASSERT_TRUE(small.cb->execute({}, nullptr).ok());
  ASSERT_TRUE(large.cb->execute({}, nullptr).ok());
  long before = g_allocations.load();
  ASSERT_TRUE(small.cb->execute({}, nullptr).ok());
  long small_allocations = g_allocations.load() - before;
  before = g_allocations.load();
  ASSERT_TRUE(large.cb->execute({}, nullptr).ok());
  long large_allocations = g_allocations.load() - before;
  EXPECT_EQ(small_allocations, large_allocations);
}

TEST_F(ExecutableTest, FaultingWorkgroupFailsTheDispatchWithATrace) {
  auto e = load(kExecutableFormatBytecode, read_file(KILN_TEST_KERNELS_VMFB));
  ASSERT_TRUE(e.ok());
  auto out = Buffer::allocate(memory_type::kHostLocal, buffer_usage::kDefault, 16);
  ASSERT_TRUE(out.ok());
  auto cb = CommandBuffer::create(0, 0, 0);
  ASSERT_TRUE(cb.ok());
  BufferRange binding;
  binding.buffer = *out;
  uint32_t count[3] = {4, 1, 1};
  ASSERT_TRUE((*cb)->dispatch(*e, 1, count, nullptr, {}, {binding}).ok());
  ASSERT_TRUE((*cb)->finalize().ok());
  vm::Status s = (*cb)->execute({}, nullptr);
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.code(), vm::StatusCode::kOutOfRange);
  std::string text = s.to_string_with_trace();
  EXPECT_NE(text.find("in kernel 'fault', workgroup (2,0,0) of 4x1x1"), std::string::npos) << text;
  EXPECT_NE(text.find("at kernels.fault"), std::string::npos) << text;
}

// Records `add_scaled` (kernel 0: four elements per workgroup) over
// `workgroups` workgroups.
vm::RefT<CommandBuffer> record_add_scaled(vm::RefT<Executable> e, uint32_t workgroups) {
  std::vector<BufferRange> bindings(3);
  for (BufferRange &range : bindings) {
    auto b = Buffer::allocate(memory_type::kHostLocal, buffer_usage::kDefault,
                              16 * static_cast<size_t>(workgroups));
    EXPECT_TRUE(b.ok());
    range.buffer = std::move(*b);
  }
  auto cb = CommandBuffer::create(0, 0, 0);
  EXPECT_TRUE(cb.ok());
  uint32_t count[3] = {workgroups, 1, 1};
  EXPECT_TRUE((*cb)->dispatch(std::move(e), 0, count, nullptr, {2, 1}, bindings).ok());
  EXPECT_TRUE((*cb)->finalize().ok());
  return std::move(*cb);
}

// Each workgroup runs under the limits execute() is given: its own fuel
// (the same amount for every workgroup, however many there are) and the
// deadline.
TEST_F(ExecutableTest, WorkgroupsRunUnderTheSubmittingCallsLimits) {
  auto e = load(kExecutableFormatBytecode, read_file(KILN_TEST_KERNELS_VMFB));
  ASSERT_TRUE(e.ok());
  vm::RefT<CommandBuffer> cb = record_add_scaled(*e, 64);
  WorkerPool pool(2);
  EXPECT_FALSE(workgroup_limits(nullptr).enabled());
  ASSERT_TRUE(cb->execute({}, &pool).ok());

  vm::ExecutionLimits starved;
  starved.fuel = 1;
  vm::Status s = cb->execute({}, &pool, starved);
  EXPECT_EQ(s.code(), vm::StatusCode::kResourceExhausted) << s.to_string();
  EXPECT_NE(s.to_string().find("in kernel 'add_scaled'"), std::string::npos) << s.to_string();

  // Enough for one workgroup (a few units), far less than all 64 use.
  vm::ExecutionLimits per_workgroup;
  per_workgroup.fuel = 16;
  s = cb->execute({}, &pool, per_workgroup);
  EXPECT_TRUE(s.ok()) << s.to_string();

  vm::ExecutionLimits late;
  late.deadline_ns = vm::now_ns() - 1;
  s = cb->execute({}, nullptr, late);
  EXPECT_EQ(s.code(), vm::StatusCode::kDeadlineExceeded) << s.to_string();

  vm::Budget budget(per_workgroup);
  vm::ExecutionLimits from_budget = workgroup_limits(&budget);
  EXPECT_EQ(from_budget.fuel, 16);
  EXPECT_EQ(from_budget.cancel, nullptr);
}

TEST_F(ExecutableTest, RecordTimeChecks) {
  auto e = load(kExecutableFormatBytecode, read_file(KILN_TEST_KERNELS_VMFB));
  ASSERT_TRUE(e.ok());
  auto cb = CommandBuffer::create(0, 0, 1);
  ASSERT_TRUE(cb.ok());
  uint32_t count[3] = {1, 1, 1};
  vm::Status bad_id = (*cb)->dispatch(*e, 4, count, nullptr, {}, {});
  EXPECT_EQ(bad_id.code(), vm::StatusCode::kOutOfRange);
  BufferRange slot;
  slot.slot = 1; // capacity is 1
  vm::Status bad_slot = (*cb)->dispatch(*e, 3, count, nullptr, {}, {slot});
  EXPECT_EQ(bad_slot.code(), vm::StatusCode::kOutOfRange);
  auto transfer_only = Buffer::allocate(memory_type::kHostLocal, buffer_usage::kTransfer, 16);
  ASSERT_TRUE(transfer_only.ok());
  BufferRange direct;
  direct.buffer = *transfer_only;
  vm::Status usage = (*cb)->dispatch(*e, 3, count, nullptr, {}, {direct});
  EXPECT_EQ(usage.code(), vm::StatusCode::kPermissionDenied);
}

// The program may keep writing the buffer it created the executable from;
// the verified bytecode is a private copy.
TEST_F(ExecutableTest, MutableDataIsCopiedBeforeVerification) {
  vm::RefT<vm::Buffer> data = buffer_of(read_file(KILN_TEST_KERNELS_VMFB));
  ASSERT_TRUE(data->is_mutable());
  auto e = Executable::create(instance_, kExecutableFormatBytecode, data, vm::RefT<vm::Buffer>());
  ASSERT_TRUE(e.ok()) << e.status().to_string();
  std::memset(data->mutable_data(), 0xff, data->length());
  IncrementDispatch d = record_increment(*e, 8);
  ASSERT_TRUE(d.cb->execute({}, nullptr).ok());
  int32_t values[8];
  ASSERT_TRUE(d.out->read(0, values, sizeof(values)).ok());
  for (int32_t v : values)
    EXPECT_EQ(v, 1);
}

TEST_F(ExecutableTest, GridBeyondTheAbiIsAStatus) {
  auto e = load(kExecutableFormatBytecode, read_file(KILN_TEST_KERNELS_VMFB));
  ASSERT_TRUE(e.ok());
  uint32_t grids[][3] = {{0x80000000u, 1, 1}, {0x7fffffffu, 0x7fffffffu, 0x7fffffffu}};
  for (auto &count : grids) {
    auto cb = CommandBuffer::create(0, 0, 0);
    ASSERT_TRUE(cb.ok());
    ASSERT_TRUE((*cb)->dispatch(*e, 3, count, nullptr, {}, {}).ok());
    ASSERT_TRUE((*cb)->finalize().ok());
    vm::Status s = (*cb)->execute({}, nullptr);
    EXPECT_EQ(s.code(), vm::StatusCode::kOutOfRange) << s.to_string();
  }
}

} // namespace
} // namespace kiln::hal
