// Interpreter semantics, calls, refs, suspension and faults, on modules
// assembled with testing/module_builder.h.
#include <cmath>
#include <cstdio>
#include <cstring>
#include <limits>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "kiln/bytecode/bytecode_module.h"
#include "kiln/vm/buffer.h"
#include "kiln/vm/context.h"
#include "kiln/vm/invocation.h"
#include "kiln/vm/list.h"
#include "kiln/vm/native_module.h"
#include "testing/module_builder.h"
#include "gtest/gtest.h"

namespace kiln::bytecode {
namespace {

using testing::F32;
using testing::F64;
using testing::FunctionBuilder;
using testing::L;
using testing::Label;
using testing::LT;
using testing::ModuleBuilder;
using testing::MOVE;
using testing::T;
using vm::Status;
using vm::StatusCode;
using vm::Value;
using vm::ValueList;

class Harness {
public:
  Harness() : context_(new vm::Context(instance_)) {}
  ~Harness() { context_.reset(); }

  vm::Instance &instance() { return instance_; }
  vm::Context &context() { return *context_; }

  Status add(const ModuleBuilder &mb) {
    files_.push_back(mb.build());
    auto &file = files_.back();
    auto module = load_module(instance_, file.data(), file.size(), vm::Ref());
    if (!module.ok())
      return module.status();
    modules_.push_back(*module);
    return context_->register_module(*module);
  }
  Status add(const vm::Ref &module) { return context_->register_module(module); }

