#include "tiservice/engine/fleet_check.h"

#include <algorithm>
#include <atomic>
#include <map>
#include <thread>

#include "tiservice/catalog/catalog_source.h"
#include "tiservice/konnektor/connector_reader.h"
#include "tiservice/logger.h"
#include "tiservice/net/http_client.h"
#include "tiservice/paths.h"
#include "tiservice/store/atomic_file.h"

namespace tiservice::engine {
namespace {

using assess::ComponentStatus;

int rankOf(ComponentStatus s) {
    switch (s) {
        case ComponentStatus::Blocked: return 0;
        case ComponentStatus::Expired: return 1;
        case ComponentStatus::ApprovalEnds: return 3;
        case ComponentStatus::UpdateAvailable: return 4;
        case ComponentStatus::NotConnected:
        case ComponentStatus::Unknown: return 5;
        case ComponentStatus::Current: return 6;
    }
    return 5;
}

Error tooSlow(std::chrono::milliseconds limit, const std::string& sdsUrl) {
    return Error{"fleet.too-slow",
                 TIS_TEXT("fleet", "Der Konnektor hat nicht innerhalb von %1 Sekunden geantwortet.")
                     .arg(static_cast<long long>(std::chrono::duration_cast<std::chrono::seconds>(limit).count())),
                 TIS_TEXT("fleet", "Später noch einmal prüfen; bleibt es so, die Praxis anrufen."), sdsUrl};
}

/// The update servers of the fleet: one folder each, the catalog verified there once.
struct UpdateServers {
    std::map<std::string, std::filesystem::path> folders;

