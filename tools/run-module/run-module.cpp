// run-module: loads modules into one context and calls one function.
//
//   run-module --module=A.vmfb [--module=B.so|C.ll|D.mlir ...] --function=NAME
//              [--input=VALUE ...] [--trace] [--list-functions]
//
// Everything but main() lives in kiln_tooling (runtime/src/tooling).

#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "kiln/tooling/huge_page_heap.h"
#include "kiln/tooling/module_loader.h"
#include "kiln/tooling/profiler.h"
#include "kiln/tooling/run.h"
#include "kiln/tooling/value_io.h"
#include "kiln/vm/budget.h"
#include "kiln/vm/invocation.h"

namespace {

bool ends_with(const std::string &text, const char *suffix) {
  std::string tail(suffix);
  return text.size() >= tail.size() &&
         text.compare(text.size() - tail.size(), tail.size(), tail) == 0;
}

// Only when a module is JIT-compiled (kiln/tooling/huge_page_heap.h says
// why): bytecode and C modules load in a few small allocations.
void prepare_heap_for_jit(const std::vector<std::string> &modules) {
  bool jit = false;
  for (const std::string &path : modules)
    jit = jit || ends_with(path, ".mlir") || ends_with(path, ".ll") || ends_with(path, ".bc");
  if (jit)
    kiln::tooling::use_huge_page_heap();
}

void print_usage(std::FILE *out) {
  std::fprintf(out,
               "usage: run-module --module=PATH [--module=PATH ...] --function=NAME\n"
               "                  [--input=VALUE ...] [--trace] [--list-functions]\n"
               "\n"
               "Registers the modules in order in one context (each module resolves its\n"
               "imports against the exports of the modules before it), calls one function\n"
               "and prints its results, one per line, on stdout.\n"
               "\n"
               "  --module=PATH       a .vmfb (bytecode) or a shared library built from\n"
               "                      emitted C, told apart by their first bytes; - reads\n"
               "                      a .vmfb from stdin; LLVM IR (.ll, .bc) or a .mlir\n"
               "                      file is JIT-compiled in the process (docs/jit.md)\n"
               "  --jit-opt-level=L   optimization level of JIT-compiled modules: quick\n"
               "                      (the default: compiles soonest, runs slower\n"
               "                      code), or 0..3 as -O0..-O3 (2 and 3: the fastest\n"
               "                      code, the longest compile)\n"
               "  --function=NAME     an export of the last module, or MODULE.NAME\n"
               "  --input=VALUE       one per argument, in order (syntax below)\n"
               "  --output=SPEC       one per result, in order: @PATH writes a buffer view\n"
               "                      result to PATH (.npy: numpy, else raw bytes),\n"
               "                      +PATH appends to it, - prints it as usual\n"
               "  --trace             print every executed bytecode instruction (function,\n"
               "                      offset, disassembly, source file:line:col) on stderr\n"
               "  --list-functions    print every export with its signature and exit\n"
               "  --profile=PATH      write where bytecode spends its time as a Chrome trace\n"
               "                      (chrome://tracing, Perfetto): one event per call,\n"
               "                      per-function and per-block counts under \"kiln\"\n"
               "  --print-statistics  print load and call time, bytecode instructions\n"
               "                      executed, peak VM stack depth, allocations and peak\n"
               "                      memory on stderr\n"
               "  --device=NAME       the hal device when a module imports hal or check:\n"
               "                      local-task (default: a worker pool) or local-sync\n"
               "                      (queue work runs inline)\n"
               "  --task-workers=N    local-task worker threads (default: one per core)\n"
               "  --parameters=[SCOPE=]PATH  a parameter file (.safetensors, .gguf, .irpa)\n"
               "                      for the io_parameters module, under SCOPE (default\n"
               "                      the empty scope); repeatable\n"
               "  --invocations=N     run the function N times concurrently on one thread\n"
               "                      (invocations that wait on fences are suspended and\n"
               "                      resumed by the scheduler); prints the first's results\n"
               "  --memory-limit=B    host memory (bytes; k, m, g suffixes) the call and\n"
               "                      its inputs may hold at once: buffers, lists, hal\n"
               "                      buffers; past it allocations fail RESOURCE_EXHAUSTED\n"
               "  --fuel=N            units of work per call, one per taken backward branch\n"
               "                      and per call; past it the call fails RESOURCE_EXHAUSTED\n"
               "  --deadline=MS       wall-clock milliseconds per call; past it the call\n"
               "                      fails DEADLINE_EXCEEDED\n"
               "  --max-stack-depth=N VM call depth limit in frames (default: what the\n"
               "                      stack size allows, 8192 frames of 128 bytes)\n"
               "  --stack-size=B      VM frame storage (bytes; k, m, g suffixes; default\n"
               "                      1m); deeper calls fail RESOURCE_EXHAUSTED\n"
               "  --expected-output=VALUE  one per result (IREE's --expected_output): the\n"
               "                      results are compared with these values (--input\n"
               "                      syntax, or (ignored)); prints [SUCCESS] or one\n"
               "                      [FAILED] line per mismatch\n"
               "  --expected-f16-threshold=X, --expected-f32-threshold=X,\n"
               "  --expected-f64-threshold=X  how far floats may differ (0.001, 0.0001,\n"
               "                      0.0001)\n"
               "  --version           print Kiln's version and exit\n"
               "Flag names may use '_' for '-' (IREE's spelling).\n"
               "\n"
               "Exit status: 0 on success; 1 when the call fails (one-line error and the\n"
               "VM stack trace on stderr) or a result does not match --expected-output;\n"
               "2 for bad flags, modules or inputs.\n"
               "\n%s",
               kiln::tooling::input_syntax_help());
}

using Clock = std::chrono::steady_clock;

double milliseconds_since(Clock::time_point start) {
  return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

// --print-statistics, on stderr so results on stdout stay parseable. The
// counts come from the bytecode loop that observes instructions; emitted C
// modules run uncounted (docs/user-guide.md).
void print_statistics(double load_ms, double call_ms, const kiln::vm::ExecutionCounters &counters,
                      uint64_t allocations, size_t peak_bytes) {
  std::fprintf(stderr,
               "[statistics] load: %.3f ms\n"
               "[statistics] call: %.3f ms\n"
               "[statistics] bytecode instructions: %llu%s\n"
               "[statistics] peak VM stack depth: %d frames\n"
               "[statistics] allocations: %llu, peak memory: %zu bytes\n",
               load_ms, call_ms, static_cast<unsigned long long>(counters.instructions),
               counters.instructions ? "" : " (emitted C modules run uncounted)",
               counters.peak_depth, static_cast<unsigned long long>(allocations), peak_bytes);
}
} // namespace

int main(int argc, char **argv) {
  using namespace kiln;
  tooling::RunFlags flags;
  std::string jit_opt_level;
  vm::Status status =
      tooling::parse_run_flags(argc, argv, &flags, {{"jit-opt-level", &jit_opt_level}});
  if (!status.ok()) {
    tooling::print_error(stderr, status);
    return 2;
  }
  if (flags.help) {
    print_usage(stdout);
    return 0;
  }
  if (flags.version) {
    tooling::print_version(stdout, "run-module");
    return 0;
  }
  if (flags.modules.empty()) {
    std::fprintf(stderr, "error: no --module given (see --help)\n");
    return 2;
  }

  tooling::ModuleLoadOptions load_options;
  load_options.trace = flags.trace;
  // Fuel and deadlines reach inside the loops of JIT-compiled .mlir.
  load_options.jit_bounded = flags.fuel >= 0 || flags.deadline_ms >= 0;
  // A command runs a module once and exits: start soonest unless asked.
  if (jit_opt_level.empty() || jit_opt_level == "quick") {
    load_options.jit_opt_level = KILN_JIT_OPT_LEVEL_QUICK;
  } else {
    if (jit_opt_level.size() != 1 || jit_opt_level[0] < '0' || jit_opt_level[0] > '3') {
      std::fprintf(stderr, "error: --jit-opt-level takes quick, 0, 1, 2 or 3\n");
      return 2;
    }
    load_options.jit_opt_level = static_cast<uint32_t>(jit_opt_level[0] - '0');
  }
  if (!flags.profile_path.empty() && flags.invocations > 1) {
    std::fprintf(stderr, "error: --profile follows one invocation; drop --invocations\n");
    return 2;
  }
  vm::ExecutionCounters counters;
  tooling::Profiler profiler;
  if (!flags.profile_path.empty()) {
    load_options.observer = &profiler;
  } else if (flags.print_statistics) {
    load_options.observer = &counters;
  }
  const Clock::time_point load_start = Clock::now();
  prepare_heap_for_jit(flags.modules);
  auto session =
      tooling::Session::create(flags.modules, load_options, flags.device, flags.parameters);
  const double load_ms = milliseconds_since(load_start);
  if (!session.ok()) {
    tooling::print_error(stderr, session.status());
    return 2;
  }
  if (flags.list_functions) {
    session.value()->print_functions(stdout);
    return 0;
  }

  vm::Context &context = session.value()->context();
  status = context.set_memory_limit(flags.memory_limit);
  if (status.ok() && flags.print_statistics)
    status = context.track_memory();
  if (!status.ok()) {
    tooling::print_error(stderr, status);
    return 2;
  }
  auto function = session.value()->lookup_function(flags.function);
  if (!function.ok()) {
    tooling::print_error(stderr, function.status());
    return 2;
  }
  vm::StatusOr<vm::ValueList> args = vm::ValueList();
  {
    // Inputs count against the memory limit too.
    vm::ScopedMemoryBudget memory(context.memory_budget());
    args = tooling::parse_function_arguments(*session.value(), function.value(), flags.inputs);
  }
  if (!args.ok()) {
    tooling::print_error(stderr, args.status());
    return 2;
  }

  vm::ValueList results;
  tooling::warn_unbounded_modules(stderr, context, flags);
  context.set_execution_limits(tooling::execution_limits(flags));
  context.set_stack_options(tooling::stack_options(flags));
  const uint64_t charges_before = context.memory_budget() ? context.memory_budget()->charges() : 0;
  const Clock::time_point call_start = Clock::now();
  if (flags.invocations > 1) {
    status = tooling::invoke_concurrently(session.value()->context(), function.value(),
                                          args.value(), flags.invocations, &results);
  } else {
    status = vm::invoke(session.value()->context(), function.value(), args.value(), &results);
  }
  const double call_ms = milliseconds_since(call_start);
  if (!flags.profile_path.empty()) {
    profiler.finish();
    vm::Status written = profiler.write(flags.profile_path);
    if (!written.ok()) {
      tooling::print_error(stderr, written);
      return 2;
    }
  }
  if (flags.print_statistics) {
    const vm::MemoryBudget *memory = context.memory_budget();
    print_statistics(load_ms, call_ms, flags.profile_path.empty() ? counters : profiler.counters(),
                     memory->charges() - charges_before, memory->peak());
  }
  if (!status.ok()) {
    tooling::print_error(stderr, status);
    return 1;
  }
  if (flags.outputs.size() > results.size()) {
    std::fprintf(stderr, "error: %zu --output flags for %zu results\n", flags.outputs.size(),
                 results.size());
    return 2;
  }
  for (size_t i = 0; i < results.size(); ++i) {
    if (i < flags.outputs.size() && flags.outputs[i] != "-") {
      status = tooling::write_tensor_output(results[i], flags.outputs[i]);
      if (!status.ok()) {
        status.annotate("result " + std::to_string(i));
        tooling::print_error(stderr, status);
        return 2;
      }
      continue;
    }
    std::printf("%s\n", tooling::format_value(results[i]).c_str());
  }
  if (!flags.expected_outputs.empty()) {
    std::string signature = session.value()->function_signature(function.value());
    std::string_view codes(signature);
    codes = codes.substr(codes.find('_') == std::string_view::npos ? codes.size()
                                                                   : codes.find('_') + 1);
    auto mismatches = tooling::compare_expected_outputs(
        results, flags.expected_outputs, codes, session.value()->instance(), flags.thresholds);
    if (!mismatches.ok()) {
      tooling::print_error(stderr, mismatches.status());
      return 2;
    }
    if (mismatches->empty())
      std::printf("[SUCCESS]\n");
    for (const std::string &line : *mismatches)
      std::printf("[FAILED] %s\n", line.c_str());
    std::fflush(stdout);
    return mismatches->empty() ? 0 : 1;
  }
  std::fflush(stdout);
  return 0;
}
