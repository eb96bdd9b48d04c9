// The io_parameters module through the VM's call interface, as a program
// calls it: load / gather / scatter against every provider (memory,
// safetensors, GGUF, IRPA), the zero-copy rules, and bad calls.
#include "kiln/modules/io_parameters/module.h"

#include <gtest/gtest.h>

#include <cstring>
#include <memory>
#include <string>
#include <vector>

#include "kiln/modules/hal/api.h"
#include "kiln/modules/hal/buffer.h"
#include "kiln/modules/io_parameters/formats.h"
#include "kiln/vm/buffer.h"
#include "kiln/vm/context.h"
#include "kiln/vm/invocation.h"
#include "kiln/vm/list.h"
#include "kiln/vm/signature.h"
#include "test_writers.h"

namespace kiln::io_parameters {
namespace {

using testing::Bytes;
using testing::TempFile;
using vm::Value;
using vm::ValueList;

constexpr int32_t kReadUsage = hal::buffer_usage::kTransferSource |
                               hal::buffer_usage::kDispatchStorageRead |
                               hal::buffer_usage::kMapping;
constexpr int32_t kWriteUsage = hal::buffer_usage::kDefault | hal::buffer_usage::kMapping;

struct Key {
  std::string name;
  uint64_t parameter_offset;
  uint64_t buffer_offset;
  uint64_t length;
};

Value buffer_of(const void *data, size_t size) {
  auto b = vm::Buffer::allocate(size);
  EXPECT_TRUE(b.ok());
  if (size)
    std::memcpy((*b)->mutable_data(), data, size);
  return Value::ref(std::move(b).value().as_ref());
}

Bytes floats(std::vector<float> v) { return testing::bytes_of(v); }

class IoParametersTest : public ::testing::TestWithParam<const char *> {
protected:
  void SetUp() override {
    hal::DeviceOptions o;
    o.name = GetParam();
    o.workers = 2;
    auto m = hal::create_modules(instance_, o);
    ASSERT_TRUE(m.ok()) << m.status().message();
    hal_ = std::move(m).value();
    params_ = std::make_shared<Parameters>();
    // One scope per provider, each holding "w" = {1..6} and "v" = {7, 8}.
    Bytes w = floats({1, 2, 3, 4, 5, 6}), v = floats({7, 8});
    ASSERT_TRUE(params_->add_memory("mem", "w", w.data(), w.size()).ok());
    ASSERT_TRUE(params_->add_memory("mem", "v", v.data(), v.size()).ok());
    files_.emplace_back(
        new TempFile(".safetensors",
                     testing::safetensors_file({{"w", "F32", {2, 3}, w}, {"v", "F32", {2}, v}})));
    testing::GgufWriter g;
    g.tensor("w", {3, 2}, 0, w);
    g.tensor("v", {2}, 0, v);
    files_.emplace_back(new TempFile(".gguf", g.file()));
    files_.emplace_back(new TempFile(".irpa", build_irpa({{"w", w}, {"v", v}})));
    ASSERT_TRUE(params_->add_file("st", files_[0]->path()).ok());
    ASSERT_TRUE(params_->add_spec("gguf=" + files_[1]->path()).ok());
    vm::Status s = params_->add_file("irpa", files_[2]->path(), /*writable=*/true);
    ASSERT_TRUE(s.ok()) << s.message();
    auto module = create_io_parameters_module(instance_, params_);
    ASSERT_TRUE(module.ok());
    module_ = std::move(module).value();
    context_.reset(new vm::Context(instance_));
    ASSERT_TRUE(context_->register_module(hal_.hal.get()).ok());
    ASSERT_TRUE(context_->register_module(module_.get()).ok());
  }

