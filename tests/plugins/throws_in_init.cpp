// A careless plugin: its init throws a C++ exception across the C boundary (no barrier).
#include <stdexcept>

#include "tiservice/plugin.h"

namespace {
tis_result init(const tis_plugin*) { throw std::runtime_error("Absturz im init / crash in init"); }
void destroy(const tis_plugin*) {}
const char* lastError(const tis_plugin*) { return ""; }
const tis_plugin kPlugin = [] {
    tis_plugin p{};
    p.struct_size = sizeof(tis_plugin);
    p.init = init;
    p.destroy = destroy;
    p.last_error = lastError;
    return p;
}();
const char* manifest() { return R"({"id":"test.throws","name":"throws","version":"1","compat":"1","vendor":"test","host":"throws","abi":1})"; }
const tis_plugin* create(const tis_host*) { return &kPlugin; }
}  // namespace

extern "C" TIS_PLUGIN_EXPORT const tis_plugin_entry_t tis_plugin_entry = {TIS_PLUGIN_ABI_VERSION, sizeof(tis_plugin_entry_t), nullptr, nullptr, manifest, create};
