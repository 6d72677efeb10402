# Warnings every target of ours is built with. CI turns them into errors through
# CMAKE_COMPILE_WARNING_AS_ERROR (set in the "ci" preset).
function(tiservice_set_warnings target)
  target_compile_options(${target} PRIVATE
    $<$<COMPILE_LANG_AND_ID:CXX,GNU,Clang>:
      -Wall -Wextra -Wpedantic -Wshadow -Wnon-virtual-dtor -Woverloaded-virtual
      -Wcast-align -Wformat=2 -Wimplicit-fallthrough -Wmissing-declarations
      -Wno-missing-field-initializers>
    $<$<COMPILE_LANG_AND_ID:C,GNU,Clang>:
      -Wall -Wextra -Wpedantic -Wshadow -Wformat=2 -Wstrict-prototypes>)
endfunction()
