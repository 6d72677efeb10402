#pragma once
// The update journal and the update history ("Update-Archiv").
//
// The journal says where a guided update stands, per connector, so the next start can
// finish the story after the tool, the practice software or the PC was switched off. It
// holds no secrets and is written atomically at every step.
//
// The history is the practice's proof of maintenance: one JSON line per event, append-only,
// each event written exactly once (its id is checked before appending).

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "tiservice/clock.h"
#include "tiservice/core_export.h"
#include "tiservice/error.h"

namespace tiservice::workflow {

/// Where one update of a guided update stands.
enum class ItemState {
    Pending,       ///< not sent to the connector
    MaybeStarted,  ///< the start request went out; whether the connector took it is not known yet
    Planned,       ///< the connector will install it at the planned time
    Started,       ///< the connector installs it
    Succeeded,     ///< installed and the new version confirmed
    Failed,        ///< not installed; the old version runs
    Broken,        ///< the connector reports a defect after it
};

TISERVICE_CORE_EXPORT std::string_view itemStateId(ItemState s);  ///< "pending", "maybe-started", …
TISERVICE_CORE_EXPORT std::optional<ItemState> parseItemState(std::string_view id);
/// Succeeded, Failed or Broken: nothing more will happen to it.
[[nodiscard]] inline bool isFinished(ItemState s) {
    return s == ItemState::Succeeded || s == ItemState::Failed || s == ItemState::Broken;
}
/// MaybeStarted or Started: the connector may be installing it right now.
[[nodiscard]] inline bool isUnderway(ItemState s) { return s == ItemState::MaybeStarted || s == ItemState::Started; }

struct JournalItem {
    std::string updateId, component, name;
    std::string fromVersion, toVersion;
    ItemState state = ItemState::Pending;
    std::optional<TimePoint> startedAt, finishedAt;
    std::string reason;
    /// The archive events already written for it ("planned", "started", "finished"): the
    /// journal says what the archive holds, so a run killed between the two completes it.
    std::vector<std::string> archived;

    /// The archive events its state calls for, in order.
    [[nodiscard]] TISERVICE_CORE_EXPORT std::vector<std::string> dueEvents() const;
    [[nodiscard]] bool isArchived(std::string_view event) const {
        for (const auto& a : archived)
            if (a == event) return true;
        return false;
    }
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
    /// True when an item may be installing right now: the connector must not be switched off.
    [[nodiscard]] bool installationUnderway() const {
        for (const auto& i : items)
            if (isUnderway(i.state)) return true;
        return false;
    }
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

/// The journal of any connector at `hostPort` ("127.0.0.1:8443") in `journalDir`, read before the
/// connector itself could be (it may be rebooting in the middle of an installation).
TISERVICE_CORE_EXPORT std::optional<UpdateJournal> findJournalFor(const std::filesystem::path& journalDir,
                                                                  const std::string& hostPort);

}  // namespace tiservice::workflow
