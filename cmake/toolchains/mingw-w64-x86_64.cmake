# 64-bit Windows from Debian: the MinGW-w64 compilers with POSIX threads
# (g++-mingw-w64-x86-64-posix, so std::thread and std::mutex work) and Wine to run what they make.
#
# The libraries built for Windows (OpenSSL 3, Qt 6 Core) come from scripts/build-windows-deps.sh;
# its prefix is TISERVICE_WINDOWS_DEPS (a cache variable, or the environment variable of that name).
set(CMAKE_SYSTEM_NAME Windows)
set(CMAKE_SYSTEM_PROCESSOR x86_64)

set(_tis_triple x86_64-w64-mingw32)
set(CMAKE_C_COMPILER ${_tis_triple}-gcc-posix)
set(CMAKE_CXX_COMPILER ${_tis_triple}-g++-posix)
set(CMAKE_RC_COMPILER ${_tis_triple}-windres)
set(CMAKE_AR ${_tis_triple}-ar CACHE FILEPATH "")
set(CMAKE_RANLIB ${_tis_triple}-ranlib CACHE FILEPATH "")

if(NOT TISERVICE_WINDOWS_DEPS AND DEFINED ENV{TISERVICE_WINDOWS_DEPS})
  set(TISERVICE_WINDOWS_DEPS "$ENV{TISERVICE_WINDOWS_DEPS}")
endif()
set(TISERVICE_WINDOWS_DEPS "${TISERVICE_WINDOWS_DEPS}" CACHE PATH "Prefix of OpenSSL and Qt Core built for Windows")
# try_compile projects see the same prefix.
list(APPEND CMAKE_TRY_COMPILE_PLATFORM_VARIABLES TISERVICE_WINDOWS_DEPS)

set(CMAKE_FIND_ROOT_PATH /usr/${_tis_triple})
if(TISERVICE_WINDOWS_DEPS)
  list(PREPEND CMAKE_FIND_ROOT_PATH "${TISERVICE_WINDOWS_DEPS}")
endif()
# Programs (moc, rcc, lrelease) run here; libraries and headers are Windows'.
set(CMAKE_FIND_ROOT_PATH_MODE_PROGRAM NEVER)
set(CMAKE_FIND_ROOT_PATH_MODE_LIBRARY ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_INCLUDE ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_PACKAGE ONLY)

# Tests and tools run under Wine (wine64 from Debian).
find_program(TISERVICE_WINE NAMES wine wine64 PATHS /usr/lib/wine NO_CMAKE_FIND_ROOT_PATH)
if(TISERVICE_WINE)
  set(CMAKE_CROSSCOMPILING_EMULATOR "${TISERVICE_WINE}")
endif()
