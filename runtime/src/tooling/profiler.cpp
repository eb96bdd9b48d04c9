#include "kiln/tooling/profiler.h"

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cinttypes>
#include <cstring>

#include "kiln/vm/module.h"

namespace kiln::tooling {

namespace {

int64_t now_ns() {
  return std::chrono::duration_cast<std::chrono::nanoseconds>(
             std::chrono::steady_clock::now().time_since_epoch())
      .count();
}

// A JSON string literal of `text`.
std::string json_string(const std::string &text) {
  std::string out = "\"";
  for (char c : text) {
    const unsigned char u = static_cast<unsigned char>(c);
    if (c == '"' || c == '\\') {
      out += '\\';
      out += c;
    } else if (u < 0x20) {
      char escaped[8];
      std::snprintf(escaped, sizeof(escaped), "\\u%04x", u);
      out += escaped;
    } else {
      out += c;
    }
  }
  return out + "\"";
}

} // namespace

Profiler::Profiler() : origin_ns_(now_ns()) {}

void Profiler::on_instruction(const vm::Module &module, int32_t function_ordinal, uint32_t pc,
                              int32_t depth) {
  counters_.on_instruction(module, function_ordinal, pc, depth);
  run_frame(module, function_ordinal, depth);
  ++current_->pc_counts[pc];
}

void Profiler::on_frame(const vm::Module &module, int32_t function_ordinal, int32_t depth) {
  counters_.on_frame(module, function_ordinal, depth);
  run_frame(module, function_ordinal, depth);
}

void Profiler::run_frame(const vm::Module &module, int32_t function_ordinal, int32_t depth) {
  const size_t want = static_cast<size_t>(depth > 0 ? depth : 1);
  const bool same_frame = open_.size() == want && open_.back().function.module == &module &&
                          open_.back().function.ordinal == function_ordinal;
  if (!same_frame) {
    const int64_t now = now_ns();
    // Returned frames close; a frame at the same depth running another
    // function is a return followed by a call.
    while (open_.size() > want ||
           (open_.size() == want && (open_.back().function.module != &module ||
                                     open_.back().function.ordinal != function_ordinal))) {
      close_top(now);
    }
    // Frames the observer did not see open (native or emitted-C frames
    // below a bytecode one) are attributed to this function.
    while (open_.size() < want) {
      FunctionKey key{&module, function_ordinal};
      open_.push_back(OpenFrame{key, now, 0});
      ++totals_[key].calls;
    }
    current_ = &totals_[open_.back().function];
  }
}

void Profiler::close_top(int64_t now) {
  OpenFrame frame = open_.back();
  open_.pop_back();
  const int64_t duration = now - frame.start_ns;
  FunctionTotals &totals = totals_[frame.function];
  totals.total_ns += duration;
  totals.self_ns += duration - frame.child_ns;
  if (!open_.empty())
    open_.back().child_ns += duration;
  if (events_.size() < kMaxEvents) {
    events_.push_back(
        Event{frame.function, frame.start_ns, duration, static_cast<int32_t>(open_.size())});
  } else {
    ++dropped_events_;
  }
}

void Profiler::finish() {
  const int64_t now = now_ns();
  while (!open_.empty())
    close_top(now);
  current_ = nullptr;
}

std::string Profiler::name_of(const FunctionKey &key) const {
  std::string name(key.module->name());
  name += '.';
  name += key.module->function_name(
      vm::Function{const_cast<vm::Module *>(key.module), vm::Linkage::kInternal, key.ordinal});
  return name;
}

vm::Status Profiler::write(const std::string &path) const {
  std::FILE *file = std::fopen(path.c_str(), "w");
  if (!file) {
    return vm::make_status(vm::StatusCode::kInvalidArgument, "--profile: cannot write '%s': %s",
                           path.c_str(), std::strerror(errno));
  }
  std::map<FunctionKey, std::string> names;
  for (const auto &[key, totals] : totals_)
    names[key] = json_string(name_of(key));
  std::fprintf(file, "{\"displayTimeUnit\": \"ns\",\n\"traceEvents\": [\n");
  // Chrome trace times are microseconds (fractions allowed).
  bool first = true;
  for (const Event &e : events_) {
    std::fprintf(file,
                 "%s{\"name\": %s, \"cat\": \"vm\", \"ph\": \"X\", \"ts\": %.3f, "
                 "\"dur\": %.3f, \"pid\": 1, \"tid\": 1}",
                 first ? "" : ",\n", names[e.function].c_str(),
                 static_cast<double>(e.start_ns - origin_ns_) / 1e3,
                 static_cast<double>(e.duration_ns) / 1e3);
    first = false;
  }
  std::fprintf(file,
               "\n],\n\"kiln\": {\"instructions\": %" PRIu64
               ", \"peak_depth\": %d, \"dropped_events\": %" PRIu64 ",\n\"functions\": [\n",
               counters_.instructions, counters_.peak_depth, dropped_events_);
  first = true;
  for (const auto &[key, totals] : totals_) {
    std::fprintf(file,
                 "%s{\"name\": %s, \"calls\": %" PRIu64 ", \"total_us\": %.3f, "
                 "\"self_us\": %.3f, \"ranges\": [",
                 first ? "" : ",\n", names[key].c_str(), totals.calls,
                 static_cast<double>(totals.total_ns) / 1e3,
                 static_cast<double>(totals.self_ns) / 1e3);
    first = false;
    // Consecutive offsets with one count are one range (a basic block).
    std::vector<std::pair<uint32_t, uint64_t>> counts(totals.pc_counts.begin(),
                                                      totals.pc_counts.end());
    std::sort(counts.begin(), counts.end());
    bool first_range = true;
    auto it = counts.begin();
    while (it != counts.end()) {
      const uint32_t begin = it->first;
      const uint64_t count = it->second;
      uint32_t last = begin;
      auto next = std::next(it);
      while (next != counts.end() && next->second == count) {
        last = next->first;
        ++next;
      }
      std::fprintf(file, "%s{\"pc_begin\": %u, \"pc_last\": %u, \"count\": %" PRIu64 "}",
                   first_range ? "" : ", ", begin, last, count);
      first_range = false;
      it = next;
    }
    std::fprintf(file, "]}");
  }
  std::fprintf(file, "\n]}}\n");
  const bool failed = std::ferror(file) != 0;
  if (std::fclose(file) != 0 || failed) {
    return vm::make_status(vm::StatusCode::kInvalidArgument, "--profile: cannot write '%s'",
                           path.c_str());
  }
  return vm::Status();
}

} // namespace kiln::tooling
