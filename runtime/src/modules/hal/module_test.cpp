// The hal and check modules through the VM's call interface (as a program
// calls them): buffers, views, command buffers, queue operations, fences.
#include "kiln/modules/hal/module.h"

#include <gtest/gtest.h>

#include <cstring>
#include <string>
#include <vector>

#include "kiln/modules/check/module.h"
#include "kiln/modules/hal/api.h"
#include "kiln/vm/buffer.h"
#include "kiln/vm/context.h"
#include "kiln/vm/invocation.h"

namespace kiln::hal {
namespace {

using vm::Value;
using vm::ValueList;

class HalModuleTest : public ::testing::TestWithParam<const char *> {
protected:
  void SetUp() override {
    DeviceOptions o;
    o.name = GetParam();
    o.workers = 2;
    auto m = create_modules(instance_, o);
    ASSERT_TRUE(m.ok()) << m.status().message();
    modules_ = std::move(m).value();
    context_.reset(new vm::Context(instance_));
    ASSERT_TRUE(context_->register_module(modules_.hal.get()).ok());
    ASSERT_TRUE(context_->register_module(modules_.check.get()).ok());
  }

  vm::Status call(const char *name, ValueList args, ValueList *results) {
    auto f = context_->lookup_function(name);
    if (!f.ok())
      return f.status();
    return vm::invoke(*context_, *f, args, results);
  }
  ValueList ok_call(const char *name, ValueList args) {
    ValueList r;
    vm::Status s = call(name, std::move(args), &r);
    EXPECT_TRUE(s.ok()) << name << ": " << s.message();
    return r;
  }
  Value device() { return Value::ref(modules_.device.as_ref()); }
  Value allocate(int64_t size, int32_t usage = buffer_usage::kDefault | buffer_usage::kMapping) {
    ValueList a = ok_call("hal.device.allocator", {device()});
    ValueList b = ok_call("hal.allocator.allocate",
                          {a[0], Value::i64(-1), Value::i32(memory_type::kHostLocal),
                           Value::i32(usage), Value::i64(size)});
    return b[0];
  }
  Value fence() { return ok_call("hal.fence.create", {device(), Value::i64(0)})[0]; }
  int32_t await(Value f, int32_t timeout = -1) {
    ValueList r =
        ok_call("hal.fence.await", {Value::i32(timeout), Value::i64(0), Value::i32(1), f});
    return r.empty() ? -1 : r[0].as_i32();
  }
  Value text(const char *s) {
    auto b = vm::Buffer::wrap_read_only(s, std::strlen(s), nullptr);
    return Value::ref(std::move(b).value().as_ref());
  }

