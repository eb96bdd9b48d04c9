// benchmark-module: like run-module, but times the function with Google
// Benchmark, so its flags, repetitions, statistics and output formats work as
// for any Google Benchmark binary.
//
//   benchmark-module --module=A.vmfb ... --function=NAME [--input=...]...
//                    [--repetitions=K] [--iterations=N] [--min_time=SECONDS]
//                    [--benchmark_format=json] [--benchmark_out=FILE] ...
//
// Every timed iteration is one synchronous invoke() with the same argument
// list (the context's reusable stack and scratch, so the steady state
// allocates nothing). Inputs are shared by every call: a function that
// mutates an input buffer sees its own earlier writes.
#include <benchmark/benchmark.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

#include "kiln/tooling/module_loader.h"
#include "kiln/tooling/run.h"
#include "kiln/tooling/value_io.h"
#include "kiln/vm/budget.h"
#include "kiln/vm/invocation.h"

namespace {

void print_usage(std::FILE *out) {
  std::fprintf(out,
               "usage: benchmark-module --module=PATH [--module=PATH ...] --function=NAME\n"
               "                        [--input=VALUE ...] [--repetitions=K]\n"
               "                        [--iterations=N] [--min_time=SECONDS]\n"
               "                        [--print_results] [--benchmark_...]\n"
               "\n"
               "Times NAME with Google Benchmark: K repetitions (default 5; the console\n"
               "shows their mean, median, stddev and cv) of N calls each (default:\n"
               "calibrated so a repetition lasts at least --min_time, default 0.2 s).\n"
               "Other --benchmark_* flags are Google Benchmark's (--benchmark_format=json,\n"
               "--benchmark_out=FILE, --benchmark_out_format=json|csv|console,\n"
               "--benchmark_report_aggregates_only=true, ...).\n"
               "Modules, --function, --input, --parameters, --memory-limit, --fuel (per\n"
               "call), --max-stack-depth and --stack-size are as for run-module.\n"
               "--min_time is at most 3600 seconds, --repetitions at most 100000 and\n"
               "--iterations at most 2^40.\n"
               "\n%s",
               kiln::tooling::input_syntax_help());
}

// Google Benchmark's own flags (--benchmark_format, --benchmark_out, ...)
// go to benchmark::Initialize; the ones Kiln checks itself stay.
bool is_google_benchmark_flag(const char *arg) {
  std::string_view a(arg);
  while (!a.empty() && a.front() == '-')
    a.remove_prefix(1);
  if (a.substr(0, 10) != "benchmark_")
    return false;
  return a.substr(0, 21) != "benchmark_repetitions" && a.substr(0, 18) != "benchmark_min_time";
}

// A positive integer up to `max`.
bool parse_positive(const std::string &text, const char *flag, long long max, long long *out) {
  if (text.empty())
    return true;
  char *end = nullptr;
  errno = 0;
  long long v = std::strtoll(text.c_str(), &end, 10);
  if (*end != '\0' || v <= 0 || v > max || errno == ERANGE) {
    std::fprintf(stderr, "error: --%s must be an integer in [1, %lld], got '%s'\n", flag, max,
                 text.c_str());
    return false;
  }
  *out = v;
  return true;
}

// Bounds that keep a benchmark finite whatever the flags say.
constexpr long long kMaxRepetitions = 100000;
constexpr long long kMaxIterations = 1LL << 40;
constexpr double kMaxMinTimeSeconds = 3600;

} // namespace

