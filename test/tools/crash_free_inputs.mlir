// RUN: vm-translate --vm-to-bytecode %s -o %t.vmfb
// Oversized inputs are clean errors (exit 2, one line), never bad_alloc or
// length_error aborts, and endless input files do not hang.
// RUN: not run-module --module=%t.vmfb --function=len --input=buffer=zeros:99999999999999 2>&1 | FileCheck %s --check-prefix=HUGE
// RUN: not run-module --module=%t.vmfb --function=len --input=buffer=zeros:9223372036854775807 2>&1 | FileCheck %s --check-prefix=HUGE
// RUN: not run-module --module=%t.vmfb --function=len --input=buffer=zeros:18446744073709551616 2>&1 | FileCheck %s --check-prefix=BADLEN
// RUN: not run-module --module=%t.vmfb --function=len --input=buffer=@/dev/zero 2>&1 | FileCheck %s --check-prefix=STREAM
// RUN: not run-module --module=%t.vmfb --function=len --input=4xi8=@/dev/zero 2>&1 | FileCheck %s --check-prefix=STREAM
// RUN: not run-module --module=%t.vmfb --function=len --input=@/dev/zero 2>&1 | FileCheck %s --check-prefix=STREAM
// RUN: not run-module --module=%t.vmfb --function=len --input=1099511627776xf64=0 2>&1 | FileCheck %s --check-prefix=TENSOR
// RUN: not run-module --module=%t.vmfb --function=len --input=2147483648x2147483648x4xf32=0 2>&1 | FileCheck %s --check-prefix=SHAPE
// Bounded flags.
// RUN: not run-module --module=%t.vmfb --function=len --invocations=99999999999 2>&1 | FileCheck %s --check-prefix=INVOCATIONS
// RUN: not run-module --module=%t.vmfb --function=len --fuel=-1 2>&1 | FileCheck %s --check-prefix=FUEL
// RUN: not run-module --module=%t.vmfb --function=len --memory-limit=99999999999g 2>&1 | FileCheck %s --check-prefix=MEM
// RUN: not benchmark-module --module=%t.vmfb --function=len --input=buffer=zeros:4 --min_time=1e9999 2>&1 | FileCheck %s --check-prefix=MINTIME
// RUN: not benchmark-module --module=%t.vmfb --function=len --input=buffer=zeros:4 --min_time=nan 2>&1 | FileCheck %s --check-prefix=MINTIME
// RUN: not benchmark-module --module=%t.vmfb --function=len --input=buffer=zeros:4 --repetitions=99999999999999999999 2>&1 | FileCheck %s --check-prefix=REPS
// RUN: benchmark-module --module=%t.vmfb --function=len --input=buffer=zeros:4 --min_time=0.001 --repetitions=2 | FileCheck %s --check-prefix=BENCH
// A memory limit bounds what inputs may take too.
// RUN: run-module --module=%t.vmfb --function=len --input=buffer=zeros:4096 --memory-limit=64k | FileCheck %s --check-prefix=FITS
// RUN: not run-module --module=%t.vmfb --function=len --input=buffer=zeros:100000 --memory-limit=64k 2>&1 | FileCheck %s --check-prefix=LIMIT
// RUN: head -c 100000 /dev/zero > %t.bin
// RUN: not run-module --module=%t.vmfb --function=len --input=buffer=@%t.bin --memory-limit=64k 2>&1 | FileCheck %s --check-prefix=FILELIMIT

// HUGE: error: RESOURCE_EXHAUSTED: {{.*}}allocating a vm.buffer of {{[0-9]+}} bytes{{.*}}input 'buffer=zeros:
// HUGE-NOT: bad_alloc
// BADLEN: error: {{.*}}bad length
// STREAM: error: RESOURCE_EXHAUSTED: input '{{.*}}': '/dev/zero' is longer than the input limit of 268435456 bytes (it is not a regular file
// TENSOR: error: RESOURCE_EXHAUSTED: {{.*}}8796093022208
// SHAPE: error: {{.*}}tensor is too large
// INVOCATIONS: error: INVALID_ARGUMENT: --invocations needs an integer in [1, 10000]
// FUEL: error: INVALID_ARGUMENT: --fuel needs an integer in [0,
// MEM: error: INVALID_ARGUMENT: --memory-limit needs an integer
// MINTIME: error: --min_time must be seconds in (0, 3600]
// REPS: error: --repetitions must be an integer in [1, 100000]
// BENCH: _median
// FITS: i64=4096
// LIMIT: error: RESOURCE_EXHAUSTED: memory limit exceeded: allocating a vm.buffer of {{[0-9]+}} bytes with 0 of the context's 65536 bytes in use
// FILELIMIT: error: RESOURCE_EXHAUSTED: input 'buffer=@{{.*}}': file '{{.*}}' has 100000 bytes, more than the input limit of 65536 bytes

vm.module @t {
  vm.func @len(%b: !vm.buffer) -> i64 {
    %n = vm.buffer.length %b : !vm.buffer -> i64
    vm.return %n : i64
  }
  vm.export @len
}
