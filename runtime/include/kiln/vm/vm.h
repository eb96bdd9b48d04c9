// Umbrella header for the Kiln VM runtime core.
#ifndef KILN_VM_VM_H_
#define KILN_VM_VM_H_

#include "kiln/vm/allocator.h"
#include "kiln/vm/budget.h"
#include "kiln/vm/buffer.h"
#include "kiln/vm/context.h"
#include "kiln/vm/instance.h"
#include "kiln/vm/invocation.h"
#include "kiln/vm/list.h"
#include "kiln/vm/module.h"
#include "kiln/vm/native_module.h"
#include "kiln/vm/ref.h"
#include "kiln/vm/signature.h"
#include "kiln/vm/stack.h"
#include "kiln/vm/status.h"
#include "kiln/vm/value.h"

#endif // KILN_VM_VM_H_
