// RUN: vm-opt -split-input-file --canonicalize %s | FileCheck %s

// Integer truncation and extension of constants.
// CHECK-LABEL: @int_constants
vm.module @m {
  vm.func @int_constants() -> (i32, i32, i32, i32, i32, i32, i32, i32, i32, i32) {
    %c511 = vm.const.i32 511
    %c74565 = vm.const.i32 74565
    %cm1 = vm.const.i32 -1
    %c384 = vm.const.i32 384
    %c98304 = vm.const.i32 98304
    %c4294967681 = vm.const.i64 4294967681
    %cm2 = vm.const.i64 -2
    %c6442450944 = vm.const.i64 6442450944
    // CHECK-DAG: %[[C255:.+]] = vm.const.i32 255
    %0 = vm.trunc.i32.i8 %c511 : i32 -> i32
    // CHECK-DAG: %[[C9029:.+]] = vm.const.i32 9029
    %1 = vm.trunc.i32.i16 %c74565 : i32 -> i32
    %2 = vm.trunc.i16.i8 %cm1 : i32 -> i32
    // CHECK-DAG: %[[C129:.+]] = vm.const.i32 129
    %3 = vm.trunc.i64.i8 %c4294967681 : i64 -> i32
    // CHECK-DAG: %[[C65534:.+]] = vm.const.i32 65534
    %4 = vm.trunc.i64.i16 %cm2 : i64 -> i32
    // CHECK-DAG: %[[CMIN:.+]] = vm.const.i32 -2147483648
    %5 = vm.trunc.i64.i32 %c6442450944 : i64 -> i32
    // CHECK-DAG: %[[CM128:.+]] = vm.const.i32 -128
    %6 = vm.ext.i8.i32.s %c384 : i32 -> i32
    // CHECK-DAG: %[[C128:.+]] = vm.const.i32 128
    %7 = vm.ext.i8.i32.u %c384 : i32 -> i32
    // CHECK-DAG: %[[CM32768:.+]] = vm.const.i32 -32768
    %8 = vm.ext.i16.i32.s %c98304 : i32 -> i32
    // CHECK-DAG: %[[C32768:.+]] = vm.const.i32 32768
    %9 = vm.ext.i16.i32.u %c98304 : i32 -> i32
    // CHECK: vm.return %[[C255]], %[[C9029]], %[[C255]], %[[C129]], %[[C65534]], %[[CMIN]], %[[CM128]], %[[C128]], %[[CM32768]], %[[C32768]]
    vm.return %0, %1, %2, %3, %4, %5, %6, %7, %8, %9 : i32, i32, i32, i32, i32, i32, i32, i32, i32, i32
  }
}

// -----

// CHECK-LABEL: @int_to_i64_constants
vm.module @m {
  vm.func @int_to_i64_constants() -> (i64, i64, i64, i64, i64, i64) {
    %c255 = vm.const.i32 255
    %cm1 = vm.const.i32 -1
    %c32768 = vm.const.i32 32768
    // CHECK-DAG: %[[A:.+]] = vm.const.i64 -1
    %0 = vm.ext.i8.i64.s %c255 : i32 -> i64
    // CHECK-DAG: %[[B:.+]] = vm.const.i64 255
    %1 = vm.ext.i8.i64.u %cm1 : i32 -> i64
    // CHECK-DAG: %[[C:.+]] = vm.const.i64 -32768
    %2 = vm.ext.i16.i64.s %c32768 : i32 -> i64
    // CHECK-DAG: %[[D:.+]] = vm.const.i64 65535
    %3 = vm.ext.i16.i64.u %cm1 : i32 -> i64
    %4 = vm.ext.i32.i64.s %cm1 : i32 -> i64
    // CHECK-DAG: %[[E:.+]] = vm.const.i64 4294967295
    %5 = vm.ext.i32.i64.u %cm1 : i32 -> i64
    // CHECK: vm.return %[[A]], %[[B]], %[[C]], %[[D]], %[[A]], %[[E]]
    vm.return %0, %1, %2, %3, %4, %5 : i64, i64, i64, i64, i64, i64
  }
}

// -----

