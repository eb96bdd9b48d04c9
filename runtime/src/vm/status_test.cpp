#include "kiln/vm/status.h"

#include <gtest/gtest.h>

#include <string>

namespace kiln::vm {
namespace {

TEST(StatusTest, OkIsOneNullWord) {
  Status s;
  EXPECT_TRUE(s.ok());
  EXPECT_EQ(s.code(), StatusCode::kOk);
  EXPECT_EQ(sizeof(Status), sizeof(void *));
  EXPECT_EQ(s.to_string(), "OK");
  EXPECT_TRUE(s.message().empty());
}

TEST(StatusTest, CodeOnlyStatus) {
  Status s(StatusCode::kDeferred);
  EXPECT_FALSE(s.ok());
  EXPECT_TRUE(s.is_deferred());
  EXPECT_EQ(s.to_string(), "DEFERRED");
  Status copy = s;
  EXPECT_EQ(copy.code(), StatusCode::kDeferred);
}

TEST(StatusTest, MessageAndAnnotate) {
  Status s = make_status(StatusCode::kOutOfRange, "index %d of %d", 7, 3);
  EXPECT_EQ(s.code(), StatusCode::kOutOfRange);
  EXPECT_EQ(s.message(), "index 7 of 3");
  s.annotate("while loading");
  EXPECT_EQ(s.to_string(), "OUT_OF_RANGE: index 7 of 3; while loading");
  Status code_only(StatusCode::kInternal);
  code_only.annotate("context");
  EXPECT_EQ(code_only.to_string(), "INTERNAL: context");
}

TEST(StatusTest, LongMessage) {
  std::string big(1000, 'x');
  Status s = make_status(StatusCode::kInvalidArgument, "%s!", big.c_str());
  EXPECT_EQ(s.message().size(), 1001u);
}

TEST(StatusTest, CopyAndMoveDeep) {
  Status a = invalid_argument_error("bad");
  Status b = a;
  Status c = std::move(a);
  EXPECT_TRUE(a.ok()); // NOLINT: moved-from is OK
  EXPECT_EQ(b.to_string(), "INVALID_ARGUMENT: bad");
  EXPECT_EQ(c.to_string(), "INVALID_ARGUMENT: bad");
  b = Status();
  EXPECT_TRUE(b.ok());
}

TEST(StatusTest, TraceFormatting) {
  Status s = failed_precondition_error("check failed");
  EXPECT_FALSE(s.has_trace());
  s.add_frame({"main", "inner", 12, "model.mlir:4:7"});
  s.add_frame({"native", "helper", -1, ""});
  s.add_frame({"main", "outer", 40, ""});
  EXPECT_TRUE(s.has_trace());
  ASSERT_EQ(s.trace().size(), 3u);
  EXPECT_EQ(s.to_string_with_trace(), "FAILED_PRECONDITION: check failed\n"
                                      "  at main.inner @12 (model.mlir:4:7)\n"
                                      "  at native.helper\n"
                                      "  at main.outer @40");
  Status ok;
  ok.add_frame({"m", "f", 0, ""});
  EXPECT_TRUE(ok.ok());
}

TEST(StatusTest, AllCodeNames) {
  EXPECT_STREQ(status_code_name(StatusCode::kInvalidArgument), "INVALID_ARGUMENT");
  EXPECT_STREQ(status_code_name(StatusCode::kResourceExhausted), "RESOURCE_EXHAUSTED");
  EXPECT_STREQ(status_code_name(StatusCode::kUnimplemented), "UNIMPLEMENTED");
  EXPECT_STREQ(status_code_name(StatusCode::kDataLoss), "DATA_LOSS");
  EXPECT_STREQ(status_code_name(StatusCode::kAborted), "ABORTED");
  EXPECT_STREQ(status_code_name(StatusCode::kUnavailable), "UNAVAILABLE");
  EXPECT_STREQ(status_code_name(StatusCode::kNotFound), "NOT_FOUND");
}

StatusOr<int> half(int v) {
  if (v % 2)
    return invalid_argument_error("odd");
  return v / 2;
}

Status quarter(int v, int *out) {
  KILN_ASSIGN_OR_RETURN(int h, half(v));
  KILN_ASSIGN_OR_RETURN(int q, half(h));
  *out = q;
  return Status();
}

Status chain(bool fail) {
  KILN_RETURN_IF_ERROR(fail ? aborted_error("stop") : Status());
  return Status();
}

TEST(StatusOrTest, ValueAndError) {
  StatusOr<int> a = half(8);
  ASSERT_TRUE(a.ok());
  EXPECT_EQ(*a, 4);
  StatusOr<int> b = half(3);
  EXPECT_FALSE(b.ok());
  EXPECT_EQ(b.status().message(), "odd");
  int q = 0;
  EXPECT_TRUE(quarter(8, &q).ok());
  EXPECT_EQ(q, 2);
  EXPECT_EQ(quarter(6, &q).code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(chain(true).code(), StatusCode::kAborted);
  EXPECT_TRUE(chain(false).ok());
}

TEST(StatusOrTest, FromOkStatusIsInternal) {
  StatusOr<int> s{Status()};
  EXPECT_FALSE(s.ok());
  EXPECT_EQ(s.status().code(), StatusCode::kInternal);
}

TEST(StatusOrTest, NonTrivialValue) {
  StatusOr<std::string> s(std::string("hello"));
  StatusOr<std::string> t = std::move(s);
  EXPECT_EQ(*t, "hello");
  StatusOr<std::string> e(not_found_error("nope"));
  t = e;
  EXPECT_FALSE(t.ok());
}

// Names and strings from a module are untrusted: rendering a status never
// writes their control bytes (terminal escapes, newlines that would forge a
// trace line) or non-ASCII bytes raw.
TEST(StatusTest, ToStringEscapesUntrustedBytes) {
  static const char kMessage[] = "import 'a\x1b[31m\nb\xff\\' missing";
  Status s(StatusCode::kNotFound, std::string_view(kMessage, sizeof(kMessage) - 1));
  EXPECT_EQ(s.message(), std::string_view(kMessage)); // the exact bytes are kept
  EXPECT_EQ(s.to_string(), "NOT_FOUND: import 'a\\x1b[31m\\x0ab\\xff\\\\' missing");
  StackTraceFrame f;
  f.module = "m\x07";
  f.function = "f\r";
  f.location = "x.mlir:1:2";
  EXPECT_EQ(format_trace_frame(f), "  at m\\x07.f\\x0d (x.mlir:1:2)");
  EXPECT_EQ(escape_bytes("plain text: 0-9 ~"), "plain text: 0-9 ~");
}

} // namespace
} // namespace kiln::vm

TEST(StatusTest, TraceCollapsesRepeatedFrames) {
  using kiln::vm::StackTraceFrame;
  std::vector<StackTraceFrame> trace;
  StackTraceFrame leaf{"rec", "leaf", 4, "r.mlir:9:3"};
  StackTraceFrame step{"rec", "sumrec", 12, "r.mlir:5:7"};
  StackTraceFrame entry{"rec", "main", 3, "r.mlir:2:5"};
  trace.push_back(leaf);
  for (int i = 0; i < 953; ++i)
    trace.push_back(step);
  trace.push_back(entry);
  std::vector<std::string> lines = kiln::vm::format_trace(trace);
  ASSERT_EQ(lines.size(), 1 + kiln::vm::kTraceRunShown + 1 + 1);
  EXPECT_EQ(lines[0], "  at rec.leaf @4 (r.mlir:9:3)");
  EXPECT_EQ(lines[1], "  at rec.sumrec @12 (r.mlir:5:7)");
  EXPECT_EQ(lines[3], "  at rec.sumrec @12 (r.mlir:5:7)");
  EXPECT_EQ(lines[4], "  ... 950 more frames of rec.sumrec");
  EXPECT_EQ(lines[5], "  at rec.main @3 (r.mlir:2:5)");
  // Runs no longer than kTraceRunShown stay as they are.
  std::vector<StackTraceFrame> short_run = {step, step, step, entry};
  EXPECT_EQ(kiln::vm::format_trace(short_run).size(), 4u);
  // Different call sites in one function are different frames.
  StackTraceFrame other = step;
  other.pc = 20;
  std::vector<StackTraceFrame> alternating = {step, other, step, other, step};
  EXPECT_EQ(kiln::vm::format_trace(alternating).size(), 5u);
}

// A failure from another stack (a kernel failing a fence) keeps its frames
// and takes the frames of the stack that receives it after them.
TEST(StatusTest, ReopenedTraceTakesOuterFrames) {
  using kiln::vm::StackTraceFrame;
  using kiln::vm::Status;
  using kiln::vm::StatusCode;
  Status kernel(StatusCode::kOutOfRange, "out of bounds");
  kernel.add_frame(StackTraceFrame{"kernels", "fault", 52, "k.mlir:5:3"});
  ASSERT_TRUE(kernel.has_trace());
  Status reopened = kiln::vm::reopen_trace(kernel);
  EXPECT_EQ(reopened.code(), StatusCode::kOutOfRange);
  EXPECT_EQ(reopened.message(), "out of bounds");
  EXPECT_FALSE(reopened.has_trace());
  reopened.mark_trace_captured();
  reopened.add_frame(StackTraceFrame{"host", "main", 7, "h.mlir:2:1"});
  ASSERT_EQ(reopened.trace().size(), kernel.trace().size() + 1);
  EXPECT_EQ(reopened.trace().front().function, "fault");
  EXPECT_EQ(reopened.trace().back().function, "main");
  // OK, deferred and trace-less statuses come back unchanged.
  EXPECT_TRUE(kiln::vm::reopen_trace(Status()).ok());
  Status plain(StatusCode::kInternal, "x");
  EXPECT_EQ(kiln::vm::reopen_trace(plain).to_string(), plain.to_string());
}
