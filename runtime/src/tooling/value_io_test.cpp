#include "kiln/tooling/value_io.h"

#include <gtest/gtest.h>

#include <cmath>
#include <cstdio>
#include <limits>

#include "kiln/tooling/module_loader.h"
#include "kiln/tooling/run.h"
#include "kiln/vm/buffer.h"
#include "kiln/vm/context.h"
#include "kiln/vm/invocation.h"
#include "kiln/vm/list.h"
#include "kiln/vm/native_module.h"

namespace kiln::tooling {
namespace {

using vm::Value;

std::string round_trip(const char *text, char code) {
  vm::Instance instance;
  auto v = parse_value(text, code, instance);
  if (!v.ok())
    return "ERROR " + v.status().to_string();
  return format_value(v.value());
}

TEST(ValueIo, Scalars) {
  EXPECT_EQ(round_trip("42", 'i'), "i32=42");
  EXPECT_EQ(round_trip("42", 0), "i32=42");
  EXPECT_EQ(round_trip("-7", 'I'), "i64=-7");
  EXPECT_EQ(round_trip("i32=42", 'i'), "i32=42");
  EXPECT_EQ(round_trip("i32=0xffffffff", 'i'), "i32=-1");
  EXPECT_EQ(round_trip("i32=-2147483648", 'i'), "i32=-2147483648");
  EXPECT_EQ(round_trip("i64=-9223372036854775808", 'I'), "i64=-9223372036854775808");
  EXPECT_EQ(round_trip("i64=5", 0), "i64=5");
  EXPECT_EQ(round_trip("f32=1.5", 'f'), "f32=1.5");
  EXPECT_EQ(round_trip("1.5", 'f'), "f32=1.5");
  EXPECT_EQ(round_trip("0.1", 'f'), "f32=0.1");
  EXPECT_EQ(round_trip("0.1", 'F'), "f64=0.1");
  EXPECT_EQ(round_trip("f64=0.25", 'F'), "f64=0.25");
  EXPECT_EQ(round_trip("3", 'F'), "f64=3");
  EXPECT_EQ(round_trip("f32=nan", 'f'), "f32=nan");
  EXPECT_EQ(round_trip("f64=-inf", 'F'), "f64=-inf");
  EXPECT_EQ(round_trip("f32=0x1.8p1", 'f'), "f32=3");
  EXPECT_EQ(round_trip("1.5", 0), "f32=1.5");
}

TEST(ValueIo, ScalarErrors) {
  EXPECT_NE(round_trip("i32=4294967296", 'i').find("not an i32"), std::string::npos);
  EXPECT_NE(round_trip("i32=1", 'I').find("is i32, but the function expects i64"),
            std::string::npos);
  EXPECT_NE(round_trip("1.5", 'i').find("floating-point"), std::string::npos);
  EXPECT_NE(round_trip("u8=1", 'i').find("unknown type"), std::string::npos);
  EXPECT_NE(round_trip("abc", 'i').find("not an i32"), std::string::npos);
  EXPECT_NE(round_trip("42", 'r').find("expects a ref"), std::string::npos);
  EXPECT_NE(round_trip("buffer=hex:0", 'r').find("odd number"), std::string::npos);
}

TEST(ValueIo, Buffers) {
  EXPECT_EQ(round_trip("buffer=hex:0011ff", 'r'), "buffer[3]=hex:0011ff");
  EXPECT_EQ(round_trip("buffer=hex:00_11", 'r'), "buffer[2]=hex:0011");
  EXPECT_EQ(round_trip("buffer=i32:1,-1", 'r'), "buffer[8]=hex:01000000ffffffff");
  EXPECT_EQ(round_trip("buffer=i16:258", 'r'), "buffer[2]=hex:0201");
  EXPECT_EQ(round_trip("buffer=f32:1", 'r'), "buffer[4]=hex:0000803f");
  EXPECT_EQ(round_trip("buffer=zeros:2", 'r'), "buffer[2]=hex:0000");
  EXPECT_EQ(round_trip("buffer=zeros:100", 'r'),
            "buffer[100]=hex:" + std::string(128, '0') + "...");
  EXPECT_EQ(round_trip("null", 'r'), "ref=null");
  EXPECT_EQ(round_trip("ref=null", 'r'), "ref=null");
  EXPECT_NE(round_trip("buffer=i32:1", 'i').find("is ref"), std::string::npos);
}

TEST(ValueIo, FileBuffer) {
  char path[] = "/tmp/kiln_tooling_testXXXXXX";
  int fd = mkstemp(path);
  ASSERT_GE(fd, 0);
  FILE *f = fdopen(fd, "wb");
  std::fwrite("\x01\x02\xfe", 1, 3, f);
  std::fclose(f);
  std::string at = std::string("@") + path;
  EXPECT_EQ(round_trip(at.c_str(), 'r'), "buffer[3]=hex:0102fe");
  std::string b = std::string("buffer=@") + path;
  EXPECT_EQ(round_trip(b.c_str(), 'r'), "buffer[3]=hex:0102fe");
  std::remove(path);
  EXPECT_NE(round_trip("@/nonexistent/file", 'r').find("cannot open"), std::string::npos);
}

TEST(ValueIo, Lists) {
  EXPECT_EQ(round_trip("list<i32>=1,2,3", 'r'), "list<i32>[3]=[1, 2, 3]");
  EXPECT_EQ(round_trip("list<i8>=-1,255", 'r'), "list<i8>[2]=[-1, -1]");
  EXPECT_EQ(round_trip("list<f64>=0.5", 'r'), "list<f64>[1]=[0.5]");
  EXPECT_EQ(round_trip("list<i64>=", 'r'), "list<i64>[0]=[]");
}

TEST(ValueIo, FormatNestedAndVariant) {
  auto outer = vm::List::create(vm::ElementType::variant()).value();
  ASSERT_TRUE(outer->push_value(Value::i32(1)).ok());
  ASSERT_TRUE(outer->push_value(Value::f32(2.5f)).ok());
  ASSERT_TRUE(outer->push_value(Value::ref(vm::Ref())).ok());
  auto inner = vm::List::create(vm::ElementType::ref(&vm::Buffer::kType)).value();
  auto buffer = vm::Buffer::allocate(2).value();
  ASSERT_TRUE(inner->push_value(Value::ref(buffer.as_ref())).ok());
  ASSERT_TRUE(inner->push_value(Value::ref(vm::Ref())).ok());
  ASSERT_TRUE(outer->push_value(Value::ref(inner.as_ref())).ok());
  EXPECT_EQ(format_value(Value::ref(outer.as_ref())),
            "list<variant>[4]=[i32=1, f32=2.5, ref=null, "
            "list<ref<vm.buffer>>[2]=[buffer[2]=hex:0000, ref=null]]");
}

TEST(ValueIo, Floats) {
  EXPECT_EQ(format_f32(0.1f), "0.1");
  EXPECT_EQ(format_f64(0.1), "0.1");
  EXPECT_EQ(format_f64(1e300), "1e+300");
  EXPECT_EQ(format_f32(std::numeric_limits<float>::infinity()), "inf");
  EXPECT_EQ(format_f64(-0.0), "-0");
}

TEST(ValueIo, Arguments) {
  vm::Instance instance;
  auto args = parse_arguments({"1", "i64=2", "1.5", "buffer=hex:00"}, "0iIfr_i", "m.f", instance);
  ASSERT_TRUE(args.ok()) << args.status().to_string();
  ASSERT_EQ(args->size(), 4u);
  EXPECT_EQ(format_value((*args)[1]), "i64=2");
  auto too_few = parse_arguments({"1"}, "0ii_i", "m.f", instance);
  ASSERT_FALSE(too_few.ok());
  EXPECT_NE(too_few.status().to_string().find(
                "function 'm.f' takes 2 arguments (i32, i32; signature '0ii_i'), "
                "but 1 --input was given"),
            std::string::npos)
      << too_few.status().to_string();
  auto none = parse_arguments({"1"}, "0v_v", "m.g", instance);
  ASSERT_FALSE(none.ok());
  EXPECT_NE(none.status().to_string().find("takes 0 arguments (none"), std::string::npos);
  auto bad = parse_arguments({"1", "f32=1"}, "0ii_i", "m.f", instance);
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.status().to_string().find("argument 1 of 'm.f'"), std::string::npos);
}

TEST(ModuleLoader, Kinds) {
  const uint8_t vmfb[] = {'K', 'I', 'L', 'N', 'V', 'M', 'F', 'B', 0};
  const uint8_t elf[] = {0x7f, 'E', 'L', 'F', 2};
  const uint8_t text[] = {'h', 'e', 'l', 'l', 'o'};
  EXPECT_EQ(module_kind_of_bytes(vmfb, sizeof(vmfb)), ModuleKind::kBytecode);
  EXPECT_EQ(module_kind_of_bytes(elf, sizeof(elf)), ModuleKind::kEmittedC);
  EXPECT_EQ(module_kind_of_bytes(text, sizeof(text)), ModuleKind::kUnknown);
  EXPECT_EQ(module_kind_of_bytes(vmfb, 4), ModuleKind::kUnknown);
  vm::Instance instance;
  auto r = load_module(instance, "/nonexistent.vmfb", {});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), vm::StatusCode::kNotFound);
  EXPECT_NE(r.status().to_string().find("cannot open module"), std::string::npos);
  r = load_module(instance, "/tmp", {});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), vm::StatusCode::kInvalidArgument);
  EXPECT_NE(r.status().to_string().find("is a directory"), std::string::npos);
  r = load_module(instance, "/dev/zero", {});
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().to_string().find("not a regular file"), std::string::npos);
  char path[] = "/tmp/kiln_tooling_testXXXXXX.so";
  int fd = mkstemps(path, 3);
  ASSERT_GE(fd, 0);
  close(fd);
  r = load_module(instance, path, {});
  std::remove(path);
  ASSERT_FALSE(r.ok());
  // An empty .so is no kind of module, whatever its name.
  EXPECT_EQ(r.status().code(), vm::StatusCode::kInvalidArgument);
  EXPECT_NE(r.status().to_string().find("is not a module"), std::string::npos)
      << r.status().to_string();
}

