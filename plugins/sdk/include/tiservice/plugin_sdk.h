#pragma once
// The C++ glue between the tiservice engine and the C plugin ABI (plugin.h). A host
// adapter is nothing but a host profile — JSON data naming the PVS, how it calls its TI
// settings, where the service entry sits in its menus, how notices look, its wording —
// handed to this SDK. All engine logic is here, behind the exception barrier: every
// function of the C table, of each extension and of the entry never lets an exception out,
// and treats a NULL or foreign `self` as TIS_ERR_INVALID_ARGUMENT.

#include <string_view>

#include "tiservice/plugin.h"

namespace tiservice::plugin_sdk {

/// The manifest JSON for the profile (id, name, version, compat, vendor, host, abi).
/// Static storage per profile text; "" when it cannot be made.
const char* manifestFor(std::string_view profileJson) noexcept;

/// A new plugin for `host`, driven by the profile; NULL when the profile is unusable.
const tis_plugin* createPlugin(const tis_host* host, std::string_view profileJson) noexcept;

}  // namespace tiservice::plugin_sdk
