"""VMError: a failed runtime Status as a Python exception."""
from typing import NamedTuple

__all__ = ["VMError", "TraceFrame"]


class TraceFrame(NamedTuple):
    """One frame of a VM stack trace, innermost first."""
    module: str
    function: str
    offset: int      # bytecode offset (or op number for C), -1 if unknown
    location: str    # "file:line:col" or ""
    inlined: bool    # code the compiler inlined into the next frame
    text: str        # "  at module.function @12 (file.mlir:3:5)"


class VMError(RuntimeError):
    """A call into the VM failed.

    code       the status code as a number (absl's numbering)
    code_name  "INVALID_ARGUMENT", "OUT_OF_RANGE", ...
    message    the status message
    trace      [TraceFrame], innermost first

    Raise it from a Python native module export to fail the call with a
    chosen code: ``raise VMError(11, "OUT_OF_RANGE", "index 7")``.
    """

    def __init__(self, code, code_name, message, trace=(), trace_lines=None):
        self.code = int(code)
        self.code_name = code_name
        self.message = message
        self.trace = [f if isinstance(f, TraceFrame) else TraceFrame(*f) for f in trace]
        # As the tools print the trace: long runs of one recursive frame are
        # shortened to "... N more frames of module.function".
        self.trace_lines = list(trace_lines) if trace_lines is not None else [
            frame.text for frame in self.trace]
        super().__init__(self._text())

    def _text(self):
        return "\n".join([f"{self.code_name}: {self.message}", *self.trace_lines])

    def __reduce__(self):
        return (VMError, (self.code, self.code_name, self.message, list(self.trace),
                          self.trace_lines))
