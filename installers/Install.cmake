# Install layout and packages. Components:
#   runtime      libtiservice_core, tiservice, tiservice-tuf, trusted root, example settings,
#                periodic-check units
#   adapter-<pvs> one per practice software (host-adapters/)
#   sample-host  tiservice-host and its demo answers
#   simulator    konnektor-sim and its scenarios
#   publisher    tiservice-repo (vendor side)
#   sdk          headers, static plugin SDK, CMake package (find_package(tiservice))
include(CMakePackageConfigHelpers)

# Exported as tiservice::core, tiservice::plugin_sdk, tiservice::plugin_abi.
set_target_properties(tiservice_core PROPERTIES EXPORT_NAME core)
set_target_properties(tiservice_plugin_sdk PROPERTIES EXPORT_NAME plugin_sdk)
set_target_properties(tiservice_plugin_abi PROPERTIES EXPORT_NAME plugin_abi)
set_target_properties(tiservice_engine_wire PROPERTIES EXPORT_NAME engine_wire)

set(TISERVICE_TRUSTED_ROOT "" CACHE FILEPATH "The vendor's trusted TUF root (root.json) shipped in the runtime package")

install(TARGETS tiservice_core EXPORT tiserviceTargets
  LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR} COMPONENT runtime NAMELINK_COMPONENT sdk
  ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR} COMPONENT sdk
  INCLUDES DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})
install(DIRECTORY "${PROJECT_SOURCE_DIR}/core/include/" "${PROJECT_BINARY_DIR}/core/include/"
  DESTINATION ${CMAKE_INSTALL_INCLUDEDIR} COMPONENT sdk)
install(DIRECTORY "${PROJECT_SOURCE_DIR}/plugins/include/" "${PROJECT_SOURCE_DIR}/plugins/sdk/include/"
  DESTINATION ${CMAKE_INSTALL_INCLUDEDIR} COMPONENT sdk)
install(TARGETS tiservice_plugin_abi tiservice_plugin_sdk tiservice_engine_wire EXPORT tiserviceTargets
  ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR} COMPONENT sdk)
install(EXPORT tiserviceTargets NAMESPACE tiservice:: DESTINATION ${CMAKE_INSTALL_LIBDIR}/cmake/tiservice COMPONENT sdk)
configure_package_config_file("${CMAKE_CURRENT_LIST_DIR}/cmake/tiserviceConfig.cmake.in"
  "${PROJECT_BINARY_DIR}/tiserviceConfig.cmake" INSTALL_DESTINATION ${CMAKE_INSTALL_LIBDIR}/cmake/tiservice)
write_basic_package_version_file("${PROJECT_BINARY_DIR}/tiserviceConfigVersion.cmake" COMPATIBILITY SameMinorVersion)
install(FILES "${PROJECT_BINARY_DIR}/tiserviceConfig.cmake" "${PROJECT_BINARY_DIR}/tiserviceConfigVersion.cmake"
  "${PROJECT_SOURCE_DIR}/plugins/sdk/adapter_entry.cpp.in"
  "${PROJECT_SOURCE_DIR}/cmake/TiserviceAdapter.cmake"
  DESTINATION ${CMAKE_INSTALL_LIBDIR}/cmake/tiservice COMPONENT sdk)

install(FILES "${CMAKE_CURRENT_LIST_DIR}/tiservice.ini.example" DESTINATION ${CMAKE_INSTALL_DATADIR}/tiservice COMPONENT runtime)
install(FILES "${CMAKE_CURRENT_LIST_DIR}/man/tiservice.1" DESTINATION ${CMAKE_INSTALL_MANDIR}/man1 COMPONENT runtime)
install(FILES "${CMAKE_CURRENT_LIST_DIR}/systemd/tiservice-check.service" "${CMAKE_CURRENT_LIST_DIR}/systemd/tiservice-check.timer"
  DESTINATION lib/systemd/user COMPONENT runtime)
install(FILES "${CMAKE_CURRENT_LIST_DIR}/launchd/de.tiservice.check.plist" DESTINATION ${CMAKE_INSTALL_DATADIR}/tiservice/launchd COMPONENT runtime)
install(FILES "${PROJECT_SOURCE_DIR}/tools/tiservice-repo/catalog/approval-catalog.json"
  DESTINATION ${CMAKE_INSTALL_DATADIR}/tiservice/catalog COMPONENT publisher)
install(FILES "${PROJECT_SOURCE_DIR}/sample-host/demo/answers.json" "${PROJECT_SOURCE_DIR}/sample-host/demo/answers-tonight.json" DESTINATION ${CMAKE_INSTALL_DATADIR}/tiservice/demo COMPONENT sample-host)
if(TISERVICE_TRUSTED_ROOT)
  install(FILES "${TISERVICE_TRUSTED_ROOT}" DESTINATION ${CMAKE_INSTALL_DATADIR}/tiservice/trust RENAME root.json COMPONENT runtime)
endif()

include("${CMAKE_CURRENT_LIST_DIR}/Packaging.cmake")