// f64 <-> f32 with round-to-nearest-even; a signaling NaN is not folded.
// CHECK-LABEL: @float_resize
vm.module @m {
  vm.func @float_resize() -> (f32, f32, f32, f32, f64, f32) {
    %half = vm.const.f64 1.5
    // 1 + 2^-24 lies exactly halfway between two f32 values: ties to even.
    %tie = vm.const.f64 1.000000059604644775390625
    %big = vm.const.f64 1.0e+300
    %qnan = vm.const.f64 0x7FF8000000000000
    %f = vm.const.f32 0.1
    %snan = vm.const.f64 0x7FF0000000000001
    // CHECK-DAG: %[[HALF:.+]] = vm.const.f32 1.5
    %0 = vm.trunc.f64.f32 %half : f64 -> f32
    // CHECK-DAG: %[[ONE:.+]] = vm.const.f32 1.0
    %1 = vm.trunc.f64.f32 %tie : f64 -> f32
    // CHECK-DAG: %[[INF:.+]] = vm.const.f32 0x7F800000
    %2 = vm.trunc.f64.f32 %big : f64 -> f32
    // CHECK-DAG: %[[NAN:.+]] = vm.const.f32 0x7FC00000
    %3 = vm.trunc.f64.f32 %qnan : f64 -> f32
    // CHECK-DAG: %[[WIDE:.+]] = vm.const.f64 0.10000000149011612
    %4 = vm.ext.f32.f64 %f : f32 -> f64
    // CHECK-DAG: %[[SNAN:.+]] = vm.const.f64 0x7FF0000000000001
    // CHECK-DAG: %[[KEPT:.+]] = vm.trunc.f64.f32 %[[SNAN]] : f64 -> f32
    %5 = vm.trunc.f64.f32 %snan : f64 -> f32
    // CHECK: vm.return %[[HALF]], %[[ONE]], %[[INF]], %[[NAN]], %[[WIDE]], %[[KEPT]]
    vm.return %0, %1, %2, %3, %4, %5 : f32, f32, f32, f32, f64, f32
  }
}

// -----

// Integer to float rounds to nearest, ties to even.
// CHECK-LABEL: @int_to_float
vm.module @m {
  vm.func @int_to_float() -> (f32, f32, f32, f64, f32, f64) {
    %c16777217 = vm.const.i32 16777217
    %cm1 = vm.const.i32 -1
    %cmin = vm.const.i64 -9223372036854775808
    %c2p53p1 = vm.const.i64 9007199254740993
    %cm1_64 = vm.const.i64 -1
    // CHECK-DAG: %[[A:.+]] = vm.const.f32 0x4B800000
    %0 = vm.cast.si32.f32 %c16777217 : i32 -> f32
    // CHECK-DAG: %[[B:.+]] = vm.const.f32 4.2949673E+9
    %1 = vm.cast.ui32.f32 %cm1 : i32 -> f32
    // CHECK-DAG: %[[C:.+]] = vm.const.f32 -9.22337203E+18
    %2 = vm.cast.si64.f32 %cmin : i64 -> f32
    // CHECK-DAG: %[[D:.+]] = vm.const.f64 0x4340000000000000
    %3 = vm.cast.si64.f64 %c2p53p1 : i64 -> f64
    // CHECK-DAG: %[[E:.+]] = vm.const.f32 1.84467441E+19
    %4 = vm.cast.ui64.f32 %cm1_64 : i64 -> f32
    // CHECK-DAG: %[[F:.+]] = vm.const.f64 1.8446744073709552E+19
    %5 = vm.cast.ui64.f64 %cm1_64 : i64 -> f64
    // CHECK: vm.return %[[A]], %[[B]], %[[C]], %[[D]], %[[E]], %[[F]]
    vm.return %0, %1, %2, %3, %4, %5 : f32, f32, f32, f64, f32, f64
  }
}

// -----

