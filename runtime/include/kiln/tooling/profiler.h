// run-module --profile=PATH: where a bytecode program spends its time, as a
// Chrome trace (chrome://tracing, Perfetto, speedscope open it).
//
// The profiler observes every bytecode instruction (kiln/vm/observer.h: the
// loop --trace uses) and every VM frame of emitted C. It reads the clock only when
// the VM stack depth or the running function changes, so a call costs two
// clock reads and straight-line code none; each call becomes one complete
// ("X") event named MODULE.FUNCTION. Beside the events the file carries, under
// "kiln", per-function calls, total and self time, and per-instruction-range
// execution counts (consecutive instructions that ran equally often, i.e.
// basic blocks). Emitted C is seen per VM frame: functions with light frames
// (the default for those that cannot suspend) count as their caller unless
// the C was translated with --vm-c-light-frames=false.
#ifndef KILN_TOOLING_PROFILER_H_
#define KILN_TOOLING_PROFILER_H_

#include <cstdint>
#include <cstdio>
#include <map>
#include <string>
#include <tuple>
#include <unordered_map>
#include <vector>

#include "kiln/vm/observer.h"
#include "kiln/vm/status.h"

namespace kiln::tooling {

class Profiler final : public vm::ExecutionObserver {
public:
  // Complete events kept for the timeline; later calls still count in the
  // per-function totals. Bounds the file for programs making millions of
  // calls.
  static constexpr size_t kMaxEvents = 1000000;

  Profiler();

  void on_instruction(const vm::Module &module, int32_t function_ordinal, uint32_t pc,
                      int32_t depth) override;
  void on_frame(const vm::Module &module, int32_t function_ordinal, int32_t depth) override;

  // Closes the frames still open (the call returned or failed).
  void finish();

  // Instructions and peak depth seen (what --print-statistics reports).
  const vm::ExecutionCounters &counters() const { return counters_; }

  // Writes the Chrome trace JSON; errors name the path.
  vm::Status write(const std::string &path) const;

private:
  struct FunctionKey {
    const vm::Module *module;
    int32_t ordinal;
    bool operator<(const FunctionKey &o) const {
      return std::tie(module, ordinal) < std::tie(o.module, o.ordinal);
    }
  };
  struct OpenFrame {
    FunctionKey function;
    int64_t start_ns;
    int64_t child_ns; // time in callees, for self time
  };
  struct Event {
    FunctionKey function;
    int64_t start_ns;
    int64_t duration_ns;
    int32_t depth;
  };
  struct FunctionTotals {
    uint64_t calls = 0;
    int64_t total_ns = 0;
    int64_t self_ns = 0;
    // Execution count per bytecode offset.
    std::unordered_map<uint32_t, uint64_t> pc_counts;
  };

  // Makes (module, ordinal) at `depth` the running frame: closes returned
  // frames, opens entered ones.
  void run_frame(const vm::Module &module, int32_t function_ordinal, int32_t depth);
  void close_top(int64_t now);
  std::string name_of(const FunctionKey &key) const;

  vm::ExecutionCounters counters_;
  int64_t origin_ns_;
  std::vector<OpenFrame> open_;
  std::vector<Event> events_;
  uint64_t dropped_events_ = 0;
  std::map<FunctionKey, FunctionTotals> totals_;
  // The totals of the function running now (cached: most instructions run
  // in the same function as the one before).
  FunctionTotals *current_ = nullptr;
};

} // namespace kiln::tooling

#endif // KILN_TOOLING_PROFILER_H_
