"""`cmake --install` installs a working package."""
import os
import subprocess
import sys

import pytest


def test_cmake_install_python_component(tmp_path):
    build = os.environ.get("KILN_BUILD_DIR")
    if not build or not os.path.exists(os.path.join(build, "CMakeCache.txt")):
        pytest.skip("no build directory")
    subprocess.run(["cmake", "--install", build, "--prefix", str(tmp_path),
                    "--component", "python"], check=True, capture_output=True)
    site = tmp_path / "lib" / "python3" / "dist-packages"
    code = "\n".join([
        "import kiln",
        f"assert kiln.__file__.startswith({str(site)!r}), kiln.__file__",
        "text = 'func.func @f(%a: i32) -> i32 { return %a : i32 }'",
        "assert kiln.runtime.Context([kiln.compiler.compile(text)]).f(7) == 7",
    ])
    env = dict(os.environ, PYTHONPATH=str(site))
    done = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True,
                          text=True, cwd=str(tmp_path))
    assert done.returncode == 0, done.stderr
    assert (site / "kiln" / "include" / "kiln" / "c" / "module.h").exists()