// Float to integer rounds to nearest, ties away from zero, and folds only
// when the rounded value fits the result.
// CHECK-LABEL: @float_to_int
vm.module @m {
  vm.func @float_to_int() -> (i32, i32, i32, i32, i32, i32, i64, i64, i64) {
    %p25 = vm.const.f32 2.5
    %m25 = vm.const.f32 -2.5
    %m04 = vm.const.f32 -0.4
    %big = vm.const.f32 2147483520.0
    %u32max = vm.const.f32 4294967040.0
    %m2p63 = vm.const.f32 -9.22337203685477580800e+18
    %d45 = vm.const.f64 4.5
    %dm45 = vm.const.f64 -4.5
    // CHECK-DAG: %[[THREE:.+]] = vm.const.i32 3
    %0 = vm.cast.f32.si32 %p25 : f32 -> i32
    // CHECK-DAG: %[[MTHREE:.+]] = vm.const.i32 -3
    %1 = vm.cast.f32.si32 %m25 : f32 -> i32
    // CHECK-DAG: %[[ZERO:.+]] = vm.const.i32.zero
    %2 = vm.cast.f32.ui32 %m04 : f32 -> i32
    // CHECK-DAG: %[[BIG:.+]] = vm.const.i32 2147483520
    %3 = vm.cast.f32.si32 %big : f32 -> i32
    // CHECK-DAG: %[[U32:.+]] = vm.const.i32 -256
    %4 = vm.cast.f32.ui32 %u32max : f32 -> i32
    %5 = vm.cast.f32.si32 %m04 : f32 -> i32
    // CHECK-DAG: %[[MIN64:.+]] = vm.const.i64 -9223372036854775808
    %6 = vm.cast.f32.si64 %m2p63 : f32 -> i64
    // CHECK-DAG: %[[FIVE:.+]] = vm.const.i64 5
    %7 = vm.cast.f64.ui64 %d45 : f64 -> i64
    // CHECK-DAG: %[[MFIVE:.+]] = vm.const.i64 -5
    %8 = vm.cast.f64.si64 %dm45 : f64 -> i64
    // CHECK: vm.return %[[THREE]], %[[MTHREE]], %[[ZERO]], %[[BIG]], %[[U32]], %[[ZERO]], %[[MIN64]], %[[FIVE]], %[[MFIVE]]
    vm.return %0, %1, %2, %3, %4, %5, %6, %7, %8 : i32, i32, i32, i32, i32, i32, i64, i64, i64
  }
}

// -----

// Results the type cannot hold, NaN and infinities are left to the target.
// CHECK-LABEL: @float_to_int_not_folded
vm.module @m {
  vm.func @float_to_int_not_folded() -> (i32, i32, i32, i32, i32, i64, i64, i64, i64) {
    %two31 = vm.const.f32 2147483648.0
    %nan = vm.const.f32 0x7FC00000
    %inf = vm.const.f32 0x7F800000
    %m1 = vm.const.f32 -1.0
    %m05 = vm.const.f32 -0.5
    %f2p63 = vm.const.f32 9.22337203685477580800e+18
    %d1e19 = vm.const.f64 1.0e+19
    %dninf = vm.const.f64 0xFFF0000000000000
    // CHECK: vm.cast.f32.si32
    %0 = vm.cast.f32.si32 %two31 : f32 -> i32
    // CHECK: vm.cast.f32.si32
    %1 = vm.cast.f32.si32 %nan : f32 -> i32
    // CHECK: vm.cast.f32.ui32
    %2 = vm.cast.f32.ui32 %inf : f32 -> i32
    // CHECK: vm.cast.f32.ui32
    %3 = vm.cast.f32.ui32 %m1 : f32 -> i32
    // -0.5 rounds away from zero to -1.
    // CHECK: vm.cast.f32.ui32
    %4 = vm.cast.f32.ui32 %m05 : f32 -> i32
    // CHECK: vm.cast.f32.si64
    %5 = vm.cast.f32.si64 %f2p63 : f32 -> i64
    // Unsigned 64-bit results are folded below 2^63 only.
    // CHECK: vm.cast.f32.ui64
    %6 = vm.cast.f32.ui64 %f2p63 : f32 -> i64
    // CHECK: vm.cast.f64.ui64
    %7 = vm.cast.f64.ui64 %d1e19 : f64 -> i64
    // CHECK: vm.cast.f64.si64
    %8 = vm.cast.f64.si64 %dninf : f64 -> i64
    vm.return %0, %1, %2, %3, %4, %5, %6, %7, %8 : i32, i32, i32, i32, i32, i64, i64, i64, i64
  }
}

// -----

