// The tensor sample, as the README's run-samples.sh runs it, plus a failing
// check whose message shows both tensors and the first differing index.
// RUN: vm-translate --vm-to-bytecode --vm-buffer-view-exports %kiln_src/samples/tensor_matmul.mlir -o %t.vmfb
// RUN: run-module --module=%t.vmfb --function=matmul_checked --input=2x3xf32=1,2,3,4,5,6 --input=3x2xf32=7,8,9,10,11,12 --input=2x2xf32=58,64,139,154 | FileCheck %s
// RUN: not run-module --module=%t.vmfb --function=matmul_checked --input=2x3xf32=1,2,3,4,5,6 --input=3x2xf32=7,8,9,10,11,12 --input=2x2xf32=58,64,139,155 2>&1 | FileCheck %s --check-prefix=FAIL
// RUN: not run-module --module=%t.vmfb --function=matmul --input=2x3xf32=1 --input=3xf32=1 2>&1 | FileCheck %s --check-prefix=RANK

// CHECK: 2x2xf32=[58 64][139 154]
// FAIL: error: FAILED_PRECONDITION: check.expect_almost_eq failed: {{.*}}index [1, 1]{{.*}}lhs: 2x2xf32=[58 64][139 154]{{.*}}rhs: 2x2xf32=[58 64][139 155]
// FAIL: at tensor_matmul.matmul_checked
// RANK: error: {{.*}}matmul argument 1 must have rank 2
