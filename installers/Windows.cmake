# The Windows packages: one zip per adapter, tiservice-adapter-<pvs>-windows-x64.zip, holding
# what a practice software puts in one folder of its own -- the adapter DLL (it needs no other
# DLL: the C++ runtime is inside), the engine process tiservice-engine.exe that the adapter starts
# and every DLL the engine needs beside it (the engine library, Qt Core, OpenSSL, the MinGW-w64
# C++ runtime) -- with the adapter's README and the licences of what it carries. Built with
# everything else into <build>/packages (docs/integration-guide.md, "Windows", says where a PVS
# puts the files).
set(_tis_packages "${CMAKE_BINARY_DIR}/packages")
set(_tis_stage_root "${CMAKE_BINARY_DIR}/package-stage")
# The engine needs everything the runtime folder holds except the simulator's libxml2.
set(_tis_adapter_dlls "")
foreach(dll ${TISERVICE_WINDOWS_RUNTIME_DLLS})
  get_filename_component(_name "${dll}" NAME)
  if(NOT _name MATCHES "^libxml2")
    list(APPEND _tis_adapter_dlls "${dll}")
  endif()
endforeach()
set(_tis_zips "")
foreach(pvs medistar albis z1 turbomed chremasoft m1pro z1pro)
  set(_name "tiservice-adapter-${pvs}-windows-x64")
  set(_stage "${_tis_stage_root}/${_name}")
  set(_zip "${_tis_packages}/${_name}.zip")
  add_custom_command(OUTPUT "${_zip}"
    COMMAND "${CMAKE_COMMAND}" -E rm -rf "${_stage}"
    COMMAND "${CMAKE_COMMAND}" -E make_directory "${_stage}/licenses" "${_tis_packages}"
    COMMAND "${CMAKE_COMMAND}" -E copy "$<TARGET_FILE:tiservice_adapter_${pvs}>" "$<TARGET_FILE:tiservice-engine>"
            "$<TARGET_FILE:tiservice_core>" ${_tis_adapter_dlls} "${_stage}"
    COMMAND "${CMAKE_COMMAND}" -E copy "${PROJECT_SOURCE_DIR}/host-adapters/${pvs}/README.md" "${_stage}/README.md"
    COMMAND "${CMAKE_COMMAND}" -E copy_directory "${TISERVICE_WINDOWS_DEPS}/licenses" "${_stage}/licenses"
    COMMAND "${CMAKE_COMMAND}" -E chdir "${_tis_stage_root}" "${CMAKE_COMMAND}" -E tar cf "${_zip}" --format=zip "${_name}"
    DEPENDS tiservice_adapter_${pvs} tiservice-engine tiservice_core ${_tis_adapter_dlls} "${PROJECT_SOURCE_DIR}/host-adapters/${pvs}/README.md"
    COMMENT "Windows package ${_name}.zip"
    VERBATIM)
  list(APPEND _tis_zips "${_zip}")
endforeach()
add_custom_target(windows_packages ALL DEPENDS ${_tis_zips})