// Bitcasts of constants keep every bit, NaN payloads included.
// CHECK-LABEL: @bitcast_constants
vm.module @m {
  vm.func @bitcast_constants() -> (f32, i32, f32, f64, i64) {
    %i = vm.const.i32 1065353216
    %nz = vm.const.f32 -0.0
    %snan = vm.const.i32 2139095041
    %l = vm.const.i64 4607182418800017408
    %dnz = vm.const.f64 -0.0
    // CHECK-DAG: %[[A:.+]] = vm.const.f32 1.0
    %0 = vm.bitcast.i32.f32 %i : i32 -> f32
    // CHECK-DAG: %[[B:.+]] = vm.const.i32 -2147483648
    %1 = vm.bitcast.f32.i32 %nz : f32 -> i32
    // CHECK-DAG: %[[C:.+]] = vm.const.f32 0x7F800001
    %2 = vm.bitcast.i32.f32 %snan : i32 -> f32
    // CHECK-DAG: %[[D:.+]] = vm.const.f64 1.0
    %3 = vm.bitcast.i64.f64 %l : i64 -> f64
    // CHECK-DAG: %[[E:.+]] = vm.const.i64 -9223372036854775808
    %4 = vm.bitcast.f64.i64 %dnz : f64 -> i64
    // CHECK: vm.return %[[A]], %[[B]], %[[C]], %[[D]], %[[E]]
    vm.return %0, %1, %2, %3, %4 : f32, i32, f32, f64, i64
  }
}

// -----

// CHECK-LABEL: @bitcast_round_trips
// CHECK-SAME: (%[[I:.+]]: i32, %[[F:.+]]: f32, %[[L:.+]]: i64, %[[D:.+]]: f64)
vm.module @m {
  vm.func @bitcast_round_trips(%i : i32, %f : f32, %l : i64, %d : f64) -> (i32, f32, i64, f64) {
    %0 = vm.bitcast.i32.f32 %i : i32 -> f32
    %1 = vm.bitcast.f32.i32 %0 : f32 -> i32
    %2 = vm.bitcast.f32.i32 %f : f32 -> i32
    %3 = vm.bitcast.i32.f32 %2 : i32 -> f32
    %4 = vm.bitcast.i64.f64 %l : i64 -> f64
    %5 = vm.bitcast.f64.i64 %4 : f64 -> i64
    %6 = vm.bitcast.f64.i64 %d : f64 -> i64
    %7 = vm.bitcast.i64.f64 %6 : i64 -> f64
    // CHECK-NEXT: vm.return %[[I]], %[[F]], %[[L]], %[[D]]
    vm.return %1, %3, %5, %7 : i32, f32, i64, f64
  }
}

// -----

// Chains of narrowing ops on i32 registers.
// CHECK-LABEL: @narrow_chains
// CHECK-SAME: (%[[X:[a-z0-9]+]]: i32)
vm.module @m {
  vm.func @narrow_chains(%x : i32) -> (i32, i32, i32, i32, i32, i32) {
    // Idempotent.
    // CHECK-NEXT: %[[A:.+]] = vm.trunc.i32.i8 %[[X]] : i32 -> i32
    %a0 = vm.trunc.i32.i8 %x : i32 -> i32
    %a = vm.trunc.i32.i8 %a0 : i32 -> i32
    // Sign-extending 8 bits reads only the bits trunc kept.
    // CHECK-NEXT: %[[B:.+]] = vm.ext.i8.i32.s %[[X]] : i32 -> i32
    %b0 = vm.trunc.i32.i8 %x : i32 -> i32
    %b = vm.ext.i8.i32.s %b0 : i32 -> i32
    // Truncating to 8 bits ignores what ext.i16.i32.s added above bit 15.
    // CHECK-NEXT: %[[C:.+]] = vm.trunc.i32.i8 %[[X]] : i32 -> i32
    %c0 = vm.ext.i16.i32.s %x : i32 -> i32
    %c = vm.trunc.i32.i8 %c0 : i32 -> i32
    // A sign-extended 8-bit value is already sign-extended from 16 bits.
    // CHECK-NEXT: %[[D:.+]] = vm.ext.i8.i32.s %[[X]] : i32 -> i32
    %d0 = vm.ext.i8.i32.s %x : i32 -> i32
    %d = vm.ext.i16.i32.s %d0 : i32 -> i32
    // A zero-extended 8-bit value has bit 15 clear.
    // CHECK-NEXT: %[[E:.+]] = vm.ext.i8.i32.u %[[X]] : i32 -> i32
    %e0 = vm.ext.i8.i32.u %x : i32 -> i32
    %e = vm.ext.i16.i32.s %e0 : i32 -> i32
    // Wider first, then narrower: only the narrow one matters.
    // CHECK-NEXT: %[[F:.+]] = vm.ext.i8.i32.s %[[X]] : i32 -> i32
    %f0 = vm.trunc.i32.i16 %x : i32 -> i32
    %f = vm.ext.i8.i32.s %f0 : i32 -> i32
    // CHECK-NEXT: vm.return %[[A]], %[[B]], %[[C]], %[[D]], %[[E]], %[[F]]
    vm.return %a, %b, %c, %d, %e, %f : i32, i32, i32, i32, i32, i32
  }
}