  Status call(const std::string &name, const ValueList &args, ValueList *results) {
    auto f = context_->lookup_function(name);
    if (!f.ok())
      return f.status();
    return vm::invoke(*context_, *f, args, results);
  }
  vm::Module *module(size_t i) { return modules_[i].as<vm::Module>(); }

private:
  vm::Instance instance_;
  std::vector<std::vector<uint8_t>> files_;
  std::vector<vm::Ref> modules_;
  std::unique_ptr<vm::Context> context_;
};

// ---- One-op functions ---------------------------------------------------

// f(a[, b[, c]]) = op(a, b, c) with signature `sig`.
vm::StatusOr<Value> run_op(Opcode op, const std::string &sig, ValueList args) {
  ModuleBuilder mb;
  FunctionBuilder f;
  const OpcodeInfo &info = kOpcodeInfo[static_cast<uint16_t>(op)];
  uint64_t out = args.size();
  std::vector<testing::Operand> operands;
  operands.push_back(out);
  for (uint8_t i = 1; i < info.operandCount; ++i)
    operands.push_back(static_cast<uint64_t>(i - 1));
  f.emit(op, operands);
  f.emit(Opcode::RETURN, {L({out})});
  mb.add_export("f", mb.add_function("f", sig, static_cast<uint16_t>(out + 1), 0, f));
  Harness h;
  Status s = h.add(mb);
  if (!s.ok())
    return s;
  ValueList results;
  s = h.call("f", args, &results);
  if (!s.ok())
    return s;
  return results.at(0);
}

int32_t i32_op(Opcode op, int32_t a, int32_t b) {
  auto v = run_op(op, "0ii_i", {Value::i32(a), Value::i32(b)});
  EXPECT_TRUE(v.ok()) << v.status().to_string();
  return v.ok() ? v->as_i32() : -12345;
}
int32_t i32_un(Opcode op, int32_t a) {
  auto v = run_op(op, "0i_i", {Value::i32(a)});
  EXPECT_TRUE(v.ok()) << v.status().to_string();
  return v.ok() ? v->as_i32() : -12345;
}
int64_t i64_op(Opcode op, int64_t a, int64_t b) {
  auto v = run_op(op, "0II_I", {Value::i64(a), Value::i64(b)});
  EXPECT_TRUE(v.ok()) << v.status().to_string();
  return v.ok() ? v->as_i64() : -12345;
}
float f32_op(Opcode op, float a, float b) {
  auto v = run_op(op, "0ff_f", {Value::f32(a), Value::f32(b)});
  EXPECT_TRUE(v.ok()) << v.status().to_string();
  return v.ok() ? v->as_f32() : -12345.0f;
}
float f32_un(Opcode op, float a) {
  auto v = run_op(op, "0f_f", {Value::f32(a)});
  EXPECT_TRUE(v.ok()) << v.status().to_string();
  return v.ok() ? v->as_f32() : -12345.0f;
}
double f64_op(Opcode op, double a, double b) {
  auto v = run_op(op, "0FF_F", {Value::f64(a), Value::f64(b)});
  EXPECT_TRUE(v.ok()) << v.status().to_string();
  return v.ok() ? v->as_f64() : -12345.0;
}

constexpr int32_t kMin32 = std::numeric_limits<int32_t>::min();
constexpr int64_t kMin64 = std::numeric_limits<int64_t>::min();
const float kNaN = std::numeric_limits<float>::quiet_NaN();

TEST(InterpreterOps, IntegerArithmetic) {
  EXPECT_EQ(i32_op(Opcode::ADD_I32, 2, 3), 5);
  EXPECT_EQ(i32_op(Opcode::ADD_I32, INT32_MAX, 1), kMin32);
  EXPECT_EQ(i32_op(Opcode::SUB_I32, 2, 3), -1);
  EXPECT_EQ(i32_op(Opcode::MUL_I32, -4, 3), -12);
  EXPECT_EQ(i32_op(Opcode::DIV_I32_S, -7, 2), -3);
  EXPECT_EQ(i32_op(Opcode::DIV_I32_S, kMin32, -1), kMin32); // not an error
  EXPECT_EQ(i32_op(Opcode::REM_I32_S, kMin32, -1), 0);
  EXPECT_EQ(i32_op(Opcode::REM_I32_S, -7, 2), -1);
  EXPECT_EQ(i32_op(Opcode::DIV_I32_U, -2, 2), 0x7FFFFFFF);
  EXPECT_EQ(i32_op(Opcode::REM_I32_U, -1, 10), 5); // 4294967295 % 10
  EXPECT_EQ(i32_op(Opcode::MIN_I32_S, -1, 1), -1);
  EXPECT_EQ(i32_op(Opcode::MIN_I32_U, -1, 1), 1);
  EXPECT_EQ(i32_op(Opcode::MAX_I32_S, -1, 1), 1);
  EXPECT_EQ(i32_op(Opcode::MAX_I32_U, -1, 1), -1);
  EXPECT_EQ(i32_op(Opcode::AND_I32, 0xF0, 0x3C), 0x30);
  EXPECT_EQ(i32_op(Opcode::OR_I32, 0xF0, 0x0F), 0xFF);
  EXPECT_EQ(i32_op(Opcode::XOR_I32, 0xFF, 0x0F), 0xF0);
  EXPECT_EQ(i32_un(Opcode::NOT_I32, 0), -1);
  EXPECT_EQ(i32_un(Opcode::ABS_I32, -5), 5);
  EXPECT_EQ(i32_un(Opcode::ABS_I32, kMin32), kMin32);
  EXPECT_EQ(i32_un(Opcode::CTLZ_I32, 1), 31);
  EXPECT_EQ(i32_un(Opcode::CTLZ_I32, 0), 32);
  EXPECT_EQ(i64_op(Opcode::DIV_I64_S, kMin64, -1), kMin64);
  EXPECT_EQ(i64_op(Opcode::REM_I64_S, kMin64, -1), 0);
  EXPECT_EQ(i64_op(Opcode::MUL_I64, 1LL << 40, 1LL << 20), 1LL << 60);
  EXPECT_EQ(i64_op(Opcode::MIN_I64_U, -1, 3), 3);
  auto fma = run_op(Opcode::FMA_I32, "0iii_i", {Value::i32(3), Value::i32(4), Value::i32(5)});
  ASSERT_TRUE(fma.ok());
  EXPECT_EQ(fma->as_i32(), 17);
  auto imm = [] {
    ModuleBuilder mb;
    FunctionBuilder f;
    f.emit(Opcode::ADD_I64_IMM, {1, 0, int64_t{-10000000000LL}});
    f.emit(Opcode::RETURN, {L({1})});
    mb.add_export("f", mb.add_function("f", "0I_I", 2, 0, f));
    return mb;
  }();
  Harness h;
  ASSERT_TRUE(h.add(imm).ok());
  ValueList results;
  ASSERT_TRUE(h.call("f", {Value::i64(1)}, &results).ok());
  EXPECT_EQ(results[0].as_i64(), 1 - 10000000000LL);
}

TEST(InterpreterOps, DivisionByZeroIsAnError) {
  for (Opcode op : {Opcode::DIV_I32_S, Opcode::DIV_I32_U, Opcode::REM_I32_S, Opcode::REM_I32_U}) {
    auto v = run_op(op, "0ii_i", {Value::i32(1), Value::i32(0)});
    ASSERT_FALSE(v.ok());
    EXPECT_EQ(v.status().code(), StatusCode::kInvalidArgument);
    EXPECT_NE(v.status().message().find("division by zero"), std::string::npos);
  }
  for (Opcode op : {Opcode::DIV_I64_S, Opcode::DIV_I64_U, Opcode::REM_I64_S, Opcode::REM_I64_U}) {
    EXPECT_FALSE(run_op(op, "0II_I", {Value::i64(1), Value::i64(0)}).ok());
  }
}

TEST(InterpreterOps, ShiftsMaskTheAmount) {
  EXPECT_EQ(i32_op(Opcode::SHL_I32, 1, 33), 2);
  EXPECT_EQ(i32_op(Opcode::SHL_I32, 1, 32), 1);
  EXPECT_EQ(i32_op(Opcode::SHR_I32_S, -8, 1), -4);
  EXPECT_EQ(i32_op(Opcode::SHR_I32_U, -8, 28), 15);
  EXPECT_EQ(i32_op(Opcode::SHR_I32_S, -8, 32 + 1), -4);
  auto v = run_op(Opcode::SHL_I64, "0Ii_I", {Value::i64(1), Value::i32(65)});
  ASSERT_TRUE(v.ok());
  EXPECT_EQ(v->as_i64(), 2);
  v = run_op(Opcode::SHR_I64_U, "0Ii_I", {Value::i64(-1), Value::i32(64 + 60)});
  ASSERT_TRUE(v.ok());
  EXPECT_EQ(v->as_i64(), 15);
}

TEST(InterpreterOps, FloatMinMaxRoundRem) {
  EXPECT_EQ(f32_op(Opcode::ADD_F32, 1.5f, 2.25f), 3.75f);
  EXPECT_EQ(f32_op(Opcode::MIN_F32, 1.0f, 2.0f), 1.0f);
  EXPECT_EQ(f32_op(Opcode::MAX_F32, 1.0f, 2.0f), 2.0f);
  // min = rhs < lhs ? rhs : lhs; max = lhs < rhs ? rhs : lhs
  EXPECT_TRUE(std::isnan(f32_op(Opcode::MIN_F32, kNaN, 1.0f)));
  EXPECT_EQ(f32_op(Opcode::MIN_F32, 1.0f, kNaN), 1.0f);
  EXPECT_TRUE(std::isnan(f32_op(Opcode::MAX_F32, kNaN, 1.0f)));
  EXPECT_EQ(f32_op(Opcode::MAX_F32, 1.0f, kNaN), 1.0f);
  EXPECT_EQ(f32_un(Opcode::ROUND_F32, 2.5f), 3.0f);
  EXPECT_EQ(f32_un(Opcode::ROUND_F32, -2.5f), -3.0f);
  EXPECT_EQ(f32_un(Opcode::ROUND_F32_EVEN, 2.5f), 2.0f);
  EXPECT_EQ(f32_un(Opcode::ROUND_F32_EVEN, 3.5f), 4.0f);
  EXPECT_EQ(f32_op(Opcode::REM_F32, 5.0f, 3.0f), -1.0f); // IEEE remainder
  EXPECT_EQ(f64_op(Opcode::REM_F64, 5.0, 3.0), -1.0);
  EXPECT_EQ(f64_op(Opcode::MIN_F64, -0.5, 0.5), -0.5);
  EXPECT_EQ(f32_un(Opcode::NEG_F32, 1.0f), -1.0f);
  EXPECT_EQ(f32_un(Opcode::SQRT_F32, 16.0f), 4.0f);
  EXPECT_EQ(f32_un(Opcode::RSQRT_F32, 4.0f), 0.5f);
  auto fma = run_op(Opcode::FMA_F64, "0FFF_F", {Value::f64(2), Value::f64(3), Value::f64(1)});
  ASSERT_TRUE(fma.ok());
  EXPECT_EQ(fma->as_f64(), 7.0);
}

TEST(InterpreterOps, Casts) {
  auto cast = [](Opcode op, const char *sig, Value v) {
    auto r = run_op(op, sig, {v});
    EXPECT_TRUE(r.ok());
    return r.ok() ? *r : Value();
  };
  EXPECT_EQ(cast(Opcode::CAST_F32_SI32, "0f_i", Value::f32(2.5f)).as_i32(), 3);
  EXPECT_EQ(cast(Opcode::CAST_F32_SI32, "0f_i", Value::f32(-2.5f)).as_i32(), -3);
  EXPECT_EQ(cast(Opcode::CAST_F32_SI32, "0f_i", Value::f32(kNaN)).as_i32(), 0);
  EXPECT_EQ(cast(Opcode::CAST_F32_SI32, "0f_i", Value::f32(1e20f)).as_i32(), INT32_MAX);
  EXPECT_EQ(cast(Opcode::CAST_F32_SI32, "0f_i", Value::f32(-1e20f)).as_i32(), kMin32);
  EXPECT_EQ(cast(Opcode::CAST_F32_UI32, "0f_i", Value::f32(-5.0f)).as_i32(), 0);
  EXPECT_EQ(static_cast<uint32_t>(cast(Opcode::CAST_F32_UI32, "0f_i", Value::f32(1e20f)).as_i32()),
            UINT32_MAX);
  EXPECT_EQ(cast(Opcode::CAST_F64_SI64, "0F_I", Value::f64(1e300)).as_i64(), INT64_MAX);
  EXPECT_EQ(cast(Opcode::CAST_F64_UI64, "0F_I", Value::f64(-1.0)).as_i64(), 0);
  EXPECT_EQ(cast(Opcode::CAST_UI32_F32, "0i_f", Value::i32(-1)).as_f32(), 4294967296.0f);
  EXPECT_EQ(cast(Opcode::EXT_I8_I32_S, "0i_i", Value::i32(0xFF)).as_i32(), -1);
  EXPECT_EQ(cast(Opcode::EXT_I8_I32_U, "0i_i", Value::i32(-1)).as_i32(), 0xFF);
  EXPECT_EQ(cast(Opcode::EXT_I32_I64_U, "0i_I", Value::i32(-1)).as_i64(), 0xFFFFFFFFLL);
  EXPECT_EQ(cast(Opcode::EXT_I32_I64_S, "0i_I", Value::i32(-1)).as_i64(), -1);
  EXPECT_EQ(cast(Opcode::TRUNC_I64_I32, "0I_i", Value::i64(0x1234567890LL)).as_i32(), 0x34567890);
  EXPECT_EQ(cast(Opcode::TRUNC_I32_I8, "0i_i", Value::i32(0x1FF)).as_i32(), 0xFF);
  EXPECT_EQ(cast(Opcode::BITCAST_F32_I32, "0f_i", Value::f32(1.0f)).as_i32(), 0x3F800000);
}

TEST(InterpreterOps, Comparisons) {
  EXPECT_EQ(i32_op(Opcode::CMP_LT_I32_S, -1, 0), 1);
  EXPECT_EQ(i32_op(Opcode::CMP_LT_I32_U, -1, 0), 0);
  EXPECT_EQ(i32_op(Opcode::CMP_LTE_I32_S, 3, 3), 1);
  EXPECT_EQ(i32_op(Opcode::CMP_NE_I32, 3, 3), 0);
  auto cmpf = [](Opcode op, float a, float b) {
    auto r = run_op(op, "0ff_i", {Value::f32(a), Value::f32(b)});
    EXPECT_TRUE(r.ok());
    return r.ok() ? r->as_i32() : -1;
  };
  EXPECT_EQ(cmpf(Opcode::CMP_EQ_F32_O, kNaN, kNaN), 0);
  EXPECT_EQ(cmpf(Opcode::CMP_EQ_F32_U, kNaN, 1.0f), 1);
  EXPECT_EQ(cmpf(Opcode::CMP_NE_F32_O, kNaN, 1.0f), 0);
  EXPECT_EQ(cmpf(Opcode::CMP_NE_F32_U, kNaN, 1.0f), 1);
  EXPECT_EQ(cmpf(Opcode::CMP_LT_F32_U, kNaN, 1.0f), 1);
  EXPECT_EQ(cmpf(Opcode::CMP_LT_F32_O, kNaN, 1.0f), 0);
  EXPECT_EQ(cmpf(Opcode::CMP_EQ_F32_NEAR, 2.0f, 2.0f), 1);
  EXPECT_EQ(cmpf(Opcode::CMP_EQ_F32_NEAR, -2.0f, 2.0f), 0);
  EXPECT_EQ(cmpf(Opcode::CMP_EQ_F32_NEAR, 0.0f, -0.0f), 1);
  EXPECT_EQ(cmpf(Opcode::CMP_EQ_F32_NEAR, 1.0f, std::nextafter(1.0f, 2.0f)), 1);
  EXPECT_EQ(cmpf(Opcode::CMP_EQ_F32_NEAR, 1.0f, 1.001f), 0);
  auto nan = run_op(Opcode::CMP_NAN_F32, "0f_i", {Value::f32(kNaN)});
  ASSERT_TRUE(nan.ok());
  EXPECT_EQ(nan->as_i32(), 1);
}

// f(x) = 1 when `x <op> imm` (the branch is taken), else 0.
int32_t branch_imm(Opcode op, int32_t x, int32_t imm) {
  ModuleBuilder mb;
  FunctionBuilder f;
  Label taken = f.label();
  f.emit(Opcode::CONST_I32, {1, 1});
  f.emit(op, {0, imm, taken});
  f.emit(Opcode::CONST_I32, {1, 0});
  f.bind(taken);
  f.emit(Opcode::RETURN, {L({1})});
  mb.add_export("f", mb.add_function("f", "0i_i", 2, 0, f));
  Harness h;
  Status s = h.add(mb);
  EXPECT_TRUE(s.ok()) << s.to_string();
  ValueList results;
  s = h.call("f", {Value::i32(x)}, &results);
  EXPECT_TRUE(s.ok()) << s.to_string();
  return s.ok() ? results[0].as_i32() : -1;
}

TEST(InterpreterOps, CompareImmediateBranches) {
  EXPECT_EQ(branch_imm(Opcode::BR_IF_EQ_I32_IMM, 7, 7), 1);
  EXPECT_EQ(branch_imm(Opcode::BR_IF_EQ_I32_IMM, -7, 7), 0);
  EXPECT_EQ(branch_imm(Opcode::BR_IF_NE_I32_IMM, -7, 7), 1);
  EXPECT_EQ(branch_imm(Opcode::BR_IF_NE_I32_IMM, 7, 7), 0);
  // Signed: -1 < 2; unsigned: 0xFFFFFFFF > 2.
  EXPECT_EQ(branch_imm(Opcode::BR_IF_LT_I32_S_IMM, -1, 2), 1);
  EXPECT_EQ(branch_imm(Opcode::BR_IF_LT_I32_S_IMM, 2, 2), 0);
  EXPECT_EQ(branch_imm(Opcode::BR_IF_LTE_I32_S_IMM, 2, 2), 1);
  EXPECT_EQ(branch_imm(Opcode::BR_IF_LTE_I32_S_IMM, 3, 2), 0);
  EXPECT_EQ(branch_imm(Opcode::BR_IF_GT_I32_S_IMM, 3, 2), 1);
  EXPECT_EQ(branch_imm(Opcode::BR_IF_GT_I32_S_IMM, -1, 2), 0);
  EXPECT_EQ(branch_imm(Opcode::BR_IF_GTE_I32_S_IMM, 2, 2), 1);
  EXPECT_EQ(branch_imm(Opcode::BR_IF_GTE_I32_S_IMM, INT32_MIN, -5), 0);
  EXPECT_EQ(branch_imm(Opcode::BR_IF_LT_I32_U_IMM, -1, 2), 0);
  EXPECT_EQ(branch_imm(Opcode::BR_IF_LT_I32_U_IMM, 1, 2), 1);
  EXPECT_EQ(branch_imm(Opcode::BR_IF_LTE_I32_U_IMM, 2, 2), 1);
  EXPECT_EQ(branch_imm(Opcode::BR_IF_LTE_I32_U_IMM, -1, -2), 0);
  EXPECT_EQ(branch_imm(Opcode::BR_IF_GT_I32_U_IMM, -1, 2), 1);
  EXPECT_EQ(branch_imm(Opcode::BR_IF_GT_I32_U_IMM, 2, 2), 0);
  EXPECT_EQ(branch_imm(Opcode::BR_IF_GTE_I32_U_IMM, 0, -1), 0);
  EXPECT_EQ(branch_imm(Opcode::BR_IF_GTE_I32_U_IMM, -1, -1), 1);
}

// Counts the iterations of `do { x += step; } while (x < bound)` with the
// fused ADD_BR_IF_LT_* latch; returns {iterations, final x}.
std::pair<int64_t, int64_t> count_latch(Opcode op, bool is64, int64_t x, int64_t step,
                                        int64_t bound) {
  ModuleBuilder mb;
  FunctionBuilder f;
  Label loop = f.label();
  const std::string sig = is64 ? "0II_II" : "0ii_ii";
  f.emit(is64 ? Opcode::CONST_I64 : Opcode::CONST_I32,
         {2, is64 ? testing::Operand(int64_t{0}) : testing::Operand(0)});
  f.bind(loop);
  f.emit(is64 ? Opcode::ADD_I64_IMM : Opcode::ADD_I32_IMM,
         {2, 2, is64 ? testing::Operand(int64_t{1}) : testing::Operand(1)});
  f.emit(op, {0, 0, is64 ? testing::Operand(step) : testing::Operand(static_cast<int32_t>(step)), 1,
              loop});
  f.emit(Opcode::RETURN, {L({2, 0})});
  mb.add_export("f", mb.add_function("f", sig, 3, 0, f));
  Harness h;
  Status s = h.add(mb);
  EXPECT_TRUE(s.ok()) << s.to_string();
  ValueList results;
  ValueList args = is64 ? ValueList{Value::i64(x), Value::i64(bound)}
                        : ValueList{Value::i32(static_cast<int32_t>(x)),
                                    Value::i32(static_cast<int32_t>(bound))};
  s = h.call("f", args, &results);
  EXPECT_TRUE(s.ok()) << s.to_string();
  if (!s.ok())
    return {-1, -1};
  if (is64)
    return {results[0].as_i64(), results[1].as_i64()};
  return {results[0].as_i32(), results[1].as_i32()};
}

TEST(InterpreterOps, AddAndBranchLatch) {
  using P = std::pair<int64_t, int64_t>;
  EXPECT_EQ(count_latch(Opcode::ADD_BR_IF_LT_I32_S, false, 0, 1, 10), P(10, 10));
  EXPECT_EQ(count_latch(Opcode::ADD_BR_IF_LT_I32_S, false, -5, 2, 0), P(3, 1));
  // Unsigned: -1 is the largest value, so the first test fails.
  EXPECT_EQ(count_latch(Opcode::ADD_BR_IF_LT_I32_U, false, -3, 1, 5), P(1, -2));
  EXPECT_EQ(count_latch(Opcode::ADD_BR_IF_LT_I32_U, false, 0, 3, 7), P(3, 9));
  // The add wraps like ADD_I32_IMM.
  EXPECT_EQ(count_latch(Opcode::ADD_BR_IF_LT_I32_S, false, INT32_MAX, 1, INT32_MIN + 2),
            P(3, INT32_MIN + 2));
  EXPECT_EQ(count_latch(Opcode::ADD_BR_IF_LT_I64_S, true, 0, 1, 4096), P(4096, 4096));
  EXPECT_EQ(count_latch(Opcode::ADD_BR_IF_LT_I64_S, true, -10, 5, -1), P(2, 0));
  EXPECT_EQ(count_latch(Opcode::ADD_BR_IF_LT_I64_U, true, 0, 1, 3), P(3, 3));
  EXPECT_EQ(count_latch(Opcode::ADD_BR_IF_LT_I64_U, true, -4, 1, 3), P(1, -3));
}

// ---- Control flow and calls ---------------------------------------------

ModuleBuilder loop_sum_module() {
  ModuleBuilder mb;
  FunctionBuilder f;
  Label loop = f.label(), done = f.label();
  f.emit(Opcode::CONST_I32, {1, 0});
  f.emit(Opcode::CONST_I32, {2, 0});
  f.emit(Opcode::BR_IF_LTE_I32_S, {0, 1, done});
  f.bind(loop);
  f.emit(Opcode::ADD_I32, {2, 2, 1});
  f.emit(Opcode::ADD_I32_IMM, {1, 1, 1});
  f.emit(Opcode::BR_IF_LT_I32_S, {1, 0, loop});
  f.bind(done);
  f.emit(Opcode::RETURN, {L({2})});
  mb.add_export("loop_sum", mb.add_function("loop_sum", "0i_i", 3, 0, f));
  return mb;
}

TEST(Interpreter, LoopSum) {
  Harness h;
  ASSERT_TRUE(h.add(loop_sum_module()).ok());
  ValueList results;
  ASSERT_TRUE(h.call("loop_sum", {Value::i32(100)}, &results).ok());
  EXPECT_EQ(results[0].as_i32(), 4950);
  ASSERT_TRUE(h.call("loop_sum", {Value::i32(0)}, &results).ok());
  EXPECT_EQ(results[0].as_i32(), 0);
}

ModuleBuilder fib_module() {
  ModuleBuilder mb;
  FunctionBuilder f;
  Label base = f.label();
  f.emit(Opcode::CONST_I32, {1, 2});
  f.emit(Opcode::BR_IF_LT_I32_S, {0, 1, base});
  f.emit(Opcode::ADD_I32_IMM, {2, 0, -1});
  f.emit(Opcode::CALL, {0, L({2}), L({3})});
  f.emit(Opcode::ADD_I32_IMM, {2, 0, -2});
  f.emit(Opcode::CALL, {0, L({2}), L({4})});
  f.emit(Opcode::ADD_I32, {5, 3, 4});
  f.emit(Opcode::RETURN, {L({5})});
  f.bind(base);
  f.emit(Opcode::RETURN, {L({0})});
  mb.add_export("fib", mb.add_function("fib", "0i_i", 6, 0, f));
  return mb;
}

TEST(Interpreter, RecursiveFib) {
  Harness h;
  ASSERT_TRUE(h.add(fib_module()).ok());
  ValueList results;
  Status s = h.call("fib", {Value::i32(20)}, &results);
  ASSERT_TRUE(s.ok()) << s.to_string();
  EXPECT_EQ(results[0].as_i32(), 6765);
}

// The verifier lets frame push skip zeroing scalar registers only when no
// read can precede a write; a function that may read an unwritten register
// must still see zero, even in storage a previous frame left dirty.
TEST(Interpreter, UnwrittenScalarRegistersReadAsZero) {
  ModuleBuilder mb;
  FunctionBuilder dirty; // fills registers 1..5 with garbage
  for (uint64_t k = 1; k < 6; ++k)
    dirty.emit(Opcode::CONST_I32, {k, 1000 + k});
  dirty.emit(Opcode::RETURN, {L({0})});
  int32_t d = mb.add_function("dirty", "0i_i", 6, 0, dirty);
  FunctionBuilder maybe; // r1 is written only when the argument is zero
  Label join = maybe.label();
  maybe.emit(Opcode::BR_IF_NZ, {0, join});
  maybe.emit(Opcode::CONST_I32, {1, 7});
  maybe.bind(join);
  maybe.emit(Opcode::ADD_I32, {2, 1, 0});
  maybe.emit(Opcode::RETURN, {L({2})});
  int32_t m = mb.add_function("maybe", "0i_i", 6, 0, maybe);
  FunctionBuilder both;
  both.emit(Opcode::CALL, {static_cast<uint64_t>(d), L({0}), L({1})});
  both.emit(Opcode::CALL, {static_cast<uint64_t>(m), L({0}), L({2})});
  both.emit(Opcode::RETURN, {L({2})});
  mb.add_export("both", mb.add_function("both", "0i_i", 3, 0, both));
  Harness h;
  ASSERT_TRUE(h.add(mb).ok());
  ValueList results;
  ASSERT_TRUE(h.call("both", {Value::i32(5)}, &results).ok());
  EXPECT_EQ(results[0].as_i32(), 5);
  ASSERT_TRUE(h.call("both", {Value::i32(0)}, &results).ok());
  EXPECT_EQ(results[0].as_i32(), 7);
}

std::string read_all(std::FILE *f) {
  std::fflush(f);
  std::rewind(f);
  std::string out;
  char buf[512];
  size_t n;
  while ((n = std::fread(buf, 1, sizeof(buf), f)) > 0)
    out.append(buf, n);
  return out;
}

TEST(Interpreter, TraceListsEveryInstructionInOrder) {
  std::FILE *trace = std::tmpfile();
  ASSERT_NE(trace, nullptr);
  ModuleBuilder mb("t");
  FunctionBuilder f;
  Label after = f.label();
  f.emit(Opcode::ADD_I32_IMM, {1, 0, 1});
  f.emit(Opcode::YIELD, {after});
  f.bind(after);
  f.emit(Opcode::RETURN, {L({1})});
  int fn = mb.add_function("step", "0i_i", 2, 0, f);
  mb.add_location(fn, 0, "t.mlir", 2, 4);
  mb.add_export("step", fn);
  std::vector<uint8_t> file = mb.build();
  vm::Instance instance;
  ModuleOptions options;
  options.trace = true;
  options.trace_file = trace;
  auto module = load_module(instance, file.data(), file.size(), vm::Ref(), options);
  ASSERT_TRUE(module.ok()) << module.status().to_string();
  {
    vm::Context context(instance);
    ASSERT_TRUE(context.register_module(*module).ok());
    ValueList results;
    auto step = context.lookup_function("t.step").value();
    // invoke() resumes across the yield; the trace continues after it.
    Status s = vm::invoke(context, step, {Value::i32(41)}, &results);
    ASSERT_TRUE(s.ok()) << s.to_string();
    EXPECT_EQ(results[0].as_i32(), 42);
  }
  EXPECT_EQ(read_all(trace), "[trace] t.step 0000: ADD_I32_IMM s1, s0, 1  ; t.mlir:2:4\n"
                             "[trace] t.step 000a: YIELD ^0010  ; t.mlir:2:4\n"
                             "[trace] t.step 0010: RETURN (s1)  ; t.mlir:2:4\n");
  std::fclose(trace);
  // The same bytes loaded without the option run untraced (nothing to
  // observe but the result; the dispatch loop is the untraced copy).
  auto plain = load_module(instance, file.data(), file.size(), vm::Ref());
  ASSERT_TRUE(plain.ok());
}

TEST(Interpreter, BranchTableSelectSwitch) {
  ModuleBuilder mb;
  FunctionBuilder f;
  Label a = f.label(), b = f.label(), d = f.label();
  f.emit(Opcode::BR_TABLE, {0, d, LT({a, b})});
  f.bind(a);
  f.emit(Opcode::CONST_I32, {1, 100});
  f.emit(Opcode::RETURN, {L({1})});
  f.bind(b);
  f.emit(Opcode::CONST_I32, {1, 200});
  f.emit(Opcode::CONST_I32, {2, 7});
  f.emit(Opcode::CONST_I32, {3, 8});
  f.emit(Opcode::SWITCH, {1, 0, 1, L({2, 3})}); // index 1 -> s3
  f.emit(Opcode::RETURN, {L({1})});
  f.bind(d);
  f.emit(Opcode::CONST_I32, {1, -1});
  f.emit(Opcode::CONST_I32, {2, 5});
  f.emit(Opcode::SELECT, {1, 0, 2, 1});
  f.emit(Opcode::RETURN, {L({1})});
  mb.add_export("f", mb.add_function("f", "0i_i", 4, 0, f));
  Harness h;
  ASSERT_TRUE(h.add(mb).ok());
  ValueList r;
  ASSERT_TRUE(h.call("f", {Value::i32(0)}, &r).ok());
  EXPECT_EQ(r[0].as_i32(), 100);
  ASSERT_TRUE(h.call("f", {Value::i32(1)}, &r).ok());
  EXPECT_EQ(r[0].as_i32(), 8);
  ASSERT_TRUE(h.call("f", {Value::i32(7)}, &r).ok());
  EXPECT_EQ(r[0].as_i32(), 5);
  ASSERT_TRUE(h.call("f", {Value::i32(-1)}, &r).ok());
  EXPECT_EQ(r[0].as_i32(), 5);
}

TEST(Interpreter, DeepRecursionIsStackOverflow) {
  ModuleBuilder mb;
  FunctionBuilder f;
  f.emit(Opcode::CALL, {0, L({0}), L({1})});
  f.emit(Opcode::RETURN, {L({1})});
  mb.add_export("down", mb.add_function("down", "0i_i", 2, 0, f));
  Harness h;
  ASSERT_TRUE(h.add(mb).ok());
  ValueList r;
  Status s = h.call("down", {Value::i32(1)}, &r);
  ASSERT_EQ(s.code(), StatusCode::kResourceExhausted) << s.to_string();
  EXPECT_NE(s.message().find("stack overflow"), std::string::npos);
  ASSERT_FALSE(s.trace().empty());
  EXPECT_EQ(s.trace()[0].function, "down");
  // The context's stack is usable again.
  ModuleBuilder ok = fib_module();
  Harness h2;
  ASSERT_TRUE(h2.add(ok).ok());
  ASSERT_TRUE(h2.call("fib", {Value::i32(10)}, &r).ok());
  EXPECT_EQ(r[0].as_i32(), 55);
}

TEST(Interpreter, FailCarriesMessageTraceAndLocation) {
  ModuleBuilder mb;
  int msg = mb.add_string("it broke");
  FunctionBuilder inner;
  inner.emit(Opcode::CONST_I32, {0, 9}); // FAILED_PRECONDITION
  uint32_t fail_pc = inner.pc();
  inner.emit(Opcode::FAIL, {0, msg});
  int fi = mb.add_function("inner", "0_", 1, 0, inner);
  FunctionBuilder outer;
  outer.emit(Opcode::CONST_I32, {0, 1});
  uint32_t call_pc = outer.pc();
  outer.emit(Opcode::CALL, {fi, L({}), L({})});
  outer.emit(Opcode::RETURN, {L({})});
  int fo = mb.add_function("outer", "0_", 1, 0, outer);
  mb.add_export("outer", fo);
  mb.add_location(fi, 0, "model.mlir", 3, 5);
  mb.add_location(fi, fail_pc, "model.mlir", 4, 7);
  mb.add_location(fo, call_pc, "model.mlir", 10, 3);
  Harness h;
  ASSERT_TRUE(h.add(mb).ok());
  ValueList r;
  Status s = h.call("outer", {}, &r);
  ASSERT_EQ(s.code(), StatusCode::kFailedPrecondition);
  EXPECT_EQ(s.message(), "it broke");
  ASSERT_EQ(s.trace().size(), 2u);
  EXPECT_EQ(s.trace()[0].function, "inner");
  EXPECT_EQ(s.trace()[0].pc, static_cast<int64_t>(fail_pc));
  EXPECT_EQ(s.trace()[0].location, "model.mlir:4:7");
  EXPECT_EQ(s.trace()[1].function, "outer");
  EXPECT_EQ(s.trace()[1].location, "model.mlir:10:3");
  std::string text = s.to_string_with_trace();
  EXPECT_NE(text.find("test.inner @8 (model.mlir:4:7)"), std::string::npos) << text;
}

// Internal calls complete their frames lazily (interpreter.cpp,
// complete_frames): a frame slot used by one callee and then by another
// must still trace as the second, with the right pcs, and the stack must
// be consistent for an import that suspends from a nested frame.
TEST(Interpreter, TraceAfterFrameSlotReuse) {
  ModuleBuilder mb;
  int msg = mb.add_string("deep");
  FunctionBuilder leaf; // a big frame, returns
  leaf.emit(Opcode::CONST_I32, {7, 1});
  leaf.emit(Opcode::RETURN, {L({})});
  int fl = mb.add_function("leaf", "0_", 8, 0, leaf);
  FunctionBuilder c;
  c.emit(Opcode::CONST_I32, {0, 9});
  uint32_t fail_pc = c.pc();
  c.emit(Opcode::FAIL, {0, msg});
  int fc = mb.add_function("c", "0_", 1, 0, c);
  FunctionBuilder b;
  uint32_t b_call_pc = b.pc();
  b.emit(Opcode::CALL, {fc, L({}), L({})});
  b.emit(Opcode::RETURN, {L({})});
  int fb = mb.add_function("b", "0_", 1, 0, b);
  FunctionBuilder outer;
  outer.emit(Opcode::CALL, {fl, L({}), L({})});
  outer.emit(Opcode::CALL, {fl, L({}), L({})});
  uint32_t outer_call_pc = outer.pc();
  outer.emit(Opcode::CALL, {fb, L({}), L({})});
  outer.emit(Opcode::RETURN, {L({})});
  mb.add_export("outer", mb.add_function("outer", "0_", 1, 0, outer));
  Harness h;
  ASSERT_TRUE(h.add(mb).ok());
  for (int round = 0; round < 2; ++round) {
    ValueList r;
    Status s = h.call("outer", {}, &r);
    ASSERT_EQ(s.code(), StatusCode::kFailedPrecondition) << s.to_string();
    ASSERT_EQ(s.trace().size(), 3u) << s.to_string_with_trace();
    EXPECT_EQ(s.trace()[0].function, "c");
    EXPECT_EQ(s.trace()[0].pc, static_cast<int64_t>(fail_pc));
    EXPECT_EQ(s.trace()[1].function, "b");
    EXPECT_EQ(s.trace()[1].pc, static_cast<int64_t>(b_call_pc));
    EXPECT_EQ(s.trace()[2].function, "outer");
    EXPECT_EQ(s.trace()[2].pc, static_cast<int64_t>(outer_call_pc));
  }
}

vm::StatusOr<int32_t> resume_add(vm::NativeCall &, uint64_t token);

TEST(Interpreter, ImportSuspendsFromNestedFrame) {
  auto native = vm::NativeModule::create("native");
  native->export_function("slow", [](vm::NativeCall &call, int32_t x) -> vm::StatusOr<int32_t> {
    return call.defer(&resume_add, static_cast<uint64_t>(x));
  });
  ModuleBuilder mb;
  int slow = mb.add_import("native.slow", "0i_i");
  FunctionBuilder big; // pushed and popped first: its slot is reused by mid
  big.emit(Opcode::ADD_I32_IMM, {15, 0, 1});
  big.emit(Opcode::RETURN, {L({15})});
  int fbig = mb.add_function("big", "0i_i", 16, 0, big);
  FunctionBuilder mid;
  mid.emit(Opcode::CALL_IMPORT, {slow, L({0}), L({1})});
  mid.emit(Opcode::ADD_I32_IMM, {1, 1, 1000});
  mid.emit(Opcode::RETURN, {L({1})});
  int fmid = mb.add_function("mid", "0i_i", 2, 0, mid);
  FunctionBuilder f;
  f.emit(Opcode::CALL, {fbig, L({0}), L({1})});
  f.emit(Opcode::CALL, {fmid, L({1}), L({2})});
  f.emit(Opcode::RETURN, {L({2})});
  mb.add_export("f", mb.add_function("f", "0i_i", 3, 0, f));
  Harness h;
  ASSERT_TRUE(h.add(native.as_ref()).ok());
  ASSERT_TRUE(h.add(mb).ok());
  vm::Invocation inv(h.context());
  ValueList r;
  Status s = vm::begin_invoke(inv, h.context().lookup_function("f").value(), {Value::i32(1)}, &r);
  ASSERT_TRUE(s.is_deferred()) << s.to_string();
  ASSERT_EQ(inv.stack().depth(), 3); // f, mid, the native frame
  EXPECT_EQ(
      inv.stack().frame_at(1)->function.module->function_name(inv.stack().frame_at(1)->function),
      "mid");
  EXPECT_EQ(inv.stack().frame_at(1)->storage,
            inv.stack().frame_at(0)->storage +
                ((inv.stack().frame_at(0)->storage_size + 15) & ~size_t(15)));
  s = vm::resume_invoke(inv, &r);
  ASSERT_TRUE(s.ok()) << s.to_string();
  EXPECT_EQ(r[0].as_i32(), 1 + 1 + 100 + 1000);
  EXPECT_EQ(inv.stack().depth(), 0);
  EXPECT_EQ(inv.stack().storage_used(), 0u);
}

TEST(Interpreter, CondFail) {
  ModuleBuilder mb;
  int msg = mb.add_string("cond");
  FunctionBuilder f;
  f.emit(Opcode::CONST_I32, {1, 11});
  f.emit(Opcode::COND_FAIL, {0, 1, msg});
  f.emit(Opcode::RETURN, {L({0})});
  mb.add_export("f", mb.add_function("f", "0i_i", 2, 0, f));
  Harness h;
  ASSERT_TRUE(h.add(mb).ok());
  ValueList r;
  ASSERT_TRUE(h.call("f", {Value::i32(0)}, &r).ok());
  Status s = h.call("f", {Value::i32(1)}, &r);
  EXPECT_EQ(s.code(), StatusCode::kOutOfRange);
  EXPECT_EQ(s.message(), "cond");
}

// ---- Globals, initializer, rodata -----------------------------------------

TEST(Interpreter, GlobalsAndInitializer) {
  ModuleBuilder mb;
  mb.global_bytes = 16;
  FunctionBuilder init;
  init.emit(Opcode::CONST_I32, {0, 40});
  init.emit(Opcode::GLOBAL_STORE_I32, {4, 0});
  init.emit(Opcode::RETURN, {L({})});
  mb.init_function = mb.add_function("__init", "0v_v", 1, 0, init);
  FunctionBuilder f;
  f.emit(Opcode::GLOBAL_LOAD_I32, {1, 4});
  f.emit(Opcode::ADD_I32, {1, 1, 0});
  f.emit(Opcode::GLOBAL_STORE_I32, {4, 1});
  f.emit(Opcode::CONST_I32, {2, 8});
  f.emit(Opcode::GLOBAL_STORE_INDIRECT_I64, {2, 0}); // i64 slot at 8 gets low bits of s0
  f.emit(Opcode::RETURN, {L({1})});
  mb.add_export("bump", mb.add_function("bump", "0i_i", 3, 0, f));
  FunctionBuilder bad;
  bad.emit(Opcode::GLOBAL_LOAD_INDIRECT_I32, {1, 0});
  bad.emit(Opcode::RETURN, {L({1})});
  mb.add_export("peek", mb.add_function("peek", "0i_i", 2, 0, bad));
  Harness h;
  ASSERT_TRUE(h.add(mb).ok());
  ValueList r;
  ASSERT_TRUE(h.call("bump", {Value::i32(1)}, &r).ok());
  EXPECT_EQ(r[0].as_i32(), 41);
  ASSERT_TRUE(h.call("bump", {Value::i32(1)}, &r).ok());
  EXPECT_EQ(r[0].as_i32(), 42);
  ASSERT_TRUE(h.call("peek", {Value::i32(4)}, &r).ok());
  EXPECT_EQ(r[0].as_i32(), 42);
  Status s = h.call("peek", {Value::i32(13)}, &r);
  EXPECT_EQ(s.code(), StatusCode::kOutOfRange);
  EXPECT_EQ(h.call("peek", {Value::i32(-4)}, &r).code(), StatusCode::kOutOfRange);
}

TEST(Interpreter, RodataIsServedInPlaceAndReadOnly) {
  ModuleBuilder mb;
  std::vector<uint8_t> bytes = {1, 0, 0, 0, 2, 0, 0, 0, 3, 0, 0, 0};
  int small = mb.add_rodata(bytes);
  std::vector<uint8_t> big(4096);
  for (size_t i = 0; i < big.size(); ++i)
    big[i] = static_cast<uint8_t>(i);
  int large = mb.add_rodata(big, /*external=*/true);
  FunctionBuilder f;
  f.emit(Opcode::CONST_REF_RODATA, {0, small});
  f.emit(Opcode::BUFFER_LOAD_I32, {1, 0, 0}); // index in s0 (i64)
  f.emit(Opcode::CONST_REF_RODATA, {1, large});
  f.emit(Opcode::CONST_I64, {2, int64_t{300}});
  f.emit(Opcode::BUFFER_LOAD_I8_U, {3, 1, 2});
  f.emit(Opcode::ADD_I32, {1, 1, 3});
  f.emit(Opcode::RETURN, {L({1})});
  mb.add_export("f", mb.add_function("f", "0I_i", 4, 2, f));
  FunctionBuilder w;
  w.emit(Opcode::CONST_REF_RODATA, {0, small});
  w.emit(Opcode::CONST_I64, {0, int64_t{0}});
  w.emit(Opcode::CONST_I32, {1, 7});
  w.emit(Opcode::BUFFER_STORE_I32, {0, 0, 1});
  w.emit(Opcode::RETURN, {L({})});
  mb.add_export("write", mb.add_function("write", "0_", 2, 1, w));
  Harness h;
  ASSERT_TRUE(h.add(mb).ok());
  ValueList r;
  ASSERT_TRUE(h.call("f", {Value::i64(2)}, &r).ok());
  EXPECT_EQ(r[0].as_i32(), 3 + (300 & 0xFF));
  EXPECT_EQ(h.call("f", {Value::i64(3)}, &r).code(), StatusCode::kOutOfRange);
  EXPECT_EQ(h.call("write", {}, &r).code(), StatusCode::kPermissionDenied);
}

// ---- Refs ------------------------------------------------------------------

TEST(Interpreter, BuffersAndFaults) {
  ModuleBuilder mb;
  FunctionBuilder f;
  // f(len i64, index i64, value i32) -> i32 : alloc, store, load, length
  f.emit(Opcode::CONST_I32, {3, 0});
  f.emit(Opcode::BUFFER_ALLOC, {0, 0, 3});
  f.emit(Opcode::BUFFER_STORE_I32, {0, 1, 2});
  f.emit(Opcode::BUFFER_LOAD_I32, {4, 0, 1});
  f.emit(Opcode::BUFFER_LENGTH, {5, MOVE(0)});
  f.emit(Opcode::TRUNC_I64_I32, {5, 5});
  f.emit(Opcode::ADD_I32, {4, 4, 5});
  f.emit(Opcode::RETURN, {L({4})});
  mb.add_export("f", mb.add_function("f", "0IIi_i", 6, 1, f));
  FunctionBuilder n;
  n.emit(Opcode::CONST_I64, {0, int64_t{0}});
  n.emit(Opcode::BUFFER_LOAD_I32, {1, 0, 0});
  n.emit(Opcode::RETURN, {L({1})});
  mb.add_export("null", mb.add_function("null", "0_i", 2, 1, n));
  FunctionBuilder c; // copy / compare / fill / hash
  c.emit(Opcode::CONST_I32, {9, 0});
  c.emit(Opcode::CONST_I64, {0, int64_t{16}});
  c.emit(Opcode::BUFFER_ALLOC, {0, 0, 9});
  c.emit(Opcode::BUFFER_ALLOC, {1, 0, 9});
  c.emit(Opcode::CONST_I64, {1, int64_t{0}});
  c.emit(Opcode::CONST_I64, {2, int64_t{4}});
  c.emit(Opcode::CONST_I32, {3, 0x01020304});
  c.emit(Opcode::BUFFER_FILL_I32, {0, 1, 2, 3});      // 4 x i32
  c.emit(Opcode::BUFFER_COPY, {0, 1, 1, 1, 0});       // copy 16 bytes
  c.emit(Opcode::BUFFER_COMPARE, {4, 0, 1, 1, 1, 0}); // equal -> 1
  c.emit(Opcode::BUFFER_HASH, {5, 0, 1, 0});
  c.emit(Opcode::BUFFER_HASH, {6, 1, 1, 0});
  c.emit(Opcode::CMP_EQ_I64, {7, 5, 6});
  c.emit(Opcode::AND_I32, {4, 4, 7});
  c.emit(Opcode::RETURN, {L({4})});
  mb.add_export("copy", mb.add_function("copy", "0_i", 10, 2, c));
  Harness h;
  ASSERT_TRUE(h.add(mb).ok());
  ValueList r;
  Status s = h.call("f", {Value::i64(16), Value::i64(3), Value::i32(7)}, &r);
  ASSERT_TRUE(s.ok()) << s.to_string();
  EXPECT_EQ(r[0].as_i32(), 7 + 16);
  s = h.call("f", {Value::i64(16), Value::i64(4), Value::i32(7)}, &r);
  EXPECT_EQ(s.code(), StatusCode::kOutOfRange);
  EXPECT_EQ(h.call("f", {Value::i64(16), Value::i64(-1), Value::i32(7)}, &r).code(),
            StatusCode::kOutOfRange);
  EXPECT_EQ(h.call("f", {Value::i64(-1), Value::i64(0), Value::i32(7)}, &r).code(),
            StatusCode::kOutOfRange);
  s = h.call("null", {}, &r);
  EXPECT_EQ(s.code(), StatusCode::kInvalidArgument);
  EXPECT_NE(s.message().find("null"), std::string::npos);
  s = h.call("copy", {}, &r);
  ASSERT_TRUE(s.ok()) << s.to_string();
  EXPECT_EQ(r[0].as_i32(), 1);
}

// BUFFER_LOAD_ADD_I32 dst, acc, buffer, index: dst = acc + buffer[index],
// wrapping, with BUFFER_LOAD_I32's faults; the move bit releases the buffer.
TEST(Interpreter, BufferLoadAdd) {
  ModuleBuilder mb;
  FunctionBuilder f;
  // f(len i64, index i64, acc i32) -> i32: buffer[k] = k * 0x40000000 for
  // k < 4, then acc + buffer[index] (acc read before dst is written: dst ==
  // acc).
  f.emit(Opcode::CONST_I32, {3, 0});
  f.emit(Opcode::BUFFER_ALLOC, {0, 0, 3});
  f.emit(Opcode::CONST_I64, {4, int64_t{1}});
  f.emit(Opcode::CONST_I32, {5, 0x40000000});
  f.emit(Opcode::BUFFER_STORE_I32, {0, 4, 5});
  f.emit(Opcode::CONST_I64, {4, int64_t{3}});
  f.emit(Opcode::CONST_I32, {5, -0x40000000});
  f.emit(Opcode::BUFFER_STORE_I32, {0, 4, 5});
  f.emit(Opcode::BUFFER_LOAD_ADD_I32, {2, 2, MOVE(0), 1});
  f.emit(Opcode::RETURN, {L({2})});
  mb.add_export("f", mb.add_function("f", "0IIi_i", 6, 1, f));
  FunctionBuilder n; // null buffer
  n.emit(Opcode::CONST_I64, {0, int64_t{0}});
  n.emit(Opcode::BUFFER_LOAD_ADD_I32, {1, 1, 0, 0});
  n.emit(Opcode::RETURN, {L({1})});
  mb.add_export("null", mb.add_function("null", "0i_i", 2, 1, n));
  Harness h;
  ASSERT_TRUE(h.add(mb).ok());
  ValueList r;
  Status s = h.call("f", {Value::i64(16), Value::i64(1), Value::i32(0x40000000)}, &r);
  ASSERT_TRUE(s.ok()) << s.to_string();
  EXPECT_EQ(r[0].as_i32(), std::numeric_limits<int32_t>::min()); // wraps
  ASSERT_TRUE(h.call("f", {Value::i64(16), Value::i64(3), Value::i32(5)}, &r).ok());
  EXPECT_EQ(r[0].as_i32(), 5 - 0x40000000);
  ASSERT_TRUE(h.call("f", {Value::i64(16), Value::i64(0), Value::i32(-9)}, &r).ok());
  EXPECT_EQ(r[0].as_i32(), -9);
  EXPECT_EQ(h.call("f", {Value::i64(16), Value::i64(4), Value::i32(0)}, &r).code(),
            StatusCode::kOutOfRange);
  EXPECT_EQ(h.call("f", {Value::i64(16), Value::i64(-1), Value::i32(0)}, &r).code(),
            StatusCode::kOutOfRange);
  s = h.call("null", {Value::i32(1)}, &r);
  EXPECT_EQ(s.code(), StatusCode::kInvalidArgument);
  EXPECT_NE(s.message().find("null"), std::string::npos);
}

TEST(Interpreter, RefOwnershipNoLeaks) {
  ModuleBuilder mb;
  mb.global_refs = 1;
  int buf = mb.add_type("!vm.buffer");
  // callee(r0) -> r : returns its argument (moved)
  FunctionBuilder callee;
  callee.emit(Opcode::RETURN, {L({MOVE(0)})});
  int fc = mb.add_function("callee", "0r_r", 0, 1, callee);
  // f(r0) -> r : copies around, stores in a global, calls, returns
  FunctionBuilder f;
  f.emit(Opcode::MOV_REF, {1, 0});                // r1 = r0 (retain)
  f.emit(Opcode::GLOBAL_STORE_REF, {0, MOVE(1)}); // global = r1 (move)
  f.emit(Opcode::GLOBAL_LOAD_REF, {2, 0, buf});   // r2 = global (retain)
  f.emit(Opcode::CALL, {fc, L({MOVE(2)}), L({3})});
  f.emit(Opcode::CAST_REF_ANY, {4, 3});
  f.emit(Opcode::CAST_ANY_REF, {4, MOVE(4), buf});
  f.emit(Opcode::CMP_EQ_REF, {0, 4, 0});
  f.emit(Opcode::SELECT_REF, {5, 0, 4, 3});
  f.emit(Opcode::DISCARD_REFS, {L({3, 4})});
  f.emit(Opcode::RETURN, {L({MOVE(5)})});
  mb.add_export("f", mb.add_function("f", "0r_r", 1, 6, f));
  FunctionBuilder clear;
  clear.emit(Opcode::CONST_REF_ZERO, {0});
  clear.emit(Opcode::GLOBAL_STORE_REF, {0, MOVE(0)});
  clear.emit(Opcode::RETURN, {L({})});
  mb.add_export("clear", mb.add_function("clear", "0_", 0, 1, clear));
  vm::Ref buffer = vm::Buffer::allocate(8).value().as_ref();
  {
    Harness h;
    ASSERT_TRUE(h.add(mb).ok());
    ValueList r;
    Status s = h.call("f", {Value::ref(buffer)}, &r);
    ASSERT_TRUE(s.ok()) << s.to_string();
    ASSERT_EQ(r.size(), 1u);
    EXPECT_EQ(r[0].ref_object(), buffer.get());
    // host + result + global
    EXPECT_EQ(buffer.ref_count(), 3u);
    r.clear();
    EXPECT_EQ(buffer.ref_count(), 2u);
    ASSERT_TRUE(h.call("clear", {}, &r).ok());
    EXPECT_EQ(buffer.ref_count(), 1u);
    s = h.call("f", {Value::ref(buffer)}, &r);
    ASSERT_TRUE(s.ok());
    r.clear();
  }
  // Context destroyed: the global was released.
  EXPECT_EQ(buffer.ref_count(), 1u);
}

TEST(Interpreter, RefsReleasedOnError) {
  ModuleBuilder mb;
  int msg = mb.add_string("x");
  FunctionBuilder inner;
  inner.emit(Opcode::CONST_I32, {0, 3});
  inner.emit(Opcode::FAIL, {0, msg});
  int fi = mb.add_function("inner", "0r_", 1, 2, inner);
  FunctionBuilder f;
  f.emit(Opcode::MOV_REF, {1, 0});
  f.emit(Opcode::CALL, {fi, L({1}), L({})});
  f.emit(Opcode::RETURN, {L({})});
  mb.add_export("f", mb.add_function("f", "0r_", 0, 2, f));
  vm::Ref buffer = vm::Buffer::allocate(8).value().as_ref();
  Harness h;
  ASSERT_TRUE(h.add(mb).ok());
  ValueList r;
  EXPECT_EQ(h.call("f", {Value::ref(buffer)}, &r).code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(buffer.ref_count(), 1u);
}

TEST(Interpreter, ListsAndTypeChecks) {
  ModuleBuilder mb;
  int list_i32 = mb.add_type("!vm.list<i32>");
  int list_any = mb.add_type("!vm.list<!vm.ref<?>>");
  int buf = mb.add_type("!vm.buffer");
  int list = mb.add_type("!vm.list<?>");
  FunctionBuilder f;
  f.emit(Opcode::CONST_I32, {1, 4});
  f.emit(Opcode::LIST_ALLOC, {0, list_i32, 1});
  f.emit(Opcode::LIST_RESIZE, {0, 1});
  f.emit(Opcode::CONST_I32, {2, 2});
  f.emit(Opcode::LIST_SET_I32, {0, 2, 0});
  f.emit(Opcode::LIST_GET_I32, {3, 0, 2});
  f.emit(Opcode::LIST_SIZE, {4, 0});
  f.emit(Opcode::ADD_I32, {3, 3, 4});
  f.emit(Opcode::RETURN, {L({3})});
  mb.add_export("f", mb.add_function("f", "0i_i", 5, 1, f));
  // Stores a list (not a buffer) into a ref list and reads it back as a buffer.
  // (The stored list is a second one: a list holding itself would be a
  // reference cycle, which no reference count frees.)
  FunctionBuilder g;
  g.emit(Opcode::CONST_I32, {0, 1});
  g.emit(Opcode::LIST_ALLOC, {0, list_any, 0});
  g.emit(Opcode::LIST_RESIZE, {0, 0});
  g.emit(Opcode::LIST_ALLOC, {1, list_any, 0});
  g.emit(Opcode::CONST_I32, {1, 0});
  g.emit(Opcode::LIST_SET_REF, {0, 1, 1});
  g.emit(Opcode::LIST_GET_REF, {1, 0, 1, list});
  g.emit(Opcode::LIST_GET_REF, {1, 0, 1, buf}); // mismatch: null (IREE)
  g.emit(Opcode::CMP_NZ_REF, {0, 1});
  g.emit(Opcode::RETURN, {L({0})});
  mb.add_export("g", mb.add_function("g", "0_i", 2, 2, g));
  FunctionBuilder oob;
  oob.emit(Opcode::CONST_I32, {0, 0});
  oob.emit(Opcode::LIST_ALLOC, {0, list_i32, 0});
  oob.emit(Opcode::LIST_GET_I32, {1, 0, 0});
  oob.emit(Opcode::RETURN, {L({})});
  mb.add_export("oob", mb.add_function("oob", "0_", 2, 1, oob));
  Harness h;
  ASSERT_TRUE(h.add(mb).ok());
  ValueList r;
  Status s = h.call("f", {Value::i32(5)}, &r);
  ASSERT_TRUE(s.ok()) << s.to_string();
  EXPECT_EQ(r[0].as_i32(), 9);
  s = h.call("g", {}, &r);
  ASSERT_TRUE(s.ok()) << s.to_string();
  EXPECT_EQ(r[0].as_i32(), 0);
  EXPECT_EQ(h.call("oob", {}, &r).code(), StatusCode::kOutOfRange);
}

// ---- Suspension ----------------------------------------------------------

TEST(Interpreter, YieldAndResumeKeepRegisters) {
  ModuleBuilder mb;
  FunctionBuilder inner;
  Label after = inner.label();
  inner.emit(Opcode::ADD_I32_IMM, {1, 0, 1});
  inner.emit(Opcode::YIELD, {after});
  inner.bind(after);
  inner.emit(Opcode::ADD_I32_IMM, {1, 1, 10});
  inner.emit(Opcode::RETURN, {L({1})});
  int fi = mb.add_function("inner", "0i_i", 2, 0, inner);
  FunctionBuilder o2;
  Label next = o2.label();
  o2.emit(Opcode::CONST_I32, {2, 1000});
  o2.emit(Opcode::CALL, {fi, L({0}), L({1})});
  o2.emit(Opcode::YIELD, {next});
  o2.bind(next);
  o2.emit(Opcode::ADD_I32, {1, 1, 2});
  o2.emit(Opcode::RETURN, {L({1})});
  mb.add_export("outer", mb.add_function("outer", "0i_i", 3, 0, o2));
  Harness h;
  ASSERT_TRUE(h.add(mb).ok());
  vm::Invocation inv(h.context());
  ValueList r;
  auto fn = h.context().lookup_function("outer").value();
  Status s = vm::begin_invoke(inv, fn, {Value::i32(5)}, &r);
  ASSERT_TRUE(s.is_deferred()) << s.to_string();
  EXPECT_EQ(inv.stack().depth(), 2); // outer + inner
  s = vm::resume_invoke(inv, &r);
  ASSERT_TRUE(s.is_deferred()) << s.to_string();
  EXPECT_EQ(inv.stack().depth(), 1);
  s = vm::resume_invoke(inv, &r);
  ASSERT_TRUE(s.ok()) << s.to_string();
  EXPECT_EQ(r[0].as_i32(), 5 + 1 + 10 + 1000);
  // Synchronous invoke loops over the yields.
  ASSERT_TRUE(h.call("outer", {Value::i32(1)}, &r).ok());
  EXPECT_EQ(r[0].as_i32(), 1012);
}

vm::StatusOr<int32_t> resume_add(vm::NativeCall &, uint64_t token) {
  return static_cast<int32_t>(token) + 100;
}

TEST(Interpreter, NativeImportDeferredAndResumed) {
  auto native = vm::NativeModule::create("native");
  native->export_function("slow", [](vm::NativeCall &call, int32_t x) -> vm::StatusOr<int32_t> {
    return call.defer(&resume_add, static_cast<uint64_t>(x));
  });
  native->export_function("fast", [](int32_t a, int64_t b) -> int64_t { return a * b; });
  ModuleBuilder mb;
  int slow = mb.add_import("native.slow", "0i_i");
  int fast = mb.add_import("native.fast", "0iI_I");
  int missing = mb.add_import("native.missing", "0_", /*optional=*/true);
  FunctionBuilder f;
  f.emit(Opcode::CONST_I32, {1, 7});
  f.emit(Opcode::CALL_IMPORT, {slow, L({0}), L({2})});
  f.emit(Opcode::ADD_I32, {2, 2, 1}); // registers survive the suspension
  f.emit(Opcode::EXT_I32_I64_S, {3, 2});
  f.emit(Opcode::CALL_IMPORT, {fast, L({1, 3}), L({4})});
  f.emit(Opcode::IMPORT_RESOLVED, {5, missing});
  f.emit(Opcode::TRUNC_I64_I32, {4, 4});
  f.emit(Opcode::ADD_I32, {4, 4, 5});
  f.emit(Opcode::RETURN, {L({4})});
  mb.add_export("f", mb.add_function("f", "0i_i", 6, 0, f));
  Harness h;
  ASSERT_TRUE(h.add(native.as_ref()).ok());
  Status s = h.add(mb);
  ASSERT_TRUE(s.ok()) << s.to_string();
  vm::Invocation inv(h.context());
  ValueList r;
  s = vm::begin_invoke(inv, h.context().lookup_function("f").value(), {Value::i32(1)}, &r);
  ASSERT_TRUE(s.is_deferred()) << s.to_string();
  EXPECT_EQ(inv.stack().depth(), 2);
  s = vm::resume_invoke(inv, &r);
  ASSERT_TRUE(s.ok()) << s.to_string();
  EXPECT_EQ(r[0].as_i32(), 7 * (1 + 100 + 7));
}

TEST(Interpreter, ImportsFromSecondBytecodeModule) {
  ModuleBuilder lib("lib");
  FunctionBuilder add;
  add.emit(Opcode::ADD_I32, {0, 0, 1});
  add.emit(Opcode::RETURN, {L({0})});
  lib.add_export("add", lib.add_function("add", "0ii_i", 2, 0, add));
  FunctionBuilder buf; // returns a fresh buffer of length n
  buf.emit(Opcode::CONST_I32, {1, 0});
  buf.emit(Opcode::BUFFER_ALLOC, {0, 0, 1});
  buf.emit(Opcode::RETURN, {L({MOVE(0)})});
  lib.add_export("make", lib.add_function("make", "0I_r", 2, 1, buf));
  ModuleBuilder app("app");
  int imp = app.add_import("lib.add", "0ii_i");
  int mk = app.add_import("lib.make", "0I_r");
  FunctionBuilder f;
  f.emit(Opcode::CALL_IMPORT, {imp, L({0, 0}), L({1})});
  f.emit(Opcode::EXT_I32_I64_S, {2, 1});
  f.emit(Opcode::CALL_IMPORT, {mk, L({2}), L({0})});
  f.emit(Opcode::BUFFER_LENGTH, {3, MOVE(0)});
  f.emit(Opcode::TRUNC_I64_I32, {3, 3});
  f.emit(Opcode::RETURN, {L({3})});
  app.add_export("main", app.add_function("main", "0i_i", 4, 1, f));
  Harness h;
  ASSERT_TRUE(h.add(lib).ok());
  Status s = h.add(app);
  ASSERT_TRUE(s.ok()) << s.to_string();
  ValueList r;
  s = h.call("app.main", {Value::i32(21)}, &r);
  ASSERT_TRUE(s.ok()) << s.to_string();
  EXPECT_EQ(r[0].as_i32(), 42);
}

TEST(Interpreter, VariadicImport) {
  // Receives packed "iCiD": count then i32s; returns the sum.
  struct Sum : vm::Module {
    std::string_view name() const override { return "v"; }
    int32_t export_count() const override { return 1; }
    vm::ExportInfo export_info(int32_t) const override { return {"sum", "0iCiD_i"}; }
    Status begin_call(vm::Stack &, const vm::FunctionCall &call) override {
      int32_t base, count, total = 0;
      std::memcpy(&base, call.arguments.data, 4);
      std::memcpy(&count, call.arguments.data + 4, 4);
      for (int32_t k = 0; k < count; ++k) {
        int32_t v;
        std::memcpy(&v, call.arguments.data + 8 + 4 * k, 4);
        total += v;
      }
      total += base;
      std::memcpy(call.results.data, &total, 4);
      return Status();
    }
  };
  vm::Ref sum = vm::Ref::adopt(new Sum());
  ModuleBuilder mb;
  int imp = mb.add_import("v.sum", "0iCiD_i");
  FunctionBuilder f;
  f.emit(Opcode::CONST_I32, {1, 10});
  f.emit(Opcode::CONST_I32, {2, 20});
  f.emit(Opcode::CALL_IMPORT_VARIADIC, {imp, L({3}), L({0, 1, 2, 1}), L({3})});
  f.emit(Opcode::RETURN, {L({3})});
  mb.add_export("f", mb.add_function("f", "0i_i", 4, 0, f));
  Harness h;
  ASSERT_TRUE(h.add(sum).ok());
  ASSERT_TRUE(h.add(mb).ok());
  ValueList r;
  Status s = h.call("test.f", {Value::i32(1)}, &r);
  ASSERT_TRUE(s.ok()) << s.to_string();
  EXPECT_EQ(r[0].as_i32(), 1 + 10 + 20 + 10);
}

TEST(Interpreter, RepeatedCallsReuseTheStack) {
  // Many calls in a row must not grow the stack.
  Harness h;
  ASSERT_TRUE(h.add(fib_module()).ok());
  ValueList r;
  for (int i = 0; i < 1000; ++i)
    ASSERT_TRUE(h.call("fib", {Value::i32(5)}, &r).ok());
  EXPECT_EQ(r[0].as_i32(), 5);
}

TEST(Interpreter, DumpModule) {
  ModuleBuilder mb = fib_module();
  mb.add_string("hello");
  auto file = mb.build();
  vm::Instance instance;
  auto module = load_module(instance, file.data(), file.size(), vm::Ref());
  ASSERT_TRUE(module.ok());
  std::string text;
  ASSERT_TRUE(dump_module(module->as<vm::Module>(), &text).ok());
  EXPECT_NE(text.find("CALL @fib, (s2), (s3)"), std::string::npos) << text;
  EXPECT_NE(text.find("[0] fib 0i_i  (i32) -> i32  = function 0"), std::string::npos) << text;
}

} // namespace
} // namespace kiln::bytecode
