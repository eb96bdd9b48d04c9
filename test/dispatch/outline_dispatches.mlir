// RUN: vm-opt --kiln-outline-dispatches -split-input-file -verify-diagnostics %s | FileCheck %s

// A 1-D loop: captured memrefs and scalar become arguments, the constant
// is cloned, the grid is computed at the call site.

// CHECK-LABEL: module attributes {kiln.dispatches = [{host = @scale_dispatch_0, kernel = @scale_dispatch_0_kernel}]}
// CHECK-LABEL: func.func @scale(
// CHECK-SAME: %[[A:.+]]: memref<?xf32>, %[[OUT:.+]]: memref<?xf32>, %[[S:.+]]: f32, %[[N:.+]]: index)
// CHECK-DAG: %[[C0:.+]] = arith.constant 0 : index
// CHECK-DAG: %[[C1:.+]] = arith.constant 1 : index
// CHECK-DAG: %[[BUDGET:.+]] = arith.constant 64 : index
// CHECK: %[[SPAN:.+]] = arith.subi %[[N]], %[[C0]] : index
// CHECK: %[[TRIPS:.+]] = arith.ceildivsi %[[SPAN]], %[[C1]] : index
// CHECK: %[[POS:.+]] = arith.maxsi %[[TRIPS]], %{{.+}} : index
// CHECK: %[[X:.+]] = arith.minsi %[[POS]], %[[BUDGET]] : index
// CHECK: %[[NONEMPTY:.+]] = arith.cmpi sgt
// CHECK: scf.if %[[NONEMPTY]] {
// CHECK: %[[X32:.+]] = arith.index_cast %[[X]] : index to i32
// CHECK: func.call @scale_dispatch_0(%[[A]], %[[OUT]], %[[S]], %[[C0]], %[[N]], %[[C1]], %[[X32]], %{{.+}}, %{{.+}}) : (memref<?xf32>, memref<?xf32>, f32, index, index, index, i32, i32, i32) -> ()
// CHECK-NOT: scf.parallel
// CHECK: return

// The host function runs the whole loop.
// CHECK-LABEL: func.func private @scale_dispatch_0(
// CHECK-SAME: %[[HA:[^:]+]]: memref<?xf32>, %[[HO:[^:]+]]: memref<?xf32>, %[[HS:[^:]+]]: f32, %[[LB:[^:]+]]: index, %[[UB:[^:]+]]: index, %[[ST:[^:]+]]: index, %{{.+}}: i32, %{{.+}}: i32, %{{.+}}: i32)
// CHECK: scf.parallel (%[[I:.+]]) = (%[[LB]]) to (%[[UB]]) step (%[[ST]])
// CHECK: memref.load %[[HA]][%[[I]]]
// CHECK: arith.mulf %{{.+}}, %[[HS]]
// CHECK: arith.constant 1.0
// CHECK: memref.store %{{.+}}, %[[HO]][%[[I]]]

// The kernel runs iterations [id * T / count, (id + 1) * T / count).
// CHECK-LABEL: func.func private @scale_dispatch_0_kernel(
// CHECK-SAME: %[[KA:[^:]+]]: memref<?xf32>, %[[KO:[^:]+]]: memref<?xf32>, %[[KS:[^:]+]]: f32, %[[KLB:[^:]+]]: index, %[[KUB:[^:]+]]: index, %[[KST:[^:]+]]: index, %[[IDX:[^:]+]]: i32, %{{.+}}: i32, %{{.+}}: i32, %[[COUNTX:[^:]+]]: i32, %{{.+}}: i32, %{{.+}}: i32)
// CHECK: %[[KSPAN:.+]] = arith.subi %[[KUB]], %[[KLB]]
// CHECK: %[[KT:.+]] = arith.ceildivsi %[[KSPAN]], %[[KST]]
// CHECK: %[[ID:.+]] = arith.index_cast %[[IDX]] : i32 to index
// CHECK: %[[COUNT:.+]] = arith.index_cast %[[COUNTX]] : i32 to index
// CHECK: %[[M0:.+]] = arith.muli %[[ID]], %[[KT]]
// CHECK: %[[D0:.+]] = arith.divsi %[[M0]], %[[COUNT]]
// CHECK: %[[O0:.+]] = arith.muli %[[D0]], %[[KST]]
// CHECK: %[[BEGIN:.+]] = arith.addi %[[KLB]], %[[O0]]
// CHECK: %[[NEXT:.+]] = arith.addi %[[ID]], %{{.+}}
// CHECK: %[[M1:.+]] = arith.muli %[[NEXT]], %[[KT]]
// CHECK: %[[D1:.+]] = arith.divsi %[[M1]], %[[COUNT]]
// CHECK: %[[O1:.+]] = arith.muli %[[D1]], %[[KST]]
// CHECK: %[[E:.+]] = arith.addi %[[KLB]], %[[O1]]
// CHECK: %[[END:.+]] = arith.minsi %[[E]], %[[KUB]]
// CHECK: scf.parallel (%[[KI:.+]]) = (%[[BEGIN]]) to (%[[END]]) step (%[[KST]])
// CHECK: memref.load %[[KA]][%[[KI]]]
// CHECK: memref.store %{{.+}}, %[[KO]][%[[KI]]]
func.func @scale(%a: memref<?xf32>, %out: memref<?xf32>, %s: f32, %n: index) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  scf.parallel (%i) = (%c0) to (%n) step (%c1) {
    %x = memref.load %a[%i] : memref<?xf32>
    %m = arith.mulf %x, %s : f32
    %one = arith.constant 1.0 : f32
    %r = arith.addf %m, %one : f32
    memref.store %r, %out[%i] : memref<?xf32>
  }
  return
}