  vm::Status call(const char *name, ValueList args, ValueList *results) {
    auto f = context_->lookup_function(name);
    if (!f.ok())
      return f.status();
    vm::Status s = vm::invoke(*context_, *f, args, results);
    hal_.device->queue_drain();
    return s;
  }
  Value device() { return Value::ref(hal_.device.as_ref()); }
  Value null() { return Value::ref(vm::Ref()); }
  // key_table, key_data, spans.
  ValueList tables(const std::vector<Key> &keys) {
    std::vector<uint32_t> table;
    std::string data;
    std::vector<uint64_t> spans;
    for (const Key &k : keys) {
      table.push_back(static_cast<uint32_t>(data.size()));
      table.push_back(static_cast<uint32_t>(k.name.size()));
      data += k.name;
      spans.insert(spans.end(), {k.parameter_offset, k.buffer_offset, k.length});
    }
    return {buffer_of(table.data(), table.size() * 4), buffer_of(data.data(), data.size()),
            buffer_of(spans.data(), spans.size() * 8)};
  }
  vm::Status load(const std::string &scope, const std::vector<Key> &keys, int32_t usage,
                  std::vector<vm::RefT<hal::Buffer>> *out) {
    ValueList t = tables(keys);
    ValueList r;
    KILN_RETURN_IF_ERROR(
        call("io_parameters.load",
             {device(), Value::i64(-1), null(), null(), buffer_of(scope.data(), scope.size()),
              Value::i64(-1), Value::i32(hal::memory_type::kHostLocal), Value::i32(usage), t[0],
              t[1], t[2]},
             &r));
    vm::List *list = r[0].as_ref().as<vm::List>();
    out->clear();
    for (size_t i = 0; i < list->size(); ++i) {
      vm::Ref b;
      KILN_RETURN_IF_ERROR(list->get_ref(i, &b));
      out->push_back(vm::RefT<hal::Buffer>::unchecked(std::move(b)));
    }
    return vm::Status();
  }
  std::vector<float> read_floats(hal::Buffer &b) {
    std::vector<float> v(b.length() / 4);
    EXPECT_TRUE(b.read(0, v.data(), v.size() * 4).ok());
    return v;
  }
  const uint8_t *address(hal::Buffer &b) {
    auto p = b.map(0, b.length(), hal::memory_access::kRead);
    return p.ok() ? *p : nullptr;
  }
  const uint8_t *stored(const std::string &scope, const std::string &key) {
    const Entry *e = params_->find_scope(scope)->find(key);
    return e->storage->data() + e->offset;
  }

