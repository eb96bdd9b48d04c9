#include "kiln/modules/check/module.h"

#include <cmath>
#include <cstdio>
#include <cstring>
#include <string>
#include <vector>

#include "kiln/modules/hal/buffer_view.h"
#include "kiln/modules/hal/device.h"
#include "kiln/modules/hal/module.h"

namespace kiln::check {
namespace {

using hal::BufferView;

constexpr size_t kMaxPrintedElements = 1024;

// "[2, 1]" for flat index 5 of shape 2x3.
std::string index_text(const std::vector<int64_t> &shape, int64_t flat) {
  std::vector<int64_t> index(shape.size());
  for (size_t i = shape.size(); i-- > 0;) {
    if (shape[i] > 0) {
      index[i] = flat % shape[i];
      flat /= shape[i];
    }
  }
  std::string out = "[";
  for (size_t i = 0; i < index.size(); ++i) {
    if (i)
      out += ", ";
    out += std::to_string(index[i]);
  }
  return out + "]";
}

vm::StatusOr<const uint8_t *> contents(BufferView &v) {
  if (hal::element_bit_count(v.element_type()) % 8 != 0) {
    return vm::make_status(vm::StatusCode::kUnimplemented, "check of sub-byte element type %s",
                           hal::format_element_type(v.element_type()).c_str());
  }
  KILN_ASSIGN_OR_RETURN(uint8_t * p,
                        v.buffer()->map(0, v.byte_length(), hal::memory_access::kRead));
  return p;
}

vm::Status failure(const std::string &summary, BufferView &lhs, BufferView *rhs) {
  std::string text = summary;
  vm::StatusOr<std::string> l = hal::format_buffer_view(lhs, kMaxPrintedElements);
  text += "\n  lhs: " + (l.ok() ? *l : std::string(l.status().message()));
  if (rhs) {
    vm::StatusOr<std::string> r = hal::format_buffer_view(*rhs, kMaxPrintedElements);
    text += "\n  rhs: " + (r.ok() ? *r : std::string(r.status().message()));
  }
  return vm::Status(vm::StatusCode::kFailedPrecondition, text);
}

vm::Status require_view(const vm::RefT<BufferView> &v, const char *what) {
  if (v)
    return vm::Status();
  return vm::make_status(vm::StatusCode::kInvalidArgument, "check: %s is null", what);
}

bool same_shape(BufferView &a, BufferView &b) { return a.shape() == b.shape(); }

vm::Status expect_all_true(vm::RefT<hal::Device>, vm::RefT<BufferView> view) {
  KILN_RETURN_IF_ERROR(require_view(view, "operand"));
  KILN_ASSIGN_OR_RETURN(const uint8_t *p, contents(*view));
  size_t size = hal::element_byte_size(view->element_type());
  int64_t n = view->element_count();
  for (int64_t i = 0; i < n; ++i) {
    const uint8_t *e = p + static_cast<size_t>(i) * size;
    bool nonzero = false;
    double f;
    if (hal::load_float_element(e, view->element_type(), &f)) {
      nonzero = f != 0.0;
    } else {
      for (size_t k = 0; k < size; ++k)
        nonzero |= e[k] != 0;
    }
    if (!nonzero) {
      return failure("check.expect_all_true failed: element " + index_text(view->shape(), i) +
                         " is zero",
                     *view, nullptr);
    }
  }
  return vm::Status();
}

vm::Status expect_eq(vm::RefT<hal::Device>, vm::RefT<BufferView> lhs, vm::RefT<BufferView> rhs) {
  KILN_RETURN_IF_ERROR(require_view(lhs, "lhs"));
  KILN_RETURN_IF_ERROR(require_view(rhs, "rhs"));
  if (lhs->element_type() != rhs->element_type()) {
    return failure("check.expect_eq failed: element types do not match", *lhs, rhs.get());
  }
  if (!same_shape(*lhs, *rhs)) {
    return failure("check.expect_eq failed: shapes do not match", *lhs, rhs.get());
  }
  KILN_ASSIGN_OR_RETURN(const uint8_t *a, contents(*lhs));
  KILN_ASSIGN_OR_RETURN(const uint8_t *b, contents(*rhs));
  size_t size = hal::element_byte_size(lhs->element_type());
  int64_t n = lhs->element_count();
  for (int64_t i = 0; i < n; ++i) {
    size_t at = static_cast<size_t>(i) * size;
    if (std::memcmp(a + at, b + at, size) != 0) {
      return failure("check.expect_eq failed: contents differ; the first difference is at "
                     "index " +
                         index_text(lhs->shape(), i) + ": lhs " +
                         hal::format_element(a + at, lhs->element_type()) + " vs rhs " +
                         hal::format_element(b + at, rhs->element_type()),
                     *lhs, rhs.get());
    }
  }
  return vm::Status();
}

// IREE's tolerance: |actual - expected| <= atol + rtol * |expected|; equal
// values and two NaNs always pass.
bool almost_equal(double actual, double expected, double atol, double rtol) {
  if (actual == expected)
    return true;
  if (std::isnan(actual) && std::isnan(expected))
    return true;
  if (!std::isfinite(expected))
    return false;
  return std::fabs(actual - expected) <= atol + rtol * std::fabs(expected);
}

vm::Status expect_almost_eq(vm::RefT<hal::Device> device, vm::RefT<BufferView> lhs,
                            vm::RefT<BufferView> rhs, float atol, float rtol) {
  KILN_RETURN_IF_ERROR(require_view(lhs, "lhs"));
  KILN_RETURN_IF_ERROR(require_view(rhs, "rhs"));
  if (lhs->element_type() != rhs->element_type()) {
    return failure("check.expect_almost_eq failed: element types do not match", *lhs, rhs.get());
  }
  if (!same_shape(*lhs, *rhs)) {
    return failure("check.expect_almost_eq failed: shapes do not match", *lhs, rhs.get());
  }
  double probe;
  uint8_t zero[8] = {};
  if (!hal::load_float_element(zero, lhs->element_type(), &probe)) {
    // Not a float type: exact comparison, as IREE.
    return expect_eq(std::move(device), std::move(lhs), std::move(rhs));
  }
  KILN_ASSIGN_OR_RETURN(const uint8_t *a, contents(*lhs));
  KILN_ASSIGN_OR_RETURN(const uint8_t *b, contents(*rhs));
  size_t size = hal::element_byte_size(lhs->element_type());
  int64_t n = lhs->element_count();
  for (int64_t i = 0; i < n; ++i) {
    size_t at = static_cast<size_t>(i) * size;
    double x = 0, y = 0;
    hal::load_float_element(a + at, lhs->element_type(), &x);
    hal::load_float_element(b + at, rhs->element_type(), &y);
    if (!almost_equal(x, y, atol, rtol)) {
      char text[256];
      std::snprintf(text, sizeof(text),
                    "check.expect_almost_eq failed: contents differ beyond atol=%g, "
                    "rtol=%g; the first difference is at index %s: lhs %g vs rhs %g "
                    "(difference %.3e)",
                    static_cast<double>(atol), static_cast<double>(rtol),
                    index_text(lhs->shape(), i).c_str(), x, y, y - x);
      return failure(text, *lhs, rhs.get());
    }
  }
  return vm::Status();
}

} // namespace

vm::StatusOr<vm::RefT<vm::NativeModule>> create_check_module(vm::Instance &instance) {
  KILN_RETURN_IF_ERROR(hal::register_types(instance));
  vm::RefT<vm::NativeModule> m = vm::NativeModule::create("check");
  m->export_function("expect_true", [](int32_t operand) -> vm::Status {
    if (operand != 0)
      return vm::Status();
    return vm::make_status(vm::StatusCode::kFailedPrecondition,
                           "check.expect_true failed: expected %d to be nonzero", operand);
  });
  m->export_function("expect_false", [](int32_t operand) -> vm::Status {
    if (operand == 0)
      return vm::Status();
    return vm::make_status(vm::StatusCode::kFailedPrecondition,
                           "check.expect_false failed: expected %d to be zero", operand);
  });
  m->export_function("expect_all_true", &expect_all_true);
  m->export_function("expect_eq", &expect_eq);
  m->export_function("expect_almost_eq", &expect_almost_eq);
  return m;
}

} // namespace kiln::check
