//===- JITTest.cpp - kiln_jit: IR of a C module, run in the process ------===//
//
// The runtime's hand-written C test module (runtime/src/cmodule/testdata),
// compiled to LLVM IR by clang at build time, JIT-compiled and called like
// its dlopen()ed twin in c_module_test; then every way a module can fail to
// load gives a status, not a crash.

#include "compiler/JIT/JITModule.h"

#include "kiln/vm/buffer.h"
#include "kiln/vm/context.h"
#include "kiln/vm/invocation.h"
#include "kiln/vm/native_module.h"

#include "llvm/IR/LLVMContext.h"
#include "llvm/IR/Module.h"
#include "llvm/IRReader/IRReader.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/SourceMgr.h"

#include <gtest/gtest.h>

#include <string>

namespace kiln::jit {
namespace {

using vm::Status;
using vm::StatusCode;
using vm::Value;
using vm::ValueList;

std::string readTestModule() {
  auto file = llvm::MemoryBuffer::getFile(KILN_JIT_TEST_MODULE_LL);
  EXPECT_TRUE(bool(file)) << KILN_JIT_TEST_MODULE_LL;
  return file ? (*file)->getBuffer().str() : std::string();
}

class JITModuleTest : public ::testing::Test {
protected:
  JITModuleTest() : context_(instance_) {}

  void SetUp() override {
    native_ = vm::NativeModule::create("native");
    native_->export_function("twice", [](int32_t x) { return x * 2; });
    ASSERT_TRUE(context_.register_module(native_.get()).ok());
    auto m = loadIRFile(KILN_JIT_TEST_MODULE_LL);
    ASSERT_TRUE(m.ok()) << m.status().to_string();
    module_ = std::move(*m);
    Status s = context_.register_module(module_);
    ASSERT_TRUE(s.ok()) << s.to_string();
  }

  vm::Function fn(const char *name) {
    auto f = context_.lookup_function(std::string("cmath.") + name);
    EXPECT_TRUE(f.ok()) << f.status().to_string();
    return f.ok() ? *f : vm::Function();
  }

