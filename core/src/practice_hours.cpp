#include "tiservice/practice_hours.h"

#include <ctime>

namespace tiservice {

namespace {

std::tm local(TimePoint t) {
    const std::time_t tt = std::chrono::system_clock::to_time_t(t);
    std::tm tm{};
    localtime_r(&tt, &tm);
    return tm;
}

int weekdayMondayFirst(const std::tm& tm) { return (tm.tm_wday + 6) % 7; }

std::optional<int> dayIndex(std::string_view d) {
    static const char* de[] = {"mo", "di", "mi", "do", "fr", "sa", "so"};
    static const char* en[] = {"mon", "tue", "wed", "thu", "fri", "sat", "sun"};
    std::string l;
    for (char c : d) l += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    for (int i = 0; i < 7; ++i)
        if (l == de[i] || l == en[i]) return i;
    return std::nullopt;
}

std::optional<int> minutes(std::string_view hhmm) {
    if (hhmm.size() != 5 || hhmm[2] != ':') return std::nullopt;
    for (int i : {0, 1, 3, 4})
        if (hhmm[static_cast<std::size_t>(i)] < '0' || hhmm[static_cast<std::size_t>(i)] > '9') return std::nullopt;
    const int h = (hhmm[0] - '0') * 10 + (hhmm[1] - '0');
    const int m = (hhmm[3] - '0') * 10 + (hhmm[4] - '0');
    if (h > 23 || m > 59) return std::nullopt;
    return h * 60 + m;
}

TimePoint atLocal(const std::tm& day, int minute) {
    std::tm tm = day;
    tm.tm_hour = minute / 60;
    tm.tm_min = minute % 60;
    tm.tm_sec = 0;
    tm.tm_isdst = -1;
    return std::chrono::system_clock::from_time_t(std::mktime(&tm));
}

}  // namespace

PracticeHours::PracticeHours() { days_ = {true, true, true, true, true, false, false}; }

Result<PracticeHours> PracticeHours::parse(std::string_view text) {
    const auto invalid =
        Error{.code = "settings.practice-hours",
              .message = TIS_TEXT("practice_hours", "Die Sprechzeiten \"%1\" sind ungültig.").arg(text),
              .action = TIS_TEXT("practice_hours", "Form: Mo-Fr 08:00-18:00"),
              .detail = std::string(text)};
    const auto space = text.find(' ');
    if (space == std::string_view::npos) return invalid;
    const auto daysText = text.substr(0, space);
    auto timesText = text.substr(space + 1);
    while (!timesText.empty() && timesText.front() == ' ') timesText.remove_prefix(1);
    PracticeHours h;
    h.days_ = {};
    std::size_t start = 0;
    while (start <= daysText.size()) {
        const auto comma = daysText.find(',', start);
        const auto part = daysText.substr(start, comma == std::string_view::npos ? std::string_view::npos : comma - start);
        const auto dash = part.find('-');
        auto from = dayIndex(part.substr(0, dash));
        auto to = dash == std::string_view::npos ? from : dayIndex(part.substr(dash + 1));
        if (!from || !to || *to < *from) return invalid;
        for (int d = *from; d <= *to; ++d) h.days_[static_cast<std::size_t>(d)] = true;
        if (comma == std::string_view::npos) break;
        start = comma + 1;
    }
    const auto dash = timesText.find('-');
    if (dash == std::string_view::npos) return invalid;
    auto a = minutes(timesText.substr(0, dash));
    auto b = minutes(timesText.substr(dash + 1));
    if (!a || !b || *b <= *a) return invalid;
    h.startMinute_ = *a;
    h.endMinute_ = *b;
    return h;
}

bool PracticeHours::contains(TimePoint t) const {
    const auto tm = local(t);
    if (!days_[static_cast<std::size_t>(weekdayMondayFirst(tm))]) return false;
    const int m = tm.tm_hour * 60 + tm.tm_min;
    return m >= startMinute_ && m < endMinute_;
}

std::optional<TimePoint> PracticeHours::suggestEvening(TimePoint now) const {
    const auto nextDay = [](std::tm d) {
        d.tm_mday += 1;
        d.tm_isdst = -1;
        std::mktime(&d);
        return d;
    };
    std::tm day = local(now);
    for (int i = 0; i < 8; ++i, day = nextDay(day)) {
        if (!days_[static_cast<std::size_t>(weekdayMondayFirst(day))]) continue;
        // An hour after closing; when that is past midnight (hours until 23:30 or later), the
        // early morning before the next opening instead — never the last minute of the day.
        const auto candidate = endMinute_ + 60 < 24 * 60 ? atLocal(day, endMinute_ + 60)
                                                         : atLocal(nextDay(day), std::max(0, startMinute_ - 120));
        if (candidate >= now && !contains(candidate)) return candidate;
    }
    return std::nullopt;
}

std::string PracticeHours::toString() const {
    static const char* names[] = {"Mo", "Di", "Mi", "Do", "Fr", "Sa", "So"};
    std::string d;
    for (int i = 0; i < 7; ++i)
        if (days_[static_cast<std::size_t>(i)]) d += (d.empty() ? "" : ",") + std::string(names[i]);
    char t[32];
    std::snprintf(t, sizeof t, " %02d:%02d-%02d:%02d", startMinute_ / 60, startMinute_ % 60, endMinute_ / 60, endMinute_ % 60);
    return d + t;
}

std::optional<TimePoint> nextLocalTime(std::string_view hhmm, TimePoint now) {
    auto m = minutes(hhmm);
    if (!m) return std::nullopt;
    std::tm day = local(now);
    auto t = atLocal(day, *m);
    if (t < now) {
        day.tm_mday += 1;
        day.tm_isdst = -1;
        std::mktime(&day);
        t = atLocal(day, *m);
    }
    return t;
}

}  // namespace tiservice