// -----

// Chains that change the value must stay.
// CHECK-LABEL: @narrow_chains_not_folded
// CHECK-SAME: (%[[X:[a-z0-9]+]]: i32, %[[L:[a-z0-9]+]]: i64, %[[F:[a-z0-9]+]]: f32)
vm.module @m {
  vm.func @narrow_chains_not_folded(%x : i32, %l : i64, %f : f32) -> (i32, i32, i64, f32) {
    // CHECK: %[[A0:.+]] = vm.ext.i8.i32.s %[[X]]
    // CHECK: %[[A:.+]] = vm.ext.i16.i32.u %[[A0]]
    %a0 = vm.ext.i8.i32.s %x : i32 -> i32
    %a = vm.ext.i16.i32.u %a0 : i32 -> i32
    // CHECK: %[[B0:.+]] = vm.ext.i8.i32.s %[[X]]
    // CHECK: %[[B:.+]] = vm.trunc.i32.i16 %[[B0]]
    %b0 = vm.ext.i8.i32.s %x : i32 -> i32
    %b = vm.trunc.i32.i16 %b0 : i32 -> i32
    // ext(trunc(x)) loses the high half.
    // CHECK: %[[C0:.+]] = vm.trunc.i64.i32 %[[L]]
    // CHECK: %[[C:.+]] = vm.ext.i32.i64.s %[[C0]]
    %c0 = vm.trunc.i64.i32 %l : i64 -> i32
    %c = vm.ext.i32.i64.s %c0 : i32 -> i64
    // f32 -> f64 -> f32 would not return a signaling NaN unchanged.
    // CHECK: %[[D0:.+]] = vm.ext.f32.f64 %[[F]]
    // CHECK: %[[D:.+]] = vm.trunc.f64.f32 %[[D0]]
    %d0 = vm.ext.f32.f64 %f : f32 -> f64
    %d = vm.trunc.f64.f32 %d0 : f64 -> f32
    // CHECK: vm.return %[[A]], %[[B]], %[[C]], %[[D]]
    vm.return %a, %b, %c, %d : i32, i32, i64, f32
  }
}

// -----

// trunc(ext(x)) is x for either extension.
// CHECK-LABEL: @trunc_of_ext
// CHECK-SAME: (%[[X:[a-z0-9]+]]: i32)
vm.module @m {
  vm.func @trunc_of_ext(%x : i32) -> (i32, i32) {
    %0 = vm.ext.i32.i64.s %x : i32 -> i64
    %1 = vm.trunc.i64.i32 %0 : i64 -> i32
    %2 = vm.ext.i32.i64.u %x : i32 -> i64
    %3 = vm.trunc.i64.i32 %2 : i64 -> i32
    // CHECK-NEXT: vm.return %[[X]], %[[X]]
    vm.return %1, %3 : i32, i32
  }
}

// -----

