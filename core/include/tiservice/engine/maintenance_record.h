#pragma once
// The update archive as a printable proof of maintenance ("Wartungsnachweis"): one HTML page
// with the practice, its devices and their versions, and every update with its date, result
// and workplace — for the practice's files, an audit or the service partner.

#include <string>

#include "tiservice/core_export.h"
#include "tiservice/engine/engine.h"
#include "tiservice/i18n.h"

namespace tiservice::engine {

struct PracticeIdentity {
    std::string mandantId, clientSystemId, workplaceId;
    std::string connectorAddress;  ///< the connector.sds address
};

/// The practice as its settings name it.
TISERVICE_CORE_EXPORT PracticeIdentity practiceIdentityOf(const ConnectionSettings& settings);

/// A complete, self-contained HTML document (UTF-8, inline style, no script, nothing fetched);
/// every value from the archive is escaped.
TISERVICE_CORE_EXPORT std::string maintenanceRecordHtml(const HistoryView& history, const PracticeIdentity& practice,
                                                        TimePoint printedAt, Language language);

}  // namespace tiservice::engine
