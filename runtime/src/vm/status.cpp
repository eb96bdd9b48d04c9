#include "kiln/vm/status.h"

#include <cstdarg>
#include <cstdio>

namespace kiln::vm {
namespace {

struct StatusRep {
  StatusCode code;
  bool trace_captured = false;
  std::string message;
  std::vector<StackTraceFrame> trace;
};

StatusRep *as_rep(uintptr_t word) { return reinterpret_cast<StatusRep *>(word); }

const std::vector<StackTraceFrame> &empty_trace() {
  static const std::vector<StackTraceFrame> *kEmpty = new std::vector<StackTraceFrame>();
  return *kEmpty;
}

} // namespace

const char *status_code_name(StatusCode code) {
  switch (code) {
  case StatusCode::kOk:
    return "OK";
  case StatusCode::kCancelled:
    return "CANCELLED";
  case StatusCode::kUnknown:
    return "UNKNOWN";
  case StatusCode::kInvalidArgument:
    return "INVALID_ARGUMENT";
  case StatusCode::kDeadlineExceeded:
    return "DEADLINE_EXCEEDED";
  case StatusCode::kNotFound:
    return "NOT_FOUND";
  case StatusCode::kAlreadyExists:
    return "ALREADY_EXISTS";
  case StatusCode::kPermissionDenied:
    return "PERMISSION_DENIED";
  case StatusCode::kResourceExhausted:
    return "RESOURCE_EXHAUSTED";
  case StatusCode::kFailedPrecondition:
    return "FAILED_PRECONDITION";
  case StatusCode::kAborted:
    return "ABORTED";
  case StatusCode::kOutOfRange:
    return "OUT_OF_RANGE";
  case StatusCode::kUnimplemented:
    return "UNIMPLEMENTED";
  case StatusCode::kInternal:
    return "INTERNAL";
  case StatusCode::kUnavailable:
    return "UNAVAILABLE";
  case StatusCode::kDataLoss:
    return "DATA_LOSS";
  case StatusCode::kUnauthenticated:
    return "UNAUTHENTICATED";
  case StatusCode::kDeferred:
    return "DEFERRED";
  }
  return "UNKNOWN_CODE";
}

Status::Status(StatusCode code, std::string_view message) {
  if (code == StatusCode::kOk)
    return;
  if (message.empty()) {
    word_ = (static_cast<uintptr_t>(code) << 1) | 1;
    return;
  }
  auto *rep = new StatusRep{code, false, std::string(message), {}};
  word_ = reinterpret_cast<uintptr_t>(rep);
}

uintptr_t Status::copy_rep(uintptr_t word) {
  return reinterpret_cast<uintptr_t>(new StatusRep(*as_rep(word)));
}

void Status::free_rep(uintptr_t word) { delete as_rep(word); }

StatusCode Status::rep_code(uintptr_t word) { return as_rep(word)->code; }

void Status::ensure_rep() {
  if (word_ == 0 || is_rep())
    return;
  auto *rep = new StatusRep{code(), false, {}, {}};
  word_ = reinterpret_cast<uintptr_t>(rep);
}

std::string_view Status::message() const {
  if (!is_rep())
    return {};
  return as_rep(word_)->message;
}

const std::vector<StackTraceFrame> &Status::trace() const {
  if (!is_rep())
    return empty_trace();
  return as_rep(word_)->trace;
}

bool Status::has_trace() const { return is_rep() && as_rep(word_)->trace_captured; }

Status &Status::annotate(std::string_view context) {
  if (ok() || context.empty())
    return *this;
  ensure_rep();
  StatusRep *rep = as_rep(word_);
  if (!rep->message.empty())
    rep->message.append("; ");
  rep->message.append(context);
  return *this;
}

Status &Status::add_frame(StackTraceFrame frame) {
  if (ok())
    return *this;
  ensure_rep();
  StatusRep *rep = as_rep(word_);
  rep->trace_captured = true;
  rep->trace.push_back(std::move(frame));
  return *this;
}

Status &Status::add_inner_frame(StackTraceFrame frame) {
  if (ok() || is_deferred() || has_trace())
    return *this;
  ensure_rep();
  as_rep(word_)->trace.push_back(std::move(frame));
  return *this;
}

Status reopen_trace(const Status &status) {
  if (status.ok() || status.is_deferred() || !status.has_trace())
    return status;
  Status reopened(status.code(), status.message());
  for (const StackTraceFrame &frame : status.trace())
    reopened.add_inner_frame(frame);
  return reopened;
}

Status &Status::mark_trace_captured() {
  if (ok())
    return *this;
  ensure_rep();
  as_rep(word_)->trace_captured = true;
  return *this;
}

std::string escape_bytes(std::string_view bytes) {
  static const char kHex[] = "0123456789abcdef";
  std::string out;
  out.reserve(bytes.size());
  for (char ch : bytes) {
    unsigned char c = static_cast<unsigned char>(ch);
    if (c == '\\') {
      out.append("\\\\");
    } else if (c < 0x20 || c >= 0x7f) {
      out.append("\\x");
      out.push_back(kHex[c >> 4]);
      out.push_back(kHex[c & 15]);
    } else {
      out.push_back(ch);
    }
  }
  return out;
}

// The message may quote names and strings of a module or of the input:
// rendered escaped (message() keeps the exact bytes).
std::string Status::to_string() const {
  std::string out = status_code_name(code());
  std::string_view msg = message();
  if (!msg.empty()) {
    out.append(": ");
    out.append(escape_bytes(msg));
  }
  return out;
}

std::string format_trace_frame(const StackTraceFrame &f) {
  std::string out = "  at ";
  out.append(escape_bytes(f.module));
  out.push_back('.');
  out.append(escape_bytes(f.function));
  if (f.pc >= 0) {
    out.append(" @");
    out.append(std::to_string(f.pc));
  }
  if (!f.location.empty()) {
    out.append(" (");
    out.append(escape_bytes(f.location));
    out.push_back(')');
  }
  if (f.inlined)
    out.append(" [inlined]");
  return out;
}

namespace {
bool same_frame(const StackTraceFrame &a, const StackTraceFrame &b) {
  return a.pc == b.pc && a.inlined == b.inlined && a.function == b.function &&
         a.module == b.module && a.location == b.location;
}
} // namespace

std::vector<std::string> format_trace(const std::vector<StackTraceFrame> &trace) {
  std::vector<std::string> lines;
  for (size_t i = 0; i < trace.size();) {
    size_t run = 1;
    while (i + run < trace.size() && same_frame(trace[i], trace[i + run]))
      ++run;
    const size_t shown = run > kTraceRunShown ? kTraceRunShown : run;
    for (size_t k = 0; k < shown; ++k)
      lines.push_back(format_trace_frame(trace[i]));
    if (run > shown) {
      lines.push_back("  ... " + std::to_string(run - shown) + " more frames of " +
                      escape_bytes(trace[i].module) + "." + escape_bytes(trace[i].function));
    }
    i += run;
  }
  return lines;
}

std::string Status::to_string_with_trace() const {
  std::string out = to_string();
  for (const std::string &line : format_trace(trace())) {
    out.push_back('\n');
    out.append(line);
  }
  return out;
}

Status make_status(StatusCode code, const char *format, ...) {
  if (code == StatusCode::kOk)
    return Status();
  char small[256];
  va_list args;
  va_start(args, format);
  va_list copy;
  va_copy(copy, args);
  int n = std::vsnprintf(small, sizeof(small), format, args);
  va_end(args);
  if (n < 0) {
    va_end(copy);
    return Status(code, format);
  }
  if (static_cast<size_t>(n) < sizeof(small)) {
    va_end(copy);
    return Status(code, std::string_view(small, static_cast<size_t>(n)));
  }
  std::string big(static_cast<size_t>(n) + 1, '\0');
  std::vsnprintf(big.data(), big.size(), format, copy);
  va_end(copy);
  big.resize(static_cast<size_t>(n));
  return Status(code, big);
}

Status invalid_argument_error(std::string_view m) {
  return Status(StatusCode::kInvalidArgument, m);
}
Status out_of_range_error(std::string_view m) { return Status(StatusCode::kOutOfRange, m); }
Status failed_precondition_error(std::string_view m) {
  return Status(StatusCode::kFailedPrecondition, m);
}
Status not_found_error(std::string_view m) { return Status(StatusCode::kNotFound, m); }
Status unimplemented_error(std::string_view m) { return Status(StatusCode::kUnimplemented, m); }
Status resource_exhausted_error(std::string_view m) {
  return Status(StatusCode::kResourceExhausted, m);
}
Status internal_error(std::string_view m) { return Status(StatusCode::kInternal, m); }
Status permission_denied_error(std::string_view m) {
  return Status(StatusCode::kPermissionDenied, m);
}
Status data_loss_error(std::string_view m) { return Status(StatusCode::kDataLoss, m); }
Status aborted_error(std::string_view m) { return Status(StatusCode::kAborted, m); }
Status unavailable_error(std::string_view m) { return Status(StatusCode::kUnavailable, m); }

void die_with_status(const Status &status, const char *what) {
  std::fprintf(stderr, "kiln: fatal: %s: %s\n", what, status.to_string_with_trace().c_str());
  std::abort();
}

} // namespace kiln::vm
