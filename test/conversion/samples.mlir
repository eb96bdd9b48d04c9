// Every upstream sample converts cleanly and verifies.
// RUN: vm-opt --kiln-lower-to-vm %kiln_src/samples/upstream_gcd.mlir | FileCheck %s --check-prefix=GCD
// RUN: vm-opt --kiln-lower-to-vm %kiln_src/samples/upstream_collatz.mlir | FileCheck %s --check-prefix=COLLATZ
// RUN: vm-opt --kiln-lower-to-vm %kiln_src/samples/upstream_sieve.mlir | FileCheck %s --check-prefix=SIEVE
// RUN: vm-opt --kiln-lower-to-vm %kiln_src/samples/upstream_matmul.mlir | FileCheck %s --check-prefix=MATMUL
// RUN: vm-opt --kiln-lower-to-vm %kiln_src/samples/upstream_mandelbrot.mlir | FileCheck %s --check-prefix=MANDEL

// GCD: vm.module public @upstream_gcd
// GCD: vm.rem.i32.u
// GCD: vm.export @gcd

// COLLATZ: vm.module public @collatz
// COLLATZ: vm.export @steps

// SIEVE: vm.module public @sieve
// SIEVE: vm.func private @mark(%{{.*}}: !vm.buffer, %{{.*}}: i64, %{{.*}}: i64, %{{.*}}: i64)
// SIEVE: vm.buffer.store.i8
// SIEVE: vm.buffer.alloc
// SIEVE: vm.buffer.load.i8.u
// SIEVE: vm.export @count_primes

// MATMUL: vm.module public @matmul
// MATMUL: vm.func @matmul(%{{.*}}: !vm.buffer, %{{.*}}: i64, %{{.*}}: i64, %{{.*}}: !vm.buffer, %{{.*}}: i64, %{{.*}}: i64, %{{.*}}: !vm.buffer, %{{.*}}: i64, %{{.*}}: i64)
// MATMUL: vm.fma.f32
// MATMUL: vm.export @trace_of_square

// MANDEL: vm.module public @mandelbrot
// MANDEL: vm.func private @escape_time
// MANDEL: vm.mul.f64
// MANDEL: vm.export @count_inside
