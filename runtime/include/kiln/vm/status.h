// Errors are values: Status and StatusOr<T>.
//
// An OK status is a null word: creating, moving, testing and destroying it
// never allocates. A status that carries only a code (DEFERRED, or an error
// without a message) is encoded in the same word and does not allocate
// either. A message or a VM stack trace moves the status onto the heap; that
// only happens on error paths.
#ifndef KILN_VM_STATUS_H_
#define KILN_VM_STATUS_H_

#include <cstdint>
#include <cstdlib>
#include <new>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

#if defined(__GNUC__) || defined(__clang__)
#define KILN_LIKELY(x) __builtin_expect(!!(x), 1)
#define KILN_UNLIKELY(x) __builtin_expect(!!(x), 0)
#define KILN_PRINTF_FORMAT(fmt, args) __attribute__((format(printf, fmt, args)))
#define KILN_ALWAYS_INLINE inline __attribute__((always_inline))
#define KILN_NOINLINE __attribute__((noinline))
#else
#define KILN_LIKELY(x) (x)
#define KILN_UNLIKELY(x) (x)
#define KILN_PRINTF_FORMAT(fmt, args)
#define KILN_ALWAYS_INLINE inline
#define KILN_NOINLINE
#endif

namespace kiln::vm {

// Numbering follows absl/gRPC canonical codes; DEFERRED is Kiln's own.
enum class StatusCode : uint8_t {
  kOk = 0,
  kCancelled = 1,
  kUnknown = 2,
  kInvalidArgument = 3,
  kDeadlineExceeded = 4,
  kNotFound = 5,
  kAlreadyExists = 6,
  kPermissionDenied = 7,
  kResourceExhausted = 8,
  kFailedPrecondition = 9,
  kAborted = 10,
  kOutOfRange = 11,
  kUnimplemented = 12,
  kInternal = 13,
  kUnavailable = 14,
  kDataLoss = 15,
  kUnauthenticated = 16,
  // Not an error: the callee suspended; continue it with resume_call.
  kDeferred = 17,
};

// "OK", "INVALID_ARGUMENT", ..., "DEFERRED".
const char *status_code_name(StatusCode code);

// One line of a VM stack trace, innermost frame first.
struct StackTraceFrame {
  std::string module;   // module name
  std::string function; // function name (or "<ordinal N>")
  int64_t pc = -1;      // bytecode offset, -1 for native/C frames
  std::string location; // "file:line:col" when known, else empty
  // Code the compiler inlined into the next frame's function: `function` is
  // where it came from, and `pc` is -1.
  bool inlined = false;
};

// "  at module.function @12 (file.mlir:3:5)", with " [inlined]" for inlined
// frames: the one spelling of a trace line for every tool. Names come from
// modules (untrusted); they are escaped as escape_bytes does.
std::string format_trace_frame(const StackTraceFrame &frame);

// The lines of a whole trace (format_trace_frame each), with every run of
// more than kTraceRunShown identical consecutive frames (deep recursion
// through one call site) shortened to its first kTraceRunShown frames and
// one line "  ... N more frames of module.function".
inline constexpr size_t kTraceRunShown = 3;
std::vector<std::string> format_trace(const std::vector<StackTraceFrame> &trace);

// `bytes` with every byte that is not printable ASCII (controls, DEL, bytes
// >= 0x80) and the backslash written as \xNN (a backslash as \\), so text
// from an untrusted module or input cannot drive the terminal or forge
// lines. Status::to_string and format_trace_frame apply it.
std::string escape_bytes(std::string_view bytes);

class [[nodiscard]] Status {
public:
  // OK.
  constexpr Status() noexcept = default;
  // A code-only status: never allocates.
  constexpr explicit Status(StatusCode code) noexcept
      : word_(code == StatusCode::kOk ? 0 : ((static_cast<uintptr_t>(code) << 1) | 1)) {}
  // A code and a message (allocates unless code is OK or message empty).
  Status(StatusCode code, std::string_view message);

