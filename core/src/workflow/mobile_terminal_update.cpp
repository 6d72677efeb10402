// The guided update of the mobile card terminal (mobile_terminal_update.h).

#include "tiservice/workflow/mobile_terminal_update.h"

#include <thread>

#include <QJsonDocument>
#include <QJsonObject>

#include "tiservice/catalog/catalog_source.h"
#include "tiservice/konnektor/mobile_terminal.h"
#include "tiservice/logger.h"
#include "tiservice/store/atomic_file.h"
#include "tiservice/trust/keys.h"
#include "workflow_impl.h"

namespace tiservice::workflow {

std::string mobileTerminalFirmwareTarget(const std::string& productKey, const std::string& version) {
    return "mobile-terminal/" + productKey + "/" + version + ".bin";
}

namespace {

using namespace std::chrono_literals;

/// How a version pair is written in the archive: "4.7.0 / CVC 1.0.0".
std::string versionsText(const FirmwareVersion& firmware, const FirmwareVersion& cvcList) {
    if (cvcList.isUnknown()) return firmware.toString();
    return firmware.toString() + " / CVC " + cvcList.toString();
}

QJsonObject jsonObject(const std::string& text) {
    return QJsonDocument::fromJson(QByteArray::fromStdString(text)).object();
}

/// What the firmware on the update server says it is (its TUF "custom").
struct FirmwareImage {
    trust::TargetInfo target;
    std::string product;
    FirmwareVersion firmware, cvcList;
    std::filesystem::path file;
};

class MobileTerminalUpdate {
public:
    MobileTerminalUpdate(const ConnectionSettings& settings, Ui& ui, const Clock& clock,
                         const MobileTerminalUpdateOptions& options)
        : settings_(settings),
          ui_(ui),
          clock_(clock),
          opt_(options),
          url_(settings.mobileTerminal.url),
          history_(options.stateDir / "history.jsonl"),
          journalPath_(options.stateDir / "mobile-terminal" / "journal.json") {}

    WorkflowResult run();

private:
    // --- the device -------------------------------------------------------------------
    net::ClientOptions deviceOptions(std::chrono::milliseconds total = 30s) const {
        net::ClientOptions o;
        o.peerName = TIS_TEXT("mobile_terminal", "Das mobile Kartenterminal");
        o.maxAttempts = 1;  // the transfer continues by itself where the device stopped
        o.connectTimeout = 3s;
        o.readTimeout = 30s;
        o.totalTimeout = total;
        return o;
    }
    Result<konnektor::MobileTerminalStatus> readDevice() const {
        return konnektor::readMobileTerminal(url_, deviceOptions());
    }

    std::optional<WorkflowResult> whatToInstall();
    std::optional<WorkflowResult> fetchFirmware();
    std::optional<WorkflowResult> ensurePower();
    std::optional<WorkflowResult> transfer();
    std::optional<WorkflowResult> install();
    /// Waits for the device to come back; `resumed`: it may have rebooted while nobody looked.
    WorkflowResult followReboot(bool resumed);
    WorkflowResult confirm(const konnektor::MobileTerminalStatus& after);

    /// Bytes of our image the device already holds (0: none, or another image).
    Result<std::uint64_t> received(net::HttpClient& http) const;
    /// Waits, asking stopRequested; false when asked to stop.
    bool pause(std::chrono::milliseconds d) const;

    // --- journal and archive ----------------------------------------------------------
    std::string archiveName() const { return "mobile-terminal:" + device_.key(); }
    Status save(Step step) {
        journal_->step = std::string(stepId(step));
        journal_->updatedAt = clock_.now();
        auto saved = journal_->save(journalPath_);
        if (saved.ok()) pauseForFaultInjection("mobile-terminal." + journal_->step, stepCounts_);
        return saved;
    }
    JournalItem& item() { return journal_->items.front(); }
    /// The item's end: its state, reason, the archive entries, and the journal is gone.
    WorkflowResult finish(ItemState state, const std::string& reason, WorkflowResult result);
    WorkflowResult failed(const std::string& reason, const Error& e);