int main(int argc, char **argv) {
  using namespace kiln;
  std::vector<char *> kiln_args{argv[0]}, benchmark_args{argv[0]};
  for (int i = 1; i < argc; ++i) {
    (is_google_benchmark_flag(argv[i]) ? benchmark_args : kiln_args).push_back(argv[i]);
  }
  int benchmark_argc = static_cast<int>(benchmark_args.size());
  benchmark_args.push_back(nullptr);
  benchmark::Initialize(&benchmark_argc, benchmark_args.data());
  if (benchmark::ReportUnrecognizedArguments(benchmark_argc, benchmark_args.data()))
    return 2;

  tooling::RunFlags flags;
  std::string repetitions_text, iterations_text, min_time_text, print_results_text;
  vm::Status status =
      tooling::parse_run_flags(static_cast<int>(kiln_args.size()), kiln_args.data(), &flags,
                               {{"repetitions", &repetitions_text},
                                {"benchmark_repetitions", &repetitions_text},
                                {"iterations", &iterations_text},
                                {"min_time", &min_time_text},
                                {"benchmark_min_time", &min_time_text},
                                {"print_results", &print_results_text, false}});
  if (!status.ok()) {
    tooling::print_error(stderr, status);
    return 2;
  }
  if (flags.help) {
    print_usage(stdout);
    return 0;
  }
  if (flags.version) {
    tooling::print_version(stdout, "benchmark-module");
    return 0;
  }
  long long repetitions = 5, iterations = 0;
  if (!parse_positive(repetitions_text, "repetitions", kMaxRepetitions, &repetitions) ||
      !parse_positive(iterations_text, "iterations", kMaxIterations, &iterations)) {
    return 2;
  }
  double min_time = 0.2;
  if (!min_time_text.empty()) {
    char *end = nullptr;
    min_time = std::strtod(min_time_text.c_str(), &end);
    if (*end == 's')
      ++end; // accept "0.5s" like Google Benchmark
    // Rejects 0, negatives, NaN, infinity (1e9999) and anything above an
    // hour: the calibration below must end.
    if (end == min_time_text.c_str() || *end != '\0' || !(min_time > 0) ||
        !(min_time <= kMaxMinTimeSeconds)) {
      std::fprintf(stderr, "error: --min_time must be seconds in (0, %g], got '%s'\n",
                   kMaxMinTimeSeconds, min_time_text.c_str());
      return 2;
    }
  }
  if (flags.modules.empty()) {
    std::fprintf(stderr, "error: no --module given (see --help)\n");
    return 2;
  }
  if (flags.trace) {
    std::fprintf(stderr, "error: --trace is not available when benchmarking\n");
    return 2;
  }
  if (flags.deadline_ms >= 0 || flags.invocations > 1) {
    std::fprintf(stderr, "error: --deadline and --invocations are not available when "
                         "benchmarking\n");
    return 2;
  }

  auto session = tooling::Session::create(flags.modules, tooling::ModuleLoadOptions(), flags.device,
                                          flags.parameters);
  if (!session.ok()) {
    tooling::print_error(stderr, session.status());
    return 2;
  }
  vm::Context &context = session.value()->context();
  status = context.set_memory_limit(flags.memory_limit);
  if (!status.ok()) {
    tooling::print_error(stderr, status);
    return 2;
  }
  // --fuel bounds every timed call (and costs what docs/runtime.md says).
  context.set_execution_limits(tooling::execution_limits(flags));
  context.set_stack_options(tooling::stack_options(flags));
  auto function = session.value()->lookup_function(flags.function);
  if (!function.ok()) {
    tooling::print_error(stderr, function.status());
    return 2;
  }
  vm::StatusOr<vm::ValueList> args = vm::ValueList();
  {
    vm::ScopedMemoryBudget memory(context.memory_budget());
    args = tooling::parse_function_arguments(*session.value(), function.value(), flags.inputs);
  }
  if (!args.ok()) {
    tooling::print_error(stderr, args.status());
    return 2;
  }

  // One checked call first: a failing function is reported, not timed. It
  // also warms the context's invocation scratch.
  vm::ValueList results;
  status = vm::invoke(context, function.value(), args.value(), &results);
  if (!status.ok()) {
    tooling::print_error(stderr, status);
    return 1;
  }
  if (!print_results_text.empty()) {
    for (const vm::Value &value : results) {
      std::printf("%s\n", tooling::format_value(value).c_str());
    }
  }

  // The benchmark: one invoke() per iteration. A call that fails stops the
  // benchmark with its status (reported, exit status 1).
  vm::Status failure;
  const std::string name = session.value()->function_full_name(function.value());
  benchmark::internal::Benchmark *bench =
      benchmark::RegisterBenchmark(name.c_str(), [&](benchmark::State &state) {
        for (auto _ : state) {
          vm::Status s = vm::invoke(context, function.value(), args.value(), &results);
          if (KILN_UNLIKELY(!s.ok())) {
            if (failure.ok())
              failure = s;
            state.SkipWithError(s.to_string().c_str());
            break;
          }
        }
      });
  bench->Unit(benchmark::kNanosecond)->Repetitions(static_cast<int>(repetitions));
  // A fixed iteration count and a minimum time exclude each other.
  if (iterations)
    bench->Iterations(static_cast<benchmark::IterationCount>(iterations));
  else
    bench->MinTime(min_time);
  // The console shows the statistics; --benchmark_out files keep every run.
  if (repetitions > 1)
    bench->DisplayAggregatesOnly(true);
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  if (!failure.ok()) {
    tooling::print_error(stderr, failure);
    return 1;
  }
  return 0;
}
