# Settings shared by every Kiln target, compiler and runtime alike.

set(KILN_SOURCE_DIR ${CMAKE_CURRENT_SOURCE_DIR})
set(KILN_BINARY_DIR ${CMAKE_CURRENT_BINARY_DIR})

# Every tool answers --version with the project version; the few sources
# that print it get it as KILN_VERSION (not every target: a global define
# would rebuild the world on each version bump).
set(KILN_VERSION_DEFINITION KILN_VERSION="${PROJECT_VERSION}")

# Warnings are errors in CI only, so a newer compiler on a developer's machine
# does not block local work.
set(KILN_WARNING_FLAGS -Wall -Wextra -Wno-unused-parameter)
if(DEFINED ENV{CI})
  list(APPEND KILN_WARNING_FLAGS -Werror)
  # libstdc++ 12's std::stable_sort calls its own deprecated
  # get_temporary_buffer, and clang (unlike GCC) reports that at the
  # instantiation in our code, so the clang legs (sanitizers, fuzzers)
  # keep it a warning rather than fail on a system header.
  if(CMAKE_CXX_COMPILER_ID MATCHES "Clang")
    list(APPEND KILN_WARNING_FLAGS -Wno-error=deprecated-declarations)
  endif()
endif()

# Every ctest entry writes a JUnit report here; scripts/summarize_tests.py
# adds them up into the suite's closing "N passed, N failed" line.
set(KILN_TEST_RESULTS_DIR ${CMAKE_BINARY_DIR}/test-results)

find_package(GTest)
find_package(Threads REQUIRED)

# kiln_add_gtest(NAME SOURCES... LIBS ...): a GoogleTest binary registered
# with ctest under the "unit" label.
function(kiln_add_gtest name)
  cmake_parse_arguments(ARG "" "" "SOURCES;LIBS" ${ARGN})
  if(NOT GTest_FOUND)
    return()
  endif()
  add_executable(${name} ${ARG_SOURCES})
  target_link_libraries(${name} PRIVATE ${ARG_LIBS} GTest::gtest GTest::gtest_main)
  target_compile_options(${name} PRIVATE ${KILN_WARNING_FLAGS})
  set_target_properties(${name} PROPERTIES RUNTIME_OUTPUT_DIRECTORY ${CMAKE_BINARY_DIR}/unittests)
  add_test(NAME unit/${name}
    COMMAND ${name} --gtest_output=xml:${KILN_TEST_RESULTS_DIR}/unit-${name}.xml)
  set_tests_properties(unit/${name} PROPERTIES LABELS unit)
endfunction()
