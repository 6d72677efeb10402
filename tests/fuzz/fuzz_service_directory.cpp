#include <cstddef>
#include <cstdint>
#include <string_view>

#include "tiservice/konnektor/service_directory.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    auto sd = tiservice::konnektor::parseServiceDirectory(text);
    if (sd.ok()) {
        if (auto es = sd->eventService()) {
            (void)tiservice::konnektor::endpointFor(*sd, *es, "https://127.0.0.1:8443/connector.sds", true, true);
            (void)tiservice::konnektor::endpointFor(*sd, *es, "http://127.0.0.1:8080/connector.sds", false, false);
        }
        (void)tiservice::konnektor::connectorIdentity(sd->product);
    }
    return 0;
}
