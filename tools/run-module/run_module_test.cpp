// Runs the real run-module and benchmark-module binaries on .vmfb files
// assembled with the bytecode test builder (independent of the compiler):
// results formatting, MODULE.NAME lookup, imports across modules, input
// checking, and failures with a one-line error and a stack trace.
#include <gtest/gtest.h>

#include <sys/wait.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <string>
#include <vector>

#include "module_builder.h"

namespace {

using kiln::bytecode::Opcode;
using kiln::bytecode::testing::FunctionBuilder;
using kiln::bytecode::testing::L;
using kiln::bytecode::testing::ModuleBuilder;

struct ToolRun {
  int status = -1;
  std::string out, err;
};

std::string temp_dir() {
  static std::string dir = [] {
    char tmpl[] = "/tmp/kiln_run_module_testXXXXXX";
    const char *d = mkdtemp(tmpl);
    return std::string(d ? d : "/tmp");
  }();
  return dir;
}

std::string read_file(const std::string &path) {
  std::ifstream in(path);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

ToolRun run_tool(const std::string &binary, const std::vector<std::string> &args) {
  std::string cmd = binary;
  for (const std::string &a : args)
    cmd += " '" + a + "'";
  std::string out = temp_dir() + "/out.txt", err = temp_dir() + "/err.txt";
  cmd += " >" + out + " 2>" + err;
  ToolRun r;
  int raw = std::system(cmd.c_str());
  r.status = WIFEXITED(raw) ? WEXITSTATUS(raw) : -1;
  r.out = read_file(out);
  r.err = read_file(err);
  return r;
}

std::string write_module(const ModuleBuilder &mb, const std::string &name) {
  std::vector<uint8_t> bytes = mb.build();
  std::string path = temp_dir() + "/" + name;
  std::FILE *f = std::fopen(path.c_str(), "wb");
  std::fwrite(bytes.data(), 1, bytes.size(), f);
  std::fclose(f);
  return path;
}

// Module "m": fib(i32) -> i32, div(i32, i32) -> i32 (with a source
// location on the division), pair() -> (i64, f32).
std::string m_module() {
  static std::string path = [] {
    ModuleBuilder mb("m");
    {
      FunctionBuilder f;
      auto base = f.label();
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
    }
    {
      FunctionBuilder f;
      uint32_t div_pc = f.pc();
      f.emit(Opcode::DIV_I32_S, {2, 0, 1});
      f.emit(Opcode::RETURN, {L({2})});
      int fn = mb.add_function("div", "0ii_i", 3, 0, f);
      mb.add_location(fn, div_pc, "div.mlir", 3, 10);
      mb.add_export("div", fn);
    }
    {
      FunctionBuilder f;
      f.emit(Opcode::CONST_I64, {0, int64_t{-5}});
      f.emit(Opcode::CONST_F32, {1, kiln::bytecode::testing::F32(1.5f)});
      f.emit(Opcode::RETURN, {L({0, 1})});
      mb.add_export("pair", mb.add_function("pair", "0_If", 2, 0, f));
    }
    return write_module(mb, "m.vmfb");
  }();
  return path;
}

// Module "app": twice_fib(n) = m.fib(n) * 2 through an import.
std::string app_module() {
  static std::string path = [] {
    ModuleBuilder mb("app");
    int imp = mb.add_import("m.fib", "0i_i");
    FunctionBuilder f;
    f.emit(Opcode::CALL_IMPORT, {imp, L({0}), L({1})});
    f.emit(Opcode::ADD_I32, {2, 1, 1});
    f.emit(Opcode::RETURN, {L({2})});
    mb.add_export("twice_fib", mb.add_function("twice_fib", "0i_i", 3, 0, f));
    return write_module(mb, "app.vmfb");
  }();
  return path;
}

TEST(RunModule, PrintsResults) {
  ToolRun r = run_tool(KILN_RUN_MODULE, {"--module=" + m_module(), "--function=fib", "--input=20"});
  EXPECT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(r.out, "i32=6765\n");
  r = run_tool(KILN_RUN_MODULE, {"--module=" + m_module(), "--function=m.pair"});
  EXPECT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(r.out, "i64=-5\nf32=1.5\n");
}

TEST(RunModule, ImportsResolveAgainstEarlierModules) {
  ToolRun r = run_tool(KILN_RUN_MODULE, {"--module=" + m_module(), "--module=" + app_module(),
                                         "--function=twice_fib", "--input=i32=10"});
  EXPECT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(r.out, "i32=110\n");
  // Wrong order: app's import cannot resolve.
  r = run_tool(KILN_RUN_MODULE, {"--module=" + app_module(), "--module=" + m_module(),
                                 "--function=twice_fib", "--input=1"});
  EXPECT_EQ(r.status, 2);
  EXPECT_NE(r.err.find("m.fib"), std::string::npos) << r.err;
}

TEST(RunModule, FailureHasOneLineErrorAndTrace) {
  ToolRun r = run_tool(KILN_RUN_MODULE,
                       {"--module=" + m_module(), "--function=div", "--input=7", "--input=0"});
  EXPECT_EQ(r.status, 1);
  ASSERT_EQ(r.err.rfind("error: ", 0), 0u) << r.err;
  EXPECT_NE(r.err.find("\n  at m.div @0 (div.mlir:3:10)"), std::string::npos) << r.err;
  EXPECT_EQ(r.out, "");
}

TEST(RunModule, TraceGoesToStderrWithLocations) {
  ToolRun r = run_tool(KILN_RUN_MODULE, {"--module=" + m_module(), "--function=div", "--input=7",
                                         "--input=2", "--trace"});
  EXPECT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(r.out, "i32=3\n");
  EXPECT_EQ(r.err, "[trace] m.div 0000: DIV_I32_S s2, s0, s1  ; div.mlir:3:10\n"
                   "[trace] m.div 0008: RETURN (s2)  ; div.mlir:3:10\n");
  // Calls across modules: both bytecode modules trace, in execution order.
  r = run_tool(KILN_RUN_MODULE, {"--module=" + m_module(), "--module=" + app_module(),
                                 "--function=twice_fib", "--input=1", "--trace"});
  EXPECT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(r.out, "i32=2\n");
  size_t call = r.err.find("[trace] app.twice_fib 0000: CALL_IMPORT @m.fib, (s0), (s1)\n");
  size_t callee = r.err.find("[trace] m.fib 0000: CONST_I32 s1, 2\n");
  size_t add = r.err.find("[trace] app.twice_fib ", call + 1);
  ASSERT_NE(call, std::string::npos) << r.err;
  ASSERT_NE(callee, std::string::npos) << r.err;
  EXPECT_LT(call, callee);
  EXPECT_LT(callee, add);
  // Without --trace nothing is printed.
  r = run_tool(KILN_RUN_MODULE, {"--module=" + m_module(), "--function=fib", "--input=3"});
  EXPECT_EQ(r.err, "");
}

TEST(RunModule, InputErrors) {
  ToolRun r = run_tool(KILN_RUN_MODULE, {"--module=" + m_module(), "--function=div", "--input=7"});
  EXPECT_EQ(r.status, 2);
  EXPECT_NE(r.err.find("takes 2 arguments"), std::string::npos) << r.err;
  r = run_tool(KILN_RUN_MODULE, {"--module=" + m_module(), "--function=fib", "--input=f32=1"});
  EXPECT_EQ(r.status, 2);
  EXPECT_NE(r.err.find("expects i32"), std::string::npos) << r.err;
  r = run_tool(KILN_RUN_MODULE, {"--module=" + m_module(), "--function=nope"});
  EXPECT_EQ(r.status, 2);
  EXPECT_NE(r.err.find("exports: fib, div, pair"), std::string::npos) << r.err;
}

TEST(RunModule, ListFunctions) {
  ToolRun r = run_tool(KILN_RUN_MODULE, {"--module=" + m_module(), "--list-functions"});
  EXPECT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(r.out, "m.fib  0i_i  (i32) -> i32\n"
                   "m.div  0ii_i  (i32, i32) -> i32\n"
                   "m.pair  0_If  () -> (i64, f32)\n");
}

TEST(BenchmarkModule, TimesCalls) {
  ToolRun r = run_tool(KILN_BENCHMARK_MODULE, {"--module=" + m_module(), "--function=fib",
                                               "--input=10", "--iterations=50", "--repetitions=3"});
  EXPECT_EQ(r.status, 0) << r.err;
  // Google Benchmark's console report: the aggregates of 3 repetitions of
  // exactly 50 calls each.
  EXPECT_NE(r.out.find("m.fib/iterations:50/repeats:3_median"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("m.fib/iterations:50/repeats:3_mean"), std::string::npos) << r.out;
  r = run_tool(KILN_BENCHMARK_MODULE,
               {"--module=" + m_module(), "--function=div", "--input=1", "--input=0"});
  EXPECT_EQ(r.status, 1);
  EXPECT_NE(r.err.find("  at m.div"), std::string::npos) << r.err;
}

} // namespace