// -----

// scf.forall over two dimensions: x splits dimension 0, y dimension 1 with
// what is left of the budget; two loops in one function are numbered.

// CHECK-LABEL: module attributes {kiln.dispatches = [{host = @grid_dispatch_0, kernel = @grid_dispatch_0_kernel}, {host = @grid_dispatch_1, kernel = @grid_dispatch_1_kernel}]}
// CHECK-LABEL: func.func @grid(
// CHECK: %[[X:.+]] = arith.minsi %{{.+}}, %[[BUDGET:.+]] : index
// CHECK: %[[XPOS:.+]] = arith.maxsi %[[X]], %{{.+}} : index
// CHECK: %[[REST:.+]] = arith.divsi %[[BUDGET]], %[[XPOS]] : index
// CHECK: %[[Y:.+]] = arith.minsi %{{.+}}, %[[REST]] : index
// CHECK: scf.if
// CHECK: func.call @grid_dispatch_0(
// CHECK: scf.if
// CHECK: func.call @grid_dispatch_1(
// CHECK-LABEL: func.func private @grid_dispatch_0_kernel(
// CHECK-COUNT-2: arith.ceildivsi
// CHECK: scf.parallel (%{{.+}}, %{{.+}}) =
// CHECK-LABEL: func.func private @grid_dispatch_1_kernel(
func.func @grid(%m: memref<8x6xi32>) {
  scf.forall (%i, %j) in (8, 6) {
    %ii = arith.index_cast %i : index to i32
    memref.store %ii, %m[%i, %j] : memref<8x6xi32>
  }
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c8 = arith.constant 8 : index
  scf.parallel (%i) = (%c0) to (%c8) step (%c1) {
    %v = arith.constant 7 : i32
    memref.store %v, %m[%i, %c0] : memref<8x6xi32>
  }
  return
}

// -----

// Four dimensions: the fourth runs whole in every workgroup; a budget of
// 4 workgroups.

// RUN: vm-opt --kiln-outline-dispatches=workgroups=4 -split-input-file %s 2>&1 | FileCheck %s --check-prefix=FOUR
// FOUR: arith.constant 4 : index
// FOUR-LABEL: func.func private @four_dispatch_0_kernel(
// FOUR-COUNT-3: arith.ceildivsi
// FOUR-NOT: arith.ceildivsi
// FOUR: scf.parallel
func.func @four(%m: memref<2x2x2x2xf64>, %v: f64) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c2 = arith.constant 2 : index
  scf.parallel (%i, %j, %k, %l) = (%c0, %c0, %c0, %c0) to (%c2, %c2, %c2, %c2) step (%c1, %c1, %c1, %c1) {
    memref.store %v, %m[%i, %j, %k, %l] : memref<2x2x2x2xf64>
  }
  return
}

// -----

// Loops that stay serial, each with a remark; the module records nothing.

