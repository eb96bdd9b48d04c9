// kiln-params answers --version and --help like the other tools.
// RUN: kiln-params --version | FileCheck %s --check-prefix=VERSION
// RUN: kiln-params --help | FileCheck %s --check-prefix=HELP
// RUN: not kiln-params frobnicate 2>&1 | FileCheck %s --check-prefix=HELP
// VERSION: Kiln kiln-params {{[0-9]+\.[0-9]+\.[0-9]+}}
// HELP: usage: kiln-params list FILE...
