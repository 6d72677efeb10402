#include <cstddef>
#include <cstdint>
#include <string_view>

#include "tiservice/workflow/answers.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    (void)tiservice::workflow::parseAnswers(std::string_view(reinterpret_cast<const char*>(data), size));
    return 0;
}
