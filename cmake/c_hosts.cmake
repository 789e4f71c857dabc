# A C program linking the C API links as C, as a host would; under the sanitizers it links as C++,
# whose runtime holds the checks of C++ code that the library was built with.
function(loyalty_link_c_host target)
  if(LOYALTY_SANITIZE OR LOYALTY_FUZZ)
    set_target_properties(${target} PROPERTIES LINKER_LANGUAGE CXX)
  endif()
endfunction()
