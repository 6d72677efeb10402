#pragma once
// The update journal and the update history ("Update-Archiv").
//
// The journal says where a guided update stands, per connector, so the next start can
// finish the story after the tool, the practice software or the PC was switched off. It
// holds no secrets and is written atomically at every step.
//
// The history is the practice's proof of maintenance: one JSON line per event, append-only,
// each event written exactly once (its id is checked before appending).

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "tiservice/clock.h"
#include "tiservice/core_export.h"
#include "tiservice/error.h"

namespace tiservice::workflow {

struct JournalItem {
    std::string updateId, component, name;
    std::string fromVersion, toVersion;
    std::string state = "pending";  ///< pending, planned, started, succeeded, failed, broken
    std::optional<TimePoint> startedAt, finishedAt;
    std::string reason;
};

struct UpdateJournal {
    std::string id;            ///< unique per workflow run
    std::string connector;     ///< "KOCOC-kocobox" + address
    std::string step;          ///< see UpdateWorkflow's steps
    std::optional<TimePoint> plannedAt;
    std::string clientSystemId, workplaceId;
    std::vector<JournalItem> items;
    TimePoint updatedAt{};

    [[nodiscard]] TISERVICE_CORE_EXPORT Status save(const std::filesystem::path& file) const;
    TISERVICE_CORE_EXPORT static Result<std::optional<UpdateJournal>> read(const std::filesystem::path& file);
};

struct HistoryEntry {
    std::string id;         ///< unique per event: "<journal id>/<update id>/<event>"
    TimePoint time{};
    std::string event;      ///< planned, started, finished, cancelled, password-changed
    std::string connector;
    std::string component, name;
    std::string fromVersion, toVersion;
    std::string result;     ///< succeeded, failed, broken (for finished)
    std::string reason;
    std::string clientSystemId, workplaceId;
    std::optional<TimePoint> plannedAt;
};

/// The event ("planned", "started", "finished", …) in words; an unknown one as it is.
TISERVICE_CORE_EXPORT LocalizedText historyEventText(const std::string& event);
/// The result ("succeeded", "failed", "broken") in words; an unknown one as it is.
TISERVICE_CORE_EXPORT LocalizedText historyResultText(const std::string& result);

class TISERVICE_CORE_EXPORT UpdateHistory {
public:
    explicit UpdateHistory(std::filesystem::path file);
    /// Appends the entry unless one with the same id is already there.
    Status append(const HistoryEntry& entry);
    /// Every readable entry, oldest first; lines that cannot be read are skipped and counted.
    [[nodiscard]] std::vector<HistoryEntry> read(int* unreadableLines = nullptr) const;
    [[nodiscard]] const std::filesystem::path& file() const { return file_; }

private:
    std::filesystem::path file_;
};

/// "KOCOC-kocobox@127.0.0.1_8443" → a file name for the journal.
TISERVICE_CORE_EXPORT std::string journalFileName(const std::string& connector);

}  // namespace tiservice::workflow
