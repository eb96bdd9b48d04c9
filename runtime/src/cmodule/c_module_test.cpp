#include "kiln/cmodule/c_module.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "kiln/vm/buffer.h"
#include "kiln/vm/context.h"
#include "kiln/vm/invocation.h"
#include "kiln/vm/limits.h"
#include "kiln/vm/native_module.h"

extern "C" const kiln_module_desc_t *kiln_test_cmath_module(void);

namespace kiln::cmodule {
namespace {

using vm::Function;
using vm::Ref;
using vm::Status;
using vm::StatusCode;
using vm::Value;
using vm::ValueList;

enum class How { kStatic, kSharedLibrary };

class CModuleTest : public ::testing::TestWithParam<How> {
protected:
  CModuleTest() : context_(instance_) {}

  void SetUp() override {
    native_ = vm::NativeModule::create("native");
    native_->export_function("twice", [](int32_t x) { return x * 2; });
    ASSERT_TRUE(context_.register_module(native_.get()).ok());
    if (GetParam() == How::kStatic) {
      register_static_module(kiln_test_cmath_module);
      auto m = load_static_module("cmath");
      ASSERT_TRUE(m.ok()) << m.status().to_string();
      module_ = std::move(*m);
    } else {
      auto m = load_module_from_file(instance_, KILN_TEST_MODULE_SO);
      ASSERT_TRUE(m.ok()) << m.status().to_string();
      module_ = std::move(*m);
    }
    Status s = context_.register_module(module_);
    ASSERT_TRUE(s.ok()) << s.to_string();
  }

  Function Fn(const char *name) {
    auto f = context_.lookup_function(std::string("cmath.") + name);
    EXPECT_TRUE(f.ok()) << f.status().to_string();
    return f.ok() ? *f : Function();
  }

