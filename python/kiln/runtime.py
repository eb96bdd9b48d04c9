"""kiln.runtime: load VM modules, build contexts, call functions.

    ctx = Context(["lib.vmfb", "main.so"], device="local-sync")
    ctx.main(1, 2.5, b"bytes", np.ones(4, np.float32))   # or ctx["mod.fn"](...)
    await ctx.main.invoke_async(...)                      # inside asyncio

Arguments follow the function's signature string ("0iIfFr_i"): ints for
i/I, floats for f/F, and for refs: bytes / bytearray / memoryview (a
vm.buffer over the same memory), numpy arrays (a hal.buffer_view over the
array's memory), lists (a variant vm.list: ints as i64, floats as f64),
None, or objects returned earlier. Results come back the same way:
vm.buffer as a memoryview, hal.buffer_view as a numpy array over the
buffer's memory, vm.list as a list. Nothing is copied on the way in or out
except lists (and arrays that are not C-contiguous).
"""
import asyncio
import os
import tempfile

from . import _runtime
from ._errors import TraceFrame, VMError

__all__ = [
    "Buffer", "BufferView", "Context", "Function", "Instance", "List", "Module",
    "NativeModule", "Ref", "TraceFrame", "VMError", "export", "load_module",
    "i32", "i64", "f32", "f64", "ref",
]

Instance = _runtime.Instance
Module = _runtime.Module
Function = _runtime.Function
Buffer = _runtime.Buffer
BufferView = _runtime.BufferView
List = _runtime.List
Ref = _runtime.Ref
default_instance = _runtime.default_instance
buffer_view = _runtime.buffer_view


def load_module(source, instance=None, trace=False):
    """A module from a path (.vmfb, a .so built from emitted C, or LLVM IR
    (.ll, .bc) or .mlir, JIT-compiled: docs/jit.md) or from the bytes of a
    .vmfb, a .so or LLVM bitcode. A .vmfb in memory is used in place."""
    if isinstance(source, (str, os.PathLike)):
        path = os.fspath(source)
        if path.endswith(".mlir"):
            return _load_mlir(path, instance, trace)
        return _runtime._load_module_path(path, instance, trace)
    view = memoryview(source)
    suffix = {b"\x7fELF": ".so", b"BC\xc0\xde": ".bc"}.get(bytes(view[:4]))
    if suffix:
        # dlopen and the JIT plugin read a file; the module outlives it.
        fd, path = tempfile.mkstemp(suffix=suffix, prefix="kiln-")
        try:
            with os.fdopen(fd, "wb") as f:
                f.write(view)
            return _runtime._load_module_path(path, instance, trace)
        finally:
            os.unlink(path)
    # The module runs from these bytes after verifying them once: they must
    # not change afterwards, so mutable buffers are copied.
    if not isinstance(source, bytes):
        source = bytes(view)
    return _runtime._load_module_bytes(source, instance, trace)


def _load_mlir(path, instance, trace):
    """A .mlir file through the JIT: the .mlir plugin (libkiln_jit_mlir.so,
    in this package) lowers and compiles it, as run-module does. Without
    it (a build without the LLVM target), kiln.compiler lowers it to LLVM
    IR in this process and the LLVM IR plugin compiles that."""
    here = os.path.dirname(os.path.abspath(__file__))
    if os.environ.get("KILN_JIT_PLUGIN_DIR") or os.path.exists(
            os.path.join(here, "libkiln_jit_mlir.so")):
        return _runtime._load_module_path(path, instance, trace)
    from . import compiler
    ir = compiler.compile_file(path, target="llvm-ir")
    fd, ll_path = tempfile.mkstemp(suffix=".ll", prefix="kiln-")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(ir)
        return _runtime._load_module_path(ll_path, instance, trace)
    finally:
        os.unlink(ll_path)


Module.load = staticmethod(load_module)


