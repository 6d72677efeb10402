// The journal's state table: the one description of where an update can stand, what the
// archive must hold then, and what the next start does — read by the journal, the resume
// rule and these tests.
#include <gtest/gtest.h>

#include <set>

#include "tiservice/workflow/journal.h"

using namespace tiservice::workflow;

namespace {
const ItemState kAll[] = {ItemState::Pending,   ItemState::MaybeStarted, ItemState::Planned, ItemState::Started,
                          ItemState::Succeeded, ItemState::Failed,       ItemState::Broken};
}

TEST(JournalStates, EveryStateHasOneRowAndItsIdReadsBack) {
    std::set<std::string_view> ids;
    for (auto s : kAll) {
        EXPECT_EQ(ruleFor(s).state, s);
        EXPECT_TRUE(ids.insert(itemStateId(s)).second) << itemStateId(s);
        EXPECT_EQ(parseItemState(itemStateId(s)), s);
    }
    EXPECT_EQ(std::size(kItemStates), std::size(kAll));
    EXPECT_FALSE(parseItemState("done"));
}

TEST(JournalStates, NothingLeavesAFinishedState) {
    for (const auto& t : kItemTransitions) EXPECT_FALSE(isFinished(t.from)) << itemStateId(t.from) << " → " << itemStateId(t.to);
}

TEST(JournalStates, EveryStateIsReachedFromPending) {
    std::set<ItemState> reached{ItemState::Pending};
    for (bool grew = true; grew;) {
        grew = false;
        for (const auto& t : kItemTransitions)
            if (reached.contains(t.from) && reached.insert(t.to).second) grew = true;
    }
    for (auto s : kAll) EXPECT_TRUE(reached.contains(s)) << itemStateId(s);
}

TEST(JournalStates, WhatTheConnectorMayBeInstallingIsNeverLeftToANewRun) {
    for (auto s : kAll) {
        const auto& r = ruleFor(s);
        if (r.underway) {
            EXPECT_TRUE(r.onResume == ResumeRule::Follow || r.onResume == ResumeRule::AskTheConnector) << r.id;
            EXPECT_FALSE(r.finished) << r.id;
        }
        if (r.finished) {
            EXPECT_EQ(r.onResume, ResumeRule::ArchiveOnly) << r.id;
        }
    }
    EXPECT_TRUE(isUnderway(ItemState::MaybeStarted));
    EXPECT_TRUE(isUnderway(ItemState::Started));
    EXPECT_FALSE(isUnderway(ItemState::Planned));
}

TEST(JournalStates, TheArchiveNeverClaimsAStartTheConnectorHasNotConfirmed) {
    // A start request whose answer was lost is not a start: nothing is archived for it.
    EXPECT_TRUE(JournalItem{.state = ItemState::MaybeStarted}.dueEvents().empty());
    EXPECT_TRUE(JournalItem{.state = ItemState::Pending}.dueEvents().empty());
    EXPECT_EQ(JournalItem{.state = ItemState::Started}.dueEvents(), (std::vector<std::string>{"started"}));
    for (auto s : {ItemState::Succeeded, ItemState::Failed, ItemState::Broken})
        EXPECT_EQ(JournalItem{.state = s}.dueEvents(), (std::vector<std::string>{"started", "finished"})) << itemStateId(s);
    // Every finished state is reached only through a state that may have installed it.
    for (const auto& t : kItemTransitions)
        if (isFinished(t.to)) {
            EXPECT_TRUE(isUnderway(t.from)) << itemStateId(t.from) << " → " << itemStateId(t.to);
        }
}

TEST(JournalStates, AMoveTheTableDoesNotAllowIsRefusedAndTheItemStaysAsItWas) {
    JournalItem item{.updateId = "INGHC-ORGA6100-3.7.4", .state = ItemState::Pending};
    EXPECT_FALSE(item.moveTo(ItemState::Succeeded));  // never "succeeded" without being started
    EXPECT_EQ(item.state, ItemState::Pending);
    EXPECT_TRUE(item.moveTo(ItemState::MaybeStarted));
    EXPECT_TRUE(item.moveTo(ItemState::Started));
    EXPECT_TRUE(item.moveTo(ItemState::Succeeded));
    EXPECT_FALSE(item.moveTo(ItemState::Started));
    EXPECT_FALSE(item.moveTo(ItemState::Pending));
    EXPECT_EQ(item.state, ItemState::Succeeded);
    for (const auto& t : kItemTransitions) EXPECT_FALSE(t.why.empty());
}

TEST(JournalStates, EveryStepHasItsOwnName) {
    std::set<std::string_view> ids;
    for (auto s : {Step::Confirmed, Step::Starting, Step::Planning, Step::Installing, Step::WaitingForConnector,
                   Step::Verifying, Step::Recording, Step::Installed, Step::Finished, Step::Planned})
        EXPECT_TRUE(ids.insert(stepId(s)).second) << stepId(s);
    EXPECT_EQ(stepId(Step::WaitingForConnector), "waiting-for-connector");
}