    std::filesystem::path folderFor(const ConnectionSettings& s, const std::filesystem::path& base) {
        const std::string key = s.updateServer.metadataUrl + "\n" + tiservice::utf8Of(s.updateServer.trustedRoot);
        auto it = folders.find(key);
        if (it == folders.end())
            it = folders.emplace(key, base / ("update-server-" + std::to_string(folders.size() + 1))).first;
        return it->second;
    }
};

Error practiceListError(const std::filesystem::path& file, const LocalizedText& what, std::string detail) {
    return Error{"fleet.practice-list",
                 TIS_TEXT("fleet", "Die Praxisliste %1 ist ungültig: %2").arg(tiservice::utf8Of(file), what),
                 TIS_TEXT("fleet",
                          "Die Liste korrigieren: je Praxis ein Abschnitt [Name] mit Zeilen wie "
                          "connector.sds_url = https://…"),
                 std::move(detail)};
}

/// A practice's settings from the list, checked as a tiservice.ini is; an error names the
/// practice and the setting as the list writes it ("[Praxis Dr. Meier] connector.sds_url").
Result<ConnectionSettings> practiceSettings(const FleetPractice& p) {
    auto checked =
        connectionSettingsFrom(*p.values, p.settingsFile, [&](std::string_view section, std::string_view key) {
            return "[" + p.name + "] " + std::string(section) + "." + std::string(key);
        });
    if (checked.ok()) return checked;
    Error e = checked.error();
    e.action = TIS_TEXT("fleet", "Die Einstellung „%1“ in der Praxisliste %2 korrigieren.")
                   .arg(e.detail, tiservice::utf8Of(p.settingsFile));
    return e;
}

}  // namespace

Result<std::vector<FleetPractice>> loadPracticeList(const std::filesystem::path& file) {
    auto text = store::readFile(file, 64 * 1024 * 1024);
    if (!text.ok())
        return Error{"fleet.practice-list-missing",
                     TIS_TEXT("fleet", "Die Praxisliste %1 fehlt oder ist nicht lesbar.").arg(tiservice::utf8Of(file)),
                     TIS_TEXT("fleet", "Pfad und Rechte der Datei prüfen."), tiservice::utf8Of(file)};
    SettingValues common;
    std::vector<FleetPractice> practices;
    std::map<std::string, std::size_t> named;  // lower-case name → index, for doubles
    std::optional<Error> wrong;
    const auto read = IniFile::read(*text, [&](std::string_view section, std::string_view key, std::string value) {
        if (wrong) return;
        const auto dot = key.find('.');
        if (dot == std::string_view::npos || dot == 0 || dot + 1 == key.size()) {
            const std::string where =
                section.empty() ? std::string(key) : "[" + std::string(section) + "] " + std::string(key);
            wrong = practiceListError(
                file,
                TIS_TEXT("fleet", "„%1“ – erwartet wird Abschnitt.Name, zum Beispiel connector.sds_url").arg(where),
                where);
            return;
        }
        const auto group = key.substr(0, dot), name = key.substr(dot + 1);
        // A setting given twice (or a practice's section written twice, one after the other):
        // which one was meant nobody can tell.
        const auto twice = [&](const SettingValues& values) {
            if (!values.get(group, name)) return false;
            const std::string where =
                section.empty() ? std::string(key) : "[" + std::string(section) + "] " + std::string(key);
            wrong = practiceListError(file, TIS_TEXT("fleet", "„%1“ steht zweimal darin").arg(where), where);
            return true;
        };
        if (section.empty()) {
            if (!twice(common)) common.set(group, name, std::move(value));
            return;
        }
        std::string lowered(section);
        std::transform(lowered.begin(), lowered.end(), lowered.begin(),
                       [](unsigned char c) { return std::tolower(c); });
        auto [at, fresh] = named.emplace(lowered, practices.size());
        if (fresh) practices.push_back({std::string(section), file, SettingValues{}});
        else if (at->second + 1 != practices.size()) {  // a second section of the same name
            wrong = practiceListError(
                file, TIS_TEXT("fleet", "die Praxis [%1] steht zweimal darin").arg(std::string(section)),
                std::string(section));
            return;
        }
        if (!twice(*practices[at->second].values)) practices[at->second].values->set(group, name, std::move(value));
    });
    if (!read.ok()) {
        Error e = read.error();  // the line, named for tiservice.ini: name the list instead
        for (auto* t : {&e.message.de, &e.message.en})
            if (const auto at = t->find("tiservice.ini"); at != std::string::npos)
                t->replace(at, 13, tiservice::utf8Of(file));
        return e;
    }
    if (wrong) return *wrong;
    if (practices.empty())
        return practiceListError(file, TIS_TEXT("fleet", "sie nennt keine Praxis (ein Abschnitt [Name] je Praxis)"),
                                 tiservice::utf8Of(file));
    // A practice's section names each setting it has; the rest comes from the top of the list.
    for (auto& p : practices)
        for (const auto& [group, keys] : common.sections())
            for (const auto& [key, value] : keys)
                if (!p.values->get(group, key)) p.values->set(group, key, value);
    return practices;
}

std::optional<TimePoint> FleetResult::earliestDeadline() const {
    std::optional<TimePoint> first;
    if (report)
        for (const auto& f : report->findings)
            if (f.deadline && (!first || *f.deadline < *first)) first = f.deadline;
    return first;
}

std::optional<Error> FleetResult::notCheckable() const {
    if (!report) return error;
    if (report->catalog || report->overall == ComponentStatus::Expired || report->overall == ComponentStatus::Blocked)
        return std::nullopt;
    return report->catalogError;
}

int fleetRank(const FleetResult& r) {
    if (r.notCheckable()) return 2;  // not checkable: after blocked and expired, before everything else
    return rankOf(r.report->overall);
}

std::vector<FleetResult> checkFleet(const std::vector<FleetPractice>& practices, const FleetOptions& options,
                                    const Clock& clock) {
    std::vector<FleetResult> results(practices.size());
    std::vector<std::optional<ConnectionSettings>> settings(practices.size());
    std::vector<std::filesystem::path> folders(practices.size());
    UpdateServers servers;
    // Read every settings file, and verify each update server's catalog once, before any
    // connector is asked.
    std::map<std::filesystem::path, std::optional<catalog::LoadedCatalog>> catalogs;
    std::map<std::filesystem::path, Error> catalogFailures;  // why a server has none: named in each of its rows
    for (std::size_t i = 0; i < practices.size(); ++i) {
        results[i].practice = practices[i];
        auto s =
            practices[i].values ? practiceSettings(practices[i]) : loadConnectionSettings(practices[i].settingsFile);
        if (!s.ok()) {
            results[i].error = s.error();
            continue;
        }
        results[i].sdsUrl = s->connector.sdsUrl;
        folders[i] = servers.folderFor(*s, options.stateDir);
        if (!catalogs.count(folders[i])) {
            auto c = catalog::loadApprovalCatalog(*s, folders[i], clock, true);
            if (c.ok()) catalogs[folders[i]] = std::move(c).value();
            else {
                catalogs[folders[i]] = std::nullopt;
                catalogFailures.emplace(folders[i], c.error());
                log::logger()->warn("fleet: no verified catalog from {}: {}", s->updateServer.metadataUrl,
                                    c.error().describe(Language::English));
            }
        }
        settings[i] = std::move(s).value();
    }

    std::atomic<std::size_t> next{0};
    const auto work = [&] {
        for (std::size_t i; (i = next.fetch_add(1)) < practices.size();) {
            if (!settings[i]) continue;
            const auto started = std::chrono::steady_clock::now();
            const auto deadline = started + options.perConnector;
            // Every request of this check ends at the practice's deadline, whatever the network does.
            const net::ThreadCancellation cancellation(
                [deadline] { return std::chrono::steady_clock::now() >= deadline; });
            auto& r = results[i];
            auto http = konnektor::connectorClientOptions(*settings[i]);  // no prompt: a secret must be in a file
            if (!http.ok()) {
                r.error = http.error();
            } else {
                http->connectTimeout = std::min(http->connectTimeout, options.perConnector);
                http->readTimeout = std::min(http->readTimeout, options.perConnector);
                http->totalTimeout = std::min(http->totalTimeout, options.perConnector);
                // The catalog verified above, shared (read only) by every check of this update server;
                // without one, each check says so (catalogError) as `tiservice status` does.
                const auto& shared = catalogs.at(folders[i]);
                auto report = runStatusCheck(*settings[i], *http, folders[i], clock,
                                             {.refreshCatalog = false, .catalog = shared ? &*shared : nullptr});
                if (report.ok()) {
                    r.report = std::move(report).value();
                    // The check itself only finds no catalog in the folder; why there is none
                    // (the update server not reachable, a bad signature) is what to tell.
                    if (const auto why = catalogFailures.find(folders[i]);
                        !r.report->catalog && why != catalogFailures.end())
                        r.report->catalogError = why->second;
                } else if (std::chrono::steady_clock::now() >= deadline ||
                           report.error().code == net::errors::kCancelled)
                    r.error = tooSlow(options.perConnector, r.sdsUrl);
                else r.error = report.error();
            }
            r.took = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - started);
        }
    };
    const std::size_t threads =
        std::clamp<std::size_t>(options.parallel, 1, std::max<std::size_t>(practices.size(), 1));
    {
        std::vector<std::jthread> pool;
        pool.reserve(threads);
        for (std::size_t t = 0; t < threads; ++t) pool.emplace_back(work);
    }
    std::stable_sort(results.begin(), results.end(), [](const FleetResult& a, const FleetResult& b) {
        if (fleetRank(a) != fleetRank(b)) return fleetRank(a) < fleetRank(b);
        const auto da = a.earliestDeadline(), db = b.earliestDeadline();
        if (da != db) return da && (!db || *da < *db);
        return a.practice.name < b.practice.name;
    });
    return results;
}

}  // namespace tiservice::engine