  Status(const Status &other) : word_(other.word_) {
    if (KILN_UNLIKELY(is_rep()))
      word_ = copy_rep(other.word_);
  }
  Status(Status &&other) noexcept : word_(other.word_) { other.word_ = 0; }
  Status &operator=(const Status &other) {
    if (this != &other) {
      reset();
      word_ = other.word_;
      if (KILN_UNLIKELY(is_rep()))
        word_ = copy_rep(other.word_);
    }
    return *this;
  }
  Status &operator=(Status &&other) noexcept {
    if (this != &other) {
      reset();
      word_ = other.word_;
      other.word_ = 0;
    }
    return *this;
  }
  ~Status() {
    if (KILN_UNLIKELY(is_rep()))
      free_rep(word_);
  }

  KILN_ALWAYS_INLINE bool ok() const { return word_ == 0; }
  bool is_deferred() const { return code() == StatusCode::kDeferred; }
  StatusCode code() const {
    if (word_ == 0)
      return StatusCode::kOk;
    if (word_ & 1)
      return static_cast<StatusCode>(word_ >> 1);
    return rep_code(word_);
  }
  // Empty for OK and code-only statuses.
  std::string_view message() const;
  // Frames captured when the error left the VM, innermost first.
  const std::vector<StackTraceFrame> &trace() const;
  bool has_trace() const;

  // Appends "; context" to the message (no-op on OK).
  Status &annotate(std::string_view context);
  // Appends one trace frame (no-op on OK). Marks the trace as captured.
  Status &add_frame(StackTraceFrame frame);
  // Appends one trace frame without marking the trace captured: for frames
  // that are not on the VM stack (emitted-C light frames, see
  // kiln/c/module.h) and add themselves while the error unwinds through
  // them, before Stack::capture_trace appends the frames below. No-op on OK
  // or once the trace is captured (it is then complete).
  Status &add_inner_frame(StackTraceFrame frame);
  // Marks the trace as captured even if it has no frames.
  Status &mark_trace_captured();

  // "INVALID_ARGUMENT: message" (or "OK").
  std::string to_string() const;
  // to_string() followed by one line per trace frame:
  //   "  at module.function @12 (file.mlir:3:5)"
  std::string to_string_with_trace() const;

private:
  bool is_rep() const { return word_ != 0 && (word_ & 1) == 0; }
  void reset() {
    if (is_rep())
      free_rep(word_);
    word_ = 0;
  }
  void ensure_rep();
  static uintptr_t copy_rep(uintptr_t word);
  static void free_rep(uintptr_t word);
  static StatusCode rep_code(uintptr_t word);

