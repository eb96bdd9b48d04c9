// Written in upstream MLIR: scf.while / scf.if / scf.for, cf.switch,
// recursion and calls into a second module written in upstream MLIR too.
// E2E-DEPENDS: input_lib.mlir
// E2E-ARGS: test_recursion --input=i32=15
// E2E-ARGS: test_while_collatz --input=i64=27
// E2E-ARGS: test_switch --input=i32=0 --input=i32=2 --input=i32=7
// E2E-ARGS: test_imports --input=i32=6
module {
  func.func private @fib(%n: i32) -> i32 {
    %c2 = arith.constant 2 : i32
    %small = arith.cmpi slt, %n, %c2 : i32
    %r = scf.if %small -> i32 {
      scf.yield %n : i32
    } else {
      %c1 = arith.constant 1 : i32
      %a = arith.subi %n, %c1 : i32
      %b = arith.subi %n, %c2 : i32
      %fa = func.call @fib(%a) : (i32) -> i32
      %fb = func.call @fib(%b) : (i32) -> i32
      %s = arith.addi %fa, %fb : i32
      scf.yield %s : i32
    }
    return %r : i32
  }

  func.func @test_recursion(%n: i32) {
    %f = call @fib(%n) : (i32) -> i32
    %e = arith.constant 610 : i32
    %ok = arith.cmpi eq, %f, %e : i32
    cf.assert %ok, "fib(15) == 610"
    return
  }

  func.func @test_while_collatz(%start: i64) {
    %c0 = arith.constant 0 : i64
    %c1 = arith.constant 1 : i64
    %c2 = arith.constant 2 : i64
    %c3 = arith.constant 3 : i64
    %r:2 = scf.while (%x = %start, %steps = %c0) : (i64, i64) -> (i64, i64) {
      %more = arith.cmpi ne, %x, %c1 : i64
      scf.condition(%more) %x, %steps : i64, i64
    } do {
    ^bb0(%x: i64, %steps: i64):
      %rem = arith.remui %x, %c2 : i64
      %even = arith.cmpi eq, %rem, %c0 : i64
      %next = scf.if %even -> i64 {
        %h = arith.divui %x, %c2 : i64
        scf.yield %h : i64
      } else {
        %t = arith.muli %x, %c3 : i64
        %t1 = arith.addi %t, %c1 : i64
        scf.yield %t1 : i64
      }
      %s1 = arith.addi %steps, %c1 : i64
      scf.yield %next, %s1 : i64, i64
    }
    %e = arith.constant 111 : i64
    %ok = arith.cmpi eq, %r#1, %e : i64
    cf.assert %ok, "collatz(27) takes 111 steps"
    return
  }

  func.func private @classify(%x: i32) -> i32 {
    cf.switch %x : i32, [
      default: ^other,
      0: ^zero,
      2: ^two
    ]
  ^zero:
    %a = arith.constant 100 : i32
    return %a : i32
  ^two:
    %b = arith.constant 200 : i32
    return %b : i32
  ^other:
    %c = arith.constant -1 : i32
    return %c : i32
  }

  func.func @test_switch(%x: i32, %y: i32, %z: i32) {
    %a = call @classify(%x) : (i32) -> i32
    %b = call @classify(%y) : (i32) -> i32
    %c = call @classify(%z) : (i32) -> i32
    %e100 = arith.constant 100 : i32
    %e200 = arith.constant 200 : i32
    %em1 = arith.constant -1 : i32
    %ok0 = arith.cmpi eq, %a, %e100 : i32
    cf.assert %ok0, "case 0"
    %ok1 = arith.cmpi eq, %b, %e200 : i32
    cf.assert %ok1, "case 2"
    %ok2 = arith.cmpi eq, %c, %em1 : i32
    cf.assert %ok2, "default"
    return
  }

  // Declarations are imports from the module named before the dot (the
  // library's file stem, since it has no sym_name).
  func.func private @input_lib.gcd(i32, i32) -> i32
  func.func private @input_lib.fill(memref<?xf32>, f32)

  func.func @test_imports(%n32: i32) {
    %c84 = arith.constant 84 : i32
    %g = call @input_lib.gcd(%c84, %n32) : (i32, i32) -> i32
    %e6 = arith.constant 6 : i32
    %ok0 = arith.cmpi eq, %g, %e6 : i32
    cf.assert %ok0, "input_lib.gcd(84, 6) == 6"

    // A memref crosses the module boundary as a buffer and its size; the
    // library writes into it.
    %n = arith.index_cast %n32 : i32 to index
    %m = memref.alloc(%n) : memref<?xf32>
    %v = arith.constant 0.25 : f32
    call @input_lib.fill(%m, %v) : (memref<?xf32>, f32) -> ()
    %c5 = arith.constant 5 : index
    %x = memref.load %m[%c5] : memref<?xf32>
    %ok1 = arith.cmpf oeq, %x, %v : f32
    cf.assert %ok1, "the imported fill wrote m[5]"
    return
  }
}
