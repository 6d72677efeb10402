# CPack: .deb and .tar.gz, one package per component.
set(CPACK_PACKAGE_NAME "tiservice")
set(CPACK_PACKAGE_VENDOR "tiservice")
set(CPACK_PACKAGE_CONTACT "tiservice <support@tiservice.invalid>")
# No package-wide summary above each package's own: CPackDeb prepends the summary unless it is
# CPack's default one (and CPack would otherwise take the project's DESCRIPTION).
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "${CMAKE_PROJECT_NAME} built using CMake")
set(CPACK_PACKAGE_VERSION "${PROJECT_VERSION}")
set(CPACK_GENERATOR "DEB;TGZ")
set(CPACK_PACKAGING_INSTALL_PREFIX "/usr")
set(CPACK_DEB_COMPONENT_INSTALL ON)
set(CPACK_ARCHIVE_COMPONENT_INSTALL ON)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION "misc")
# Lean packages: CPackDeb moves each binary's debug info into a -dbgsym package per component
# (.ddeb, by build id under /usr/lib/debug) and installs the binary without it. (CPACK_STRIP_FILES
# would strip before that step and leave the -dbgsym packages empty.) Needs `file`, objcopy, readelf.
set(CPACK_DEBIAN_DEBUGINFO_PACKAGE ON)
# What each package is, for `apt show` and `dpkg-deb -I` (first line: the summary).
set(CPACK_COMPONENT_RUNTIME_DESCRIPTION "tiservice: the update engine and the command line
 The engine library, `tiservice` (status, update, plan, password, history, setup), the engine
 process the adapters start (tiservice-engine), the shipped approval catalog, the daily check as
 a systemd user timer and the man page.")
set(CPACK_COMPONENT_GUI_DESCRIPTION "tiservice: the window for practices without an integration
 `tiservice-gui` shows the connector and card terminals with their versions and deadlines,
 guides step by step through the update, keeps the settings and shows the update archive with
 its proof of maintenance (PDF). With a desktop entry and an icon.")
set(CPACK_COMPONENT_SAMPLE-HOST_DESCRIPTION "tiservice: a stand-in practice software for trying the adapters
 `tiservice-host` loads an adapter as a practice software would and shows its notices,
 questions and progress, in the terminal or as a window (--gui); with the demo's answers.")
set(CPACK_COMPONENT_SIMULATOR_DESCRIPTION "tiservice: a simulated practice (connector, card terminals, update server)
 `konnektor-sim` serves connector.sds, the EventService, a KoCoBox-style management API and a
 TUF update server on loopback, with scenarios and faults.")
set(CPACK_COMPONENT_PUBLISHER_DESCRIPTION "tiservice: the vendor's TUF publisher
 `tiservice-repo` keeps the signing keys, signs the approval catalog and releases, and writes
 the repository the update server serves.")
set(CPACK_COMPONENT_SDK_DESCRIPTION "tiservice: SDK for practice-software vendors
 Headers, CMake package (find_package(tiservice), tiservice_add_adapter) and the plugin ABI
 to build and host adapters.")
set(CPACK_DEBIAN_PACKAGE_DEPENDS "libqt6core6 (>= 6.4), libssl3, libspdlog1.10, libboost-filesystem1.74.0")
# The runtime needs Qt Core only (the adapters not even that: their engine is the runtime's
# tiservice-engine); the window and the sample host need Widgets.
set(CPACK_DEBIAN_GUI_PACKAGE_DEPENDS "tiservice-runtime (= ${PROJECT_VERSION}), libqt6widgets6 (>= 6.4), libqt6gui6 (>= 6.4)")
set(CPACK_DEBIAN_SAMPLE-HOST_PACKAGE_DEPENDS "tiservice-runtime (= ${PROJECT_VERSION}), libqt6widgets6 (>= 6.4), libqt6gui6 (>= 6.4)")
set(CPACK_DEBIAN_SIMULATOR_PACKAGE_DEPENDS "tiservice-runtime (= ${PROJECT_VERSION})")
set(CPACK_DEBIAN_PUBLISHER_PACKAGE_DEPENDS "tiservice-runtime (= ${PROJECT_VERSION})")
set(CPACK_DEBIAN_SDK_PACKAGE_DEPENDS "tiservice-runtime (= ${PROJECT_VERSION}), qt6-base-dev, libspdlog-dev")
set(_names_medistar MEDISTAR)
set(_names_albis ALBIS)
set(_names_z1 Z1)
set(_names_turbomed TURBOMED)
set(_names_chremasoft CHREMASOFT)
set(_names_m1pro "M1 PRO")
set(_names_z1pro "Z1.PRO")
foreach(adapter medistar albis z1 turbomed chremasoft m1pro z1pro)
  string(TOUPPER "ADAPTER-${adapter}" _c)
  set(CPACK_DEBIAN_${_c}_PACKAGE_DEPENDS "tiservice-runtime (= ${PROJECT_VERSION})")
  set(CPACK_COMPONENT_${_c}_DESCRIPTION "tiservice: the adapter for ${_names_${adapter}}
 Loaded by ${_names_${adapter}} through the tiservice plugin ABI: shows the TI notices in its
 window and runs the guided update from its menu. Small in the practice software's process:
 the engine runs in a process of its own (tiservice-engine, from tiservice-runtime).")
endforeach()
# The Debian description of each package is its own: first line the summary, then the text.
foreach(_c RUNTIME GUI SAMPLE-HOST SIMULATOR PUBLISHER SDK ADAPTER-MEDISTAR ADAPTER-ALBIS ADAPTER-Z1 ADAPTER-TURBOMED
           ADAPTER-CHREMASOFT ADAPTER-M1PRO ADAPTER-Z1PRO)
  set(CPACK_DEBIAN_${_c}_DESCRIPTION "${CPACK_COMPONENT_${_c}_DESCRIPTION}")
endforeach()
set(CPACK_COMPONENTS_ALL runtime gui sample-host simulator publisher sdk
  adapter-medistar adapter-albis adapter-z1 adapter-turbomed adapter-chremasoft adapter-m1pro adapter-z1pro)
include(CPack)