  vm::Instance instance_;
  hal::Modules hal_;
  std::shared_ptr<Parameters> params_;
  std::vector<std::unique_ptr<TempFile>> files_;
  vm::RefT<vm::NativeModule> module_;
  std::unique_ptr<vm::Context> context_;
};

TEST_P(IoParametersTest, SignaturesAreIreeS) {
  struct {
    const char *name;
    const char *signature;
  } expected[] = {
      {"load", "0rIrrrIiirrr_r"}, {"gather", "0rIrrrrrrr_v"}, {"scatter", "0rIrrrrrrr_v"}};
  for (const auto &e : expected) {
    auto f = module_->lookup_export(e.name);
    ASSERT_TRUE(f.ok()) << e.name;
    // IREE spells "no results" _v, the native module _ (equivalent).
    EXPECT_TRUE(vm::signatures_equivalent(module_->function_signature(*f), e.signature))
        << e.name << ": " << module_->function_signature(*f);
  }
}

TEST_P(IoParametersTest, LoadsFromEveryProvider) {
  for (const char *scope : {"mem", "st", "gguf", "irpa"}) {
    std::vector<vm::RefT<hal::Buffer>> b;
    vm::Status s = load(scope, {{"w", 4, 0, 16}, {"v", 0, 0, 8}}, kReadUsage, &b);
    ASSERT_TRUE(s.ok()) << scope << ": " << s.message();
    ASSERT_EQ(b.size(), 2u);
    EXPECT_EQ(read_floats(*b[0]), (std::vector<float>{2, 3, 4, 5})) << scope;
    EXPECT_EQ(read_floats(*b[1]), (std::vector<float>{7, 8})) << scope;
  }
}

TEST_P(IoParametersTest, ZeroCopyRules) {
  std::vector<vm::RefT<hal::Buffer>> b;
  // Aligned file data, read-only usage: the buffer aliases the mapping and
  // cannot be written.
  ASSERT_TRUE(load("st", {{"w", 0, 0, 24}}, kReadUsage, &b).ok());
  EXPECT_EQ(address(*b[0]), stored("st", "w"));
  EXPECT_FALSE(b[0]->map(0, 4, hal::memory_access::kWrite).ok());
  // Unaligned span: a copy.
  ASSERT_TRUE(load("st", {{"w", 4, 0, 8}}, kReadUsage, &b).ok());
  EXPECT_NE(address(*b[0]), stored("st", "w") + 4);
  EXPECT_EQ(read_floats(*b[0]), (std::vector<float>{2, 3}));
  // Write usage: a writable copy.
  ASSERT_TRUE(load("gguf", {{"w", 0, 0, 24}}, kWriteUsage, &b).ok());
  EXPECT_NE(address(*b[0]), stored("gguf", "w"));
  EXPECT_TRUE(b[0]->map(0, 4, hal::memory_access::kWrite).ok());
  EXPECT_EQ(read_floats(*b[0])[5], 6.0f);
  // IREE's compiler's usage for constants (transfer | dispatch storage |
  // sharing immutable) and memory type (device local): aliased, read-only.
  {
    ValueList t = tables({{"w", 0, 0, 24}});
    ValueList r;
    ASSERT_TRUE(call("io_parameters.load",
                     {device(), Value::i64(-1), null(), null(), buffer_of("st", 2), Value::i64(-1),
                      Value::i32(48), Value::i32(527363), t[0], t[1], t[2]},
                     &r)
                    .ok());
    vm::Ref ref;
    ASSERT_TRUE(r[0].as_ref().as<vm::List>()->get_ref(0, &ref).ok());
    auto aliased = vm::RefT<hal::Buffer>::unchecked(std::move(ref));
    EXPECT_EQ(address(*aliased), stored("st", "w"));
    EXPECT_FALSE(aliased->map(0, 4, hal::memory_access::kWrite).ok());
  }
  // Zero copy turned off: a copy.
  params_->set_zero_copy(false);
  ASSERT_TRUE(load("irpa", {{"w", 0, 0, 24}}, kReadUsage, &b).ok());
  EXPECT_NE(address(*b[0]), stored("irpa", "w"));
  EXPECT_EQ(read_floats(*b[0])[0], 1.0f);
  params_->set_zero_copy(true);
  ASSERT_TRUE(load("irpa", {{"w", 0, 0, 24}}, kReadUsage, &b).ok());
  EXPECT_EQ(address(*b[0]), stored("irpa", "w"));
}

TEST_P(IoParametersTest, GatherAndScatter) {
  auto target = hal_.device->allocator().allocate(hal::memory_type::kHostLocal, kWriteUsage, 32);
  ASSERT_TRUE(target.ok());
  Value tv = Value::ref((*target).as_ref());
  for (const char *scope : {"mem", "st", "gguf", "irpa"}) {
    ValueList t = tables({{"v", 0, 0, 8}, {"w", 20, 8, 4}});
    ValueList r;
    vm::Status s = call("io_parameters.gather",
                        {device(), Value::i64(-1), null(), null(),
                         buffer_of(scope, std::strlen(scope)), tv, t[0], t[1], t[2]},
                        &r);
    ASSERT_TRUE(s.ok()) << scope << ": " << s.message();
    std::vector<float> got = read_floats(**target);
    EXPECT_EQ(got[0], 7.0f);
    EXPECT_EQ(got[1], 8.0f);
    EXPECT_EQ(got[2], 6.0f);
  }
  // Scatter the target's first 8 bytes (7, 8) into "w" of the memory and
  // the writable IRPA scopes; a read-only file refuses.
  for (const char *scope : {"mem", "irpa", "st"}) {
    ValueList t = tables({{"w", 8, 0, 8}});
    ValueList r;
    vm::Status s = call("io_parameters.scatter",
                        {device(), Value::i64(-1), null(), null(), tv,
                         buffer_of(scope, std::strlen(scope)), t[0], t[1], t[2]},
                        &r);
    if (std::string(scope) == "st") {
      ASSERT_FALSE(s.ok());
      EXPECT_NE(std::string(s.message()).find("read-only"), std::string::npos) << s.message();
      continue;
    }
    ASSERT_TRUE(s.ok()) << scope << ": " << s.message();
    std::vector<vm::RefT<hal::Buffer>> b;
    ASSERT_TRUE(load(scope, {{"w", 0, 0, 24}}, kWriteUsage, &b).ok());
    EXPECT_EQ(read_floats(*b[0]), (std::vector<float>{1, 2, 7, 8, 5, 6})) << scope;
  }
}

TEST_P(IoParametersTest, BadCallsFailWithClearErrors) {
  std::vector<vm::RefT<hal::Buffer>> b;
  auto expect = [&](vm::Status s, const char *text) {
    ASSERT_FALSE(s.ok()) << "expected an error with '" << text << "'";
    EXPECT_NE(std::string(s.message()).find(text), std::string::npos) << s.message();
  };
  expect(load("nope", {{"w", 0, 0, 4}}, kReadUsage, &b),
         "no parameters registered for scope 'nope'");
  expect(load("st", {{"missing", 0, 0, 4}}, kReadUsage, &b), "has no parameter 'missing'");
  expect(load("st", {{"w", 20, 0, 8}}, kReadUsage, &b), "outside parameter 'w'");
  expect(load("st", {{"w", ~0ull, 0, 2}}, kReadUsage, &b), "outside parameter 'w'");
  // Key table entry pointing outside the key data; spans not whole entries.
  ValueList t = tables({{"w", 0, 0, 4}});
  uint32_t bad_key[2] = {100, 4};
  ValueList r;
  expect(call("io_parameters.load",
              {device(), Value::i64(-1), null(), null(), buffer_of("st", 2), Value::i64(-1),
               Value::i32(0), Value::i32(kReadUsage), buffer_of(bad_key, 8), t[1], t[2]},
              &r),
         "outside the key data");
  expect(call("io_parameters.load",
              {device(), Value::i64(-1), null(), null(), buffer_of("st", 2), Value::i64(-1),
               Value::i32(0), Value::i32(kReadUsage), t[0], t[1], buffer_of("abc", 3)},
              &r),
         "24-byte span entries");
  // Gather past the end of the target.
  auto small = hal_.device->allocator().allocate(hal::memory_type::kHostLocal, kWriteUsage, 4);
  ASSERT_TRUE(small.ok());
  expect(call("io_parameters.gather",
              {device(), Value::i64(-1), null(), null(), buffer_of("st", 2),
               Value::ref((*small).as_ref()), t[0], t[1], tables({{"w", 0, 2, 4}})[2]},
              &r),
         "outside the buffer");
  // The null scope is the "" scope.
  ASSERT_TRUE(params_->add_memory("", "w", "abcd", 4).ok());
  t = tables({{"w", 0, 0, 4}});
  ASSERT_TRUE(call("io_parameters.load",
                   {device(), Value::i64(-1), null(), null(), null(), Value::i64(-1), Value::i32(0),
                    Value::i32(kReadUsage), t[0], t[1], t[2]},
                   &r)
                  .ok());
}

TEST_P(IoParametersTest, SplatParametersAreFilledAndReadOnly) {
  Entry splat;
  splat.key = "s";
  splat.length = 16;
  splat.pattern_length = 4;
  splat.pattern[0] = 1, splat.pattern[1] = 2, splat.pattern[2] = 3, splat.pattern[3] = 4;
  Index index;
  ASSERT_TRUE(index.add(splat).ok());
  ASSERT_TRUE(params_->add_index("splat", index).ok());
  std::vector<vm::RefT<hal::Buffer>> b;
  ASSERT_TRUE(load("splat", {{"s", 3, 0, 6}}, kReadUsage, &b).ok());
  uint8_t got[6];
  ASSERT_TRUE(b[0]->read(0, got, 6).ok());
  EXPECT_EQ(std::vector<uint8_t>(got, got + 6), (std::vector<uint8_t>{4, 1, 2, 3, 4, 1}));
  splat.pattern_length = 3;
  EXPECT_FALSE(Index().add(splat).ok());
}

TEST_P(IoParametersTest, DuplicateKeysAcrossFilesOfAScope) {
  vm::Status s = params_->add_file("st", files_[2]->path());
  ASSERT_FALSE(s.ok());
  std::string m(s.message());
  EXPECT_NE(m.find("duplicate key 'w'"), std::string::npos) << m;
  EXPECT_NE(m.find(files_[2]->path()), std::string::npos) << m;
}

INSTANTIATE_TEST_SUITE_P(Devices, IoParametersTest, ::testing::Values("local-sync", "local-task"));

} // namespace
} // namespace kiln::io_parameters
