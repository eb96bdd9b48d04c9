; Parses, but does not verify: a phi node after another instruction.
define ptr @kiln_module_v1_get() {
entry:
  br label %next
next:
  %x = add i32 1, 2
  %p = phi ptr [ null, %entry ]
  ret ptr %p
}
