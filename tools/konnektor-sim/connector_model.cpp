#include "connector_model.h"

#include <algorithm>
#include <ctime>
#include <map>

#include "tiservice/firmware_version.h"
#include "tiservice/konnektor/kocobox_password_policy.h"

namespace tiservice::sim {
namespace {

bool newer(const std::string& candidate, const std::string& installed) {
    auto a = FirmwareVersion::parse(candidate);
    auto b = FirmwareVersion::parse(installed);
    if (!a.ok() || !b.ok() || a->isUnknown()) return false;
    if (b->isUnknown()) return true;
    return *a > *b;
}

bool isOpen(InstallPhase p) {
    return p == InstallPhase::Planned || p == InstallPhase::Installing || p == InstallPhase::Rebooting;
}

std::string randomToken(std::mt19937_64& rng) {
    static const char* hex = "0123456789abcdef";
    std::string t;
    for (int i = 0; i < 32; ++i) t += hex[rng() % 16];
    return t;
}

template <typename D>
Seconds secs(D d) {
    return std::chrono::duration_cast<Seconds>(d);
}

}  // namespace

std::string_view installPhaseId(InstallPhase p) {
    switch (p) {
        case InstallPhase::Planned: return "planned";
        case InstallPhase::Installing: return "installing";
        case InstallPhase::Rebooting: return "rebooting";
        case InstallPhase::Succeeded: return "succeeded";
        case InstallPhase::Failed: return "failed";
        case InstallPhase::Broken: return "broken";
    }
    return "planned";
}

void ConnectorModel::advance(TimePoint now) {
    const auto dt = lastAdvance_ ? std::chrono::duration<double>(now - *lastAdvance_).count() : 0.0;
    const auto previous = lastAdvance_;
    lastAdvance_ = now;

    // With the auto-update on, the connector fetches approved updates as soon as the KSR has them.
    if (autoUpdate.enabled && !faults.ksrDown)
        for (auto& u : updates)
            if (u.download == DownloadState::NotStarted && u.startDate <= now) u.download = DownloadState::Downloading;

    for (auto& u : updates) {
        if (u.download != DownloadState::Downloading || faults.ksrDown || faults.downloadStalls || dt <= 0) continue;
        u.downloadedBytes += settings.downloadBytesPerSecond * dt;
        if (u.downloadedBytes >= static_cast<double>(u.sizeBytes)) {
            u.downloadedBytes = static_cast<double>(u.sizeBytes);
            u.download = DownloadState::Downloaded;
        }
    }

    // Each scheduled auto-update time passed since the last look, in order.
    if (autoUpdate.enabled && previous) {
        for (auto t = nextAutoUpdate(*previous); t && *t <= now; t = nextAutoUpdate(*t)) runAutoUpdate(*t);
    }

    // Run installations; several may finish and start within one large step of the clock.
    for (int round = 0; round < 64; ++round) {
        Installation* active = nullptr;
        for (auto& i : installations_)
            if (i.phase == InstallPhase::Installing || i.phase == InstallPhase::Rebooting) active = &i;
        if (active) {
            advanceInstallation(*active, now);
            if (active->phase == InstallPhase::Installing || active->phase == InstallPhase::Rebooting) break;
            continue;
        }
        if (!startNext(now)) break;
    }

    bool wasDown = down_;
    bool installationDown = false;
    for (const auto& i : installations_)
        if (i.component == "connector" && i.phase == InstallPhase::Rebooting) installationDown = true;
    if (rebootUntil_ && now >= *rebootUntil_) rebootUntil_.reset();
    down_ = installationDown || rebootUntil_.has_value() || poweredOff;
    if (down_ && !wasDown) sessions_.clear();  // a reboot ends every login
}

bool ConnectorModel::startNext(TimePoint now) {
    Installation* next = nullptr;
    for (auto& i : installations_) {
        if (i.phase != InstallPhase::Planned || i.plannedAt > now) continue;
        // Terminals go before the connector when both are due.
        const auto rank = [](const Installation& x) { return x.component == "connector" ? 1 : 0; };
        if (!next || std::make_tuple(i.plannedAt, rank(i), i.id) < std::make_tuple(next->plannedAt, rank(*next), next->id))
            next = &i;
    }
    if (!next || broken_) return false;
    TimePoint start = next->plannedAt;
    for (const auto& i : installations_)
        if (i.finishedAt && *i.finishedAt > start) start = *i.finishedAt;
    next->startedAt = start;
    next->phase = InstallPhase::Installing;
    next->installDuration = next->component == "connector" ? settings.installDuration : settings.terminalInstallDuration;
    next->rebootDuration = faults.rebootDuration.value_or(settings.rebootDuration);
    // Faults already on when it starts apply even if the clock then jumps past the whole run.
    if (faults.installFails) next->failReason = *faults.installFails;
    if (faults.powerLossDuringInstall && next->component == "connector") next->powerLoss = true;
    for (auto& t : terminals)
        if (t.ctId == next->component) next->fromVersion = t.identity.fwVersion;
    if (next->component == "connector") next->fromVersion = identity.fwVersion;
    return true;
}

void ConnectorModel::advanceInstallation(Installation& inst, TimePoint now) {
    const Seconds e = secs(now - *inst.startedAt);
    const Seconds T = inst.installDuration;
    const Seconds R = inst.rebootDuration;

    if (inst.component != "connector") {
        if (!inst.failReason && faults.installFails) inst.failReason = *faults.installFails;
        const Seconds failAt = T / 2;
        if (inst.failReason && e >= failAt) {
            inst.failureReason = *inst.failReason;
            finish(inst, *inst.startedAt + failAt, InstallPhase::Failed);
            return;
        }
        if (e >= T) {
            finish(inst, *inst.startedAt + T, InstallPhase::Succeeded);
            return;
        }
        inst.phase = InstallPhase::Installing;
        inst.percent = 100.0 * static_cast<double>(e.count()) / static_cast<double>(std::max<long>(T.count(), 1));
        return;
    }

    const Seconds p1 = T * 55 / 100;
    const Seconds p2 = T * 25 / 100;
    // Faults switched on while the installation runs take effect from then on.
    if (!inst.failReason && faults.installFails && e < p1) inst.failReason = *faults.installFails;
    if (!inst.powerLoss && faults.powerLossDuringInstall && e < p1 + R + p2) inst.powerLoss = true;

    if (inst.powerLoss) {
        // Power goes when the fault is seen (at least at a third of the first phase): the
        // connector is dark for a reboot's time and comes back broken.
        const Seconds lossAt = p1 / 3;
        if (e >= lossAt) {
            if (e < lossAt + R) {
                inst.phase = InstallPhase::Rebooting;
                return;
            }
            inst.failureReason = "power-loss";
            finish(inst, *inst.startedAt + lossAt + R, InstallPhase::Broken);
            broken_ = true;
            return;
        }
    }
    if (inst.failReason) {
        const Seconds failAt = p1 * 4 / 10;
        if (e >= failAt) {
            // The connector gives up, restarts on the old firmware and reports the failure.
            if (e < failAt + R) {
                inst.phase = InstallPhase::Rebooting;
                return;
            }
            inst.failureReason = *inst.failReason;
            finish(inst, *inst.startedAt + failAt + R, InstallPhase::Failed);
            return;
        }
    }
    const auto fraction = [](Seconds a, Seconds b) {
        return static_cast<double>(a.count()) / static_cast<double>(std::max<long>(b.count(), 1));
    };
    if (e < p1) {
        inst.phase = InstallPhase::Installing;
        inst.percent = 70.0 * fraction(e, p1);
    } else if (e < p1 + R) {
        inst.phase = InstallPhase::Rebooting;
        inst.percent = 70.0;
    } else if (e < p1 + R + p2) {
        inst.phase = InstallPhase::Installing;
        inst.percent = 70.0 + 30.0 * fraction(e - p1 - R, p2);
    } else if (e < p1 + R + p2 + R) {
        inst.phase = InstallPhase::Rebooting;
        inst.percent = 100.0;
    } else {
        finish(inst, *inst.startedAt + p1 + R + p2 + R, InstallPhase::Succeeded);
    }
}

void ConnectorModel::finish(Installation& inst, TimePoint at, InstallPhase phase) {
    inst.phase = phase;
    inst.finishedAt = at;
    if (phase != InstallPhase::Succeeded) return;
    inst.percent = 100.0;
    if (inst.component == "connector") {
        identity.fwVersion = inst.toVersion;
        return;
    }
    for (auto& t : terminals)
        if (t.ctId == inst.component) t.identity.fwVersion = inst.toVersion;
}

std::optional<std::pair<int, std::string>> ConnectorModel::checkContext(const CallContext& c) const {
    if (c.mandantId != contexts.mandantId) return std::make_pair(4004, std::string("Ungültige Mandanten-ID"));
    const auto has = [](const std::vector<std::string>& v, const std::string& x) {
        return std::find(v.begin(), v.end(), x) != v.end();
    };
    if (!has(contexts.clientSystemIds, c.clientSystemId))
        return std::make_pair(4005, std::string("Ungültige Clientsystem-ID"));
    if (!has(contexts.workplaceIds, c.workplaceId))
        return std::make_pair(4006, std::string("Ungültige Arbeitsplatz-ID"));
    return std::nullopt;
}

bool ConnectorModel::blocked(TimePoint now) const {
    for (const auto& u : updates)
        if (u.component == "connector" && u.priority == "Kritisch" && u.deadline && *u.deadline < now &&
            newer(u.version, identity.fwVersion))
            return true;
    return false;
}

std::vector<const OfferedUpdate*> ConnectorModel::pendingUpdates(TimePoint now) const {
    std::vector<const OfferedUpdate*> out;
    for (const auto& u : updates) {
        if (u.startDate > now) continue;
        std::string installed;
        if (u.component == "connector") installed = identity.fwVersion;
        for (const auto& t : terminals)
            if (t.ctId == u.component) installed = t.identity.fwVersion;
        if (!installed.empty() && newer(u.version, installed)) out.push_back(&u);
    }
    return out;
}

std::vector<ErrorStateView> ConnectorModel::operatingStates(TimePoint now) const {
    // A real connector lists every error condition it knows, active or not (36 on a KoCoBox
    // 5.1.8); per-terminal ones name the terminal in brackets, vendor ones are numbered.
    const bool isBlocked = blocked(now);
    TimePoint blockedSince = now, outOfDateSince = now, bootedAt = now - std::chrono::hours(24 * 3);
    bool softwareOutOfDate = false;
    std::map<std::string, TimePoint> outdatedTerminals;
    for (const auto* u : pendingUpdates(now)) {
        if (u->component == "connector") {
            if (u->priority == "Kritisch") {
                softwareOutOfDate = true;
                outOfDateSince = std::min(outOfDateSince, u->startDate);
            }
            if (isBlocked && u->deadline) blockedSince = std::min(blockedSince, *u->deadline);
        } else if (!outdatedTerminals.count(u->component) || u->startDate < outdatedTerminals[u->component]) {
            outdatedTerminals[u->component] = u->startDate;
        }
    }
    const bool vpnTi = vpnTiOnline && !isBlocked && !broken_;
    std::vector<ErrorStateView> out{
        {"EC_Secure_KeyStore_Not_Available", "Fatal", "Security", false, bootedAt},
        {"EC_Software_Integrity_Check_Failed", "Fatal", "Security", broken_, broken_ ? now : bootedAt},
        {"EC_FW_Not_Valid_Status_Blocked", "Fatal", "Operation", isBlocked, isBlocked ? blockedSince : bootedAt},
        {"EC_Firewall_Not_Reliable", "Fatal", "Security", false, bootedAt},
        {"EC_Security_Log_Not_Writable", "Fatal", "Security", false, bootedAt},
        {"EC_TSL_Trust_Anchor_Out_Of_Date", "Fatal", "Security", false, bootedAt},
        {"EC_TSL_Out_Of_Date_Beyond_Grace_Period", "Fatal", "Security", false, bootedAt},
        {"EC_Time_Sync_Pending_Critical", "Fatal", "Operation", false, bootedAt},
        {"EC_Time_Difference_Intolerable", "Fatal", "Operation", false, bootedAt},
        {"EC_CRL_Out_Of_Date", "Error", "Security", false, bootedAt},
        {"EC_IP_Adresses_Not_Available", "Error", "Infrastructure", false, bootedAt},
        {"EC_No_VPN_TI_Connection", "Error", "Operation", !vpnTi, bootedAt},
        {"EC_No_Online_Connection", "Error", "Operation", false, bootedAt},
        {"EC_BNetzA_VL_not_valid", "Error", "Security", false, bootedAt},
        {"EC_No_VPN_SIS_Connection", "Warning", "Operation", !vpnSisOnline, bootedAt},
        {"EC_Time_Sync_Not_Successful", "Warning", "Operation", false, bootedAt},
        {"EC_Time_Sync_Pending_Warning", "Warning", "Operation", false, bootedAt},
        {"EC_TSL_Update_Not_Successful", "Warning", "Infrastructure", false, bootedAt},
        {"EC_TSL_Out_Of_Date_Within_Grace_Period", "Warning", "Security", false, bootedAt},
        {"EC_BNetzA_VL_Update_Error", "Warning", "Infrastructure", false, bootedAt},
        {"EC_LOG_OVERFLOW", "Warning", "Operation", false, bootedAt},
        {"EC_CRL_Expiring", "Info", "Security", false, bootedAt},
        {"EC_TSL_Expiring", "Info", "Security", false, bootedAt},
        {"EC_TSL_Trust_Anchor_Expiring", "Info", "Security", false, bootedAt},
        {"EC_Connector_Software_Out_Of_Date", "Info", "Operation", softwareOutOfDate,
         softwareOutOfDate ? outOfDateSince : bootedAt},
    };
    for (const auto& t : terminals) {
        const auto bracket = "(" + t.ctId + ")";
        const auto outdated = outdatedTerminals.find(t.ctId);
        out.push_back({"EC_CardTerminal_Not_Available" + bracket, "Error", "Operation", !t.connected, bootedAt});
        out.push_back({"EC_CardTerminal_Software_Out_Of_Date" + bracket, "Info", "Operation",
                       t.connected && outdated != outdatedTerminals.end(),
                       outdated != outdatedTerminals.end() ? outdated->second : bootedAt});
        out.push_back({"EC_CardTerminal_gSMC-KT_Certificate_Expires_Soon" + bracket, "Warning", "Security",
                       t.smcKtCertificateExpiresSoon, bootedAt});
    }
    out.push_back({"EC_OTHER_ERROR_STATE(1)", "Warning", "Operation", false, bootedAt});
    out.push_back({"EC_OTHER_ERROR_STATE(2)", "Info", "Operation", false, bootedAt});
    return out;
}

Terminal ConnectorModel::reportedTerminal(const Terminal& t) const {
    bool updating = false;
    for (const auto& i : installations_)
        if (i.component == t.ctId && i.phase == InstallPhase::Installing) updating = true;
    if (t.connected && !updating) return t;
    Terminal r = t;
    r.connected = false;
    r.slotCount = 0;
    r.identity = DeviceIdentity{.vendorId = "", .productCode = "", .vendorName = "", .productName = "",
                                .productType = t.identity.productType, .productTypeVersion = "0.0.0",
                                .hwVersion = "0.0.0", .fwVersion = "0.0.0"};
    return r;
}

bool ConnectorModel::passwordExpired(TimePoint now) const {
    return admin.forcedExpired || now > admin.passwordChangedAt + settings.passwordValidity;
}

ConnectorModel::Login ConnectorModel::login(const std::string& user, const std::string& password, TimePoint now) {
    if (admin.lockedUntil && now < *admin.lockedUntil) return {LoginResult::Locked, "", 0, admin.lockedUntil};
    if (user != admin.user || password != admin.password) {
        if (++admin.failedTries >= settings.maxFailedLogins) {
            admin.failedTries = 0;
            admin.lockedUntil = now + settings.lockDuration;
            return {LoginResult::Locked, "", 0, admin.lockedUntil};
        }
        return {LoginResult::WrongPassword, "", settings.maxFailedLogins - admin.failedTries, std::nullopt};
    }
    admin.failedTries = 0;
    admin.lockedUntil.reset();
    const bool expired = passwordExpired(now);
    auto token = randomToken(random_);
    sessions_[token] = !expired;
    return {expired ? LoginResult::PasswordExpired : LoginResult::Ok, token, settings.maxFailedLogins, std::nullopt};
}

std::optional<bool> ConnectorModel::session(const std::string& token) const {
    auto it = sessions_.find(token);
    if (it == sessions_.end()) return std::nullopt;
    return it->second;
}

ConnectorModel::PasswordChange ConnectorModel::changePassword(const std::string& user, const std::string& oldPassword,
                                                              const std::string& newPassword, TimePoint now) {
    if (admin.lockedUntil && now < *admin.lockedUntil) return {false, "locked", {}};
    if (user != admin.user || oldPassword != admin.password) {
        if (++admin.failedTries >= settings.maxFailedLogins) {
            admin.failedTries = 0;
            admin.lockedUntil = now + settings.lockDuration;
            return {false, "locked", {}};
        }
        return {false, "wrong-password", {}};
    }
    auto violations = konnektor::checkConnectorPassword(admin.user, newPassword, admin.recentPasswords);
    if (!violations.empty()) {
        return {false, "policy", std::move(violations)};
    }
    admin.password = newPassword;
    admin.recentPasswords.push_back(newPassword);
    while (admin.recentPasswords.size() > konnektor::kPasswordHistoryDepth) admin.recentPasswords.erase(admin.recentPasswords.begin());
    admin.passwordChangedAt = now;
    admin.forcedExpired = false;
    admin.failedTries = 0;
    for (auto& [token, full] : sessions_) full = true;
    return {true, "", {}};
}

OfferedUpdate* ConnectorModel::findUpdate(const std::string& updateId) {
    for (auto& u : updates)
        if (u.updateId == updateId) return &u;
    return nullptr;
}

std::string ConnectorModel::startDownload(const std::string& updateId) {
    auto* u = findUpdate(updateId);
    if (!u) return "unknown-update";
    if (u->download == DownloadState::Downloaded) return "already-downloaded";
    if (faults.ksrDown) return "ksr-unreachable";
    u->download = DownloadState::Downloading;
    return "";
}

const Installation* ConnectorModel::activeInstallation() const {
    for (const auto& i : installations_)
        if (i.phase == InstallPhase::Installing || i.phase == InstallPhase::Rebooting) return &i;
    return nullptr;
}

const Installation* ConnectorModel::lastFinished() const {
    const Installation* last = nullptr;
    for (const auto& i : installations_)
        if (i.finishedAt && (!last || *i.finishedAt >= *last->finishedAt)) last = &i;
    return last;
}

ConnectorModel::InstallAnswer ConnectorModel::requestInstall(const InstallRequest& r, TimePoint now) {
    if (broken_) return {"broken", nullptr, {}};
    auto* u = findUpdate(r.updateId);
    if (!u) return {"unknown-update", nullptr, {}};
    const auto pending = pendingUpdates(now);
    if (std::find(pending.begin(), pending.end(), u) == pending.end()) return {"not-newer", nullptr, {}};
    for (const auto& i : installations_)
        if (i.updateId == r.updateId && isOpen(i.phase)) return {"already-planned", &i, {}};
    if (u->component != "connector")
        if (const auto* t = terminal(u->component); t && !t->connected) return {"terminal-not-connected", nullptr, {}};
    if (u->download != DownloadState::Downloaded) return {"not-downloaded", nullptr, {}};
    if (r.at && *r.at + std::chrono::minutes(1) < now) return {"in-the-past", nullptr, {}};
    const TimePoint at = r.at && *r.at > now ? *r.at : now;
    if (at <= now)
        if (const auto* active = activeInstallation()) return {"busy", active, {}};

    if (u->component == "connector") {
        std::vector<std::string> waiting;
        for (const auto* p : pending) {
            if (p->component == "connector") continue;
            // A terminal that is switched off cannot be updated; it does not hold up the connector.
            if (const auto* t = terminal(p->component); t && !t->connected) continue;
            bool plannedBefore = false;
            for (const auto& i : installations_)
                if (i.updateId == p->updateId && isOpen(i.phase) && i.plannedAt <= at) plannedBefore = true;
            if (!plannedBefore) waiting.push_back(p->component);
        }
        if (!waiting.empty()) return {"terminals-first", nullptr, waiting};
    }

    Installation inst;
    inst.id = nextInstallationId_++;
    inst.updateId = u->updateId;
    inst.component = u->component;
    inst.toVersion = u->version;
    inst.clientSystemId = r.clientSystemId;
    inst.workplaceId = r.workplaceId;
    inst.plannedAt = at;
    installations_.push_back(inst);
    const int id = inst.id;
    advance(now);
    for (const auto& i : installations_)
        if (i.id == id) return {"", &i, {}};
    return {"", nullptr, {}};
}

std::string ConnectorModel::cancelInstall(const std::string& updateId) {
    for (auto it = installations_.begin(); it != installations_.end(); ++it) {
        if (it->updateId != updateId || !isOpen(it->phase)) continue;
        if (it->phase != InstallPhase::Planned) return "already-running";
        installations_.erase(it);
        return "";
    }
    return "unknown";
}

std::string ConnectorModel::rescheduleInstall(const std::string& updateId, TimePoint at, TimePoint now) {
    for (auto& i : installations_) {
        if (i.updateId != updateId || !isOpen(i.phase)) continue;
        if (i.phase != InstallPhase::Planned) return "already-running";
        if (at <= now) return "in-the-past";
        i.plannedAt = at;
        return "";
    }
    return "unknown";
}

const Installation* ConnectorModel::openInstallation(const std::string& updateId) const {
    for (const auto& i : installations_)
        if (i.updateId == updateId && isOpen(i.phase)) return &i;
    return nullptr;
}

const Terminal* ConnectorModel::terminal(const std::string& ctId) const {
    for (const auto& t : terminals)
        if (t.ctId == ctId) return &t;
    return nullptr;
}

std::optional<TimePoint> ConnectorModel::nextAutoUpdate(TimePoint after) const {
    if (!autoUpdate.enabled) return std::nullopt;
    // The connector's own clock runs in the practice's local time (TZ).
    const std::time_t base = std::chrono::system_clock::to_time_t(after);
    std::tm day{};
    localtime_r(&base, &day);
    for (int offset = 0; offset <= 8; ++offset) {
        std::tm candidate = day;
        candidate.tm_mday += offset;
        candidate.tm_hour = static_cast<int>(autoUpdate.time.count() / 60);
        candidate.tm_min = static_cast<int>(autoUpdate.time.count() % 60);
        candidate.tm_sec = 0;
        candidate.tm_isdst = -1;
        const std::time_t t = std::mktime(&candidate);
        const int isoWeekday = candidate.tm_wday == 0 ? 7 : candidate.tm_wday;
        const auto at = std::chrono::system_clock::from_time_t(t);
        if (isoWeekday == autoUpdate.weekday && at > after) return at;
    }
    return std::nullopt;
}

const OfferedUpdate* ConnectorModel::autoUpdateCandidate(TimePoint now) const {
    const OfferedUpdate* best = nullptr;
    for (const auto* u : pendingUpdates(now))
        if (u->component == "connector" && (!best || newer(u->version, best->version))) best = u;
    return best;
}

void ConnectorModel::runAutoUpdate(TimePoint at) {
    const auto* candidate = autoUpdateCandidate(at);
    if (!candidate) return;  // nothing to install: the connector does nothing and says nothing
    AutoUpdate::Run run{.at = at, .result = "missed", .reason = "", .updateId = candidate->updateId,
                        .toVersion = candidate->version, .installationId = 0};
    bool alreadyOpen = false;
    for (const auto& i : installations_)
        if (isOpen(i.phase) && i.updateId == candidate->updateId) alreadyOpen = true;
    if (alreadyOpen) return;  // planned or started by a person: that one runs
    if (poweredOff) run.reason = "powered-off";
    else if (broken_) run.reason = "broken";
    else if (down_ || activeInstallation()) run.reason = "busy";
    else if (candidate->download != DownloadState::Downloaded) run.reason = "not-downloaded";
    if (run.reason.empty()) {
        Installation inst;
        inst.id = nextInstallationId_++;
        inst.updateId = candidate->updateId;
        inst.component = "connector";
        inst.toVersion = candidate->version;
        inst.byAutoUpdate = true;
        inst.plannedAt = at;
        installations_.push_back(inst);
        run.result = "started";
        run.installationId = inst.id;
    }
    autoUpdate.runs.push_back(run);
}

void ConnectorModel::reboot(TimePoint now) {
    rebootUntil_ = now + faults.rebootDuration.value_or(settings.rebootDuration);
    down_ = true;
    sessions_.clear();
}

}  // namespace tiservice::sim
