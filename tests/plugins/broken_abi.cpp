// A plugin built for another ABI version.
#include "tiservice/plugin.h"

namespace {
const char* manifest() { return R"({"id":"test.broken-abi","name":"broken","version":"9","compat":"9","vendor":"test","host":"medistar","abi":99})"; }
const tis_plugin* create(const tis_host*) { return nullptr; }
}  // namespace

extern "C" TIS_PLUGIN_EXPORT const tis_plugin_entry_t tis_plugin_entry = {99u, sizeof(tis_plugin_entry_t), nullptr, nullptr, manifest, create};
