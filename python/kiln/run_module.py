"""python -m kiln.run_module: run-module, from Python.

    python -m kiln.run_module --module=A.vmfb [--module=B.so ...] --function=NAME
                              [--input=VALUE ...] [--output=SPEC ...]
                              [--device=local-task|local-sync] [--task-workers=N]
                              [--invocations=N] [--list-functions] [--trace]

Same flags, input syntax, output and exit status as build/bin/run-module:
0 on success; 1 when the call fails (one-line error and the VM stack trace
on stderr); 2 for bad flags, modules or inputs. It is also the smallest
complete use of kiln.runtime:

    ctx = kiln.runtime.Context(modules, device=..., workers=...)
    function = ctx.lookup(name)
    function(*python_values)
"""
import argparse
import sys

from . import runtime
from ._errors import VMError


def _print_error(error):
    if isinstance(error, VMError):
        line = f"{error.code_name}: {error.message}".replace("\n", " ").replace("\r", " ")
        print(f"error: {line}", file=sys.stderr)
        for line in error.trace_lines:
            print(line, file=sys.stderr)
    else:
        print(f"error: {error}", file=sys.stderr)


def _parser():
    p = argparse.ArgumentParser(
        prog="python -m kiln.run_module",
        description="Registers the modules in order in one context (each module "
                    "resolves its imports against the exports of the modules before "
                    "it), calls one function and prints its results, one per line.",
        epilog=runtime._runtime._input_syntax_help(),
        formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--module", action="append", default=[], metavar="PATH",
                   help="a .vmfb (bytecode) or .so (emitted C) module")
    p.add_argument("--function", default="", metavar="NAME",
                   help="an export of the last module, or MODULE.NAME")
    p.add_argument("--input", action="append", default=[], metavar="VALUE",
                   help="one per argument, in order (syntax below)")
    p.add_argument("--output", action="append", default=[], metavar="SPEC",
                   help="one per result: @PATH writes a buffer view (.npy or raw), "
                        "+PATH appends, - prints")
    p.add_argument("--device", default="local-task", choices=["local-task", "local-sync"])
    p.add_argument("--task-workers", type=int, default=0, metavar="N")
    p.add_argument("--invocations", type=int, default=1, metavar="N")
    p.add_argument("--list-functions", action="store_true")
    p.add_argument("--trace", action="store_true",
                   help="print every executed bytecode instruction on stderr")
    return p


def main(argv=None):
    parser = _parser()
    # argparse exits with 2 on bad flags, as run-module does.
    args = parser.parse_args(argv)
    if not args.module:
        print("error: no --module given (see --help)", file=sys.stderr)
        return 2
    if args.invocations < 1 or args.task_workers < 0:
        print("error: --invocations needs a positive and --task-workers a "
              "non-negative integer", file=sys.stderr)
        return 2
    try:
        ctx = runtime.Context(device=args.device, workers=args.task_workers)
        for path in args.module:
            ctx.add_module(runtime.load_module(path, ctx.instance, trace=args.trace))
        if args.list_functions:
            types = runtime._runtime._format_signature_types
            for name, signature in ctx.exports():
                print(f"{name}  {signature}  {types(signature)}")
            return 0
        if not args.function:
            raise VMError(3, "INVALID_ARGUMENT", "no --function given")
        function = ctx.lookup(args.function)
    except (VMError, OSError, ValueError) as error:
        _print_error(error)
        return 2
    try:
        lines = runtime._runtime._run_with_text_inputs(
            function, args.input, args.output, args.invocations)
    except VMError as error:  # the call failed
        _print_error(error)
        return 1
    except (ValueError, TypeError) as error:  # inputs or outputs
        _print_error(error)
        return 2
    for line in lines:
        print(line)
    sys.stdout.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main())