  vm::Instance instance_;
  vm::Context context_;
  vm::RefT<vm::NativeModule> native_;
  vm::Ref module_;
  ValueList results_;
};

TEST_F(JITModuleTest, DescribesLikeTheSharedLibrary) {
  auto *m = module_.as<vm::Module>();
  EXPECT_EQ(m->name(), "cmath");
  EXPECT_EQ(m->export_count(), 6);
  EXPECT_EQ(m->import_count(), 1);
  EXPECT_EQ(m->import_info(0).full_name, "native.twice");
  EXPECT_EQ(m->export_info(2).signature, "0iii_i");
}

TEST_F(JITModuleTest, Calls) {
  ASSERT_TRUE(vm::invoke(context_, fn("add"), {Value::i32(40), Value::i32(2)}, &results_).ok());
  EXPECT_EQ(results_[0].as_i32(), 42);
  ASSERT_TRUE(vm::invoke(context_, fn("bump"), {}, &results_).ok());
  EXPECT_EQ(results_[0].as_i32(), 101);
  Status s = vm::invoke(context_, fn("call_twice"), {Value::i32(20)}, &results_);
  ASSERT_TRUE(s.ok()) << s.to_string_with_trace();
  EXPECT_EQ(results_[0].as_i32(), 41);
  auto b = vm::Buffer::allocate(24);
  ASSERT_TRUE(b.ok());
  ASSERT_TRUE(vm::invoke(context_, fn("buf_len"), {Value::ref(b->as_ref())}, &results_).ok());
  EXPECT_EQ(results_[0].as_i64(), 24);
}

TEST_F(JITModuleTest, FailuresCarryTraces) {
  Status s = vm::invoke(context_, fn("div"), {Value::i32(1), Value::i32(0)}, &results_);
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.message(), "division by zero");
  std::string text = s.to_string_with_trace();
  EXPECT_NE(text.find("cmath.div @3 (cmath.mlir:12:5)"), std::string::npos) << text;
}

// The code lives as long as the module, not as long as the loader's
// arguments: the IR text and its context are gone when the call runs.
TEST(JITLoadTest, CodeOutlivesTheSource) {
  vm::Ref module;
  {
    std::string ir = readTestModule();
    auto m = loadIR(ir, "cmath.ll");
    ASSERT_TRUE(m.ok()) << m.status().to_string();
    module = std::move(*m);
  }
  vm::Instance instance;
  vm::Context context(instance);
  auto native = vm::NativeModule::create("native");
  native->export_function("twice", [](int32_t x) { return x * 3; });
  ASSERT_TRUE(context.register_module(native.get()).ok());
  ASSERT_TRUE(context.register_module(module).ok());
  auto f = context.lookup_function("cmath.call_twice");
  ASSERT_TRUE(f.ok());
  ValueList results;
  ASSERT_TRUE(vm::invoke(context, *f, {Value::i32(10)}, &results).ok());
  EXPECT_EQ(results[0].as_i32(), 31);
}

// An llvm::Module made by the caller (as the LLVM target hands one over).
TEST(JITLoadTest, InMemoryModule) {
  auto context = std::make_unique<llvm::LLVMContext>();
  std::string ir = readTestModule();
  llvm::SMDiagnostic diagnostic;
  std::unique_ptr<llvm::Module> module =
      llvm::parseIR(llvm::MemoryBufferRef(ir, "cmath.ll"), diagnostic, *context);
  ASSERT_TRUE(module != nullptr);
  auto m = loadModule(std::move(module), std::move(context), "cmath (in memory)");
  ASSERT_TRUE(m.ok()) << m.status().to_string();
  EXPECT_EQ(m->as<vm::Module>()->name(), "cmath");
}

// Every level compiles the same module to code with the same results:
// 0..3 and the quick level (the default), with and without the level's IR
// pipeline (JITOptions::optimizeIR); another level is an error.
TEST(JITLoadTest, OptimizationLevels) {
  std::string ir = readTestModule();
  for (unsigned level : {kQuickLevel, 0u, 1u, 2u, 3u}) {
    for (bool optimize : {false, true}) {
      SCOPED_TRACE(testing::Message() << "level " << level << ", optimizeIR " << optimize);
      JITOptions options;
      options.optLevel = level;
      options.optimizeIR = optimize;
      auto m = loadIR(ir, "cmath.ll", options);
      ASSERT_TRUE(m.ok()) << m.status().to_string();
      vm::Instance instance;
      vm::Context context(instance);
      auto native = vm::NativeModule::create("native");
      native->export_function("twice", [](int32_t x) { return x * 2; });
      ASSERT_TRUE(context.register_module(native.get()).ok());
      ASSERT_TRUE(context.register_module(*m).ok());
      auto f = context.lookup_function("cmath.call_twice");
      ASSERT_TRUE(f.ok());
      ValueList results;
      ASSERT_TRUE(vm::invoke(context, *f, {Value::i32(10)}, &results).ok());
      EXPECT_EQ(results[0].as_i32(), 21);
    }
  }
  EXPECT_EQ(JITOptions().optLevel, 2u); // the library's default; run-module asks for quick
  JITOptions bad;
  bad.optLevel = 7;
  auto m = loadIR(ir, "cmath.ll", bad);
  ASSERT_FALSE(m.ok());
  EXPECT_NE(m.status().to_string().find("optimization level 7"), std::string::npos)
      << m.status().to_string();
}

// A failed load: the status code and a message fragment.
void expectLoadFails(const std::string &ir, StatusCode code, const std::string &fragment) {
  auto m = loadIR(ir, "bad.ll");
  ASSERT_FALSE(m.ok());
  EXPECT_EQ(m.status().code(), code) << m.status().to_string();
  EXPECT_NE(m.status().to_string().find(fragment), std::string::npos) << m.status().to_string();
}

TEST(JITLoadTest, NoEntrySymbol) {
  expectLoadFails("define i32 @f() {\n  ret i32 0\n}\n", StatusCode::kInvalidArgument,
                  "does not define kiln_module_v1_get");
  expectLoadFails("declare ptr @kiln_module_v1_get()\n", StatusCode::kInvalidArgument,
                  "does not define kiln_module_v1_get");
}

TEST(JITLoadTest, BadAbiVersion) {
  // A descriptor that claims ABI version 99 (the rest zero).
  expectLoadFails("@d = constant <{ i32, [252 x i8] }> <{ i32 99, [252 x i8] zeroinitializer }>\n"
                  "define ptr @kiln_module_v1_get() {\n  ret ptr @d\n}\n",
                  StatusCode::kFailedPrecondition, "ABI version 99");
}

TEST(JITLoadTest, NullDescriptor) {
  expectLoadFails("define ptr @kiln_module_v1_get() {\n  ret ptr null\n}\n",
                  StatusCode::kInvalidArgument, "returned no descriptor");
}

TEST(JITLoadTest, UnresolvedSymbol) {
  expectLoadFails("declare ptr @kiln_no_such_function_anywhere()\n"
                  "define ptr @kiln_module_v1_get() {\n"
                  "  %d = call ptr @kiln_no_such_function_anywhere()\n  ret ptr %d\n}\n",
                  StatusCode::kInvalidArgument, "kiln_no_such_function_anywhere");
}

TEST(JITLoadTest, InvalidIR) {
  expectLoadFails("define ptr @kiln_module_v1_get( {\n", StatusCode::kInvalidArgument,
                  "invalid LLVM IR: bad.ll:2:1: error: expected type");
  // Parses, but does not verify: %x does not dominate its use.
  expectLoadFails("define ptr @kiln_module_v1_get(i1 %c) {\nentry:\n"
                  "  br i1 %c, label %a, label %b\na:\n  %x = inttoptr i64 1 to ptr\n"
                  "  br label %b\nb:\n  ret ptr %x\n}\n",
                  StatusCode::kInvalidArgument, "Instruction does not dominate all uses");
  expectLoadFails("", StatusCode::kInvalidArgument, "does not define kiln_module_v1_get");
}

TEST(JITLoadTest, OtherArchitecture) {
  expectLoadFails("target triple = \"riscv64-unknown-linux-gnu\"\n"
                  "define ptr @kiln_module_v1_get() {\n  ret ptr null\n}\n",
                  StatusCode::kInvalidArgument, "riscv64");
}

TEST(JITLoadTest, MissingFile) {
  auto m = loadIRFile("/nonexistent/kiln_jit_test.ll");
  ASSERT_FALSE(m.ok());
  EXPECT_EQ(m.status().code(), StatusCode::kNotFound) << m.status().to_string();
}

} // namespace
} // namespace kiln::jit
