"""Shared fixtures: compiling test modules in both forms (bytecode and a
shared object built from emitted C) with kiln.compiler."""
import importlib.util
import os

import pytest

import kiln

HAVE_COMPILER = importlib.util.find_spec("kiln._compiler") is not None
needs_compiler = pytest.mark.skipif(not HAVE_COMPILER, reason="built without the compiler")

FORMS = ["bytecode", "c"]


def build_module(text, form, tmp_path, **options):
    """The bytes of a .vmfb, or the path of a .so, for `text`."""
    if form == "bytecode":
        return kiln.compiler.compile(text, **options)
    c = kiln.compiler.compile(text, target="c", **options)
    return kiln.compiler.build_shared_object(c, os.path.join(tmp_path, "m.so"))


@pytest.fixture(params=FORMS)
def form(request):
    if not HAVE_COMPILER:
        pytest.skip("built without the compiler")
    return request.param


@pytest.fixture
def load(form, tmp_path):
    """load(text, **compile_options) -> kiln.runtime.Module in the test's form."""
    counter = iter(range(1000))

    def _load(text, **options):
        sub = tmp_path / f"m{next(counter)}"
        sub.mkdir()
        return kiln.runtime.Module.load(build_module(text, form, str(sub), **options))
    return _load
