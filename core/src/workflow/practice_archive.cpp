#include "tiservice/workflow/practice_archive.h"

#include <algorithm>

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

}  // namespace

Result<int> takeConnectorInstallations(UpdateHistory& history, const ConnectorList& list,
                                       const std::vector<Installation>& installations,
                                       const std::function<std::string(const std::string&)>& nameOf) {
    const auto archive = history.read();
    int added = 0;
    // Oldest first, as the archive reads.
    std::vector<const Installation*> finished;
    for (const auto& i : installations)
        if (i.finishedAt && !resultOf(i.state).empty()) finished.push_back(&i);
    std::sort(finished.begin(), finished.end(),
              [](const Installation* a, const Installation* b) { return *a->finishedAt < *b->finishedAt; });
    for (const auto* i : finished) {
        const auto result = resultOf(i->state);
        if (i->clientSystemId == list.clientSystemId && i->workplaceId == list.workplaceId) continue;  // our own
        // The connector's number alone may repeat (after a factory reset); with the update and
        // its start it names one installation.
        const auto key = "connector:" + list.identity + "/installation/" + i->id + "/" + i->updateId + "/" +
                         formatUtc(i->startedAt.value_or(*i->finishedAt));
        const bool known = std::any_of(archive.begin(), archive.end(),
                                       [&](const HistoryEntry& e) { return e.id == key + "/finished"; });
        if (known) continue;
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