// CHECK-LABEL: func.func @serial(
// CHECK-NOT: kiln.dispatches
// CHECK-COUNT-4: scf.parallel
func.func private @helper(f32) -> f32
func.func @serial(%m: memref<16xf32>, %wide: i128) -> f32 {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c16 = arith.constant 16 : index
  %zero = arith.constant 0.0 : f32
  // expected-remark @+1 {{parallel loop stays serial: its reduction #0 is not one arith op with a neutral element combining the two values (e.g. arith.addf, arith.maximumf), from which each workgroup's partial would start}}
  %sum = scf.parallel (%i) = (%c0) to (%c16) step (%c1) init (%zero) -> f32 {
    %x = memref.load %m[%i] : memref<16xf32>
    scf.reduce(%x : f32) {
    ^bb0(%l: f32, %r: f32):
      %s = arith.subf %l, %r : f32
      scf.reduce.return %s : f32
    }
  }
  // expected-remark @+1 {{parallel loop stays serial: its body refers to the symbol @helper (in 'func.call'), which the kernel's own module does not have}}
  scf.parallel (%i) = (%c0) to (%c16) step (%c1) {
    %x = memref.load %m[%i] : memref<16xf32>
    %y = func.call @helper(%x) : (f32) -> f32
    memref.store %y, %m[%i] : memref<16xf32>
  }
  // expected-remark @+1 {{parallel loop stays serial: its body uses a value of type 'i128' from above; only memrefs with a buffer form and scalars (integers, index, f32, f64) become kernel arguments}}
  scf.parallel (%i) = (%c0) to (%c16) step (%c1) {
    %w = arith.addi %wide, %wide : i128
  }
  scf.for %r = %c0 to %c1 step %c1 {
    // expected-remark @+1 {{parallel loop stays serial: it is not at the top level of its function (it is inside 'scf.for'); only top-level loops are dispatched}}
    scf.parallel (%i) = (%c0) to (%c16) step (%c1) {
      memref.store %zero, %m[%i] : memref<16xf32>
    }
  }
  return %sum : f32
}

// -----

// A loop nested in a dispatched loop stays in the kernel, without a remark.

// CHECK-LABEL: func.func private @nested_dispatch_0_kernel(
// CHECK: scf.parallel
// CHECK: scf.parallel
func.func @nested(%m: memref<4x4xi32>) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c4 = arith.constant 4 : index
  scf.parallel (%i) = (%c0) to (%c4) step (%c1) {
    scf.parallel (%j) = (%c0) to (%c4) step (%c1) {
      %v = arith.constant 1 : i32
      memref.store %v, %m[%i, %j] : memref<4x4xi32>
    }
  }
  return
}

// -----

// A reduction: the call site allocates one partial per workgroup, the
// kernel's tile starts from the neutral element (0.0 for addf) and stores
// its result at its linear workgroup id, the host function calls the kernel
// for every workgroup, and after the call the initial value is folded with
// the partials by the same op.

// CHECK-LABEL: func.func @total(
// CHECK-SAME: %[[M:.+]]: memref<?xf32>, %[[N:.+]]: index, %[[INIT:.+]]: f32)
// CHECK: arith.muli
// CHECK-NEXT: %[[TOTAL:.+]] = arith.muli
// CHECK-NEXT: %[[PARTIALS:.+]] = memref.alloc(%[[TOTAL]]) : memref<?xf32>
// CHECK: scf.if
// CHECK: func.call @total_dispatch_0(%[[M]], %[[PARTIALS]], {{.*}}) : (memref<?xf32>, memref<?xf32>, index, index, index, i32, i32, i32) -> ()
// CHECK: %[[SUM:.+]] = scf.for %[[W:.+]] = %{{.+}} to %[[TOTAL]] step %{{.+}} iter_args(%[[ACC:.+]] = %[[INIT]]) -> (f32) {
// CHECK-NEXT: %[[P:.+]] = memref.load %[[PARTIALS]][%[[W]]] : memref<?xf32>
// CHECK-NEXT: %[[NEXT:.+]] = arith.addf %[[ACC]], %[[P]] : f32
// CHECK-NEXT: scf.yield %[[NEXT]] : f32
// CHECK: memref.dealloc %[[PARTIALS]] : memref<?xf32>
// CHECK: return %[[SUM]] : f32
// CHECK-LABEL: func.func private @total_dispatch_0(
// CHECK: scf.for
// CHECK: scf.for
// CHECK: scf.for
// CHECK: func.call @total_dispatch_0_kernel(
// CHECK-LABEL: func.func private @total_dispatch_0_kernel(
// CHECK-SAME: %{{.+}}: memref<?xf32>, %[[KP:[^:]+]]: memref<?xf32>,
// CHECK: %[[NEUTRAL:.+]] = arith.constant 0.000000e+00 : f32
// CHECK: %[[R:.+]] = scf.parallel {{.*}} init (%[[NEUTRAL]]) -> f32 {
// CHECK: arith.addf
// CHECK: memref.store %[[R]], %[[KP]][%{{.+}}] : memref<?xf32>
func.func @total(%m: memref<?xf32>, %n: index, %init: f32) -> f32 {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %sum = scf.parallel (%i) = (%c0) to (%n) step (%c1) init (%init) -> f32 {
    %x = memref.load %m[%i] : memref<?xf32>
    scf.reduce(%x : f32) {
    ^bb0(%l: f32, %r: f32):
      %s = arith.addf %l, %r : f32
      scf.reduce.return %s : f32
    }
  }
  return %sum : f32
}
