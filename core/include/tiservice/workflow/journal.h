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

/// What the next start does with an item the journal holds in a state.
enum class ResumeRule {
    NewRun,           ///< never reached the connector: left to a fresh run
    AskTheConnector,  ///< its start may have reached it: running, planned, finished — or no trace
    WaitForThePlan,   ///< planned: nothing to do until the connector runs it, then follow
    Follow,           ///< the connector installs it: follow it to its end
    ArchiveOnly,      ///< finished: only what the archive lacks is written
};

/// One row of the state table the journal, the resume rule and the tests read.
struct ItemStateRule {
    ItemState state;
    std::string_view id;          ///< as written in the journal
    bool finished;                ///< nothing more will happen to it
    bool underway;                ///< the connector may be installing it right now: never switch it off
    ResumeRule onResume;
    std::string_view archive[2];  ///< the archive events the state calls for, in order ("" = none)
};

inline constexpr ItemStateRule kItemStates[] = {
    {ItemState::Pending, "pending", false, false, ResumeRule::NewRun, {"", ""}},
    {ItemState::MaybeStarted, "maybe-started", false, true, ResumeRule::AskTheConnector, {"", ""}},
    {ItemState::Planned, "planned", false, false, ResumeRule::WaitForThePlan, {"planned", ""}},
    {ItemState::Started, "started", false, true, ResumeRule::Follow, {"started", ""}},
    {ItemState::Succeeded, "succeeded", true, false, ResumeRule::ArchiveOnly, {"started", "finished"}},
    {ItemState::Failed, "failed", true, false, ResumeRule::ArchiveOnly, {"started", "finished"}},
    {ItemState::Broken, "broken", true, false, ResumeRule::ArchiveOnly, {"started", "finished"}},
};

/// Every move an item may make, and why. Anything else is refused (and logged).
struct ItemTransition {
    ItemState from, to;
    std::string_view why;
};

inline constexpr ItemTransition kItemTransitions[] = {
    {ItemState::Pending, ItemState::MaybeStarted, "the start request is about to go out"},
    {ItemState::Pending, ItemState::Started, "found running on the connector, started by us"},
    {ItemState::MaybeStarted, ItemState::Pending, "refused, or it never reached the connector"},
    {ItemState::MaybeStarted, ItemState::Planned, "accepted for the planned time"},
    {ItemState::MaybeStarted, ItemState::Started, "accepted now, or the connector shows it running or finished"},
    {ItemState::MaybeStarted, ItemState::Succeeded, "the connector reports it installed"},
    {ItemState::MaybeStarted, ItemState::Failed, "the connector reports it failed"},
    {ItemState::MaybeStarted, ItemState::Broken, "the connector reports a defect after it"},
    {ItemState::Planned, ItemState::Started, "the planned time came"},
    {ItemState::Planned, ItemState::Pending, "the plan was cancelled (here or at another workstation)"},
    {ItemState::Started, ItemState::Succeeded, "installed and the new version confirmed"},
    {ItemState::Started, ItemState::Failed, "the connector reports it failed, or the version is not confirmed"},
    {ItemState::Started, ItemState::Broken, "the connector reports a defect after it"},
};

[[nodiscard]] constexpr const ItemStateRule& ruleFor(ItemState s) {
    for (const auto& r : kItemStates)
        if (r.state == s) return r;
    return kItemStates[0];
}
[[nodiscard]] constexpr bool canMove(ItemState from, ItemState to) {
    for (const auto& t : kItemTransitions)
        if (t.from == from && t.to == to) return true;
    return false;
}

[[nodiscard]] constexpr std::string_view itemStateId(ItemState s) { return ruleFor(s).id; }  ///< "pending", "maybe-started", …
TISERVICE_CORE_EXPORT std::optional<ItemState> parseItemState(std::string_view id);
/// Succeeded, Failed or Broken: nothing more will happen to it.
[[nodiscard]] constexpr bool isFinished(ItemState s) { return ruleFor(s).finished; }
/// MaybeStarted or Started: the connector may be installing it right now.
[[nodiscard]] constexpr bool isUnderway(ItemState s) { return ruleFor(s).underway; }

/// Where a guided update stands, as the journal's "step" says (for people reading the file,
/// support, and the fault-injection pause of the kill-and-resume tests).
enum class Step { Confirmed, Starting, Planning, Installing, WaitingForConnector, Verifying, Recording, Installed, Finished, Planned };
TISERVICE_CORE_EXPORT std::string_view stepId(Step s);  ///< "confirmed", "starting", "waiting-for-connector", …

struct JournalItem {
    std::string updateId, component, name;
    std::string fromVersion, toVersion;
    ItemState state = ItemState::Pending;
    std::optional<TimePoint> startedAt, finishedAt;
    std::string reason;
    /// The archive events already written for it ("planned", "started", "finished"): the
    /// journal says what the archive holds, so a run killed between the two completes it.
    std::vector<std::string> archived;

    /// Moves to `to` when the transition table allows it; otherwise logs the refused move and
    /// stays (a defect in tiservice, never a reason to lose the item).
    TISERVICE_CORE_EXPORT bool moveTo(ItemState to);
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
    /// The connector's own auto-update started it (then no client system is named).
    bool byAutoUpdate = false;
    /// Where the entry comes from: empty for this workstation's own run, "connector" for one
    /// taken from the connector's installation list (another workstation, the auto-update, or
    /// someone at the connector's admin interface).
    std::string source;
};

/// The event ("planned", "started", "finished", …) in words; an unknown one as it is.
TISERVICE_CORE_EXPORT LocalizedText historyEventText(const std::string& event);
/// The result ("succeeded", "failed", "broken") in words; an unknown one as it is.
TISERVICE_CORE_EXPORT LocalizedText historyResultText(const std::string& result);
/// Why it failed, in words ("version-not-confirmed" → "die neue Version wurde nicht bestätigt");
/// a reason tiservice does not know is quoted as the connector gave it; empty without one.
TISERVICE_CORE_EXPORT LocalizedText historyReasonText(const std::string& reason);
/// Who started it: "PVS1/Sprechzimmer 1", "Auto-Update des Konnektors", "am Konnektor selbst".
TISERVICE_CORE_EXPORT LocalizedText historyStartedByText(const HistoryEntry& entry);

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

/// Writes the archive entry of `event` ("planned", "started", "finished") for one item of a
/// journal unless it is there already (its id, "<journal id>/<update id>/<event>", is checked),
/// and notes it in the item, so the journal always says what the archive holds. The time is
/// the event's own (the item's start or end), not the time of the run that writes it down.
TISERVICE_CORE_EXPORT Status recordInArchive(UpdateHistory& history, const UpdateJournal& journal, JournalItem& item,
                                             const std::string& event, const std::string& connector, TimePoint now);
/// Every archive entry the items' states call for that is not written yet (a run killed between
/// journal and archive); true in `wrote` when one was written (then save the journal).
TISERVICE_CORE_EXPORT Status recordDueEvents(UpdateHistory& history, UpdateJournal& journal,
                                             const std::string& connector, TimePoint now, bool& wrote);

/// "KOCOC-kocobox@127.0.0.1_8443" → a file name for the journal.
TISERVICE_CORE_EXPORT std::string journalFileName(const std::string& connector);

/// The journal of any connector at `hostPort` ("127.0.0.1:8443") in `journalDir`, read before the
/// connector itself could be (it may be rebooting in the middle of an installation).
TISERVICE_CORE_EXPORT std::optional<UpdateJournal> findJournalFor(const std::filesystem::path& journalDir,
                                                                  const std::string& hostPort);

}  // namespace tiservice::workflow
