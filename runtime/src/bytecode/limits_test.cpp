// The bytecode loader at and one step past each module limit of
// kiln/vm/limits.h: the compiler's VerifyTargetLimits pass
// (test/target/limits) and the C module loader (c_module_test.cpp) check the
// same numbers, so a module the compiler accepts is one the loader loads.
#include <cstdint>
#include <string>
#include <vector>

#include "kiln/bytecode/bytecode_module.h"
#include "kiln/vm/instance.h"
#include "kiln/vm/limits.h"
#include "kiln/vm/list.h"
#include "testing/module_builder.h"
#include "gtest/gtest.h"

namespace kiln::bytecode {
namespace {

using testing::FunctionBuilder;
using testing::L;
using testing::ModuleBuilder;
using vm::Status;
using vm::StatusCode;
namespace limits = vm::limits;

Status load(const ModuleBuilder &mb) {
  vm::Instance instance;
  std::vector<uint8_t> file = mb.build();
  auto m = load_module(instance, file.data(), file.size(), vm::Ref());
  return m.ok() ? Status() : m.status();
}

FunctionBuilder returns_nothing() {
  FunctionBuilder f;
  f.emit(Opcode::RETURN, {L({})});
  return f;
}

void expect_loads(const ModuleBuilder &mb) {
  Status s = load(mb);
  EXPECT_TRUE(s.ok()) << s.to_string();
}

void expect_rejected(const ModuleBuilder &mb, const std::string &needle) {
  Status s = load(mb);
  ASSERT_FALSE(s.ok()) << "expected a rejection containing '" << needle << "'";
  EXPECT_NE(s.to_string().find(needle), std::string::npos) << s.to_string();
}

const std::string kNameAtLimit(limits::kMaxNameLength, 'n');
const std::string kNamePastLimit(limits::kMaxNameLength + 1, 'n');

TEST(LoaderLimits, ModuleName) {
  ModuleBuilder at(kNameAtLimit);
  at.add_function("f", "0_", 0, 0, returns_nothing());
  expect_loads(at);
  ModuleBuilder past(kNamePastLimit);
  past.add_function("f", "0_", 0, 0, returns_nothing());
  expect_rejected(past, "module name too long");
}

TEST(LoaderLimits, FunctionExportAndImportNames) {
  ModuleBuilder at;
  int fn = at.add_function(kNameAtLimit, "0_", 0, 0, returns_nothing());
  at.add_export(kNameAtLimit, fn);
  at.add_import("m." + kNameAtLimit.substr(2), "0_");
  expect_loads(at);

  ModuleBuilder function;
  function.add_function(kNamePastLimit, "0_", 0, 0, returns_nothing());
  expect_rejected(function, "function name too long");

  ModuleBuilder exported;
  exported.add_export(kNamePastLimit, exported.add_function("f", "0_", 0, 0, returns_nothing()));
  expect_rejected(exported, "export name too long");

  ModuleBuilder imported;
  imported.add_import("m." + kNamePastLimit.substr(1), "0_");
  imported.add_function("f", "0_", 0, 0, returns_nothing());
  expect_rejected(imported, "import name too long");
}

TEST(LoaderLimits, RegistersPerBank) {
  const uint16_t max = limits::kMaxRegistersPerBank;
  ModuleBuilder at;
  at.add_function("f", "0_", max, max, returns_nothing());
  expect_loads(at);

  ModuleBuilder scalars;
  scalars.add_function("f", "0_", max + 1, 0, returns_nothing());
  expect_rejected(scalars, std::to_string(max));
  ModuleBuilder refs;
  refs.add_function("f", "0_", 0, max + 1, returns_nothing());
  expect_rejected(refs, std::to_string(max));
}

TEST(LoaderLimits, SignatureArgumentsAndResults) {
  const std::string args_at = "0" + std::string(limits::kMaxSignatureArguments, 'i') + "_";
  const std::string args_past = "0" + std::string(limits::kMaxSignatureArguments + 1, 'i') + "_";
  const std::string results_at = "0_" + std::string(limits::kMaxSignatureResults, 'i');
  const std::string results_past = "0_" + std::string(limits::kMaxSignatureResults + 1, 'i');

  ModuleBuilder at;
  at.add_import("m.args", args_at);
  at.add_import("m.results", results_at);
  at.add_function("f", "0_", 0, 0, returns_nothing());
  expect_loads(at);

  ModuleBuilder args;
  args.add_import("m.args", args_past);
  args.add_function("f", "0_", 0, 0, returns_nothing());
  expect_rejected(args, "at most 4096");
  ModuleBuilder results;
  results.add_import("m.results", results_past);
  results.add_function("f", "0_", 0, 0, returns_nothing());
  expect_rejected(results, "at most 4096");
}

TEST(LoaderLimits, RodataAlignment) {
  for (uint32_t alignment : {1u, 2u, 16u, static_cast<uint32_t>(limits::kMaxRodataAlignment)}) {
    ModuleBuilder mb;
    mb.add_rodata({1, 2, 3, 4}, /*external=*/false, alignment);
    mb.add_function("f", "0_", 0, 0, returns_nothing());
    SCOPED_TRACE(alignment);
    expect_loads(mb);
  }
  for (uint32_t alignment : {static_cast<uint32_t>(2 * limits::kMaxRodataAlignment), 3u}) {
    ModuleBuilder mb;
    mb.add_rodata({1, 2, 3, 4}, /*external=*/false, alignment);
    mb.add_function("f", "0_", 0, 0, returns_nothing());
    SCOPED_TRACE(alignment);
    expect_rejected(mb, "alignment");
  }
}

// The list element types the compiler lets through are exactly the ones the
// runtime can create; any other spelling is refused where it is used.
TEST(LoaderLimits, ListElementTypes) {
  for (std::string_view name : limits::kListScalarElementTypes) {
    vm::ElementType element;
    ASSERT_TRUE(vm::ElementType::from_scalar_name(name, &element)) << name;
    EXPECT_EQ(element.to_string(), name);
    EXPECT_TRUE(limits::is_list_scalar_element_type(name));
  }
  for (std::string_view name : {"f16", "bf16", "i1", "i128", "f80", ""}) {
    vm::ElementType element;
    EXPECT_FALSE(vm::ElementType::from_scalar_name(name, &element)) << name;
    EXPECT_FALSE(limits::is_list_scalar_element_type(name)) << name;
  }

  auto casting_to = [](const std::string &type) {
    FunctionBuilder f;
    f.emit(Opcode::CAST_ANY_REF, {0, 0, 0});
    f.emit(Opcode::RETURN, {L({})});
    ModuleBuilder mb;
    mb.add_type(type);
    mb.add_export("f", mb.add_function("f", "0_", 0, 1, f));
    return mb;
  };
  for (std::string_view name : limits::kListScalarElementTypes) {
    SCOPED_TRACE(name);
    expect_loads(casting_to("!vm.list<" + std::string(name) + ">"));
  }
  Status s = load(casting_to("!vm.list<f16>"));
  EXPECT_EQ(s.code(), StatusCode::kNotFound) << s.to_string();
  EXPECT_NE(s.message().find("!vm.list<f16>"), std::string::npos) << s.to_string();
}

} // namespace
} // namespace kiln::bytecode