def _run_sync(awaitable, where):
    """A Python export returned `awaitable` to a synchronous VM call: run it
    to completion here (the call cannot suspend on Python work)."""
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        pass
    else:
        close = getattr(awaitable, "close", None)
        if close is not None:
            close()  # never awaited: say so once, not as a warning later
        raise RuntimeError(
            f"{where} returned an awaitable to a synchronous call made inside a "
            "running asyncio loop; call the VM function with invoke_async so the "
            "call can suspend")

    async def wait():
        return await awaitable
    return asyncio.run(wait())


async def _invoke_async(function, *args):
    """Calls the function on the context's scheduler and waits for its
    results without blocking the event loop: many calls can be in flight
    at once on one thread (a call suspended on a fence or a yield lets the
    others run)."""
    return await function._invoke_async(*args)


Function.invoke_async = _invoke_async


class Context:
    """Modules registered in order: each resolves its imports against the
    exports of those before it. A module importing hal.* or check.* gets
    the hal module (on a `device`: "local-task" or "local-sync") and the
    check module registered before it, as run-module does.

    Modules may be Module objects, paths, .vmfb / .so bytes or NativeModule
    objects (exports written in Python).

    `parameters` are parameter files for the io_parameters module, in
    run-module's --parameters syntax ("[SCOPE=]PATH": .safetensors, .gguf,
    .irpa); add_parameter_bytes() adds one in memory. Add them before the
    module that imports io_parameters."""

    def __init__(self, modules=(), *, instance=None, device="local-task", workers=0,
                 parameters=()):
        self.instance = instance or default_instance()
        self._context = _runtime._Context(self.instance, device, workers)
        for spec in parameters:
            self.add_parameters(spec)
        self._functions = {}
        self.modules = []
        for module in modules:
            self.add_module(module)

    def add_module(self, module):
        if isinstance(module, NativeModule):
            module = module._build(self.instance)
        elif not isinstance(module, Module):
            module = load_module(module, self.instance)
        self._context.add_module(module)
        self.modules.append(module)
        self._functions.clear()
        return module

    def add_parameters(self, spec):
        """A parameter file, "[SCOPE=]PATH" (run-module's --parameters)."""
        self._context.add_parameters(str(spec))

    def add_parameter_bytes(self, scope, key, data):
        """The in-memory provider: parameter `key` of `scope` holds a copy of
        `data` (bytes, or a numpy array's bytes)."""
        if hasattr(data, "tobytes"):
            data = data.tobytes()
        self._context.add_parameter_bytes(scope, key, bytes(data))

    def set_limits(self, *, fuel=None, timeout=None):
        """Bounds every later call on this context (synchronous or
        invoke_async): `fuel` units of work per call (one per backward
        branch and per call; None: unlimited) and `timeout` seconds per call
        (None: none). A call past either fails with a VMError
        (RESOURCE_EXHAUSTED / DEADLINE_EXCEEDED) carrying the VM stack trace.
        Ctrl-C interrupts a running call whatever the limits."""
        self._context.set_limits(fuel, timeout)

    @property
    def limits(self):
        """{"fuel": ..., "timeout": ...} as set by set_limits."""
        return self._context.limits

    @property
    def device(self):
        return self._context.device_name

    def exports(self):
        """[("module.function", signature)] of every registered module."""
        return self._context.exports()

    def lookup(self, name):
        """A Function: "NAME" (an export of the last module) or "MODULE.NAME"."""
        function = self._functions.get(name)
        if function is None:
            function = self._context.lookup(name)
            self._functions[name] = function
        return function

    __getitem__ = lookup

    def __getattr__(self, name):
        if name.startswith("_"):
            raise AttributeError(name)
        try:
            return self.lookup(name)
        except VMError as error:
            raise AttributeError(f"no function {name!r}: {error.message}") from None

    def invoke(self, function, *args):
        if not isinstance(function, Function):
            function = self.lookup(function)
        return function(*args)

    def invoke_async(self, function, *args):
        """A coroutine for the call's results (`await ctx.invoke_async(fn,
        *args)`); many can be in flight at once on one thread."""
        if not isinstance(function, Function):
            function = self.lookup(function)
        return _invoke_async(function, *args)


# ---- native modules written in Python ------------------------------------------

