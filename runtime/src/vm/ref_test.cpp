#include "kiln/vm/ref.h"

#include <gtest/gtest.h>

#include "kiln/vm/instance.h"

namespace kiln::vm {
namespace {

int g_destroyed = 0;

struct Widget : RefObject {
  static const RefType kType;
  explicit Widget(int v) : RefObject(&kType), value(v) {}
  int value;
};
const RefType Widget::kType = {"test.widget", [](RefObject *o) {
                                 ++g_destroyed;
                                 delete static_cast<Widget *>(o);
                               }};

struct Gadget : RefObject {
  static const RefType kType;
  Gadget() : RefObject(&kType) {}
};
const RefType Gadget::kType = {"test.gadget", [](RefObject *o) {
                                 ++g_destroyed;
                                 delete static_cast<Gadget *>(o);
                               }};

class RefTest : public ::testing::Test {
protected:
  void SetUp() override { g_destroyed = 0; }
};

TEST_F(RefTest, NullRef) {
  Ref r;
  EXPECT_TRUE(r.is_null());
  EXPECT_FALSE(r);
  EXPECT_EQ(r.type(), nullptr);
  EXPECT_EQ(r.ref_count(), 0u);
  EXPECT_FALSE(r.is_type(Widget::kType));
  Ref copy = r;
  EXPECT_TRUE(copy.is_null());
}

TEST_F(RefTest, RetainReleaseAndDestroy) {
  {
    Ref a = Ref::adopt(new Widget(1));
    EXPECT_EQ(a.ref_count(), 1u);
    {
      Ref b = a;
      EXPECT_EQ(a.ref_count(), 2u);
      Ref c = Ref::retain(a.get());
      EXPECT_EQ(a.ref_count(), 3u);
    }
    EXPECT_EQ(a.ref_count(), 1u);
    EXPECT_EQ(g_destroyed, 0);
  }
  EXPECT_EQ(g_destroyed, 1);
}

TEST_F(RefTest, MoveDoesNotTouchCount) {
  Ref a = Ref::adopt(new Widget(2));
  Ref b = std::move(a);
  EXPECT_TRUE(a.is_null()); // NOLINT
  EXPECT_EQ(b.ref_count(), 1u);
  Ref c;
  c = std::move(b);
  EXPECT_EQ(c.ref_count(), 1u);
  Ref &same = c;       // an alias, so compilers do not flag the deliberate self-move
  c = std::move(same); // self move is a no-op
  EXPECT_EQ(c.ref_count(), 1u);
  c.reset();
  EXPECT_EQ(g_destroyed, 1);
}

TEST_F(RefTest, AssignReleasesOld) {
  Ref a = Ref::adopt(new Widget(1));
  Ref b = Ref::adopt(new Widget(2));
  a = b; // old a destroyed
  EXPECT_EQ(g_destroyed, 1);
  EXPECT_EQ(b.ref_count(), 2u);
  Ref &alias = a;
  a = alias; // self assign keeps it alive
  EXPECT_EQ(b.ref_count(), 2u);
  a = nullptr;
  b = nullptr;
  EXPECT_EQ(g_destroyed, 2);
}

TEST_F(RefTest, DetachAndAdopt) {
  Ref a = Ref::adopt(new Widget(3));
  RefObject *raw = a.detach();
  EXPECT_TRUE(a.is_null());
  EXPECT_EQ(g_destroyed, 0);
  Ref b = Ref::adopt(raw);
  b.reset();
  EXPECT_EQ(g_destroyed, 1);
}

TEST_F(RefTest, TypeChecksAndCasts) {
  Ref w = Ref::adopt(new Widget(7));
  Ref g = Ref::adopt(new Gadget());
  EXPECT_TRUE(w.is_type(Widget::kType));
  EXPECT_FALSE(w.is_type(Gadget::kType));
  EXPECT_TRUE(w.check_type(Widget::kType).ok());
  Status bad = g.check_type(Widget::kType);
  EXPECT_EQ(bad.code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(bad.message(), "ref type mismatch: expected 'test.widget' but got 'test.gadget'");
  EXPECT_EQ(Ref().check_type(Widget::kType).message(),
            "null ref where a 'test.widget' was expected");
  EXPECT_TRUE(Ref().check_type_or_null(Widget::kType).ok());

  StatusOr<RefT<Widget>> typed = RefT<Widget>::cast(w);
  ASSERT_TRUE(typed.ok());
  EXPECT_EQ((*typed)->value, 7);
  EXPECT_EQ(w.ref_count(), 2u);
  EXPECT_FALSE(RefT<Widget>::cast(g).ok());
  Ref back = std::move(*typed);
  EXPECT_EQ(w.ref_count(), 2u);
}

TEST_F(RefTest, TypedRefLifetime) {
  {
    RefT<Widget> a = RefT<Widget>::adopt(new Widget(1));
    RefT<Widget> b = a;
    EXPECT_EQ(a.as_ref().ref_count(), 2u);
    const Ref &untyped = a;
    EXPECT_TRUE(untyped.is_type(Widget::kType));
  }
  EXPECT_EQ(g_destroyed, 1);
}

TEST_F(RefTest, Registry) {
  Instance instance;
  EXPECT_NE(instance.lookup_type("vm.buffer"), nullptr);
  EXPECT_NE(instance.lookup_type("vm.list"), nullptr);
  EXPECT_EQ(instance.lookup_type("test.widget"), nullptr);
  EXPECT_TRUE(instance.register_type(&Widget::kType).ok());
  EXPECT_TRUE(instance.register_type(&Widget::kType).ok()); // idempotent
  EXPECT_EQ(instance.lookup_type("test.widget"), &Widget::kType);
  static const RefType impostor = {"test.widget", Widget::kType.destroy};
  EXPECT_EQ(instance.register_type(&impostor).code(), StatusCode::kAlreadyExists);
  static const RefType nameless = {nullptr, nullptr};
  EXPECT_EQ(instance.register_type(&nameless).code(), StatusCode::kInvalidArgument);
}

} // namespace
} // namespace kiln::vm
