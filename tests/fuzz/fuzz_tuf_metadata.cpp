#include <cstddef>
#include <cstdint>
#include <string_view>

#include "tiservice/trust/envelope.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    using namespace tiservice::trust;
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    if (auto root = parseRoot(text); root.ok())
        (void)thresholdMet(root->envelope, root->keys, root->roles.at("root"));
    (void)parseTimestamp(text);
    (void)parseSnapshot(text);
    if (auto targets = parseTargets(text); targets.ok())
        for (const auto& d : targets->delegations) (void)d.matches("catalog/approval-catalog.json");
    return 0;
}
