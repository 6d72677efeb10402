// The KoCoBox MED+ driver: docs/kocobox-management-api.md.

#include <algorithm>

#include "tiservice/konnektor/kocobox_password_policy.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include "tiservice/konnektor/driver.h"
#include "tiservice/log.h"

namespace tiservice::konnektor {

Driver::~Driver() = default;

Result<Installation> Driver::reschedule(const std::string& updateId, TimePoint) {
    return Error{.code = "driver.cannot-move",
                 .message = TIS_TEXT("kocobox_driver", "Dieser Konnektor kann ein geplantes Update nicht verschieben."),
                 .action = TIS_TEXT("kocobox_driver", "Das geplante Update absagen und neu planen."),
                 .detail = updateId};
}

namespace {

QString q(const std::string& s) { return QString::fromStdString(s); }
std::string s(const QJsonObject& o, const char* k) { return o.value(QLatin1String(k)).toString().toStdString(); }
LocalizedText text(const QJsonObject& o, const char* k) {
    const auto t = o.value(QLatin1String(k)).toObject();
    return LocalizedText::fromData(s(t, "de"), s(t, "en"));
}
FirmwareVersion version(const std::string& v) {
    auto r = FirmwareVersion::parse(v);
    return r.ok() ? *r : FirmwareVersion{};
}
std::optional<TimePoint> time(const QJsonObject& o, const char* k) { return parseUtc(s(o, k)); }

Installation installation(const QJsonObject& o) {
    Installation i;
    const auto st = s(o, "state");
    i.state = st == "installing"  ? Installation::State::Installing
              : st == "rebooting" ? Installation::State::Rebooting
              : st == "succeeded" ? Installation::State::Succeeded
              : st == "failed"    ? Installation::State::Failed
              : st == "broken"    ? Installation::State::Broken
                                  : Installation::State::Planned;
    const auto id = o.value("id");
    i.id = id.isDouble() ? std::to_string(id.toInteger()) : id.toString().toStdString();
    i.updateId = s(o, "updateId");
    i.component = s(o, "component");
    i.fromVersion = version(s(o, "fromVersion"));
    i.toVersion = version(s(o, "toVersion"));
    i.percent = o.value("percent").toInt();
    const auto by = o.value("startedBy").toObject();
    i.clientSystemId = s(by, "clientSystemId");
    i.workplaceId = s(by, "workplaceId");
    i.byAutoUpdate = by.value("autoUpdate").toBool(false);
    i.plannedAt = time(o, "plannedAt");
    i.startedAt = time(o, "startedAt");
    i.finishedAt = time(o, "finishedAt");
    i.reason = s(o, "reason");
    i.message = text(o, "message");
    return i;
}

Error answerError(const std::string& what) {
    return Error{
        .code = "driver.answer-invalid",
        .message = TIS_TEXT("kocobox_driver", "Die Verwaltung des Konnektors antwortet unverständlich (%1).").arg(what),
        .action = TIS_TEXT("kocobox_driver", "Später noch einmal versuchen; bleibt der Fehler, den Support anrufen."),
        .detail = what};
}

ManagementStatus statusFrom(const QJsonObject& o) {
    ManagementStatus st;
    st.firmwareVersion = version(s(o, "firmwareVersion"));
    const auto update = o.value("update").toObject();
    const auto state = s(update, "state");
    st.broken = state == "broken";
    if (state == "installing" || state == "rebooting") st.active = installation(update);
    for (const auto& p : o.value("planned").toArray()) st.planned.push_back(installation(p.toObject()));
    if (o.contains("lastInstallation")) st.last = installation(o.value("lastInstallation").toObject());
    for (const auto& entry : o.value("recent").toArray()) st.recent.push_back(installation(entry.toObject()));
    if (st.recent.empty() && st.last) st.recent.push_back(*st.last);
    st.connectorTime = time(o, "now");
    if (o.value("autoUpdate").isObject()) {
        const auto a = o.value("autoUpdate").toObject();
        AutoUpdateSchedule au;
        au.enabled = a.value("enabled").toBool(false);
        au.next = time(a, "next");
        if (a.value("pending").isObject()) {
            const auto p = a.value("pending").toObject();
            const auto v = version(s(p, "version"));
            if (!v.isUnknown()) au.pending = v;
            au.pendingDownloaded = p.value("downloaded").toBool(false);
        }
        if (a.value("lastRun").isObject()) {
            const auto r = a.value("lastRun").toObject();
            if (auto at = time(r, "at"))
                au.lastRun = AutoUpdateSchedule::Run{*at, s(r, "result"), s(r, "reason"), version(s(r, "toVersion"))};
        }
        st.autoUpdate = au;
    }
    return st;
}

Result<std::vector<ManagedUpdate>> updatesFrom(const QJsonObject& body) {
    std::vector<ManagedUpdate> out;
    for (const auto& v : body.value("updates").toArray()) {
        const auto o = v.toObject();
        ManagedUpdate u;
        u.updateId = s(o, "updateId");
        u.component = s(o, "component");
        u.name = s(o, "terminalName");
        u.installed = version(s(o, "installedVersion"));
        u.version = version(s(o, "version"));
        u.critical = s(o, "priority") == "Kritisch";
        u.deadline = time(o, "deadline");
        const double size = o.value("sizeBytes").toDouble();
        u.sizeBytes = size > 0 && size < 1e15 ? static_cast<std::uint64_t>(size) : 0;
        u.releaseNotes = text(o, "releaseNotes");
        u.autoInstallAt = time(o, "autoInstallAt");
        const auto d = o.value("download").toObject();
        const auto ds = s(d, "state");
        u.download = ds == "downloaded"    ? ManagedUpdate::Download::Downloaded
                     : ds == "downloading" ? ManagedUpdate::Download::Downloading
                                           : ManagedUpdate::Download::NotStarted;
        u.downloadPercent = std::clamp(d.value("percent").toInt(), 0, 100);
        if (u.updateId.empty() || u.version.isUnknown()) return answerError("update entry");
        out.push_back(std::move(u));
    }
    return out;
}

Result<QJsonObject> jsonObject(std::string_view text) {
    QJsonParseError e{};
    const auto doc = QJsonDocument::fromJson(QByteArray(text.data(), static_cast<qsizetype>(text.size())), &e);
    if (e.error != QJsonParseError::NoError || !doc.isObject()) return answerError("no JSON object");
    return doc.object();
}

class KocoboxDriver final : public Driver {
public:
    KocoboxDriver(std::string base, net::ClientOptions options) : base_(std::move(base)), http_(std::move(options)) {
        while (!base_.empty() && base_.back() == '/') base_.pop_back();
    }
    ~KocoboxDriver() override {
        logout();
        if (!token_.empty()) log::forgetSecret(token_);
    }

