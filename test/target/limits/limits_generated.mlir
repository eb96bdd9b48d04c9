// Limits that need large modules, at and past their edge, in both targets:
// argument and result codes per signature (4096) and registers per bank
// (32767, as the bytecode register allocator assigns them).
// RUN: python3 %S/Inputs/gen_limits.py args 4096 > %t.args_ok.mlir
// RUN: vm-translate --vm-to-bytecode %t.args_ok.mlir -o /dev/null
// RUN: vm-translate --vm-to-c %t.args_ok.mlir -o /dev/null
// RUN: python3 %S/Inputs/gen_limits.py args 4097 > %t.args_bad.mlir
// RUN: not vm-translate --vm-to-bytecode %t.args_bad.mlir -o /dev/null 2>&1 | FileCheck %s --check-prefix=ARGS
// RUN: not vm-translate --vm-to-c %t.args_bad.mlir -o /dev/null 2>&1 | FileCheck %s --check-prefix=ARGS
// ARGS: error: signature has 4097 argument codes; at most 4096 are supported

// RUN: python3 %S/Inputs/gen_limits.py results 4096 > %t.results_ok.mlir
// RUN: vm-translate --vm-to-bytecode %t.results_ok.mlir -o /dev/null
// RUN: vm-translate --vm-to-c %t.results_ok.mlir -o /dev/null
// RUN: python3 %S/Inputs/gen_limits.py results 4097 > %t.results_bad.mlir
// RUN: not vm-translate --vm-to-bytecode %t.results_bad.mlir -o /dev/null 2>&1 | FileCheck %s --check-prefix=RESULTS
// RUN: not vm-translate --vm-to-c %t.results_bad.mlir -o /dev/null 2>&1 | FileCheck %s --check-prefix=RESULTS
// RESULTS: error: signature has 4097 result codes; at most 4096 are supported

// %x plus N live products: N = 32766 needs 32767 scalar registers (the
// limit), N = 32767 one more.
// RUN: python3 %S/Inputs/gen_limits.py live 32766 > %t.live_ok.mlir
// RUN: vm-translate --vm-to-bytecode %t.live_ok.mlir -o /dev/null
// RUN: vm-translate --vm-to-c %t.live_ok.mlir -o /dev/null
// RUN: python3 %S/Inputs/gen_limits.py live 32767 > %t.live_bad.mlir
// RUN: not vm-translate --vm-to-bytecode %t.live_bad.mlir -o /dev/null 2>&1 | FileCheck %s --check-prefix=LIVE
// RUN: not vm-translate --vm-to-c %t.live_bad.mlir -o /dev/null 2>&1 | FileCheck %s --check-prefix=LIVE
// LIVE: error: function needs more than 32767 scalar registers; split it into smaller functions