// Pseudo conversions become real ones.
// CHECK-LABEL: @pseudo_conversions
// CHECK-SAME: (%[[X:[a-z0-9]+]]: i32, %[[L:[a-z0-9]+]]: i64)
vm.module @m {
  vm.func @pseudo_conversions(%x : i32, %l : i64) -> (i32, i32, i32, i64, i64, i64, i64) {
    // CHECK-NEXT: %[[A:.+]] = vm.trunc.i32.i8 %[[X]] : i32 -> i32
    %0 = vm.trunc.i16.i8 %x : i32 -> i32
    // CHECK-NEXT: %[[LO:.+]] = vm.trunc.i64.i32 %[[L]] : i64 -> i32
    // CHECK-NEXT: %[[B:.+]] = vm.trunc.i32.i8 %[[LO]] : i32 -> i32
    %1 = vm.trunc.i64.i8 %l : i64 -> i32
    // CHECK-NEXT: %[[LO2:.+]] = vm.trunc.i64.i32 %[[L]] : i64 -> i32
    // CHECK-NEXT: %[[C:.+]] = vm.trunc.i32.i16 %[[LO2]] : i32 -> i32
    %2 = vm.trunc.i64.i16 %l : i64 -> i32
    // CHECK-NEXT: %[[S8:.+]] = vm.ext.i8.i32.s %[[X]] : i32 -> i32
    // CHECK-NEXT: %[[D:.+]] = vm.ext.i32.i64.s %[[S8]] : i32 -> i64
    %3 = vm.ext.i8.i64.s %x : i32 -> i64
    // CHECK-NEXT: %[[U8:.+]] = vm.ext.i8.i32.u %[[X]] : i32 -> i32
    // CHECK-NEXT: %[[E:.+]] = vm.ext.i32.i64.u %[[U8]] : i32 -> i64
    %4 = vm.ext.i8.i64.u %x : i32 -> i64
    // CHECK-NEXT: %[[S16:.+]] = vm.ext.i16.i32.s %[[X]] : i32 -> i32
    // CHECK-NEXT: %[[F:.+]] = vm.ext.i32.i64.s %[[S16]] : i32 -> i64
    %5 = vm.ext.i16.i64.s %x : i32 -> i64
    // CHECK-NEXT: %[[U16:.+]] = vm.ext.i16.i32.u %[[X]] : i32 -> i32
    // CHECK-NEXT: %[[G:.+]] = vm.ext.i32.i64.u %[[U16]] : i32 -> i64
    %6 = vm.ext.i16.i64.u %x : i32 -> i64
    // CHECK-NEXT: vm.return %[[A]], %[[B]], %[[C]], %[[D]], %[[E]], %[[F]], %[[G]]
    vm.return %0, %1, %2, %3, %4, %5, %6 : i32, i32, i32, i64, i64, i64, i64
  }
}

// -----

// CHECK-LABEL: @ref_casts
// CHECK-SAME: (%[[ANY:[a-z0-9]+]]: !vm.ref<?>, %[[BUF:[a-z0-9]+]]: !vm.buffer, %[[LIST:[a-z0-9]+]]: !vm.list<i32>)
vm.module @m {
  vm.func @ref_casts(%any : !vm.ref<?>, %buf : !vm.buffer, %list : !vm.list<i32>)
      -> (!vm.ref<?>, !vm.buffer, !vm.ref<?>, !vm.buffer, !vm.buffer) {
    // Casts to the operand's own type vanish.
    %0 = vm.cast.any.ref %any : !vm.ref<?> -> !vm.ref<?>
    // Widening then narrowing back to the same type gives the original.
    %1 = vm.cast.ref.any %buf : !vm.buffer -> !vm.ref<?>
    %2 = vm.cast.any.ref %1 : !vm.ref<?> -> !vm.buffer
    %3 = vm.cast.any.ref %any : !vm.ref<?> -> !vm.buffer
    %4 = vm.cast.ref.any %3 : !vm.buffer -> !vm.ref<?>
    // Narrowing to a different type is a run-time check and stays.
    // CHECK-DAG: %[[W:.+]] = vm.cast.ref.any %[[LIST]] : !vm.list<i32> -> !vm.ref<?>
    // CHECK-DAG: %[[N:.+]] = vm.cast.any.ref %[[W]] : !vm.ref<?> -> !vm.buffer
    %5 = vm.cast.ref.any %list : !vm.list<i32> -> !vm.ref<?>
    %6 = vm.cast.any.ref %5 : !vm.ref<?> -> !vm.buffer
    // A null ref casts to a null ref of the result type.
    // CHECK-DAG: %[[NULL:.+]] = vm.const.ref.zero : !vm.buffer
    %null = vm.const.ref.zero : !vm.ref<?>
    %7 = vm.cast.any.ref %null : !vm.ref<?> -> !vm.buffer
    // CHECK: vm.return %[[ANY]], %[[BUF]], %[[ANY]], %[[N]], %[[NULL]]
    vm.return %0, %2, %4, %6, %7 : !vm.ref<?>, !vm.buffer, !vm.ref<?>, !vm.buffer, !vm.buffer
  }
}