  vm::Instance instance_;
  Modules modules_;
  std::unique_ptr<vm::Context> context_;
};

TEST_P(HalModuleTest, SignaturesAreIreeS) {
  struct {
    const char *name;
    const char *signature;
  } expected[] = {
      {"allocator.allocate", "0rIiiI_r"},
      {"allocator.select", "0iiICrID_rI"},
      {"buffer.load", "0rIi_i"},
      {"buffer.store", "0irIi_"},
      {"buffer_view.create", "0rIIiiCID_r"},
      {"buffer_view.trace", "0rCrD_v"},
      {"device.queue.execute.indirect", "0rIrrrICrIID_v"},
      {"fence.await", "0iICrD_i"},
      {"fence.join", "0ICrD_r"},
      {"devices.count", "0_i"},
      {"device.query.i64", "0rrr_iI"},
  };
  for (auto &e : expected) {
    auto f = modules_.hal->lookup_export(e.name);
    ASSERT_TRUE(f.ok()) << e.name;
    EXPECT_TRUE(vm::signatures_equivalent(modules_.hal->function_signature(*f), e.signature))
        << e.name << ": " << modules_.hal->function_signature(*f);
  }
  EXPECT_EQ(modules_.hal->version(), 7u);
}

TEST_P(HalModuleTest, BufferLoadStoreAndBounds) {
  Value b = allocate(16);
  ok_call("hal.buffer.store", {Value::i32(0x01020304), b, Value::i64(4), Value::i32(4)});
  EXPECT_EQ(ok_call("hal.buffer.load", {b, Value::i64(4), Value::i32(4)})[0].as_i32(), 0x01020304);
  EXPECT_EQ(ok_call("hal.buffer.load", {b, Value::i64(5), Value::i32(1)})[0].as_i32(), 3);
  EXPECT_EQ(ok_call("hal.buffer.length", {b})[0].as_i64(), 16);
  ValueList r;
  EXPECT_EQ(call("hal.buffer.load", {b, Value::i64(14), Value::i32(4)}, &r).code(),
            vm::StatusCode::kOutOfRange);
  EXPECT_EQ(call("hal.buffer.load", {b, Value::i64(-1), Value::i32(4)}, &r).code(),
            vm::StatusCode::kInvalidArgument);
  EXPECT_EQ(call("hal.buffer.store", {Value::i32(0), b, Value::i64(0), Value::i32(8)}, &r).code(),
            vm::StatusCode::kInvalidArgument);
  Value sub = ok_call("hal.buffer.subspan", {b, Value::i64(4), Value::i64(8)})[0];
  EXPECT_EQ(ok_call("hal.buffer.load", {sub, Value::i64(0), Value::i32(4)})[0].as_i32(),
            0x01020304);
  EXPECT_EQ(call("hal.buffer.subspan", {b, Value::i64(12), Value::i64(8)}, &r).code(),
            vm::StatusCode::kOutOfRange);
  EXPECT_EQ(call("hal.buffer.length", {Value::ref(nullptr)}, &r).code(),
            vm::StatusCode::kInvalidArgument);
  // A fence is not a buffer.
  EXPECT_EQ(call("hal.buffer.length", {fence()}, &r).code(), vm::StatusCode::kInvalidArgument);
}

TEST_P(HalModuleTest, AllocationLifetime) {
  Value b = allocate(8);
  EXPECT_EQ(ok_call("hal.buffer.allocation.is_terminal", {b})[0].as_i32(), 1);
  ok_call("hal.buffer.allocation.preserve", {b});
  EXPECT_EQ(ok_call("hal.buffer.allocation.is_terminal", {b})[0].as_i32(), 0);
  EXPECT_EQ(ok_call("hal.buffer.allocation.discard", {b})[0].as_i32(), 0);
  EXPECT_EQ(ok_call("hal.buffer.allocation.discard", {b})[0].as_i32(), 1);
}

// hal buffers count against the context's memory limit (kiln/vm/budget.h).
TEST_P(HalModuleTest, AllocationsCountAgainstTheMemoryLimit) {
  ASSERT_TRUE(context_->set_memory_limit(1 << 20).ok());
  Value small = allocate(4096);
  EXPECT_GE(context_->memory_used(), 4096u);
  ValueList a = ok_call("hal.device.allocator", {device()});
  ValueList r;
  vm::Status s = call("hal.allocator.allocate",
                      {a[0], Value::i64(-1), Value::i32(memory_type::kHostLocal),
                       Value::i32(buffer_usage::kDefault), Value::i64(2 << 20)},
                      &r);
  EXPECT_EQ(s.code(), vm::StatusCode::kResourceExhausted) << s.to_string();
  EXPECT_NE(s.to_string().find("memory limit exceeded"), std::string::npos) << s.to_string();
  small = Value();
  r.clear();
  a.clear();
  EXPECT_EQ(context_->memory_used(), 0u);
}

TEST_P(HalModuleTest, BufferViews) {
  Value b = allocate(24);
  ValueList v = ok_call("hal.buffer_view.create",
                        {b, Value::i64(0), Value::i64(24), Value::i32(element_type::kFloat32),
                         Value::i32(encoding_type::kDenseRowMajor), Value::i32(2), Value::i64(2),
                         Value::i64(3)});
  Value view = v[0];
  EXPECT_EQ(ok_call("hal.buffer_view.rank", {view})[0].as_i32(), 2);
  EXPECT_EQ(ok_call("hal.buffer_view.dim", {view, Value::i32(1)})[0].as_i64(), 3);
  EXPECT_EQ(ok_call("hal.buffer_view.element_type", {view})[0].as_i32(),
            static_cast<int32_t>(element_type::kFloat32));
  EXPECT_EQ(ok_call("hal.buffer_view.encoding_type", {view})[0].as_i32(), 1);
  ok_call("hal.buffer_view.assert", {view, text("input 0"), Value::i32(element_type::kFloat32),
                                     Value::i32(1), Value::i32(2), Value::i64(2), Value::i64(3)});
  ValueList r;
  vm::Status s = call("hal.buffer_view.assert",
                      {view, text("input 0"), Value::i32(element_type::kFloat32), Value::i32(1),
                       Value::i32(2), Value::i64(2), Value::i64(4)},
                      &r);
  EXPECT_EQ(s.code(), vm::StatusCode::kInvalidArgument);
  EXPECT_NE(s.message().find("input 0 shape dimension 1 mismatch"), std::string_view::npos)
      << s.message();
  // Too big for its buffer.
  EXPECT_EQ(call("hal.buffer_view.create",
                 {b, Value::i64(0), Value::i64(24), Value::i32(element_type::kFloat32),
                  Value::i32(1), Value::i32(1), Value::i64(7)},
                 &r)
                .code(),
            vm::StatusCode::kOutOfRange);
  EXPECT_EQ(call("hal.buffer_view.dim", {view, Value::i32(2)}, &r).code(),
            vm::StatusCode::kOutOfRange);
}

// Shapes whose element or byte count does not fit 64 bits, as a hostile
// module makes them (the run fuzzer found the first: an empty dense view
// whose other dimensions overflowed the element count).
TEST_P(HalModuleTest, BufferViewSizesAreChecked) {
  Value b = allocate(24);
  auto create = [&](int32_t encoding, std::vector<int64_t> shape, ValueList *r) {
    ValueList args = {b,
                      Value::i64(0),
                      Value::i64(24),
                      Value::i32(element_type::kFloat32),
                      Value::i32(encoding),
                      Value::i32(static_cast<int32_t>(shape.size()))};
    for (int64_t d : shape)
      args.push_back(Value::i64(d));
    return call("hal.buffer_view.create", std::move(args), r);
  };
  const int64_t big = int64_t{1} << 40;
  ValueList r;
  // Empty whatever its other dimensions: no elements, no bytes.
  ASSERT_TRUE(create(encoding_type::kDenseRowMajor, {big, 0, big, big}, &r).ok());
  auto *empty = r[0].as_ref().as<BufferView>();
  EXPECT_EQ(empty->element_count(), 0);
  EXPECT_EQ(empty->byte_length(), 0u);
  EXPECT_TRUE(call("check.expect_all_true", {device(), r[0]}, &r).ok());
  // An opaque encoding is not held to its buffer's size, but its counts
  // must still fit: elements past 2^63 - 1, then bytes past 2^64 - 1.
  vm::Status s = create(0, {big, big}, &r);
  EXPECT_EQ(s.code(), vm::StatusCode::kOutOfRange);
  EXPECT_NE(s.message().find("more elements than"), std::string_view::npos) << s.message();
  s = create(0, {(int64_t{1} << 62) + 1}, &r);
  EXPECT_EQ(s.code(), vm::StatusCode::kOutOfRange);
  EXPECT_NE(s.message().find("more bytes than"), std::string_view::npos) << s.message();
  // One larger than its storage is created; reading it is refused.
  ASSERT_TRUE(create(0, {64}, &r).ok());
  EXPECT_EQ(r[0].as_ref().as<BufferView>()->byte_length(), 256u);
  EXPECT_FALSE(call("check.expect_all_true", {device(), r[0]}, &r).ok());
}

TEST_P(HalModuleTest, QueueOperationsAndAwait) {
  Value b = allocate(16);
  Value f1 = fence();
  ok_call("hal.device.queue.fill",
          {device(), Value::i64(-1), Value::ref(nullptr), f1, b, Value::i64(0), Value::i64(16),
           Value::i64(0x7), Value::i32(4), Value::i64(0)});
  EXPECT_EQ(await(f1), 0);
  EXPECT_EQ(ok_call("hal.buffer.load", {b, Value::i64(12), Value::i32(4)})[0].as_i32(), 7);
  // update, then copy, ordered by fences.
  static const uint8_t kBytes[4] = {9, 8, 7, 6};
  auto src = vm::Buffer::wrap_read_only(kBytes, 4, nullptr);
  Value f2 = fence(), f3 = fence();
  Value b2 = allocate(16);
  ok_call("hal.device.queue.update",
          {device(), Value::i64(-1), f1, f2, Value::ref(src->as_ref()), Value::i64(0), b,
           Value::i64(0), Value::i64(4), Value::i64(0)});
  ok_call("hal.device.queue.copy", {device(), Value::i64(-1), f2, f3, b, Value::i64(0), b2,
                                    Value::i64(8), Value::i64(8), Value::i64(0)});
  EXPECT_EQ(await(f3), 0);
  EXPECT_EQ(ok_call("hal.buffer.load", {b2, Value::i64(8), Value::i32(4)})[0].as_i32(), 0x06070809);
  EXPECT_EQ(ok_call("hal.buffer.load", {b2, Value::i64(12), Value::i32(4)})[0].as_i32(), 7);
  // A fence nobody signals: poll and timeout.
  Value never = fence();
  EXPECT_EQ(await(never, 0), 4); // DEADLINE_EXCEEDED, as a value
  EXPECT_EQ(await(never, 10), 4);
  EXPECT_EQ(ok_call("hal.fence.query", {never})[0].as_i32(), 17); // DEFERRED
}

TEST_P(HalModuleTest, UsageBitsAndDeallocaAreChecked) {
  Value ro = allocate(16, buffer_usage::kTransferSource | buffer_usage::kMapping);
  ValueList r;
  vm::Status s = call("hal.device.queue.fill",
                      {device(), Value::i64(-1), Value::ref(nullptr), Value::ref(nullptr), ro,
                       Value::i64(0), Value::i64(16), Value::i64(0), Value::i32(1), Value::i64(0)},
                      &r);
  EXPECT_EQ(s.code(), vm::StatusCode::kPermissionDenied);
  s = call("hal.device.queue.fill",
           {device(), Value::i64(-1), Value::ref(nullptr), Value::ref(nullptr), ro, Value::i64(8),
            Value::i64(16), Value::i64(0), Value::i32(1), Value::i64(0)},
           &r);
  EXPECT_NE(s.code(), vm::StatusCode::kOk);
  Value b = allocate(16);
  Value f = fence();
  ok_call("hal.device.queue.dealloca",
          {device(), Value::i64(-1), Value::ref(nullptr), f, b, Value::i64(0)});
  EXPECT_EQ(await(f), 0);
  s = call("hal.buffer.load", {b, Value::i64(0), Value::i32(4)}, &r);
  EXPECT_EQ(s.code(), vm::StatusCode::kFailedPrecondition);
  EXPECT_NE(s.message().find("dealloca"), std::string_view::npos);
  // Queued work on a deallocated buffer fails its fence, and await reports it.
  Value b2 = allocate(16);
  Value gate = fence(), g1 = fence(), g2 = fence();
  ok_call("hal.device.queue.dealloca", {device(), Value::i64(-1), gate, g1, b2, Value::i64(0)});
  ok_call("hal.device.queue.fill", {device(), Value::i64(-1), g1, g2, b2, Value::i64(0),
                                    Value::i64(4), Value::i64(1), Value::i32(4), Value::i64(0)});
  ok_call("hal.fence.signal", {gate});
  s = call("hal.fence.await", {Value::i32(-1), Value::i64(0), Value::i32(1), g2}, &r);
  EXPECT_EQ(s.code(), vm::StatusCode::kFailedPrecondition) << s.message();
}

TEST_P(HalModuleTest, FailedFenceFailsAwait) {
  Value f = fence();
  ok_call("hal.fence.fail", {f, Value::i32(10)});
  EXPECT_EQ(ok_call("hal.fence.query", {f})[0].as_i32(), 10);
  ValueList r;
  vm::Status s = call("hal.fence.await", {Value::i32(-1), Value::i64(0), Value::i32(1), f}, &r);
  EXPECT_EQ(s.code(), vm::StatusCode::kAborted);
}

TEST_P(HalModuleTest, JoinAndSignal) {
  Value a = fence(), b = fence();
  Value j = ok_call("hal.fence.join", {Value::i64(0), Value::i32(3), a, Value::ref(nullptr), b})[0];
  EXPECT_EQ(await(j, 0), 4);
  ok_call("hal.fence.signal", {a});
  EXPECT_EQ(await(j, 0), 4);
  ok_call("hal.fence.signal", {b});
  EXPECT_EQ(await(j, 0), 0);
  Value empty = ok_call("hal.fence.join", {Value::i64(0), Value::i32(0)})[0];
  EXPECT_EQ(empty.ref_object(), nullptr);
}

TEST_P(HalModuleTest, CommandBuffers) {
  Value b = allocate(16);
  Value cb = ok_call("hal.command_buffer.create",
                     {device(), Value::i32(1), Value::i32(3), Value::i64(-1), Value::i32(1)})[0];
  ok_call("hal.command_buffer.begin_debug_group", {cb, text("group")});
  ok_call("hal.command_buffer.fill_buffer", {cb, b, Value::i64(0), Value::i64(16), Value::i32(0),
                                             Value::i64(0x11), Value::i32(1), Value::i64(0)});
  ok_call("hal.command_buffer.execution_barrier",
          {cb, Value::i32(1), Value::i32(1), Value::i64(0)});
  // Copy bytes 0..4 into binding slot 0 at offset 4.
  ok_call("hal.command_buffer.copy_buffer",
          {cb, Value::i32(0), Value::i32(0), b, Value::i64(0), Value::ref(nullptr), Value::i64(4),
           Value::i64(4), Value::i64(0)});
  ok_call("hal.command_buffer.end_debug_group", {cb});
  ok_call("hal.command_buffer.finalize", {cb});
  ValueList r;
  EXPECT_EQ(call("hal.command_buffer.finalize", {cb}, &r).code(),
            vm::StatusCode::kFailedPrecondition);
  Value target = allocate(16);
  Value f = fence();
  ok_call("hal.device.queue.execute.indirect",
          {device(), Value::i64(-1), Value::ref(nullptr), f, cb, Value::i64(0), Value::i32(1),
           target, Value::i64(0), Value::i64(16)});
  EXPECT_EQ(await(f), 0);
  EXPECT_EQ(ok_call("hal.buffer.load", {target, Value::i64(4), Value::i32(4)})[0].as_i32(),
            0x11111111);
  EXPECT_EQ(ok_call("hal.buffer.load", {target, Value::i64(0), Value::i32(4)})[0].as_i32(), 0);
  vm::Status s = call("hal.command_buffer.dispatch",
                      {cb, Value::ref(nullptr), Value::i64(0), Value::i32(1), Value::i32(1),
                       Value::i32(1), Value::i64(0), Value::i32(0), Value::i32(0)},
                      &r);
  // Dispatch itself is covered by executable_test.cpp and
  // test/tools/hal_dispatch.mlir; a null executable is a bad argument.
  EXPECT_EQ(s.code(), vm::StatusCode::kInvalidArgument);
  EXPECT_NE(s.to_string().find("executable is null"), std::string::npos) << s.to_string();
}

TEST_P(HalModuleTest, CheckModule) {
  int64_t shape[] = {2, 2};
  float x[] = {1, 2, 3, 4}, y[] = {1, 2, 3.5f, 4};
  auto a = make_buffer_view(*modules_.device, shape, 2, element_type::kFloat32, x, 16);
  auto b = make_buffer_view(*modules_.device, shape, 2, element_type::kFloat32, y, 16);
  ASSERT_TRUE(a.ok() && b.ok());
  Value va = Value::ref(a->as_ref()), vb = Value::ref(b->as_ref());
  ok_call("check.expect_eq", {device(), va, va});
  ok_call("check.expect_true", {Value::i32(3)});
  ok_call("check.expect_all_true", {device(), va});
  ok_call("check.expect_almost_eq", {device(), va, vb, Value::f32(0.6f), Value::f32(0)});
  ValueList r;
  vm::Status s = call("check.expect_eq", {device(), va, vb}, &r);
  EXPECT_EQ(s.code(), vm::StatusCode::kFailedPrecondition);
  std::string_view m = s.message();
  EXPECT_NE(m.find("index [1, 0]"), std::string_view::npos) << m;
  EXPECT_NE(m.find("lhs: 2x2xf32=[1 2][3 4]"), std::string_view::npos) << m;
  EXPECT_NE(m.find("rhs: 2x2xf32=[1 2][3.5 4]"), std::string_view::npos) << m;
  s = call("check.expect_almost_eq", {device(), va, vb, Value::f32(0.1f), Value::f32(0)}, &r);
  EXPECT_EQ(s.code(), vm::StatusCode::kFailedPrecondition);
  EXPECT_EQ(call("check.expect_false", {Value::i32(1)}, &r).code(),
            vm::StatusCode::kFailedPrecondition);
}

TEST_P(HalModuleTest, ApiRoundTrip) {
  int64_t shape[] = {2, 3};
  int32_t data[] = {1, 2, 3, 4, 5, 6};
  auto v = make_buffer_view(*modules_.device, shape, 2, element_type::kInt32, data, 24);
  ASSERT_TRUE(v.ok());
  EXPECT_EQ(*format_buffer_view(**v), "2x3xi32=[1 2 3][4 5 6]");
  auto c = read_buffer_view(**v);
  ASSERT_TRUE(c.ok());
  EXPECT_EQ(c->shape, std::vector<int64_t>({2, 3}));
  EXPECT_EQ(std::memcmp(c->bytes.data(), data, 24), 0);
  EXPECT_FALSE(make_buffer_view(*modules_.device, shape, 2, element_type::kInt32, data, 20).ok());
  int64_t vec[] = {4};
  float f[] = {1.5f, -2, 0.25f, 1e10f};
  EXPECT_EQ(*format_buffer_view(
                **make_buffer_view(*modules_.device, vec, 1, element_type::kFloat32, f, 16)),
            "4xf32=1.5 -2 0.25 1E+10");
  EXPECT_EQ(*format_buffer_view(
                **make_buffer_view(*modules_.device, nullptr, 0, element_type::kFloat32, f, 4)),
            "f32=1.5");
  // No elements but billions of rows (found by fuzz_values): the row count
  // is bounded like the element count.
  int64_t empty_rows[] = {1, 21000005817, 3, 0};
  auto empty =
      make_buffer_view(*modules_.device, empty_rows, 4, element_type::kFloat32, nullptr, 0);
  ASSERT_TRUE(empty.ok()) << empty.status().to_string();
  std::string text = *format_buffer_view(**empty, 4);
  EXPECT_EQ(text, "1x21000005817x3x0xf32=[[[][]...]...]");
  EXPECT_EQ(*parse_element_type("si16"), element_type::kSint16);
  EXPECT_EQ(format_element_type(element_type::kBool8), "i1");
  EXPECT_FALSE(parse_element_type("q7").ok());
}

TEST_P(HalModuleTest, FilesImportAndSelect) {
  static const uint8_t kBytes[8] = {1, 2, 3, 4, 5, 6, 7, 8};
  auto src = vm::Buffer::wrap_read_only(kBytes, 8, nullptr);
  Value file = ok_call("hal.ex.file.from_memory",
                       {device(), Value::i64(-1), Value::i32(memory_access::kRead),
                        Value::ref(src->as_ref()), Value::i64(2), Value::i64(6), Value::i32(0)})[0];
  ValueList r;
  EXPECT_EQ(call("hal.ex.file.from_memory",
                 {device(), Value::i64(-1), Value::i32(memory_access::kWrite),
                  Value::ref(src->as_ref()), Value::i64(0), Value::i64(8), Value::i32(0)},
                 &r)
                .code(),
            vm::StatusCode::kPermissionDenied);
  Value b = allocate(8);
  Value f = fence();
  ok_call("hal.device.queue.read", {device(), Value::i64(-1), Value::ref(nullptr), f, file,
                                    Value::i64(1), b, Value::i64(0), Value::i64(4), Value::i64(0)});
  EXPECT_EQ(await(f), 0);
  EXPECT_EQ(ok_call("hal.buffer.load", {b, Value::i64(0), Value::i32(4)})[0].as_i32(), 0x07060504);
  EXPECT_EQ(call("hal.device.queue.read",
                 {device(), Value::i64(-1), Value::ref(nullptr), Value::ref(nullptr), file,
                  Value::i64(4), b, Value::i64(0), Value::i64(4), Value::i64(0)},
                 &r)
                .code(),
            vm::StatusCode::kOutOfRange);
  EXPECT_EQ(call("hal.device.queue.write",
                 {device(), Value::i64(-1), Value::ref(nullptr), Value::ref(nullptr), b,
                  Value::i64(0), file, Value::i64(0), Value::i64(4), Value::i64(0)},
                 &r)
                .code(),
            vm::StatusCode::kPermissionDenied);
  // allocator.import: a read-only vm.buffer only for immutable usage; the
  // import aliases the bytes (no copy).
  Value allocator = ok_call("hal.device.allocator", {device()})[0];
  EXPECT_EQ(call("hal.allocator.import",
                 {allocator, Value::i32(0), Value::i64(-1), Value::i32(memory_type::kHostLocal),
                  Value::i32(buffer_usage::kTransfer), Value::ref(src->as_ref()), Value::i64(0),
                  Value::i64(-1)},
                 &r)
                .code(),
            vm::StatusCode::kPermissionDenied);
  ValueList tried =
      ok_call("hal.allocator.import",
              {allocator, Value::i32(1), Value::i64(-1), Value::i32(memory_type::kHostLocal),
               Value::i32(buffer_usage::kTransfer), Value::ref(src->as_ref()), Value::i64(0),
               Value::i64(-1)});
  EXPECT_EQ(tried[0].ref_object(), nullptr); // "try": null instead of an error
  Value imported =
      ok_call("hal.allocator.import",
              {allocator, Value::i32(0), Value::i64(-1), Value::i32(memory_type::kHostLocal),
               Value::i32(buffer_usage::kTransfer | buffer_usage::kSharingImmutable),
               Value::ref(src->as_ref()), Value::i64(4), Value::i64(4)})[0];
  EXPECT_EQ(ok_call("hal.buffer.load", {imported, Value::i64(0), Value::i32(1)})[0].as_i32(), 5);
  EXPECT_EQ(
      call("hal.buffer.store", {Value::i32(0), imported, Value::i64(0), Value::i32(1)}, &r).code(),
      vm::StatusCode::kPermissionDenied);
  ValueList sel = ok_call("hal.allocator.select", {Value::i32(0), Value::i32(0), Value::i64(0),
                                                   Value::i32(1), device(), Value::i64(5)});
  EXPECT_EQ(sel[0].ref_object(), modules_.device.as_ref().get());
  EXPECT_EQ(sel[1].as_i64(), 5);
  EXPECT_EQ(
      call("hal.allocator.select", {Value::i32(0), Value::i32(0), Value::i64(0), Value::i32(0)}, &r)
          .code(),
      vm::StatusCode::kInvalidArgument);
}

INSTANTIATE_TEST_SUITE_P(Devices, HalModuleTest, ::testing::Values("local-sync", "local-task"));

} // namespace
} // namespace kiln::hal
