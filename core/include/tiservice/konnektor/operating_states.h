#pragma once
// What a connector's operating states (gemSpec_Kon, ErrorCondition) mean, in words a
// practice understands, and what to do about each. Real connectors list every condition
// with Value true or false; only the active ones are shown.

#include <optional>
#include <string_view>

#include "tiservice/core_export.h"
#include "tiservice/i18n.h"
#include "tiservice/konnektor/event_service.h"

namespace tiservice::konnektor {

struct ConditionMeaning {
    LocalizedText meaning;  ///< "Für den Konnektor gibt es ein Update; er arbeitet normal weiter."
    LocalizedText action;   ///< empty when there is nothing to do
};

/// The meaning of an active state; conditions tiservice does not know, and the vendor's own
/// numbered ones (EC_OTHER_ERROR_STATE(n)), get a general text that still says what to do.
/// `subjectName` names what the bracket refers to ("ORGA 6141 online (Empfang)"), if known.
TISERVICE_CORE_EXPORT ConditionMeaning describeState(const OperatingState& state, std::string_view subjectName = {});

/// True for the conditions that are normal in many practices and need no action (VPN SIS
/// offline without a booked secure internet service).
TISERVICE_CORE_EXPORT bool isHarmless(const OperatingState& state);

}  // namespace tiservice::konnektor
