# Install layout of the runtime component; CPack packaging arrives with the installers issue.
install(TARGETS tiservice_core
  LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR} COMPONENT runtime
  ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR} COMPONENT sdk)
