// benchmark-module: like run-module, but calls the function many times and
// reports the time per call.
//
//   benchmark-module --module=A.vmfb ... --function=NAME [--input=...]...
//                    [--repetitions=K] [--iterations=N] [--min_time=SECONDS]
//
// Each repetition times N back-to-back synchronous invoke() calls with the
// same argument list (the context's reusable stack and scratch, so the
// steady state allocates nothing); N is calibrated so one repetition takes at
// least --min_time unless given. Reports min / median / mean / max ns per
// call over the K repetitions. Inputs are shared by every call: a function
// that mutates an input buffer sees its own earlier writes.
#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "kiln/tooling/module_loader.h"
#include "kiln/tooling/run.h"
#include "kiln/tooling/value_io.h"
#include "kiln/vm/budget.h"
#include "kiln/vm/invocation.h"

namespace {

using Clock = std::chrono::steady_clock;

void print_usage(std::FILE* out) {
  std::fprintf(out,
      "usage: benchmark-module --module=PATH [--module=PATH ...] --function=NAME\n"
      "                        [--input=VALUE ...] [--repetitions=K]\n"
      "                        [--iterations=N] [--min_time=SECONDS]\n"
      "                        [--print_results]\n"
      "\n"
      "Times NAME over K repetitions (default 5) of N calls each (default:\n"
      "calibrated so a repetition lasts at least --min_time, default 0.2 s)\n"
      "and prints min / median / mean / max nanoseconds per call.\n"
      "Modules, --function, --input, --parameters, --memory-limit and --fuel\n"
      "(per call) are as for run-module. --min_time is at most 3600 seconds,\n"
      "--repetitions at most 100000 and --iterations at most 2^40.\n"
      "\n%s", kiln::tooling::input_syntax_help());
}

// A positive integer up to `max`.
bool parse_positive(const std::string& text, const char* flag, long long max,
                    long long* out) {
  if (text.empty()) return true;
  char* end = nullptr;
  errno = 0;
  long long v = std::strtoll(text.c_str(), &end, 10);
  if (*end != '\0' || v <= 0 || v > max || errno == ERANGE) {
    std::fprintf(stderr, "error: --%s must be an integer in [1, %lld], got '%s'\n",
                 flag, max, text.c_str());
    return false;
  }
  *out = v;
  return true;
}

// Bounds that keep a benchmark finite whatever the flags say.
constexpr long long kMaxRepetitions = 100000;
constexpr long long kMaxIterations = 1LL << 40;
constexpr double kMaxMinTimeSeconds = 3600;

}  // namespace

int main(int argc, char** argv) {
  using namespace kiln;
  tooling::RunFlags flags;
  std::string repetitions_text, iterations_text, min_time_text, print_results_text;
  vm::Status status = tooling::parse_run_flags(
      argc, argv, &flags,
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
    char* end = nullptr;
    min_time = std::strtod(min_time_text.c_str(), &end);
    if (*end == 's') ++end;  // accept "0.5s" like Google Benchmark
    // Rejects 0, negatives, NaN, infinity (1e9999) and anything above an
    // hour: the calibration below must end.
    if (end == min_time_text.c_str() || *end != '\0' || !(min_time > 0) ||
        !(min_time <= kMaxMinTimeSeconds)) {
      std::fprintf(stderr,
                   "error: --min_time must be seconds in (0, %g], got '%s'\n",
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
    std::fprintf(stderr,
                 "error: --deadline and --invocations are not available when "
                 "benchmarking\n");
    return 2;
  }

  auto session =
      tooling::Session::create(flags.modules, tooling::ModuleLoadOptions(), flags.device,
                               flags.parameters);
  if (!session.ok()) {
    tooling::print_error(stderr, session.status());
    return 2;
  }
  vm::Context& context = session.value()->context();
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
    args = tooling::parse_function_arguments(*session.value(), function.value(),
                                             flags.inputs);
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
    for (const vm::Value& value : results) {
      std::printf("%s\n", tooling::format_value(value).c_str());
    }
  }

  auto run_batch = [&](long long n, double* seconds) -> vm::Status {
    Clock::time_point start = Clock::now();
    for (long long i = 0; i < n; ++i) {
      vm::Status s = vm::invoke(context, function.value(), args.value(), &results);
      if (KILN_UNLIKELY(!s.ok())) return s;
    }
    *seconds = std::chrono::duration<double>(Clock::now() - start).count();
    return vm::Status();
  };

  if (iterations == 0) {
    // Grow the batch until it lasts long enough to time reliably.
    long long n = 1;
    while (true) {
      double seconds = 0;
      status = run_batch(n, &seconds);
      if (!status.ok()) break;
      if (seconds >= min_time || n >= (1LL << 40)) {
        iterations = n;
        break;
      }
      double scale = seconds > 0 ? (min_time * 1.2) / seconds : 100.0;
      scale = std::min(std::max(scale, 2.0), 100.0);
      n = static_cast<long long>(static_cast<double>(n) * scale);
    }
  }

  std::vector<double> ns_per_call;
  for (long long r = 0; status.ok() && r < repetitions; ++r) {
    double seconds = 0;
    status = run_batch(iterations, &seconds);
    ns_per_call.push_back(seconds * 1e9 / static_cast<double>(iterations));
  }
  if (!status.ok()) {
    tooling::print_error(stderr, status);
    return 1;
  }

  std::vector<double> sorted = ns_per_call;
  std::sort(sorted.begin(), sorted.end());
  double mean = 0;
  for (double v : sorted) mean += v;
  mean /= static_cast<double>(sorted.size());
  size_t k = sorted.size();
  double median = k % 2 ? sorted[k / 2] : 0.5 * (sorted[k / 2 - 1] + sorted[k / 2]);

  std::printf("function %s (%s): %lld repetitions x %lld calls\n",
              session.value()->function_full_name(function.value()).c_str(),
              session.value()->function_signature(function.value()).c_str(),
              repetitions, iterations);
  std::printf("  min     %12.2f ns/call\n", sorted.front());
  std::printf("  median  %12.2f ns/call\n", median);
  std::printf("  mean    %12.2f ns/call\n", mean);
  std::printf("  max     %12.2f ns/call\n", sorted.back());
  return 0;
}