    std::string name() const override { return "KoCoBox MED+"; }
    const PasswordPolicy& passwordPolicy() const override { return kocoboxPasswordPolicy(); }

    Result<LoginAnswer> login(const std::string& user, const std::string& password) override {
        auto r = call("POST", "/login", QJsonObject{{"user", q(user)}, {"password", q(password)}}, false);
        if (!r.ok()) return r.error();
        const auto& [status, body] = *r;
        LoginAnswer a;
        if (status == 200) {
            setToken(s(body, "token"));
            a.kind = body.value("passwordExpired").toBool() ? LoginAnswer::Kind::PasswordExpired : LoginAnswer::Kind::SignedIn;
        } else if (status == 401) {
            a.kind = LoginAnswer::Kind::WrongPassword;
            a.triesLeft = body.value("triesLeft").toInt();
        } else if (status == 423) {
            a.kind = LoginAnswer::Kind::Locked;
            a.lockedUntil = time(body, "lockedUntil");
        } else {
            return answerError("login HTTP " + std::to_string(status));
        }
        return a;
    }

    Result<PasswordChangeAnswer> changePassword(const std::string& user, const std::string& oldPassword,
                                                const std::string& newPassword) override {
        auto r = call("POST", "/password",
                      QJsonObject{{"user", q(user)}, {"oldPassword", q(oldPassword)}, {"newPassword", q(newPassword)}}, false);
        if (!r.ok()) return r.error();
        const auto& [status, body] = *r;
        PasswordChangeAnswer a;
        if (status == 200) {
            a.kind = PasswordChangeAnswer::Kind::Changed;
        } else if (status == 401) {
            a.kind = PasswordChangeAnswer::Kind::WrongPassword;
            a.triesLeft = body.value("triesLeft").toInt();
        } else if (status == 423) {
            a.kind = PasswordChangeAnswer::Kind::Locked;
            a.lockedUntil = time(body, "lockedUntil");
        } else if (status == 422) {
            a.kind = PasswordChangeAnswer::Kind::Refused;
            for (const auto& v : body.value("violations").toArray())
                a.violations.emplace_back(s(v.toObject(), "rule"), text(v.toObject(), "message"));
        } else {
            return answerError("password HTTP " + std::to_string(status));
        }
        return a;
    }

