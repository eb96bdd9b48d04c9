"""The user guide's Python example runs as printed, and the runtime alone
does not load the compiler."""
import os
import re
import subprocess
import sys

import numpy as np

from conftest import needs_compiler

GUIDE = os.path.join(os.environ.get("KILN_SOURCE_DIR", os.path.join(
    os.path.dirname(__file__), "..", "..")), "docs", "user-guide.md")


@needs_compiler
def test_user_guide_example(capsys):
    with open(GUIDE, encoding="utf-8") as f:
        section = f.read().split("## 9. Python", 1)[1]
    example = re.findall(r"```python\n(.*?)```", section, re.S)[0]
    exec(compile(example, "user-guide.md", "exec"), {})
    printed = capsys.readouterr().out
    np.testing.assert_allclose(
        np.array(printed.strip().strip("[]").split(), dtype=np.float32), [0, 2.5, 5, 7.5])


def test_runtime_does_not_load_the_compiler():
    code = ("import sys, kiln, kiln.runtime; "
            "assert 'kiln._compiler' not in sys.modules; "
            "assert not any('libMLIR' in l for l in open('/proc/self/maps'))")
    subprocess.run([sys.executable, "-c", code], check=True)