TEST(RunFlags, Parse) {
  const char *argv[] = {"tool",      "--module=a.vmfb", "--module", "b.vmfb",  "--function=m.f",
                        "--input=1", "-input",          "i64=2",    "--trace", "--reps=3"};
  RunFlags flags;
  std::string reps;
  vm::Status s = parse_run_flags(10, const_cast<char **>(argv), &flags, {{"reps", &reps}});
  ASSERT_TRUE(s.ok()) << s.to_string();
  EXPECT_EQ(flags.modules, (std::vector<std::string>{"a.vmfb", "b.vmfb"}));
  EXPECT_EQ(flags.function, "m.f");
  EXPECT_EQ(flags.inputs, (std::vector<std::string>{"1", "i64=2"}));
  EXPECT_TRUE(flags.trace);
  EXPECT_EQ(reps, "3");
  const char *bad[] = {"tool", "--bogus=1"};
  RunFlags f2;
  EXPECT_FALSE(parse_run_flags(2, const_cast<char **>(bad), &f2).ok());
}

// The full host path of run-module on a native module: parse inputs against
// the export's signature, invoke, format the results.
TEST(RunPath, NativeModule) {
  vm::Instance instance;
  vm::Context context(instance);
  auto m = vm::NativeModule::create("math");
  m->export_function("addmul", [](int32_t a, int64_t b, double c) {
    return std::make_tuple(static_cast<int64_t>(a) + b, c * 2);
  });
  m->export_function("sum", [](const vm::RefT<vm::Buffer> &b) -> vm::StatusOr<int32_t> {
    if (!b)
      return vm::invalid_argument_error("null buffer");
    int32_t total = 0;
    for (size_t i = 0; i < b->length(); ++i)
      total += b->data()[i];
    return total;
  });
  ASSERT_TRUE(context.register_module(m.get()).ok());
  auto f = context.lookup_function("math.addmul").value();
  auto args =
      parse_arguments({"40", "2", "0.125"}, m->function_signature(f), "math.addmul", instance);
  ASSERT_TRUE(args.ok()) << args.status().to_string();
  vm::ValueList results;
  ASSERT_TRUE(vm::invoke(context, f, args.value(), &results).ok());
  ASSERT_EQ(results.size(), 2u);
  EXPECT_EQ(format_value(results[0]), "i64=42");
  EXPECT_EQ(format_value(results[1]), "f64=0.25");

  auto sum = context.lookup_function("sum").value();
  args = parse_arguments({"buffer=hex:010203"}, "0r_i", "math.sum", instance);
  ASSERT_TRUE(vm::invoke(context, sum, args.value(), &results).ok());
  EXPECT_EQ(format_value(results[0]), "i32=6");
  args = parse_arguments({"null"}, "0r_i", "math.sum", instance);
  vm::Status s = vm::invoke(context, sum, args.value(), &results);
  EXPECT_FALSE(s.ok());
}

} // namespace
} // namespace kiln::tooling
