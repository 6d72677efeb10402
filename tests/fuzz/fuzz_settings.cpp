#include <cstddef>
#include <cstdint>
#include <string_view>

#include "tiservice/settings.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    if (auto ini = tiservice::IniFile::parse(text); ini.ok()) {
        if (auto s = tiservice::connectionSettingsFrom(*ini); s.ok()) (void)s->practice.hours.toString();
    }
    return 0;
}
