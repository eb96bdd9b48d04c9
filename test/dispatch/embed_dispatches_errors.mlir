// RUN: vm-opt --convert-to-vm --kiln-embed-dispatches -split-input-file -verify-diagnostics %s

// What --kiln-embed-dispatches reports on hand-written input in the form
// --kiln-outline-dispatches produces (the pass itself never produces these).

module attributes {kiln.dispatches = [{host = @h, kernel = @k}]} {
  func.func private @ext.poke(i32)
  func.func private @h(%x: i32, %y: i32, %z: i32) {
    return
  }
  // expected-error @+1 {{the kernel outlined here calls the imported function @ext.poke; an executable imports nothing}}
  func.func private @k(%a: i32, %b: i32, %c: i32, %d: i32, %e: i32, %f: i32) {
    func.call @ext.poke(%a) : (i32) -> ()
    return
  }
}

// -----

// expected-error @+1 {{kiln-embed-dispatches: {host = @h, kernel = @missing} names no converted host and kernel functions}}
module attributes {kiln.dispatches = [{host = @h, kernel = @missing}]} {
  func.func private @h(%x: i32, %y: i32, %z: i32) {
    return
  }
}

// -----

module attributes {kiln.dispatches = [{host = @h, kernel = @k}]} {
  func.func private @h(%x: i32, %y: i32, %z: i32) {
    return
  }
  // expected-error @+1 {{kernel @k has type '(!vm.list<i32>, i32, i32, i32, i32, i32, i32) -> ()'; the kernel ABI passes buffers, i32, i64, f32 and f64, then six i32 (workgroup id and count)}}
  func.func private @k(%l: !vm.list<i32>, %a: i32, %b: i32, %c: i32, %d: i32, %e: i32, %f: i32) {
    return
  }
}

// -----

module attributes {kiln.dispatches = [{host = @h, kernel = @k}]} {
  // expected-error @+1 {{host function @h has type '(!vm.list<i32>, i32, i32, i32) -> ()'; a dispatch passes buffers, i32, i64, f32 and f64, then three i32 (workgroup count), and returns nothing}}
  func.func private @h(%l: !vm.list<i32>, %x: i32, %y: i32, %z: i32) {
    return
  }
  func.func private @k(%a: i32, %b: i32, %c: i32, %d: i32, %e: i32, %f: i32) {
    return
  }
}
