#include <cstddef>
#include <cstdint>
#include <string_view>

#include "tiservice/konnektor/driver.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    (void)tiservice::konnektor::parseManagementStatus(text);
    (void)tiservice::konnektor::parseOfferedUpdates(text);
    return 0;
}
