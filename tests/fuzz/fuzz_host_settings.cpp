#include <cstddef>
#include <cstdint>
#include <string_view>

#include "host_settings.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    (void)tiservice::sample_host::parseHostSettings(std::string_view(reinterpret_cast<const char*>(data), size));
    return 0;
}
