#pragma once
// When the practice is open: an update is best started outside these hours.

#include <array>
#include <optional>
#include <string>
#include <string_view>

#include "tiservice/clock.h"
#include "tiservice/core_export.h"
#include "tiservice/error.h"

namespace tiservice {

class TISERVICE_CORE_EXPORT PracticeHours {
public:
    /// Monday to Friday, 08:00-18:00.
    PracticeHours();
    /// "Mo-Fr 08:00-18:00", "Mo,Di,Do 07:30-19:00", "Mon-Sat 08:00-13:00".
    static Result<PracticeHours> parse(std::string_view text);

    /// Whether `t` (interpreted in local time) falls in practice hours.
    [[nodiscard]] bool contains(TimePoint t) const;
    /// The next time after closing, at or after `now`: one hour after the end on a practice day;
    /// for hours that end at 23:00 or later, the next morning two hours before opening;
    /// nullopt when the hours leave no such time (open day and night).
    [[nodiscard]] std::optional<TimePoint> suggestEvening(TimePoint now) const;
    [[nodiscard]] std::string toString() const;

private:
    std::array<bool, 7> days_{};  ///< Monday = 0
    int startMinute_ = 8 * 60;
    int endMinute_ = 18 * 60;
};

/// "19:30" as the next such local time at or after `now`; nullopt when not HH:MM.
TISERVICE_CORE_EXPORT std::optional<TimePoint> nextLocalTime(std::string_view hhmm, TimePoint now);

}  // namespace tiservice
