// SAMPLE-FLAGS: --vm-buffer-view-exports --kiln-dispatch-parallel-loops --kernel-form=c
// SAMPLE-RUN: saxpy --input=f32=2 --input=8xf32=1,2,3,4,5,6,7,8 --input=8xf32=10,20,30,40,50,60,70,80
// y = a * x + y over a scf.parallel that vm-translate turns into a dispatch
// on the device's workers (docs/executables.md, "From plain MLIR"): the
// kernel is compiled to C and built with cc, embedded in the module and run
// over up to 64 workgroups.
//
//   vm-translate --vm-to-bytecode --vm-buffer-view-exports \
//       --kiln-dispatch-parallel-loops --kernel-form=c samples/parallel_saxpy.mlir -o saxpy.vmfb
//   run-module --module=saxpy.vmfb --function=saxpy --task-workers=2 \
//       --input=f32=2 --input=4xf32=1,2,3,4 --input=4xf32=10,20,30,40
//   # 4xf32=12 24 36 48
module @parallel_saxpy {
  func.func @saxpy(%a: f32, %x: memref<?xf32>, %y: memref<?xf32>) -> memref<?xf32> {
    %c0 = arith.constant 0 : index
    %c1 = arith.constant 1 : index
    %n = memref.dim %x, %c0 : memref<?xf32>
    scf.parallel (%i) = (%c0) to (%n) step (%c1) {
      %xi = memref.load %x[%i] : memref<?xf32>
      %yi = memref.load %y[%i] : memref<?xf32>
      %axi = arith.mulf %a, %xi : f32
      %r = arith.addf %axi, %yi : f32
      memref.store %r, %y[%i] : memref<?xf32>
    }
    return %y : memref<?xf32>
  }
}
