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


_built = {}


@pytest.fixture
def load(form, tmp_path_factory):
    """load(text, **compile_options) -> kiln.runtime.Module in the test's
    form. Each source is compiled (and built with cc) once per session."""

    def _load(text, **options):
        key = (text, form, tuple(sorted(options.items())))
        if key not in _built:
            _built[key] = build_module(text, form, str(tmp_path_factory.mktemp("m")), **options)
        return kiln.runtime.Module.load(_built[key])
    return _load
