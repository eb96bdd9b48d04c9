//===- HALBase.td - Kiln hal dialect: object types --------*- tablegen -*-===//
//
// The `hal` dialect exists so that programs can name the objects the runtime's
// `hal` module hands out (`!vm.ref<!hal.buffer_view>` and friends). It has
// types only: no ops. The spelling of each type, `!hal.<name>`, is also the
// name the runtime registers the object type under (`hal.<name>`), which is
// how `vm.cast.any.ref` checks objects in the bytecode and C forms.
//
//===----------------------------------------------------------------------===//

#ifndef KILN_DIALECT_HAL_BASE
#define KILN_DIALECT_HAL_BASE

include "mlir/IR/OpBase.td"
include "mlir/IR/AttrTypeBase.td"

def HAL_Dialect : Dialect {
  let name = "hal";
  let cppNamespace = "::mlir::kiln::hal";
  let summary = "Object types of the runtime's hal module.";
  let description = [{
    Types for the reference-counted objects of IREE's hardware abstraction
    layer as Kiln's runtime implements it: devices, allocators, buffers and
    buffer views, command buffers, executables, fences, semaphores, files and
    channels. They appear inside `!vm.ref<...>` in `vm` programs that import
    the `hal` module. The dialect defines no operations: programs reach the
    hal module through `vm.import` and `vm.call`.
  }];
  let useDefaultTypePrinterParser = 1;
}

class HAL_ObjectType<string name, string mnemonicName, string what>
    : TypeDef<HAL_Dialect, name> {
  let mnemonic = mnemonicName;
  let typeName = "hal." # mnemonicName;
  let summary = what;
  let description = "A `" # typeName # "` object of the runtime's hal "
                    "module; values hold it through `!vm.ref<!" # typeName #
                    ">`.";
}

def HAL_Allocator : HAL_ObjectType<"Allocator", "allocator",
                                   "allocates buffers for a device">;
def HAL_Buffer : HAL_ObjectType<"Buffer", "buffer",
                                "a range of device-visible memory">;
def HAL_BufferView : HAL_ObjectType<"BufferView", "buffer_view",
    "a buffer with a shape, an element type and an encoding">;
def HAL_CommandBuffer : HAL_ObjectType<"CommandBuffer", "command_buffer",
                                       "recorded device commands">;
def HAL_Device : HAL_ObjectType<"Device", "device", "a logical device">;
def HAL_Executable : HAL_ObjectType<"Executable", "executable",
                                    "loaded dispatchable kernels">;
def HAL_Fence : HAL_ObjectType<"Fence", "fence",
                               "a set of semaphore timepoints">;
def HAL_File : HAL_ObjectType<"File", "file",
                              "a file usable by queue reads and writes">;
def HAL_Semaphore : HAL_ObjectType<"Semaphore", "semaphore",
                                   "a timeline semaphore">;
def HAL_Channel : HAL_ObjectType<"Channel", "channel",
                                 "a collective communication channel">;

#endif // KILN_DIALECT_HAL_BASE
