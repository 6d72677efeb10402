#include "tiservice/workflow/practice_archive.h"

#include <algorithm>
#include <chrono>
#include <set>
#include <string_view>

namespace tiservice::workflow {
namespace {

using konnektor::Installation;

std::string resultOf(Installation::State s) {
    switch (s) {
        case Installation::State::Succeeded: return "succeeded";
        case Installation::State::Failed: return "failed";
        case Installation::State::Broken: return "broken";
        default: return {};
    }
}

bool sameVersion(const std::string& recorded, const FirmwareVersion& listed) {
    const auto v = FirmwareVersion::parse(recorded);
    return v.ok() ? *v == listed : recorded == listed.toString();
}

}  // namespace

Result<int> takeConnectorInstallations(UpdateHistory& history, const ConnectorList& list,
                                       const std::vector<Installation>& installations,
                                       const std::function<std::string(const std::string&)>& nameOf) {
    const auto archive = history.read();
    int added = 0;
    // This workstation's own runs its journal recorded ("finished", not taken from a list), each
    // to be matched with one installation of the list at most.
    std::vector<const HistoryEntry*> ownRuns;
    for (const auto& e : archive)
        if (e.source.empty() && e.event == "finished" && e.clientSystemId == list.clientSystemId &&
            e.workplaceId == list.workplaceId &&
            (e.connector == list.connectorId || e.connector.starts_with(list.identity + "@")))
            ownRuns.push_back(&e);
    // Oldest first, as the archive reads.
    std::vector<const Installation*> finished;
    for (const auto& i : installations)
        if (i.finishedAt && !resultOf(i.state).empty()) finished.push_back(&i);
    std::sort(finished.begin(), finished.end(),
              [](const Installation* a, const Installation* b) { return *a->finishedAt < *b->finishedAt; });
    // The connector's number alone may repeat (after a factory reset); with the update and its
    // start it names one installation.
    const auto keyOf = [&](const Installation* i) {
        return "connector:" + list.identity + "/installation/" + i->id + "/" + i->updateId + "/" +
               formatUtc(i->startedAt.value_or(*i->finishedAt));
    };
    std::set<std::string_view> ids;  // what the archive holds, read once
    for (const auto& e : archive) ids.insert(e.id);
    const auto taken = [&](const Installation* i) { return ids.contains(keyOf(i) + "/finished"); };
    std::set<const Installation*> recorded;
    const auto ours = [&](const Installation* i) {
        return i->clientSystemId == list.clientSystemId && i->workplaceId == list.workplaceId && !taken(i);
    };
    // Which of the list's installations from this workstation are those recorded runs: the same
    // component and target version, the same result first, then the closest pairs first (not
    // the oldest installation first): with two runs of the same update and one of them
    // recorded, the recorded one is the one nearest to it in time.
    for (const bool sameResultOnly : {true, false}) {
        struct Pair {
            std::chrono::system_clock::duration apart;
            const Installation* installation;
            const HistoryEntry* run;
        };
        std::vector<Pair> pairs;
        for (const auto* i : finished) {
            if (!ours(i) || recorded.contains(i)) continue;
            for (const auto* e : ownRuns)
                if (e->component == i->component && sameVersion(e->toVersion, i->toVersion) &&
                    (!sameResultOnly || e->result == resultOf(i->state))) {
                    pairs.push_back({std::chrono::abs(e->time - *i->finishedAt), i, e});
                }
        }
        std::stable_sort(pairs.begin(), pairs.end(), [](const Pair& a, const Pair& b) { return a.apart < b.apart; });
        for (const auto& p : pairs) {
            const auto run = std::find(ownRuns.begin(), ownRuns.end(), p.run);
            if (recorded.contains(p.installation) || run == ownRuns.end()) continue;
            recorded.insert(p.installation);
            ownRuns.erase(run);
        }
    }
    for (const auto* i : finished) {
        const auto result = resultOf(i->state);
        // This workstation's own installation is in the archive as its journal recorded it (whatever
        // the two say of the result, however far the clocks are apart). Only when the archive does
        // not hold it (a new PC, a lost state folder, a line the disk lost) is it taken from the list.
        if (recorded.contains(i) || taken(i)) continue;
        const auto key = keyOf(i);
        HistoryEntry e;
        e.connector = list.connectorId;
        e.component = i->component;
        e.name = nameOf(i->component);
        e.fromVersion = i->fromVersion.toString();
        e.toVersion = i->toVersion.toString();
        e.clientSystemId = i->clientSystemId;
        e.workplaceId = i->workplaceId;
        e.byAutoUpdate = i->byAutoUpdate;
        e.plannedAt = i->plannedAt;
        e.source = "connector";
        e.id = key + "/started";
        e.event = "started";
        e.time = i->startedAt.value_or(*i->finishedAt);
        if (auto s = history.append(e); !s.ok()) return s.error();
        e.id = key + "/finished";
        e.event = "finished";
        e.time = *i->finishedAt;
        e.result = result;
        e.reason = i->reason;
        if (auto s = history.append(e); !s.ok()) return s.error();
        ++added;
    }
    return added;
}

}  // namespace tiservice::workflow