  uintptr_t word_ = 0;
};

inline Status ok_status() { return Status(); }

// A copy of `status` whose trace is open again: its frames become inner
// frames, and the frames of the call that receives it are appended after
// them. For a failure that happened on another stack and is reported where
// a VM program waits for it (a queued operation or a dispatched kernel
// failing a fence that hal.fence.await returns): the trace then reads from
// the kernel's frames down to the host's await.
Status reopen_trace(const Status &status);

// printf-style constructors. Messages are formatted only on error paths.
Status make_status(StatusCode code, const char *format, ...) KILN_PRINTF_FORMAT(2, 3);

inline Status deferred_status() { return Status(StatusCode::kDeferred); }
Status invalid_argument_error(std::string_view message);
Status out_of_range_error(std::string_view message);
Status failed_precondition_error(std::string_view message);
Status not_found_error(std::string_view message);
Status unimplemented_error(std::string_view message);
Status resource_exhausted_error(std::string_view message);
Status internal_error(std::string_view message);
Status permission_denied_error(std::string_view message);
Status data_loss_error(std::string_view message);
Status aborted_error(std::string_view message);
Status unavailable_error(std::string_view message);

// Aborts the process with the status printed; for "cannot happen" paths.
[[noreturn]] void die_with_status(const Status &status, const char *what);

// A value or an error. Holding OK without a value is impossible: building a
// StatusOr from an OK Status turns it into INTERNAL.
template <typename T> class [[nodiscard]] StatusOr {
public:
  StatusOr(const Status &status) : status_(status) { check_not_ok(); }
  StatusOr(Status &&status) : status_(std::move(status)) { check_not_ok(); }
  StatusOr(const T &value) : has_value_(true) { new (&value_) T(value); }
  StatusOr(T &&value) : has_value_(true) { new (&value_) T(std::move(value)); }
  template <typename U, typename = std::enable_if_t<std::is_constructible_v<T, U &&> &&
                                                    !std::is_same_v<std::decay_t<U>, T> &&
                                                    !std::is_same_v<std::decay_t<U>, Status> &&
                                                    !std::is_same_v<std::decay_t<U>, StatusOr>>>
  StatusOr(U &&value) : has_value_(true) {
    new (&value_) T(std::forward<U>(value));
  }
  StatusOr(const StatusOr &other) : status_(other.status_), has_value_(other.has_value_) {
    if (has_value_)
      new (&value_) T(other.value_);
  }
  StatusOr(StatusOr &&other) noexcept
      : status_(std::move(other.status_)), has_value_(other.has_value_) {
    if (has_value_)
      new (&value_) T(std::move(other.value_));
  }
  StatusOr &operator=(const StatusOr &other) {
    if (this != &other) {
      destroy();
      status_ = other.status_;
      has_value_ = other.has_value_;
      if (has_value_)
        new (&value_) T(other.value_);
    }
    return *this;
  }
  StatusOr &operator=(StatusOr &&other) noexcept {
    if (this != &other) {
      destroy();
      status_ = std::move(other.status_);
      has_value_ = other.has_value_;
      if (has_value_)
        new (&value_) T(std::move(other.value_));
    }
    return *this;
  }
  ~StatusOr() { destroy(); }

  bool ok() const { return has_value_; }
  // OK when a value is held. After `std::move(x).status()` x is unusable.
  const Status &status() const & { return status_; }
  Status status() && { return std::move(status_); }

  T &value() & {
    check_ok();
    return value_;
  }
  const T &value() const & {
    check_ok();
    return value_;
  }
  T &&value() && {
    check_ok();
    return std::move(value_);
  }
  T &operator*() & { return value(); }
  const T &operator*() const & { return value(); }
  T &&operator*() && { return std::move(*this).value(); }
  T *operator->() { return &value(); }
  const T *operator->() const { return &value(); }

private:
  void check_not_ok() {
    if (KILN_UNLIKELY(status_.ok())) {
      status_ = Status(StatusCode::kInternal, "StatusOr built from OK status");
    }
  }
  void check_ok() const {
    if (KILN_UNLIKELY(!has_value_))
      die_with_status(status_, "StatusOr::value");
  }
  void destroy() {
    if (has_value_)
      value_.~T();
    has_value_ = false;
  }

  Status status_;
  bool has_value_ = false;
  union {
    T value_;
  };
};

} // namespace kiln::vm

// Early return is the one thing a function cannot do for its caller, so these
// two are macros. Everything else is a function.
#define KILN_VM_CONCAT_INNER(a, b) a##b
#define KILN_VM_CONCAT(a, b) KILN_VM_CONCAT_INNER(a, b)

#define KILN_RETURN_IF_ERROR(expr)                                                                 \
  do {                                                                                             \
    ::kiln::vm::Status kiln_status_tmp_ = (expr);                                                  \
    if (KILN_UNLIKELY(!kiln_status_tmp_.ok()))                                                     \
      return kiln_status_tmp_;                                                                     \
  } while (0)

#define KILN_ASSIGN_OR_RETURN(lhs, expr)                                                           \
  auto KILN_VM_CONCAT(kiln_statusor_, __LINE__) = (expr);                                          \
  if (KILN_UNLIKELY(!KILN_VM_CONCAT(kiln_statusor_, __LINE__).ok()))                               \
    return std::move(KILN_VM_CONCAT(kiln_statusor_, __LINE__)).status();                           \
  lhs = std::move(KILN_VM_CONCAT(kiln_statusor_, __LINE__)).value()

#endif // KILN_VM_STATUS_H_
