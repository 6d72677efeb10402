#pragma once
// What the connector offered at its last sign-in, kept in the state folder
// (cache/offered-updates.json), so that a status check — which does not sign in — knows the
// connector's (KSR) deadlines too and says the same date as the guided update's plan.

#include <filesystem>
#include <string>
#include <vector>

#include "tiservice/assess/assessment.h"
#include "tiservice/clock.h"
#include "tiservice/core_export.h"
#include "tiservice/konnektor/driver.h"

namespace tiservice::workflow {

/// "KOCOC-kocobox@192.168.1.10:443": one connector, as the journal names it.
TISERVICE_CORE_EXPORT std::string connectorKey(const konnektor::ProductInformation& product, const std::string& sdsUrl);

/// Replaces what is kept for this connector; a failure only costs the status check a date.
TISERVICE_CORE_EXPORT Status saveOfferedUpdates(const std::filesystem::path& stateDir, const std::string& connector,
                                                const std::vector<konnektor::ManagedUpdate>& updates, TimePoint readAt);

/// What was kept for this connector in the last 60 days; empty when nothing (or another connector).
TISERVICE_CORE_EXPORT std::vector<assess::OfferedUpdate> loadOfferedUpdates(const std::filesystem::path& stateDir,
                                                                            const std::string& connector,
                                                                            TimePoint now);

}  // namespace tiservice::workflow