  vm::Instance instance_;
  vm::Context context_;
  vm::RefT<vm::NativeModule> native_;
  Ref module_;
  ValueList results_;
};

TEST_P(CModuleTest, Describes) {
  auto *m = module_.as<vm::Module>();
  EXPECT_EQ(m->name(), "cmath");
  EXPECT_EQ(m->version(), 1u);
  EXPECT_EQ(m->export_count(), 6);
  EXPECT_EQ(m->import_count(), 1);
  EXPECT_EQ(m->import_info(0).full_name, "native.twice");
  EXPECT_EQ(m->export_info(2).signature, "0iii_i");
}

TEST_P(CModuleTest, ScalarCalls) {
  ASSERT_TRUE(vm::invoke(context_, Fn("add"), {Value::i32(40), Value::i32(2)}, &results_).ok());
  ASSERT_EQ(results_.size(), 1u);
  EXPECT_EQ(results_[0].as_i32(), 42);
  ASSERT_TRUE(
      vm::invoke(context_, Fn("sum3"), {Value::i32(1), Value::i32(2), Value::i32(3)}, &results_)
          .ok());
  EXPECT_EQ(results_[0].as_i32(), 6);
  ASSERT_TRUE(vm::invoke(context_, Fn("div"), {Value::i32(-7), Value::i32(2)}, &results_).ok());
  EXPECT_EQ(results_[0].as_i32(), -3);
}

TEST_P(CModuleTest, StatePersistsPerContext) {
  ASSERT_TRUE(vm::invoke(context_, Fn("bump"), {}, &results_).ok());
  EXPECT_EQ(results_[0].as_i32(), 101);
  ASSERT_TRUE(vm::invoke(context_, Fn("bump"), {}, &results_).ok());
  EXPECT_EQ(results_[0].as_i32(), 102);
}

TEST_P(CModuleTest, CallsNativeImport) {
  Status s = vm::invoke(context_, Fn("call_twice"), {Value::i32(20)}, &results_);
  ASSERT_TRUE(s.ok()) << s.to_string_with_trace();
  EXPECT_EQ(results_[0].as_i32(), 41);
}

TEST_P(CModuleTest, DivisionByZeroHasLocation) {
  Status s = vm::invoke(context_, Fn("div"), {Value::i32(1), Value::i32(0)}, &results_);
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(s.message(), "division by zero");
  std::string text = s.to_string_with_trace();
  EXPECT_NE(text.find("cmath.div"), std::string::npos) << text;
  // The frame from frame_enter shows the location's op offset.
  EXPECT_NE(text.find("cmath.div @3 (cmath.mlir:12:5)"), std::string::npos) << text;
}

TEST_P(CModuleTest, BufferServices) {
  auto b = vm::Buffer::allocate(24);
  ASSERT_TRUE(b.ok());
  ASSERT_TRUE(vm::invoke(context_, Fn("buf_len"), {Value::ref(b->as_ref())}, &results_).ok());
  EXPECT_EQ(results_[0].as_i64(), 24);
  Status s = vm::invoke(context_, Fn("buf_len"), {Value::ref(Ref())}, &results_);
  EXPECT_FALSE(s.ok());
  EXPECT_NE(s.to_string_with_trace().find("cmath.mlir:30:7"), std::string::npos);
}

TEST_P(CModuleTest, MissingImportIsAnError) {
  vm::Context other(instance_);
  Status s = other.register_module(module_);
  EXPECT_FALSE(s.ok());
  EXPECT_NE(s.to_string().find("native"), std::string::npos) << s.to_string();
}

INSTANTIATE_TEST_SUITE_P(Both, CModuleTest, ::testing::Values(How::kStatic, How::kSharedLibrary),
                         [](const ::testing::TestParamInfo<How> &info) {
                           return info.param == How::kStatic ? "Static" : "SharedLibrary";
                         });

kiln_module_desc_t g_bad_version;

TEST(CModuleAbiTest, VersionMismatchIsAClearError) {
  g_bad_version = *kiln_test_cmath_module();
  g_bad_version.abi_version = 99;
  auto m = create_module(&g_bad_version);
  ASSERT_FALSE(m.ok());
  EXPECT_EQ(m.status().code(), StatusCode::kFailedPrecondition);
  EXPECT_NE(m.status().to_string().find("ABI version 99"), std::string::npos)
      << m.status().to_string();
}

// Names at the shared limit (kiln/vm/limits.h) load; one byte more is the
// loader's error, as in the bytecode loader and the compiler.
TEST(CModuleAbiTest, NameLengthLimit) {
  const kiln_module_desc_t *base = kiln_test_cmath_module();
  const std::string at_limit(vm::limits::kMaxNameLength, 'n');
  const std::string past_limit(vm::limits::kMaxNameLength + 1, 'n');

  static kiln_module_desc_t renamed;
  renamed = *base;
  renamed.name = at_limit.c_str();
  EXPECT_TRUE(create_module(&renamed).ok());
  renamed.name = past_limit.c_str();
  auto long_module = create_module(&renamed);
  ASSERT_FALSE(long_module.ok());
  EXPECT_EQ(long_module.status().code(), StatusCode::kInvalidArgument);
  EXPECT_NE(long_module.status().to_string().find("longer than 4096 bytes"), std::string::npos)
      << long_module.status().to_string();

  ASSERT_GT(base->export_count, 0);
  std::vector<kiln_export_desc_t> exports(base->exports, base->exports + base->export_count);
  exports[0].name = past_limit.c_str();
  renamed = *base;
  renamed.exports = exports.data();
  auto long_export = create_module(&renamed);
  ASSERT_FALSE(long_export.ok());
  EXPECT_NE(long_export.status().to_string().find("export 0 is malformed"), std::string::npos)
      << long_export.status().to_string();

  ASSERT_GT(base->function_count, 0);
  std::vector<kiln_function_desc_t> functions(base->functions,
                                              base->functions + base->function_count);
  functions[0].name = past_limit.c_str();
  renamed = *base;
  renamed.functions = functions.data();
  auto long_function = create_module(&renamed);
  ASSERT_FALSE(long_function.ok());
  EXPECT_NE(long_function.status().to_string().find("function 0 is malformed"), std::string::npos)
      << long_function.status().to_string();
}

TEST(CModuleAbiTest, NotAModuleLibrary) {
  vm::Instance instance;
  auto m = load_module_from_file(instance, "/nonexistent/x.so");
  ASSERT_FALSE(m.ok());
  EXPECT_NE(m.status().to_string().find("dlopen"), std::string::npos);
}

} // namespace
} // namespace kiln::cmodule