    Result<std::vector<ManagedUpdate>> offeredUpdates() override {
        auto r = call("GET", "/updates", {}, true);
        if (!r.ok()) return r.error();
        if (r->first != 200) return statusError(r->first, r->second);
        return updatesFrom(r->second);
    }

    Status startDownload(const std::string& updateId) override {
        auto r = call("POST", "/updates/" + updateId + "/download", {}, true);
        if (!r.ok()) return r.error();
        if (r->first == 202) return Status::success();
        return statusError(r->first, r->second);
    }

    Result<InstallAnswer> install(const std::string& updateId, std::optional<TimePoint> at,
                                  const std::string& clientSystemId, const std::string& workplaceId) override {
        QJsonObject body{{"clientSystemId", q(clientSystemId)}, {"workplaceId", q(workplaceId)}};
        if (at) body.insert("at", q(formatUtc(*at)));
        auto r = call("POST", "/updates/" + updateId + "/install", body, true);
        if (!r.ok()) return r.error();
        InstallAnswer a;
        if (r->first == 202) {
            a.accepted = true;
            a.installation = installation(r->second);
            return a;
        }
        if (r->first == 401 || r->first == 403) return statusError(r->first, r->second);
        a.refusal = s(r->second, "error");
        a.message = text(r->second, "message");
        if (r->second.contains("installation")) a.installation = installation(r->second.value("installation").toObject());
        if (a.refusal.empty()) return answerError("install HTTP " + std::to_string(r->first));
        return a;
    }

    Status cancel(const std::string& updateId) override {
        auto r = call("DELETE", "/updates/" + updateId + "/install", {}, true);
        if (!r.ok()) return r.error();
        if (r->first == 200) return Status::success();
        return statusError(r->first, r->second);
    }

    Result<Installation> reschedule(const std::string& updateId, TimePoint at) override {
        auto r = call("PATCH", "/updates/" + updateId + "/install", QJsonObject{{"at", q(formatUtc(at))}}, true);
        if (!r.ok()) return r.error();
        if (r->first == 200) return installation(r->second);
        return statusError(r->first, r->second);
    }

    Result<ManagementStatus> status() override {
        auto r = call("GET", "/status", {}, false);
        if (!r.ok()) return r.error();
        if (r->first != 200) return statusError(r->first, r->second);
        return statusFrom(r->second);
    }

    Status reboot() override {
        auto r = call("POST", "/reboot", {}, true);
        if (!r.ok()) return r.error();
        if (r->first == 202) return Status::success();
        return statusError(r->first, r->second);
    }

    void logout() override {
        if (token_.empty()) return;
        net::Request req{.method = "POST", .url = base_ + "/logout"};
        req.headers = {{"Authorization", "Bearer " + token_}};
        req.idempotent = false;
        (void)http_.send(req);
        log::forgetSecret(token_);
        token_.clear();
    }

private:
    void setToken(std::string t) {
        if (!token_.empty()) log::forgetSecret(token_);
        token_ = std::move(t);
        log::registerSecret(token_);
    }

