# Applies TISERVICE_SANITIZE (e.g. "address;undefined") to every target in the tree.
if(TISERVICE_SANITIZE)
  list(JOIN TISERVICE_SANITIZE "," _tis_sanitizers)
  add_compile_options(-fsanitize=${_tis_sanitizers} -fno-omit-frame-pointer -fno-sanitize-recover=all)
  add_link_options(-fsanitize=${_tis_sanitizers})
endif()
