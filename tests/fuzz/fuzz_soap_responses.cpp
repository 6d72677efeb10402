#include <cstddef>
#include <cstdint>
#include <string_view>

#include "tiservice/konnektor/event_service.h"
#include "tiservice/konnektor/operating_states.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    if (auto t = tiservice::konnektor::parseGetCardTerminalsResponse(text); t.ok())
        for (const auto& ct : *t) (void)ct.identity();
    if (auto r = tiservice::konnektor::parseGetResourceInformationResponse(text); r.ok())
        for (const auto& state : r->states) (void)tiservice::konnektor::describeState(state, "x");
    return 0;
}