    WorkflowResult couldNotStart(const Error& e) const { return {Outcome::CouldNotStart, e.text(), e}; }
    WorkflowResult cancelled() const {
        return {Outcome::Cancelled,
                TIS_TEXT("mobile_terminal_update", "Abgebrochen. Am mobilen Kartenterminal wurde nichts geändert."),
                std::nullopt};
    }

    const ConnectionSettings& settings_;
    CheckedChoices ui_;
    const Clock& clock_;
    const MobileTerminalUpdateOptions& opt_;
    std::string url_;
    UpdateHistory history_;
    std::filesystem::path journalPath_;

    konnektor::MobileTerminalStatus device_;
    std::optional<catalog::ApprovalCatalog> catalog_;
    std::string name_;
    FirmwareVersion wantedFirmware_, wantedCvcList_;
    std::optional<FirmwareImage> image_;
    std::optional<UpdateJournal> journal_;
    std::string sha256_;
    std::map<std::string, int> stepCounts_;  ///< for TISERVICE_FAULT_PAUSE_AT
};

bool MobileTerminalUpdate::pause(std::chrono::milliseconds d) const {
    const auto until = std::chrono::steady_clock::now() + d;
    while (std::chrono::steady_clock::now() < until) {
        if (opt_.stopRequested && opt_.stopRequested()) return false;
        std::this_thread::sleep_for(std::min<std::chrono::milliseconds>(50ms, d));
    }
    return true;
}

WorkflowResult MobileTerminalUpdate::run() {
    if (url_.empty())
        return couldNotStart(
            Error{.code = "mobile-terminal.not-configured",
                  .message = TIS_TEXT("mobile_terminal_update", "Es ist kein mobiles Kartenterminal eingerichtet."),
                  .action = TIS_TEXT("mobile_terminal_update",
                                     "In den Einstellungen unter [mobile_terminal] die Adresse des Geräts eintragen."),
                  .detail = "[mobile_terminal] url"});
    auto stored = UpdateJournal::read(journalPath_);
    if (!stored.ok()) return couldNotStart(stored.error());
    journal_ = std::move(stored).value();
    // A run that ended but could not write the archive (a full disk): what the archive lacks first.
    if (journal_ && !journal_->items.empty() && isFinished(item().state)) {
        bool wrote = false;
        if (auto s = recordDueEvents(history_, *journal_, journal_->connector, clock_.now(), wrote); !s.ok())
            return couldNotStart(s.error());
        std::error_code ec;
        std::filesystem::remove(journalPath_, ec);
        journal_.reset();
    }

    auto read = readDevice();
    if (!read.ok() && journal_ && journal_->step == stepId(Step::Installing)) {
        // It took the firmware before this PC or program was switched off: it may be restarting now.
        const auto until = std::chrono::steady_clock::now() + opt_.rebootTimeout;
        while (!read.ok() && std::chrono::steady_clock::now() < until) {
            ui_.progress(
                {"reboot", TIS_TEXT("mobile_terminal_update", "Das Gerät startet neu"), std::nullopt, std::nullopt});
            if (!pause(opt_.pollInterval)) break;
            read = readDevice();
        }
    }
    if (!read.ok()) {
        auto e = read.error();
        e.action = TIS_TEXT("mobile_terminal_update",
                            "Das Gerät in seine Ladeschale stellen oder per USB an diesen PC anschließen, dann erneut "
                            "starten.");
        if (journal_ && journal_->step == stepId(Step::Installing))
            e.message = TIS_TEXT("mobile_terminal_update",
                                 "Das mobile Kartenterminal hat die Firmware angenommen und meldet sich noch nicht "
                                 "zurück (es startet vielleicht gerade neu).");
        return couldNotStart(e);
    }
    device_ = std::move(read).value();
    if (auto r = whatToInstall()) return *r;

    // A run stopped after the device took the firmware: only confirm and record it.
    if (journal_ && journal_->step == stepId(Step::Installing) && !journal_->items.empty()) return followReboot(true);
    // A run stopped earlier left nothing on the device but a part of the image: a new run
    // continues that transfer, and the archive keeps its one "started".
    if (journal_ && (journal_->items.empty() ||
                     journal_->items.front().toVersion != versionsText(wantedFirmware_, wantedCvcList_))) {
        // The catalog asks for another version now: the stopped run gets its end, once.
        (void)finish(ItemState::Failed, "transfer-interrupted", {});
        journal_.reset();
        std::error_code ec;
        std::filesystem::remove(journalPath_, ec);
    }

    if (auto r = fetchFirmware()) return *r;
    if (auto r = ensurePower()) return *r;

    const auto question =
        TIS_TEXT("mobile_terminal_update",
                 "%1 erhält Firmware %2 mit %3 %4 (bisher %5). Die Übertragung dauert einige Minuten, danach startet "
                 "das Gerät neu.\n\nWährenddessen das Gerät NICHT aus der Ladeschale nehmen und das Kabel NICHT "
                 "ziehen. Karten können in dieser Zeit nicht gelesen werden.\n\nJetzt übertragen?")
            .arg(name_, wantedFirmware_.toString(), TIS_TEXT("mobile_terminal_update", "CVC-Zertifikatsliste"),
                 wantedCvcList_.toString(), versionsText(device_.firmwareVersion, device_.cvcListVersion));
    auto answer = ui_.ask({"mobile-terminal.confirm",
                           Question::Kind::Choice,
                           question,
                           {{"start", TIS_TEXT("mobile_terminal_update", "Verstanden – jetzt übertragen")},
                            {"cancel", TIS_TEXT("mobile_terminal_update", "Abbrechen")}},
                           "cancel"});
    if (!answer || *answer != "start") return cancelled();

    if (!journal_) {
        journal_ = UpdateJournal{};
        journal_->id = newRunId();
        journal_->connector = archiveName();
        journal_->clientSystemId = settings_.connector.context.clientSystemId;
        journal_->workplaceId = settings_.connector.context.workplaceId;
        JournalItem i;
        i.updateId = "firmware-" + wantedFirmware_.toString();
        i.component = "mobile-terminal";
        i.name = name_;
        i.fromVersion = versionsText(device_.firmwareVersion, device_.cvcListVersion);
        i.toVersion = versionsText(wantedFirmware_, wantedCvcList_);
        journal_->items.push_back(i);
    }
    if (item().state == ItemState::Pending) {
        // The transfer is the start: from here the archive says it was begun.
        item().moveTo(ItemState::Started);
        item().startedAt = clock_.now();
    }
    if (auto s = save(Step::Starting); !s.ok()) return couldNotStart(s.error());
    if (auto s = recordInArchive(history_, *journal_, item(), "started", archiveName(), clock_.now()); !s.ok())
        return couldNotStart(s.error());
    if (auto s = save(Step::Starting); !s.ok()) return couldNotStart(s.error());

    if (auto r = transfer()) return *r;
    if (auto r = install()) return *r;
    return followReboot(false);
}

std::optional<WorkflowResult> MobileTerminalUpdate::whatToInstall() {
    // A fresh catalog when the update server answers, else the last verified one.
    auto loaded = catalog::loadApprovalCatalog(settings_, opt_.stateDir, clock_);
    if (!loaded.ok()) return couldNotStart(loaded.error());
    catalog_ = std::move(loaded->catalog);
    const auto* product = catalog_->find(device_.key());
    name_ = catalog::productName(&*catalog_, device_.key());
    if (name_.empty()) name_ = device_.productName.empty() ? device_.key() : device_.productName;
    if (!product || product->type != ComponentType::MobileTerminal)
        return couldNotStart(Error{
            .code = "mobile-terminal.unknown-product",
            .message =
                TIS_TEXT("mobile_terminal_update", "Für %1 kennt der Zulassungskatalog keine Firmware.").arg(name_),
            .action = TIS_TEXT("mobile_terminal_update", "Bitte den Support anrufen: %1")
                          .arg(supportText(&*catalog_, settings_.practice.customerType)),
            .detail = device_.key()});
    wantedFirmware_ = product->recommendedFor(device_.firmwareVersion);
    if (wantedFirmware_.isUnknown() || wantedFirmware_ < device_.firmwareVersion)
        wantedFirmware_ = device_.firmwareVersion;
    wantedCvcList_ = device_.cvcListVersion;
    for (const auto& r : product->requirements)
        if (r.id == "cvc-list")
            if (auto v = FirmwareVersion::parse(r.version);
                v.ok() && (wantedCvcList_.isUnknown() || wantedCvcList_ < *v))
                wantedCvcList_ = *v;
    const bool firmwareCurrent = !(device_.firmwareVersion < wantedFirmware_);
    const bool listCurrent = !device_.cvcListVersion.isUnknown() && !(device_.cvcListVersion < wantedCvcList_);
    if (firmwareCurrent && listCurrent && !(journal_ && journal_->step == stepId(Step::Installing))) {
        if (journal_ && !journal_->items.empty()) {
            // A transfer stopped before the device took it, and the firmware came another way
            // (another PC): this run's "started" gets its end, once.
            (void)finish(ItemState::Failed, "transfer-interrupted", {});
        } else if (journal_) {
            journal_.reset();
            std::error_code ec;
            std::filesystem::remove(journalPath_, ec);
        }
        return WorkflowResult{
            Outcome::NothingToDo,
            TIS_TEXT("mobile_terminal_update", "%1 ist aktuell: Firmware %2, %3 %4. Es ist nichts zu tun.")
                .arg(name_, device_.firmwareVersion.toString(),
                     TIS_TEXT("mobile_terminal_update", "CVC-Zertifikatsliste"), device_.cvcListVersion.toString()),
            std::nullopt};
    }
    return std::nullopt;
}

std::optional<WorkflowResult> MobileTerminalUpdate::fetchFirmware() {
    net::ClientOptions http;
    http.maxAttempts = 3;
    auto server = catalog::openUpdateServer(settings_, opt_.stateDir, clock_, http);
    if (!server.ok()) return couldNotStart(server.error());
    const auto path = mobileTerminalFirmwareTarget(device_.key(), wantedFirmware_.toString());
    auto target = (*server)->findTarget(path);
    if (!target.ok()) {
        auto e = target.error();
        e.message = TIS_TEXT("mobile_terminal_update", "Die Firmware %1 für %2 liegt auf dem Update-Server nicht vor.")
                        .arg(wantedFirmware_.toString(), name_);
        e.action = TIS_TEXT("mobile_terminal_update", "Später erneut versuchen; bleibt es so, den Support anrufen: %1")
                       .arg(supportText(&*catalog_, settings_.practice.customerType));
        return couldNotStart(e);
    }
    // Signed for what it is: another device's or another version's firmware is never sent.
    const auto custom = jsonObject(target->file.customJson);
    FirmwareImage img{.target = *target, .product = custom.value("product").toString().toStdString()};
    if (auto v = FirmwareVersion::parse(custom.value("firmwareVersion").toString().toStdString()); v.ok())
        img.firmware = *v;
    if (auto v = FirmwareVersion::parse(custom.value("cvcListVersion").toString().toStdString()); v.ok())
        img.cvcList = *v;
    if (img.product != device_.key() || img.firmware.isUnknown() || img.firmware != wantedFirmware_ ||
        img.cvcList.isUnknown() || img.cvcList < wantedCvcList_)
        return couldNotStart(Error{
            .code = "mobile-terminal.wrong-firmware",
            .message = TIS_TEXT("mobile_terminal_update",
                                "Die Firmware auf dem Update-Server passt nicht zu diesem Gerät; sie wird nicht "
                                "übertragen. Am mobilen Kartenterminal wurde nichts geändert."),
            .action = TIS_TEXT("mobile_terminal_update", "Bitte den Support anrufen: %1")
                          .arg(supportText(&*catalog_, settings_.practice.customerType)),
            .detail = "target " + path + " is for product '" + img.product + "' firmware '" + img.firmware.toString() +
                      "' cvc list '" + img.cvcList.toString() + "'; device " + device_.key()});
    const auto destination =
        opt_.stateDir / "cache" / "mobile-terminal" / (device_.key() + "-" + img.firmware.toString() + ".bin");
    ui_.progress({"download", TIS_TEXT("mobile_terminal_update", "Firmware wird vom Update-Server geladen und geprüft"),
                  std::nullopt, std::nullopt});
    auto file = (*server)->download(*target, destination);
    if (!file.ok()) return couldNotStart(file.error());
    img.file = *file;
    auto it = target->file.hashes.find("sha256");
    if (it != target->file.hashes.end()) sha256_ = it->second;
    else {
        auto bytes = store::readFile(img.file, 512 * 1024 * 1024);
        if (!bytes.ok()) return couldNotStart(bytes.error());
        sha256_ = trust::hashHex("sha256", *bytes);
    }
    image_ = std::move(img);
    return std::nullopt;
}

std::optional<WorkflowResult> MobileTerminalUpdate::ensurePower() {
    for (int asked = 0;; ++asked) {
        if (device_.docked || device_.batteryPercent >= opt_.minimumBatteryPercent) return std::nullopt;
        if (asked == 3) return cancelled();
        const auto battery =
            device_.batteryPercent < 0
                ? TIS_TEXT("mobile_terminal_update", "Der Akkustand ist unbekannt")
                : TIS_TEXT("mobile_terminal_update", "Der Akku ist zu %1 % geladen").arg(device_.batteryPercent);
        auto answer = ui_.ask(
            {"mobile-terminal.dock",
             Question::Kind::Choice,
             TIS_TEXT("mobile_terminal_update",
                      "%1, und das Gerät steht nicht in der Ladeschale. Damit die Übertragung nicht abbricht, das "
                      "Gerät bitte in die Ladeschale stellen (oder auf mindestens %2 % laden).")
                 .arg(battery, opt_.minimumBatteryPercent),
             {{"retry", TIS_TEXT("mobile_terminal_update", "Steht in der Ladeschale – erneut prüfen")},
              {"cancel", TIS_TEXT("mobile_terminal_update", "Abbrechen")}},
             "retry"});
        if (!answer || *answer != "retry") return cancelled();
        auto read = readDevice();
        if (!read.ok()) return couldNotStart(read.error());
        device_ = std::move(read).value();
    }
}

Result<std::uint64_t> MobileTerminalUpdate::received(net::HttpClient& http) const {
    auto r = http.sendExpectingSuccess(net::Request{.method = "GET", .url = url_ + "/firmware"});
    if (!r.ok()) return r.error();
    const auto o = jsonObject(r->body);
    if (o.value("sha256").toString().toStdString() != sha256_) return std::uint64_t{0};
    const auto n = o.value("received").toInteger(0);
    return n > 0 && static_cast<std::uint64_t>(n) <= image_->target.file.length ? static_cast<std::uint64_t>(n) : 0;
}

std::optional<WorkflowResult> MobileTerminalUpdate::transfer() {
    auto bytes = store::readFile(image_->file, 512 * 1024 * 1024);
    if (!bytes.ok()) return failed("transfer-failed", bytes.error());
    const std::string& data = *bytes;
    const std::uint64_t size = data.size();
    net::HttpClient http(deviceOptions());
    std::uint64_t offset = 0;
    if (auto r = received(http); r.ok()) offset = *r;
    if (offset > 0) log::logger()->info("mobile terminal: continuing the transfer at byte {} of {}", offset, size);
    int cut = 0;
    int batteryLow = 0;
    int mismatches = 0;
    const auto began = std::chrono::steady_clock::now();
    const std::uint64_t first = offset;
    while (offset < size) {
        if (opt_.stopRequested && opt_.stopRequested())
            return failed("transfer-interrupted",
                          Error{.code = "mobile-terminal.stopped",
                                .message = TIS_TEXT("mobile_terminal_update", "Die Übertragung wurde beendet."),
                                .action = {},
                                .detail = "stop requested"});
        const auto n = std::min<std::uint64_t>(opt_.partBytes, size - offset);
        net::Request put{.method = "PUT",
                         .url = url_ + "/firmware",
                         .headers = {{"Content-Type", "application/octet-stream"},
                                     {"Content-Range", "bytes " + std::to_string(offset) + "-" +
                                                           std::to_string(offset + n - 1) + "/" + std::to_string(size)},
                                     {"X-Firmware-Sha256", sha256_}},
                         .body = data.substr(offset, n),
                         .idempotent = false};
        auto r = http.send(put);
        std::optional<Error> problem;
        if (!r.ok()) problem = r.error();
        else if (r->status == 200) {
            offset += n;
        } else {
            const auto o = jsonObject(r->body);
            const auto code = o.value("error").toString().toStdString();
            if (code == "offset-mismatch" && ++mismatches <= 20) {
                // Where the device stands: go on from there (never past the end).
                offset = std::min<std::uint64_t>(
                    size, static_cast<std::uint64_t>(std::max<qint64>(0, o.value("received").toInteger(0))));
                if (!pause(std::chrono::milliseconds(20))) continue;
                continue;
            }
            if (code == "battery-low" && ++batteryLow <= 3) {
                // Taken off the dock during the transfer: ask for it again, then go on.
                if (auto read = readDevice(); read.ok()) device_ = std::move(read).value();
                device_.docked = false;
                device_.batteryPercent = std::min(device_.batteryPercent, opt_.minimumBatteryPercent - 1);
                if (auto stop = ensurePower())
                    return failed("battery-low",
                                  Error{.code = "mobile-terminal.battery-low",
                                        .message = TIS_TEXT("mobile_terminal_update",
                                                            "Die Übertragung wurde abgebrochen: der Akku "
                                                            "des Geräts ist zu schwach."),
                                        .action = TIS_TEXT("mobile_terminal_update",
                                                           "Das Gerät in die Ladeschale stellen und das "
                                                           "Update erneut starten; es geht dort weiter, "
                                                           "wo es stand."),
                                        .detail = "battery low during transfer"});
                continue;
            }
            problem = Error{
                .code = "mobile-terminal.transfer-refused",
                .message = TIS_TEXT("mobile_terminal_update", "Das mobile Kartenterminal nimmt die Firmware nicht an."),
                .action = {},
                .detail = "HTTP " + std::to_string(r->status) + " " + r->body.substr(0, 200)};
            return failed("transfer-failed", *problem);
        }
        if (problem) {
            // The cable was pulled or the device went away: wait a moment and go on where it stopped.
            if (++cut > opt_.transferAttempts) return failed("transfer-interrupted", *problem);
            log::logger()->warn("mobile terminal: transfer cut at byte {} ({}), attempt {}", offset,
                                problem->describe(Language::English), cut);
            ui_.progress({"transfer",
                          TIS_TEXT("mobile_terminal_update",
                                   "Verbindung zum Gerät unterbrochen – die Übertragung geht gleich dort weiter, wo "
                                   "sie stand"),
                          static_cast<int>(offset * 100 / size), std::nullopt});
            if (!pause(opt_.pollInterval)) continue;
            net::HttpClient again(deviceOptions());
            if (auto at = received(again); at.ok()) offset = *at;
            continue;
        }
        const auto elapsed = std::chrono::steady_clock::now() - began;
        std::optional<std::chrono::seconds> left;
        if (offset > first && elapsed > 1s)
            left = std::chrono::duration_cast<std::chrono::seconds>(elapsed * (size - offset) / (offset - first));
        ui_.progress({"transfer", TIS_TEXT("mobile_terminal_update", "Firmware wird auf das Gerät übertragen"),
                      static_cast<int>(offset * 100 / size), left});
    }
    return std::nullopt;
}

std::optional<WorkflowResult> MobileTerminalUpdate::install() {
    net::HttpClient http(deviceOptions(60s));
    QJsonObject body{{"sha256", QString::fromStdString(sha256_)}};
    auto r = http.send(net::Request{.method = "POST",
                                    .url = url_ + "/firmware/install",
                                    .headers = {{"Content-Type", "application/json"}},
                                    .body = QJsonDocument(body).toJson(QJsonDocument::Compact).toStdString(),
                                    .idempotent = false});
    if (!r.ok()) {
        // The answer may be lost while the device already installs: follow it, it tells.
        log::logger()->warn("mobile terminal: no answer to the install request: {}",
                            r.error().describe(Language::English));
    } else if (r->status != 202 && r->status != 200) {
        const auto o = jsonObject(r->body);
        const auto code = o.value("error").toString().toStdString();
        const auto said = o.value("message").toObject();
        auto e = Error{.code = "mobile-terminal.install-refused",
                       .message = TIS_TEXT("mobile_terminal_update",
                                           "Das mobile Kartenterminal hat die Firmware geprüft und abgelehnt; es "
                                           "arbeitet mit der bisherigen Version weiter."),
                       .action = TIS_TEXT("mobile_terminal_update", "Bitte den Support anrufen: %1")
                                     .arg(supportText(&*catalog_, settings_.practice.customerType)),
                       .detail = "HTTP " + std::to_string(r->status) + " " + code + ": " +
                                 said.value("en").toString().toStdString()};
        return failed(code == "wrong-product" ? "wrong-firmware" : "refused-by-device", e);
    }
    if (auto s = save(Step::Installing); !s.ok()) return failed("transfer-failed", s.error());
    return std::nullopt;
}

WorkflowResult MobileTerminalUpdate::followReboot(bool resumed) {
    ui_.notice(
        {"mobile-terminal.installing", Severity::Warning,
         TIS_TEXT("mobile_terminal_update", "Firmware wird installiert"),
         TIS_TEXT("mobile_terminal_update",
                  "Das Gerät installiert die Firmware und startet neu. Bitte nicht aus der Ladeschale nehmen.")});
    const auto until = std::chrono::steady_clock::now() + opt_.rebootTimeout;
    bool away = resumed;
    int oldAfterBack = 0;  // readings of the old versions after it was away: one alone is no proof
    while (std::chrono::steady_clock::now() < until) {
        net::ClientOptions quick = deviceOptions(5s);
        quick.connectTimeout = 1s;
        auto st = konnektor::readMobileTerminal(url_, quick);
        if (!st.ok()) {
            away = true;
            ui_.progress(
                {"reboot", TIS_TEXT("mobile_terminal_update", "Das Gerät startet neu"), std::nullopt, std::nullopt});
        } else {
            const bool isNew = !(st->firmwareVersion < wantedFirmware_) && !st->cvcListVersion.isUnknown() &&
                               !(st->cvcListVersion < wantedCvcList_);
            // Back with the new versions, or back after its reboot with the old ones, three times.
            if (isNew || (away && ++oldAfterBack >= 3)) return confirm(*st);
        }
        if (!pause(opt_.pollInterval))
            return {Outcome::CouldNotStart,
                    TIS_TEXT("mobile_terminal_update",
                             "Das Gerät installiert weiter. Beim nächsten Start wird das Ergebnis geprüft und "
                             "eingetragen."),
                    std::nullopt};
    }
    return failed(
        "device-not-back",
        Error{.code = "mobile-terminal.not-back",
              .message = TIS_TEXT("mobile_terminal_update",
                                  "Das mobile Kartenterminal meldet sich nach der Installation "
                                  "nicht zurück."),
              .action =
                  TIS_TEXT("mobile_terminal_update", "Das Gerät in der Ladeschale lassen und den Support anrufen: %1")
                      .arg(supportText(catalog_ ? &*catalog_ : nullptr, settings_.practice.customerType)),
              .detail = "no answer within the reboot timeout"});
}

WorkflowResult MobileTerminalUpdate::confirm(const konnektor::MobileTerminalStatus& after) {
    device_ = after;
    const auto now = versionsText(after.firmwareVersion, after.cvcListVersion);
    const bool isNew = !(after.firmwareVersion < wantedFirmware_) && !after.cvcListVersion.isUnknown() &&
                       !(after.cvcListVersion < wantedCvcList_);
    if (!isNew)
        return failed(
            "device-version-not-confirmed",
            Error{.code = "mobile-terminal.version-not-confirmed",
                  .message = TIS_TEXT("mobile_terminal_update",
                                      "Das Gerät meldet nach dem Neustart %1 statt %2; das Update hat "
                                      "nicht gewirkt.")
                                 .arg(now, versionsText(wantedFirmware_, wantedCvcList_)),
                  .action = TIS_TEXT("mobile_terminal_update", "Bitte den Support anrufen: %1")
                                .arg(supportText(catalog_ ? &*catalog_ : nullptr, settings_.practice.customerType)),
                  .detail = now});
    return finish(
        ItemState::Succeeded, "",
        {Outcome::Succeeded,
         TIS_TEXT("mobile_terminal_update",
                  "%1 ist aktualisiert: Firmware %2, %3 %4. Es liest jetzt auch die neueste "
                  "Kartengeneration. Im Update-Archiv eingetragen.")
             .arg(name_, after.firmwareVersion.toString(), TIS_TEXT("mobile_terminal_update", "CVC-Zertifikatsliste"),
                  after.cvcListVersion.toString()),
         std::nullopt});
}

WorkflowResult MobileTerminalUpdate::failed(const std::string& reason, const Error& e) {
    return finish(ItemState::Failed, reason, {Outcome::Failed, e.text(), e});
}

WorkflowResult MobileTerminalUpdate::finish(ItemState state, const std::string& reason, WorkflowResult result) {
    if (!journal_ || journal_->items.empty()) return result;
    auto& i = item();
    if (i.moveTo(state)) {
        i.reason = reason;
        i.finishedAt = clock_.now();
    }
    bool wrote = false;
    const auto recorded = recordDueEvents(history_, *journal_, archiveName(), clock_.now(), wrote);
    if (!recorded.ok()) {
        // The journal stays: the next run writes what the archive lacks. Never "recorded".
        (void)save(Step::Recording);
        return {Outcome::Failed,
                LocalizedText(recorded.error().text())
                    .append(TIS_TEXT("mobile_terminal_update",
                                     "Der Eintrag im Update-Archiv fehlt noch; er wird beim nächsten Start des Updates "
                                     "nachgetragen. Am Gerät ist nichts mehr zu tun."),
                            "\n"),
                recorded.error()};
    }
    std::error_code ec;
    std::filesystem::remove(journalPath_, ec);
    journal_.reset();
    return result;
}

}  // namespace

WorkflowResult updateMobileTerminal(const ConnectionSettings& settings, Ui& ui, const Clock& clock,
                                    const MobileTerminalUpdateOptions& options) {
    return MobileTerminalUpdate(settings, ui, clock, options).run();
}

}  // namespace tiservice::workflow