class _Code:
    def __init__(self, code, name):
        self.code, self.name = code, name

    def __repr__(self):
        return f"kiln.{self.name}"


i32 = _Code("i", "i32")
i64 = _Code("I", "i64")
f32 = _Code("f", "f32")
f64 = _Code("F", "f64")
ref = _Code("r", "ref")


def _code_for(annotation, what):
    if isinstance(annotation, _Code):
        return annotation.code
    if annotation is int or annotation == "int":
        return "i"
    if annotation is float or annotation == "float":
        return "f"
    if annotation is None or annotation is type(None):
        return ""
    if isinstance(annotation, str) and annotation in ("i32", "i64", "f32", "f64", "ref"):
        return {"i32": "i", "i64": "I", "f32": "f", "f64": "F", "ref": "r"}[annotation]
    return "r"


def _signature_from_hints(fn):
    import inspect
    sig = inspect.signature(fn)
    args = ""
    for p in sig.parameters.values():
        if p.name == "self":
            continue
        if p.annotation is inspect.Parameter.empty:
            raise TypeError(f"{fn.__name__}: parameter {p.name!r} needs a type hint "
                            "(or give @kiln.export a signature string)")
        args += _code_for(p.annotation, p.name)
    ret = sig.return_annotation
    if ret is inspect.Signature.empty or ret is None:
        results = ""
    elif getattr(ret, "__origin__", None) is tuple:
        results = "".join(_code_for(a, "result") for a in ret.__args__)
    else:
        results = _code_for(ret, "result")
    return f"0{args}_{results}"


def export(signature=None, *, name=None):
    """Marks a function as an export of a NativeModule. `signature` is the
    calling-convention string ("0ii_i"); without it the type hints give it
    (int -> i32, float -> f32, kiln.i64 / kiln.f64 / kiln.ref, anything
    else -> ref)."""
    def mark(fn):
        fn.__kiln_export__ = (name or fn.__name__, signature)
        return fn
    if callable(signature) and not isinstance(signature, str):
        fn, signature = signature, None
        return mark(fn)
    return mark


class NativeModule:
    """A module whose exports are Python callables.

        m = NativeModule("py")
        @m.export("0ii_i")
        def add(a, b): return a + b

    or subclass it (exports are the methods marked with @kiln.export; the
    module name defaults to the class name in lower case), or pass an object
    or dict holding marked functions as `exports`. Register it in a Context
    before the modules that import from it. A Python exception raised by an
    export fails the call: a VMError keeps its code, anything else becomes
    UNKNOWN with the traceback as message.

    A variadic span ("0CiD_i") arrives as a list (of tuples, or of values
    for one-element tuples). An `async def` export (anything returning an
    awaitable) suspends a call made under invoke_async until its task
    finishes; a synchronous call runs it to completion in place."""

    def __init__(self, name=None, exports=None):
        self.name = name or type(self).__name__.lower()
        self._exports = []
        if type(self) is not NativeModule:
            self._collect(self)
        if exports is not None:
            self._collect(exports)

    def _collect(self, holder):
        items = holder.items() if isinstance(holder, dict) else (
            (attr, getattr(holder, attr)) for attr in dir(holder) if not attr.startswith("__"))
        for _, fn in items:
            marked = getattr(fn, "__kiln_export__", None)
            if marked is not None and callable(fn):
                NativeModule.add_export(self, marked[0], marked[1], fn)

    def add_export(self, name, signature, fn):
        """Adds `fn` as export `name` with `signature` (None: from hints)."""
        if signature is None:
            signature = _signature_from_hints(fn)
        self._exports.append((name, signature, fn))
        return fn

    def export(self, signature=None, *, name=None):
        """Decorator: adds the function as an export."""
        def register(fn):
            NativeModule.add_export(self, name or fn.__name__, signature, fn)
            return fn
        if callable(signature) and not isinstance(signature, str):
            fn, signature = signature, None
            return register(fn)
        return register

    @property
    def exports(self):
        return [(name, signature) for name, signature, _ in self._exports]

    def _build(self, instance=None):
        return _runtime._create_python_module(self.name, list(self._exports), instance)
