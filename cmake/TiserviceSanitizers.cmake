# Applies TISERVICE_SANITIZE (e.g. "address;undefined") to every target in the tree.
if(TISERVICE_SANITIZE)
  list(JOIN TISERVICE_SANITIZE "," _tis_sanitizers)
  add_compile_options(-fsanitize=${_tis_sanitizers} -fno-omit-frame-pointer -fno-sanitize-recover=all)
  add_link_options(-fsanitize=${_tis_sanitizers})
  if(CMAKE_CXX_COMPILER_ID STREQUAL "Clang" AND "undefined" IN_LIST TISERVICE_SANITIZE)
    # clang-14 cannot assemble UBSan's "function" check inside C++20 coroutines
    # ("Cannot represent a difference across sections"); every other UBSan check stays on.
    add_compile_options(-fno-sanitize=function)
  endif()
endif()

# Fuzzing needs coverage instrumentation in the code under test, not only in the targets:
# tiservice_fuzzed(<target>) gives it to a library the fuzz targets exercise (the engine, the
# plugin loader). Tests, tools and the simulator stay without it: it made every compile of the
# sanitizer build a fifth slower and every test slower for nothing a fuzzer reads.
if(TISERVICE_FUZZ AND NOT CMAKE_CXX_COMPILER_ID STREQUAL "Clang")
  message(FATAL_ERROR "TISERVICE_FUZZ needs clang (the asan preset uses clang-14)")
endif()
function(tiservice_fuzzed target)
  if(TISERVICE_FUZZ)
    target_compile_options(${target} PRIVATE -fsanitize=fuzzer-no-link)
  endif()
endfunction()
