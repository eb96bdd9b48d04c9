# lit configuration for Kiln's FileCheck suites.
import os
import lit.formats

config.name = "kiln"
config.test_format = lit.formats.ShTest(execute_external=False)
config.suffixes = [".mlir"]
config.excludes = ["Inputs", "e2e", "package", "CMakeLists.txt", "lit.cfg.py", "lit.site.cfg.py"]
config.test_source_root = os.path.dirname(__file__)
config.test_exec_root = os.path.join(config.kiln_binary_dir, "test")

path = [config.kiln_tools_dir, config.llvm_tools_dir, config.environment.get("PATH", "")]
config.environment["PATH"] = os.pathsep.join(path)
config.substitutions.append(("%kiln_src", config.kiln_source_dir))

# C target: %vm-to-c translates a vm module to C, and %cc compiles emitted C
# as strict warning-free C11 against runtime/include only.
import shutil
config.substitutions.append(("%vm-to-c", "vm-translate --vm-to-c"))
_cc = os.environ.get("CC") or shutil.which("cc") or "cc"
config.substitutions.append(
    ("%cc", _cc + " -std=c11 -Wall -Wextra -pedantic -Werror -I"
     + os.path.join(config.kiln_source_dir, "runtime", "include")))
# The emitted C must also build warning-free with clang-22 (scripts/deps.sh
# installs it); %clang-cc is that compiler with the same strict flags.
_clang = shutil.which("clang-22")
if _clang:
    config.available_features.add("clang-22")
    config.substitutions.append(
        ("%clang-cc", _clang + " -std=c11 -Wall -Wextra -pedantic -Werror -I"
         + os.path.join(config.kiln_source_dir, "runtime", "include")))

# mlir-runner and MLIR's C runner utilities (mlir-22-tools, libmlir-22): tests
# that compare a plain-MLIR program's output through Kiln with mlir-runner's.
_runner = shutil.which("mlir-runner", path=config.environment["PATH"])
_runner_utils = os.path.join(os.path.dirname(config.llvm_tools_dir), "lib",
                             "libmlir_c_runner_utils.so")
if _runner and os.path.exists(_runner_utils):
    config.available_features.add("mlir-runner")
    config.substitutions.append(("%mlir_c_runner_utils", _runner_utils))
