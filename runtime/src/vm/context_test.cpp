#include "kiln/vm/context.h"

#include <gtest/gtest.h>

#include <cstring>

#include "kiln/vm/invocation.h"
#include "kiln/vm/native_module.h"

namespace kiln::vm {
namespace {

RefT<NativeModule> make_math() {
  RefT<NativeModule> m = NativeModule::create("math");
  m->export_function("add", [](int32_t a, int32_t b) { return a + b; });
  m->export_function("neg", [](int64_t a) { return -a; });
  return m;
}

TEST(ContextTest, ResolvesImportsAgainstEarlierModules) {
  Instance instance;
  Context context(instance);
  RefT<NativeModule> math = make_math();
  RefT<NativeModule> app = NativeModule::create("app");
  int32_t add = app->import_function("math.add", "0ii_i");
  app->export_function(
      "add3", [add](NativeCall &call, int32_t a, int32_t b, int32_t c) -> StatusOr<int32_t> {
        alignas(8) int32_t args[2] = {a, b};
        alignas(8) int32_t result = 0;
        KILN_RETURN_IF_ERROR(call.call_import(add, ByteSpan{reinterpret_cast<uint8_t *>(args), 8},
                                              ByteSpan{reinterpret_cast<uint8_t *>(&result), 4}));
        return result + c;
      });
  ASSERT_TRUE(context.register_module(math.get()).ok());
  ASSERT_TRUE(context.register_module(app.get()).ok());
  EXPECT_EQ(context.module_count(), 2);
  EXPECT_EQ(context.module(1), app.get());

  ValueList results;
  Function fn = context.lookup_function("add3").value();
  ASSERT_TRUE(invoke(context, fn, {Value::i32(1), Value::i32(2), Value::i32(3)}, &results).ok());
  ASSERT_EQ(results.size(), 1u);
  EXPECT_EQ(results[0].as_i32(), 6);
}

TEST(ContextTest, MissingExportNamesBothModules) {
  Instance instance;
  Context context(instance);
  RefT<NativeModule> math = make_math();
  RefT<NativeModule> app = NativeModule::create("app");
  app->import_function("math.sub", "0ii_i");
  ASSERT_TRUE(context.register_module(math.get()).ok());
  Status s = context.register_module(app.get());
  EXPECT_EQ(s.code(), StatusCode::kNotFound);
  EXPECT_EQ(s.message(), "module 'app' imports 'math.sub', but module 'math' has no export "
                         "named 'sub'");
  EXPECT_EQ(context.module_count(), 1);
}

TEST(ContextTest, MissingModule) {
  Instance instance;
  Context context(instance);
  RefT<NativeModule> app = NativeModule::create("app");
  app->import_function("hal.device.query", "0r_i");
  Status s = context.register_module(app.get());
  EXPECT_EQ(s.code(), StatusCode::kNotFound);
  EXPECT_EQ(s.message(), "module 'app' imports 'hal.device.query', but no module named "
                         "'hal' is registered before it");
}

TEST(ContextTest, OnlyEarlierModulesAreVisible) {
  Instance instance;
  Context context(instance);
  RefT<NativeModule> app = NativeModule::create("app");
  app->import_function("math.add", "0ii_i");
  EXPECT_FALSE(context.register_module(app.get()).ok());
  ASSERT_TRUE(context.register_module(make_math().get()).ok());
  EXPECT_TRUE(context.register_module(app.get()).ok());
}

TEST(ContextTest, SignatureMismatch) {
  Instance instance;
  Context context(instance);
  RefT<NativeModule> app = NativeModule::create("app");
  app->import_function("math.add", "0II_I");
  ASSERT_TRUE(context.register_module(make_math().get()).ok());
  Status s = context.register_module(app.get());
  EXPECT_EQ(s.code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(s.message(), "module 'app' imports 'math.add' with signature '0II_I', but "
                         "module 'math' exports 'add' with signature '0ii_i'");
}

TEST(ContextTest, OptionalImportsMayStayUnresolved) {
  Instance instance;
  Context context(instance);
  RefT<NativeModule> app = NativeModule::create("app");
  int32_t missing = app->import_function("math.sub", "0ii_i", /*optional=*/true);
  int32_t gone = app->import_function("nowhere.fn", "0v_v", /*optional=*/true);
  int32_t present = app->import_function("math.neg", "0I_I", /*optional=*/true);
  app->export_function("probe", [=](NativeCall &call) {
    return std::make_tuple(call.is_import_resolved(missing) ? 1 : 0,
                           call.is_import_resolved(gone) ? 1 : 0,
                           call.is_import_resolved(present) ? 1 : 0);
  });
  app->export_function("call_missing", [=](NativeCall &call) -> Status {
    return call.call_import(missing, ByteSpan{}, ByteSpan{});
  });
  ASSERT_TRUE(context.register_module(make_math().get()).ok());
  ASSERT_TRUE(context.register_module(app.get()).ok());
  EXPECT_EQ(app->export_info(0).signature, "0_iii");
  ValueList results;
  ASSERT_TRUE(invoke(context, context.lookup_function("app.probe").value(), {}, &results).ok());
  ASSERT_EQ(results.size(), 3u);
  EXPECT_EQ(results[0].as_i32(), 0);
  EXPECT_EQ(results[1].as_i32(), 0);
  EXPECT_EQ(results[2].as_i32(), 1);
  Status s = invoke(context, context.lookup_function("call_missing").value(), {}, &results);
  EXPECT_EQ(s.code(), StatusCode::kFailedPrecondition);
  EXPECT_EQ(s.message(), "import 'math.sub' of module 'app' is not resolved");
}

TEST(ContextTest, LookupFunction) {
  Instance instance;
  Context context(instance);
  EXPECT_EQ(context.lookup_function("x").status().code(), StatusCode::kNotFound);
  RefT<NativeModule> math = make_math();
  RefT<NativeModule> app = NativeModule::create("app");
  app->export_function("main", []() {});
  app->export_function("dotted.name", []() {});
  ASSERT_TRUE(context.register_module(math.get()).ok());
  ASSERT_TRUE(context.register_module(app.get()).ok());
  Function add = context.lookup_function("math.add").value();
  EXPECT_EQ(add.module, math.get());
  EXPECT_EQ(add.ordinal, 0);
  EXPECT_EQ(add.linkage, Linkage::kExport);
  EXPECT_EQ(context.lookup_function("main").value().module, app.get());
  EXPECT_EQ(context.lookup_function("app.main").value().ordinal, 0);
  EXPECT_EQ(context.lookup_function("dotted.name").value().ordinal, 1);
  Status s = context.lookup_function("add").status(); // not in the last module
  EXPECT_EQ(s.code(), StatusCode::kNotFound);
  EXPECT_EQ(s.message(), "function 'add' not found: it is neither MODULE.NAME of a "
                         "registered module nor an export of the last module 'app'");
  EXPECT_FALSE(context.lookup_function("math.nope").ok());
  EXPECT_EQ(context.find_module("math"), math.get());
  EXPECT_EQ(context.find_module("nope"), nullptr);
}

TEST(ContextTest, DuplicateRegistration) {
  Instance instance;
  Context context(instance);
  RefT<NativeModule> math = make_math();
  ASSERT_TRUE(context.register_module(math.get()).ok());
  EXPECT_EQ(context.register_module(math.get()).code(), StatusCode::kAlreadyExists);
  EXPECT_EQ(context.register_module(Ref()).code(), StatusCode::kInvalidArgument);
}

struct Counter {
  static int live;
  Counter() { ++live; }
  ~Counter() { --live; }
  int calls = 0;
};
int Counter::live = 0;

TEST(ContextTest, PerContextStateLifetime) {
  Instance instance;
  RefT<NativeModule> m = NativeModule::create("counter");
  m->set_state<Counter>();
  m->export_function("bump", [](NativeCall &call) { return ++call.state<Counter>()->calls; });
  {
    Context a(instance);
    Context b(instance);
    ASSERT_TRUE(a.register_module(m.get()).ok());
    ASSERT_TRUE(b.register_module(m.get()).ok());
    EXPECT_EQ(Counter::live, 2);
    ValueList r;
    Function bump = m->export_function(0);
    ASSERT_TRUE(invoke(a, bump, {}, &r).ok());
    ASSERT_TRUE(invoke(a, bump, {}, &r).ok());
    EXPECT_EQ(r[0].as_i32(), 2);
    ASSERT_TRUE(invoke(b, bump, {}, &r).ok());
    EXPECT_EQ(r[0].as_i32(), 1);
    // A context keeps its modules alive.
    EXPECT_GE(m.as_ref().ref_count(), 3u);
  }
  EXPECT_EQ(Counter::live, 0);
  EXPECT_EQ(m.as_ref().ref_count(), 1u);
}

TEST(ContextTest, StateFactoryFailureRegistersNothing) {
  Instance instance;
  Context context(instance);
  RefT<NativeModule> m = NativeModule::create("bad");
  m->set_state<Counter>([](Instance &) -> StatusOr<std::unique_ptr<Counter>> {
    return unavailable_error("no device");
  });
  Status s = context.register_module(m.get());
  EXPECT_EQ(s.code(), StatusCode::kUnavailable);
  EXPECT_EQ(context.module_count(), 0);
}

} // namespace
} // namespace kiln::vm
