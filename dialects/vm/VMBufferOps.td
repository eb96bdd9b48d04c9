//===- VMBufferOps.td - vm dialect: Buffer ops -*- tablegen -*-===//
//
// `!vm.buffer`: a reference-counted block of bytes. Byte ranges (alloc,
// clone, copy, compare, hash) are given in bytes; fill, load and store offsets
// and lengths count elements of the op's width. Every offset and length is an
// i64. Any access outside the buffer, or through a null buffer, fails the
// invocation.
//
//===----------------------------------------------------------------------===//

#ifndef KILN_DIALECT_VM_BUFFER_OPS
#define KILN_DIALECT_VM_BUFFER_OPS

include "dialects/vm/VMBase.td"

//===----------------------------------------------------------------------===//
// Whole buffers
//===----------------------------------------------------------------------===//

def VM_BufferAllocOp : VM_Op<"buffer.alloc", [VM_MayFail]> {
  let summary = "allocates a zero-filled buffer";
  let description = [{
    Creates a new buffer of `length` bytes, all zero, whose storage starts at
    a multiple of `alignment` bytes (a power of two). Fails when the memory
    cannot be had or the arguments are invalid.

    ```mlir
    %buf = vm.buffer.alloc %len, %align : !vm.buffer
    ```
  }];

  let arguments = (ins
    VM_BufferIndex:$length,
    I32:$alignment
  );
  let results = (outs
    Res<VM_BufferRef, "the new buffer", [MemAlloc]>:$result
  );

  let assemblyFormat = [{
    operands attr-dict `:` type($result)
  }];
}

def VM_BufferCloneOp : VM_Op<"buffer.clone", [VM_MayFail]> {
  let summary = "copies a byte range into a new buffer";
  let description = [{
    Creates a new, mutable buffer of `length` bytes aligned to `alignment`
    bytes holding a copy of the bytes of `source_buffer`
    starting at `source_offset`. Fails when the range does not lie inside the
    source or the source is null.

    ```mlir
    %copy = vm.buffer.clone %src, %off, %len, %align : !vm.buffer -> !vm.buffer
    ```
  }];

  let arguments = (ins
    Arg<VM_BufferRef, "the buffer to copy from", [MemRead]>:$source_buffer,
    VM_BufferIndex:$source_offset,
    VM_BufferIndex:$length,
    I32:$alignment
  );
  let results = (outs
    Res<VM_BufferRef, "the new buffer", [MemAlloc]>:$result
  );

  let assemblyFormat = [{
    operands attr-dict `:` type($source_buffer) `->` type($result)
  }];
}

def VM_BufferLengthOp : VM_TrivialOp<"buffer.length", [VM_MayFail]> {
  let summary = "the size of a buffer in bytes";
  let description = [{
    Returns the length in bytes that the buffer was created with; the
    runtime may keep padding beyond it, which does not count. A buffer's
    length never changes, so the op reads no memory, but it fails on a null
    buffer and is therefore not speculated.

    Folds to the requested length when the buffer comes straight from
    `vm.buffer.alloc` or `vm.buffer.clone`.

    ```mlir
    %n = vm.buffer.length %buf : !vm.buffer -> i64
    ```
  }];

  let arguments = (ins VM_BufferRef:$buffer);
  let results = (outs VM_BufferIndex:$result);

  let assemblyFormat = [{
    operands attr-dict `:` type($buffer) `->` type($result)
  }];

  let hasFolder = 1;
}

def VM_BufferCopyOp : VM_Op<"buffer.copy", [VM_MayFail]> {
  let summary = "copies bytes between buffers, like memcpy";
  let description = [{
    Copies `length` bytes from `source_buffer` at `source_offset` into
    `target_buffer` at `target_offset`. Both ranges must lie inside their
    buffers and the target must be writable, or the invocation fails.

    ```mlir
    vm.buffer.copy %src, %src_off, %dst, %dst_off, %len : !vm.buffer -> !vm.buffer
    ```
  }];

  let arguments = (ins
    Arg<VM_BufferRef, "the buffer to copy from", [MemRead]>:$source_buffer,
    VM_BufferIndex:$source_offset,
    Arg<VM_BufferRef, "the buffer to copy into", [MemWrite]>:$target_buffer,
    VM_BufferIndex:$target_offset,
    VM_BufferIndex:$length
  );

  let assemblyFormat = [{
    operands attr-dict `:` type($source_buffer) `->` type($target_buffer)
  }];
}

