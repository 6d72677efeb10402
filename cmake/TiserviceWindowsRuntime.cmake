# Windows: the DLLs the programs, tests and adapters need beside them -- the C++ runtime of
# MinGW-w64 and the libraries from scripts/build-windows-deps.sh -- copied into bin/ of the
# build, where Windows (and Wine) look first. TISERVICE_WINDOWS_RUNTIME_DLLS lists them for the
# adapter packages (installers/windows).
if(NOT WIN32)
  return()
endif()

set(TISERVICE_WINDOWS_RUNTIME_DLLS "")
foreach(dll libstdc++-6.dll libgcc_s_seh-1.dll libwinpthread-1.dll)
  execute_process(COMMAND "${CMAKE_CXX_COMPILER}" -print-file-name=${dll} OUTPUT_VARIABLE _path
    OUTPUT_STRIP_TRAILING_WHITESPACE)
  if(NOT IS_ABSOLUTE "${_path}" OR NOT EXISTS "${_path}")
    unset(_found CACHE)
    find_file(_found ${dll} PATH_SUFFIXES bin lib NO_CACHE)
    set(_path "${_found}")
  endif()
  if(NOT EXISTS "${_path}")
    message(FATAL_ERROR "${dll} not found beside ${CMAKE_CXX_COMPILER}")
  endif()
  list(APPEND TISERVICE_WINDOWS_RUNTIME_DLLS "${_path}")
endforeach()
file(GLOB _deps_dlls "${TISERVICE_WINDOWS_DEPS}/bin/*.dll")
if(NOT _deps_dlls)
  message(FATAL_ERROR "No DLLs in ${TISERVICE_WINDOWS_DEPS}/bin: run scripts/build-windows-deps.sh and pass its "
    "prefix as TISERVICE_WINDOWS_DEPS")
endif()
list(APPEND TISERVICE_WINDOWS_RUNTIME_DLLS ${_deps_dlls})
file(COPY ${TISERVICE_WINDOWS_RUNTIME_DLLS} DESTINATION "${CMAKE_RUNTIME_OUTPUT_DIRECTORY}")
