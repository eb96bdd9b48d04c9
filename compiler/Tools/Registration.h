//===- Registration.h - Dialects and passes Kiln's tools know ---*- C++ -*-===//
//
// One place that lists what vm-opt, vm-translate, the Python bindings and the
// tests register, so the tools cannot drift apart.
//
//===----------------------------------------------------------------------===//

#ifndef KILN_COMPILER_TOOLS_REGISTRATION_H
#define KILN_COMPILER_TOOLS_REGISTRATION_H

namespace mlir {
class DialectRegistry;
} // namespace mlir

namespace mlir::kiln {

/// The vm dialect and the upstream dialects Kiln accepts as input.
void registerKilnDialects(DialectRegistry &registry);

/// Every Kiln pass and pipeline, plus the upstream passes vm-opt offers.
void registerKilnPasses();

} // namespace mlir::kiln

#endif // KILN_COMPILER_TOOLS_REGISTRATION_H