def VM_BufferCompareOp : VM_Op<"buffer.compare", [VM_MayFail]> {
  let summary = "tests two byte ranges for equality";
  let description = [{
    Returns 1 when the `length` bytes at `lhs_offset` in `lhs_buffer` equal,
    bit for bit, the `length` bytes at `rhs_offset` in `rhs_buffer`, and 0
    otherwise. Both ranges must lie inside their buffers.

    ```mlir
    %eq = vm.buffer.compare %a, %a_off, %b, %b_off, %len : !vm.buffer, !vm.buffer
    ```
  }];

  let arguments = (ins
    Arg<VM_BufferRef, "left-hand buffer", [MemRead]>:$lhs_buffer,
    VM_BufferIndex:$lhs_offset,
    Arg<VM_BufferRef, "right-hand buffer", [MemRead]>:$rhs_buffer,
    VM_BufferIndex:$rhs_offset,
    VM_BufferIndex:$length
  );
  let results = (outs VM_CondValue:$result);

  let assemblyFormat = [{
    operands attr-dict `:` type($lhs_buffer) `,` type($rhs_buffer)
  }];
}

def VM_BufferHashOp : VM_Op<"buffer.hash", [VM_MayFail]> {
  let summary = "SipHash-2-4 of a byte range";
  let description = [{
    Returns the 64-bit SipHash-2-4 of the `length` bytes at `source_offset`
    in `source_buffer`, keyed with the 16 bytes 0x00, 0x01, ..., 0x0f. The
    range must lie inside the buffer.

    ```mlir
    %h = vm.buffer.hash %buf, %off, %len : !vm.buffer -> i64
    ```
  }];

  let arguments = (ins
    Arg<VM_BufferRef, "the buffer to hash", [MemRead]>:$source_buffer,
    VM_BufferIndex:$source_offset,
    VM_BufferIndex:$length
  );
  let results = (outs I64:$result);

  let assemblyFormat = [{
    $source_buffer `,` $source_offset `,` $length
    attr-dict `:` type($source_buffer) `->` type($result)
  }];
}

//===----------------------------------------------------------------------===//
// Element access
//===----------------------------------------------------------------------===//

// A value of `type`, or the same bits carried in an i32 register.
class VM_TypeOrI32<Type type> : AnyTypeOf<[type, I32]>;

// Sets `length` elements starting at element `target_offset` to `value`, a
// value of type `type`.
class VM_BufferFillOp<Type type, string mnemonic, list<Trait> traits = []>
    : VM_Op<mnemonic, !listconcat(traits, [VM_MayFail])> {
  let description = [{
    Writes `value` into `length` consecutive elements of the buffer, the
    first at element index `target_offset` (byte offset = index times the
    element size), like memset for wider patterns. The range must lie inside
    the buffer. The value may also be given as an i32 register, of which the
    low bits of the element's width are used.

    ```mlir
    vm.buffer.fill.i32 %buf, %first, %count, %v : i32 -> !vm.buffer
    ```
  }];

  let arguments = (ins
    Arg<VM_BufferRef, "the buffer to fill", [MemWrite]>:$target_buffer,
    VM_BufferIndex:$target_offset,
    VM_BufferIndex:$length,
    type:$value
  );

  let assemblyFormat = [{
    $target_buffer `,` $target_offset `,` $length `,` $value
    attr-dict `:` type($value) `->` type($target_buffer)
  }];
}

def VM_BufferFillI8Op : VM_BufferFillOp<VM_TypeOrI32<I8>, "buffer.fill.i8"> {
  let summary = "fills a buffer range with a repeated 8-bit value";
}
def VM_BufferFillI16Op : VM_BufferFillOp<VM_TypeOrI32<I16>, "buffer.fill.i16"> {
  let summary = "fills a buffer range with a repeated 16-bit value";
}
def VM_BufferFillI32Op : VM_BufferFillOp<I32, "buffer.fill.i32"> {
  let summary = "fills a buffer range with a repeated 32-bit value";
}
def VM_BufferFillI64Op : VM_BufferFillOp<VM_TypeOrI32<I64>, "buffer.fill.i64"> {
  let summary = "fills a buffer range with a repeated 64-bit value";
}
def VM_BufferFillF32Op :
    VM_BufferFillOp<VM_TypeOrI32<F32>, "buffer.fill.f32", [VM_ExtF32]> {
  let summary = "fills a buffer range with a repeated f32 value";
}
def VM_BufferFillF64Op :
    VM_BufferFillOp<VM_TypeOrI32<F64>, "buffer.fill.f64", [VM_ExtF64]> {
  let summary = "fills a buffer range with a repeated f64 value";
}

