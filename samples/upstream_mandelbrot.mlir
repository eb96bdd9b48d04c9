// SAMPLE-RUN: count_inside --input=40 --input=30 --input=100
// Mandelbrot set in f64: counts the points of a w x h grid over
// [-2, 1] x [-1.5, 1.5] that stay bounded for max_iter iterations.
module @mandelbrot {
  func.func private @escape_time(%cr: f64, %ci: f64, %max_iter: i32) -> i32 {
    %c0 = arith.constant 0 : i32
    %c1 = arith.constant 1 : i32
    %zero = arith.constant 0.0 : f64
    %four = arith.constant 4.0 : f64
    %two = arith.constant 2.0 : f64
    %r:3 = scf.while (%zr = %zero, %zi = %zero, %n = %c0) : (f64, f64, i32) -> (f64, f64, i32) {
      %zr2 = arith.mulf %zr, %zr : f64
      %zi2 = arith.mulf %zi, %zi : f64
      %mag = arith.addf %zr2, %zi2 : f64
      %inside = arith.cmpf ole, %mag, %four : f64
      %more = arith.cmpi slt, %n, %max_iter : i32
      %go = arith.andi %inside, %more : i1
      scf.condition(%go) %zr, %zi, %n : f64, f64, i32
    } do {
    ^bb0(%zr: f64, %zi: f64, %n: i32):
      %zr2 = arith.mulf %zr, %zr : f64
      %zi2 = arith.mulf %zi, %zi : f64
      %re = arith.subf %zr2, %zi2 : f64
      %nzr = arith.addf %re, %cr : f64
      %zrzi = arith.mulf %zr, %zi : f64
      %im = arith.mulf %two, %zrzi : f64
      %nzi = arith.addf %im, %ci : f64
      %n1 = arith.addi %n, %c1 : i32
      scf.yield %nzr, %nzi, %n1 : f64, f64, i32
    }
    return %r#2 : i32
  }

  func.func @count_inside(%w: i32, %h: i32, %max_iter: i32) -> i32 {
    %c0 = arith.constant 0 : i32
    %c1 = arith.constant 1 : i32
    %x0 = arith.constant -2.0 : f64
    %y0 = arith.constant -1.5 : f64
    %three = arith.constant 3.0 : f64
    %wf = arith.sitofp %w : i32 to f64
    %hf = arith.sitofp %h : i32 to f64
    %dx = arith.divf %three, %wf : f64
    %dy = arith.divf %three, %hf : f64
    %total = scf.for %y = %c0 to %h step %c1 iter_args(%acc = %c0) -> (i32) : i32 {
      %yf = arith.sitofp %y : i32 to f64
      %yo = arith.mulf %yf, %dy : f64
      %ci = arith.addf %y0, %yo : f64
      %row = scf.for %x = %c0 to %w step %c1 iter_args(%racc = %acc) -> (i32) : i32 {
        %xf = arith.sitofp %x : i32 to f64
        %xo = arith.mulf %xf, %dx : f64
        %cr = arith.addf %x0, %xo : f64
        %n = func.call @escape_time(%cr, %ci, %max_iter) : (f64, f64, i32) -> i32
        %in = arith.cmpi eq, %n, %max_iter : i32
        %inc = arith.extui %in : i1 to i32
        %next = arith.addi %racc, %inc : i32
        scf.yield %next : i32
      }
      scf.yield %row : i32
    }
    return %total : i32
  }
}