    Error statusError(int status, const QJsonObject& body) {
        if (status == 401)
            return Error{.code = "driver.not-signed-in",
                         .message = TIS_TEXT("kocobox_driver",
                                             "Die Anmeldung am Konnektor ist abgelaufen (z. B. nach einem Neustart)."),
                         .action = TIS_TEXT("kocobox_driver", "Erneut anmelden."),
                         .detail = s(body, "error")};
        if (status == 403)
            return Error{.code = "driver.password-expired",
                         .message = TIS_TEXT("kocobox_driver", "Das Passwort des Konnektors ist abgelaufen."),
                         .action = TIS_TEXT("kocobox_driver", "Zuerst das Passwort ändern."),
                         .detail = s(body, "error")};
        auto message = text(body, "message");
        if (message.empty()) return answerError("HTTP " + std::to_string(status));
        return Error{.code = "driver." + s(body, "error"),
                     .message = message,
                     .action = TIS_TEXT("kocobox_driver", "Später noch einmal versuchen."),
                     .detail = s(body, "error")};
    }

    /// Only GETs are retried; a POST (login, install) is sent once.
    Result<std::pair<int, QJsonObject>> call(const std::string& method, const std::string& path, const QJsonObject& body,
                                             bool authenticated) {
        net::Request req{.method = method, .url = base_ + path};
        if (!body.isEmpty() || method == "POST") req.body = QJsonDocument(body).toJson(QJsonDocument::Compact).toStdString();
        req.headers = {{"Content-Type", "application/json"}, {"Accept", "application/json"}};
        if (authenticated && !token_.empty()) req.headers.emplace_back("Authorization", "Bearer " + token_);
        req.idempotent = method == "GET";
        auto r = http_.send(req);
        if (!r.ok()) return r.error();
        QJsonParseError e{};
        const auto doc = QJsonDocument::fromJson(QByteArray::fromStdString(r->body), &e);
        if (e.error != QJsonParseError::NoError || !doc.isObject()) return answerError("no JSON, HTTP " + std::to_string(r->status));
        return std::make_pair(r->status, doc.object());
    }

    std::string base_;
    net::HttpClient http_;
    std::string token_;
};

}  // namespace

Result<ManagementStatus> parseManagementStatus(std::string_view json) {
    auto o = jsonObject(json);
    if (!o.ok()) return o.error();
    return statusFrom(*o);
}

Result<std::vector<ManagedUpdate>> parseOfferedUpdates(std::string_view json) {
    auto o = jsonObject(json);
    if (!o.ok()) return o.error();
    return updatesFrom(*o);
}

std::unique_ptr<Driver> makeDriver(const ProductInformation& connector, const std::string& managementUrl,
                                   net::ClientOptions options) {
    if (connector.vendorId == "KOCOC" && connector.productCode == "kocobox") {
        options.peerName = TIS_TEXT("kocobox_driver", "Die Verwaltung des Konnektors");
        return std::make_unique<KocoboxDriver>(managementUrl, std::move(options));
    }
    return nullptr;
}

std::string defaultManagementUrl(const std::string& sdsUrl) {
    auto url = net::Url::parse(sdsUrl);
    if (!url.ok()) return {};
    const bool v6 = url->host.find(':') != std::string::npos;
    return "https://" + (v6 ? "[" + url->host + "]" : url->host) + ":9443/api/v1";
}

LocalizedText adminInterfaceHint(const ProductInformation& c, const std::string& sdsUrl) {
    auto url = net::Url::parse(sdsUrl);
    const auto addressAt = [&](const std::string& host) {
        if (c.vendorId == "RISEG") return "https://" + host + ":8443";
        if (c.vendorId == "SECUN") return "https://" + host + ":8500";
        return "https://" + host + ":9443/administration";
    };
    const LocalizedText unknownHost = TIS_TEXT("kocobox_driver", "<Konnektor>");
    const LocalizedText address = url.ok()
                                      ? LocalizedText::same(addressAt(url->host))
                                      : LocalizedText::fromData(addressAt(unknownHost.de), addressAt(unknownHost.en));
    const std::string name = c.productName.empty() ? c.vendorId + "-" + c.productCode : c.productName;
    return TIS_TEXT("kocobox_driver",
                    "Für %1 kann tiservice das Update nicht selbst starten. Bitte das Update in der "
                    "Verwaltungsoberfläche des Konnektors starten: %2")
        .arg(name, address);
}

}  // namespace tiservice::konnektor
