# MLIR/LLVM settings for the compiler side. Everything links the shared
# libMLIR.so and libLLVM.so so links stay fast.

include_directories(SYSTEM ${LLVM_INCLUDE_DIRS} ${MLIR_INCLUDE_DIRS})
include_directories(${KILN_SOURCE_DIR} ${KILN_BINARY_DIR})
link_directories(${LLVM_BUILD_LIBRARY_DIR})
add_definitions(${LLVM_DEFINITIONS})

set(KILN_MLIR_LIBS MLIR LLVM)

# kiln_compiler_library(NAME SOURCES... DEPENDS ... LIBS ...)
function(kiln_compiler_library name)
  cmake_parse_arguments(ARG "" "" "SOURCES;DEPENDS;LIBS" ${ARGN})
  add_library(${name} STATIC ${ARG_SOURCES})
  target_include_directories(${name} PUBLIC ${KILN_SOURCE_DIR} ${KILN_BINARY_DIR})
  target_link_libraries(${name} PUBLIC ${ARG_LIBS} ${KILN_MLIR_LIBS})
  target_compile_options(${name} PRIVATE ${KILN_WARNING_FLAGS} -fno-rtti)
  if(ARG_DEPENDS)
    add_dependencies(${name} ${ARG_DEPENDS})
  endif()
endfunction()
