// Declarations of the functions exported by Kiln's `check` runtime module,
// the test assertions of IREE's check module with the same names and
// signatures. All are optional imports: a program built with checks still
// loads where no check module is registered (calling one is then an error).
// Failures report both operands and the first index where they differ.
vm.module @check {

// Fail unless the i32 operand is non-zero / zero.
vm.import private optional @expect_true(%operand : i32)
vm.import private optional @expect_false(%operand : i32)

// Fail unless every element of the view is non-zero.
vm.import private optional @expect_all_true(
  %device : !vm.ref<!hal.device>, %operand : !vm.ref<!hal.buffer_view>
)

// Fail unless the views have the same shape, element type and contents.
vm.import private optional @expect_eq(
  %device : !vm.ref<!hal.device>, %lhs : !vm.ref<!hal.buffer_view>,
  %rhs : !vm.ref<!hal.buffer_view>
)

// As expect_eq for floating-point views, within |a - b| <= atol + rtol * |b|.
vm.import private optional @expect_almost_eq(
  %device : !vm.ref<!hal.device>, %lhs : !vm.ref<!hal.buffer_view>,
  %rhs : !vm.ref<!hal.buffer_view>, %atol : f32, %rtol : f32
)

}
