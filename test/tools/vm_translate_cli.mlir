// The command-line edges of vm-translate and vm-opt: --version, a --help
// without libLLVM's options, one translation at a time, binary output kept
// off terminals and out of --split-input-file concatenations.
//
// RUN: vm-translate --version | FileCheck %s --check-prefix=VERSION
// RUN: vm-opt --version | FileCheck %s --check-prefix=OPT-VERSION
// VERSION: Kiln vm-translate {{[0-9]+\.[0-9]+\.[0-9]+}}
// VERSION-NEXT: built with LLVM and MLIR {{[0-9]+}}
// OPT-VERSION: Kiln vm-opt {{[0-9]+\.[0-9]+\.[0-9]+}}
// RUN: run-module --version | FileCheck %s --check-prefix=RUN-VERSION
// RUN: benchmark-module --version | FileCheck %s --check-prefix=BENCH-VERSION
// RUN-VERSION: Kiln run-module {{[0-9]+\.[0-9]+\.[0-9]+}}
// BENCH-VERSION: Kiln benchmark-module {{[0-9]+\.[0-9]+\.[0-9]+}}
//
// RUN: vm-translate --help | FileCheck %s --check-prefix=HELP
// HELP-NOT: polly
// HELP-NOT: --enable-cse-in-irtranslator
// HELP: --vm-bytecode-strip-debug
// HELP: --vm-to-bytecode
// HELP: --vm-to-c
// RUN: vm-opt --help | FileCheck %s --check-prefix=OPT-HELP
// OPT-HELP-NOT: --enable-cse-in-irtranslator
// OPT-HELP: --vm-
//
// RUN: not vm-translate --vm-to-bytecode --vm-to-c %s -o %t 2>&1 | FileCheck %s --check-prefix=TWO
// TWO: vm-translate: error: give one translation; got --vm-to-bytecode and --vm-to-c
//
// RUN: not vm-translate --vm-to-bytecode --split-input-file %s -o %t.vmfb 2>&1 | FileCheck %s --check-prefix=SPLIT
// SPLIT: error: --split-input-file with --vm-to-bytecode would write several binary modules into one output
// Text output splits fine, and every chunk's module gets its own name.
// RUN: vm-translate --vm-to-c --split-input-file %s -o - | FileCheck %s --check-prefix=NAMES
// NAMES: from vm.module @vm_translate_cli (
// NAMES: from vm.module @vm_translate_cli_{{[0-9]+}} (
//
// A binary module is not written to a terminal unless -o asks for it.
// RUN: not python3 %S/Inputs/run_in_pty.py vm-translate --vm-to-bytecode %s | FileCheck %s --check-prefix=TTY
// TTY: refusing to write the binary output of --vm-to-bytecode to a terminal
// RUN: vm-translate --vm-to-bytecode %s | od -c | head -1 | FileCheck %s --check-prefix=PIPE
// PIPE: K
//
// The preparation pipeline verifies once at its end; --vm-verify-each
// verifies after every pass and gives the same output.
// RUN: vm-translate --vm-to-c --split-input-file %s -o %t.once.c
// RUN: vm-translate --vm-to-c --split-input-file --vm-verify-each %s -o %t.each.c
// RUN: cmp %t.once.c %t.each.c
// RUN: vm-translate --help-hidden | FileCheck %s --check-prefix=HIDDEN
// HIDDEN: --vm-verify-each

func.func @first(%a: i32) -> i32 {
  return %a : i32
}

// -----

func.func @second(%a: i32) -> i32 {
  return %a : i32
}
