// The shipped declaration files parse and verify, and declare every function
// of IREE's hal (58) and check (5) modules.
// RUN: vm-opt %kiln_src/runtime/imports/hal.imports.mlir | FileCheck %s --check-prefix=HAL
// RUN: vm-opt %kiln_src/runtime/imports/check.imports.mlir | FileCheck %s --check-prefix=CHK
// RUN: vm-opt %kiln_src/runtime/imports/hal.imports.mlir | grep -c "vm.import private @" | FileCheck %s --check-prefix=HAL-COUNT
// RUN: vm-opt %kiln_src/runtime/imports/check.imports.mlir | grep -c "vm.import private optional @" | FileCheck %s --check-prefix=CHK-COUNT
// HAL: vm.module public @hal
// HAL-DAG: vm.import private @buffer_view.create(%buffer : !vm.ref<!hal.buffer>
// HAL-DAG: vm.import private @fence.await({{.*}}) -> i32 attributes {vm.yield}
// HAL-COUNT: 58
// CHK: vm.module public @check
// CHK: vm.import private optional @expect_almost_eq
// CHK-COUNT: 5
