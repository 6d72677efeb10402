# tiservice_add_adapter(<id> <profile.json> [OUTPUT_DIRECTORY <dir>]
#                       [INSTALL_DESTINATION <dir> [COMPONENT <component>]])
#
# A host adapter for one practice software: the SDK's code with the profile (data) built in, as
# the loadable module libtiservice_adapter_<id>.so (tiservice_adapter_<id>.dll on Windows). Used in this tree for the five shipped
# adapters and installed with the SDK (find_package(tiservice)) for PVS vendors' own.
# TISERVICE_ADAPTER_ENTRY names the entry-point template (plugins/sdk/adapter_entry.cpp.in).
function(tiservice_add_adapter id profile)
  cmake_parse_arguments(ARG "" "OUTPUT_DIRECTORY;INSTALL_DESTINATION;COMPONENT" "" ${ARGN})
  file(READ "${profile}" ADAPTER_PROFILE)
  set(ADAPTER_ID "${id}")
  configure_file("${TISERVICE_ADAPTER_ENTRY}" "${CMAKE_CURRENT_BINARY_DIR}/adapter_${id}.cpp" @ONLY)
  set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS "${profile}")
  set(target tiservice_adapter_${id})
  add_library(${target} MODULE "${CMAKE_CURRENT_BINARY_DIR}/adapter_${id}.cpp")
  target_link_libraries(${target} PRIVATE tiservice::plugin_sdk)
  set_target_properties(${target} PROPERTIES
    PREFIX "lib"
    OUTPUT_NAME "tiservice_adapter_${id}"
    CXX_STANDARD 20
    CXX_STANDARD_REQUIRED ON
    CXX_VISIBILITY_PRESET hidden
    VISIBILITY_INLINES_HIDDEN ON)
  # The module exports its entry point and nothing else: an exported template of the C++ library
  # could be bound by a library that is never unloaded, and the adapter would stay in the practice
  # software's process after dlclose.
  if(NOT WIN32)
    set(map "${CMAKE_CURRENT_BINARY_DIR}/adapter_${id}.map")
    file(CONFIGURE OUTPUT "${map}" CONTENT "{\n  global: tis_plugin_entry;\n  local: *;\n};\n")
    target_link_options(${target} PRIVATE "LINKER:--version-script=${map}")
    set_property(TARGET ${target} APPEND PROPERTY LINK_DEPENDS "${map}")
  else()
    # Windows: tiservice_adapter_<id>.dll, whose export table holds tis_plugin_entry alone.
    set(def "${CMAKE_CURRENT_BINARY_DIR}/tiservice_adapter_${id}.def")
    file(CONFIGURE OUTPUT "${def}" CONTENT "LIBRARY tiservice_adapter_${id}.dll\nEXPORTS\n  tis_plugin_entry DATA\n")
    target_sources(${target} PRIVATE "${def}")
    set_target_properties(${target} PROPERTIES PREFIX "")
    target_link_options(${target} PRIVATE "LINKER:--exclude-all-symbols")
  endif()
  if(ARG_OUTPUT_DIRECTORY)
    set_target_properties(${target} PROPERTIES LIBRARY_OUTPUT_DIRECTORY "${ARG_OUTPUT_DIRECTORY}")
  endif()
  if(ARG_INSTALL_DESTINATION)
    if(NOT ARG_COMPONENT)
      set(ARG_COMPONENT "adapter-${id}")
    endif()
    install(TARGETS ${target} LIBRARY DESTINATION "${ARG_INSTALL_DESTINATION}" COMPONENT ${ARG_COMPONENT})
  endif()
endfunction()