// Reads one element at element index `source_offset` as a `type`.
class VM_BufferLoadOp<Type type, string mnemonic, list<Trait> traits = []>
    : VM_Op<mnemonic, !listconcat(traits, [VM_MayFail, VM_BufferElementAccess])> {
  let description = [{
    Reads the element at element index `source_offset` (byte offset = index
    times the element size) of the buffer. The element must lie inside the
    buffer. Elements narrower than 32 bits are widened into an i32, with sign
    (`.s`) or zero (`.u`) extension.

    `in_range` (a unit attribute) records that the compiler has proven the
    index inside a non-null buffer's length before the access
    (`--vm-version-loops`); the native forms (C and LLVM) then skip the
    index comparison. It is a compiler fact, never an input: the bytecode
    form ignores it and checks every access.

    ```mlir
    %v = vm.buffer.load.i32 %buf[%index] : !vm.buffer -> i32
    %w = vm.buffer.load.i32 %buf[%index] {in_range} : !vm.buffer -> i32
    ```
  }];

  let arguments = (ins
    Arg<VM_BufferRef, "the buffer to read", [MemRead]>:$source_buffer,
    VM_BufferIndex:$source_offset,
    UnitAttr:$in_range
  );
  let results = (outs type:$result);

  let assemblyFormat = [{
    $source_buffer `[` $source_offset `]`
    attr-dict `:` type($source_buffer) `->` type($result)
  }];
}

def VM_BufferLoadI8UOp : VM_BufferLoadOp<I32, "buffer.load.i8.u"> {
  let summary = "loads an 8-bit element, zero-extended to i32";
}
def VM_BufferLoadI8SOp : VM_BufferLoadOp<I32, "buffer.load.i8.s"> {
  let summary = "loads an 8-bit element, sign-extended to i32";
}
def VM_BufferLoadI16UOp : VM_BufferLoadOp<I32, "buffer.load.i16.u"> {
  let summary = "loads a 16-bit element, zero-extended to i32";
}
def VM_BufferLoadI16SOp : VM_BufferLoadOp<I32, "buffer.load.i16.s"> {
  let summary = "loads a 16-bit element, sign-extended to i32";
}
def VM_BufferLoadI32Op : VM_BufferLoadOp<I32, "buffer.load.i32"> {
  let summary = "loads a 32-bit integer element";
}
def VM_BufferLoadI64Op : VM_BufferLoadOp<VM_TypeOrI32<I64>, "buffer.load.i64"> {
  let summary = "loads a 64-bit integer element";
}
def VM_BufferLoadF32Op :
    VM_BufferLoadOp<VM_TypeOrI32<F32>, "buffer.load.f32", [VM_ExtF32]> {
  let summary = "loads an f32 element";
}
def VM_BufferLoadF64Op :
    VM_BufferLoadOp<VM_TypeOrI32<F64>, "buffer.load.f64", [VM_ExtF64]> {
  let summary = "loads an f64 element";
}

// Writes a `type` value to the element at element index `target_offset`.
class VM_BufferStoreOp<Type type, string mnemonic, list<Trait> traits = []>
    : VM_Op<mnemonic, !listconcat(traits, [VM_MayFail, VM_BufferElementAccess])> {
  let description = [{
    Writes `value` to the element at element index `target_offset` (byte
    offset = index times the element size) of the buffer. The element must
    lie inside the buffer. The 8- and 16-bit stores take an i32 and keep its
    low bits.

    `in_range`: as on `vm.buffer.load.*`, the index is proven inside the
    buffer (the native forms skip the index comparison; the buffer's
    writability is still checked; bytecode ignores it).

    ```mlir
    vm.buffer.store.i32 %v, %buf[%index] : i32 -> !vm.buffer
    ```
  }];

  let arguments = (ins
    Arg<VM_BufferRef, "the buffer to write", [MemWrite]>:$target_buffer,
    VM_BufferIndex:$target_offset,
    type:$value,
    UnitAttr:$in_range
  );

  let assemblyFormat = [{
    $value `,` $target_buffer `[` $target_offset `]`
    attr-dict `:` type($value) `->` type($target_buffer)
  }];
}

def VM_BufferStoreI8Op : VM_BufferStoreOp<I32, "buffer.store.i8"> {
  let summary = "stores the low 8 bits of an i32";
}
def VM_BufferStoreI16Op : VM_BufferStoreOp<I32, "buffer.store.i16"> {
  let summary = "stores the low 16 bits of an i32";
}
def VM_BufferStoreI32Op : VM_BufferStoreOp<I32, "buffer.store.i32"> {
  let summary = "stores a 32-bit integer element";
}
def VM_BufferStoreI64Op :
    VM_BufferStoreOp<VM_TypeOrI32<I64>, "buffer.store.i64"> {
  let summary = "stores a 64-bit integer element";
}
def VM_BufferStoreF32Op :
    VM_BufferStoreOp<VM_TypeOrI32<F32>, "buffer.store.f32", [VM_ExtF32]> {
  let summary = "stores an f32 element";
}
def VM_BufferStoreF64Op :
    VM_BufferStoreOp<VM_TypeOrI32<F64>, "buffer.store.f64", [VM_ExtF64]> {
  let summary = "stores an f64 element";
}

#endif // KILN_DIALECT_VM_BUFFER_OPS
