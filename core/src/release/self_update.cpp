#include "tiservice/release/self_update.h"
#include "tiservice/paths.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QStringList>

#include "tiservice/build_info.h"
#include "tiservice/catalog/catalog_source.h"
#include "tiservice/logger.h"
#include "tiservice/store/atomic_file.h"
#include "tiservice/trust/metadata.h"

namespace tiservice::release {
namespace fs = std::filesystem;

std::string_view thisPlatform() {
#if defined(_WIN32)
    return "windows-x86_64";
#else
    return "linux-x86_64";
#endif
}

std::string releaseTarget(std::string_view channel, std::string_view platform) {
    return "releases/" + std::string(channel) + "/" + std::string(platform) + "/tiservice.tar.gz";
}

Installation findInstallation(const fs::path& executable) {
    Installation i;
    if (auto built = FirmwareVersion::parse(std::string(build_info::version())); built.ok()) i.version = *built;
    std::error_code ec;
    const auto exe = fs::weakly_canonical(executable, ec);
    if (ec) return i;
    // <root>/versions/<version>/bin/<program>
    const auto versionDir = exe.parent_path().parent_path();
    const auto root = versionDir.parent_path().parent_path();
    if (exe.parent_path().filename() != "bin" || versionDir.parent_path().filename() != "versions") return i;
    if (!fs::is_symlink(root / "current", ec)) return i;
    const auto v = FirmwareVersion::parse(tiservice::utf8Of(versionDir.filename()));
    if (!v.ok()) return i;
    i.kind = Installation::Kind::Standalone;
    i.root = root;
    i.version = *v;
    return i;
}

namespace {

Error releaseError(const std::string& code, const LocalizedText& message, const std::string& detail) {
    return Error{.code = code, .message = message, .action = {}, .detail = detail};
}

/// Runs a program and waits; its exit code, or -1 when it did not start or end in time.
int runProgram(const fs::path& program, const QStringList& args, int timeoutMs, std::string* output = nullptr) {
    QProcess p;
    p.setProcessChannelMode(QProcess::MergedChannels);
    p.start(QString::fromStdString(tiservice::utf8Of(program)), args);
    if (!p.waitForStarted(timeoutMs)) return -1;
    if (!p.waitForFinished(timeoutMs)) {
        p.kill();
        p.waitForFinished(1000);
        return -1;
    }
    if (output) *output = p.readAll().toStdString();
    return p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
}

/// A verification failure (signature, rollback, hashes) refuses what was offered; a download
/// or storage problem only means "not this time".
bool isRefusal(const Error& e) {
    return e.code.starts_with("trust.") && e.code != trust::errors::kDownload && e.code != trust::errors::kStorage &&
           e.code != trust::errors::kNotInitialized;
}

void keep(ReleaseCheck& check, const Error& e) {
    if (isRefusal(e)) check.refused = e;
    else check.error = e;
}

bool journalsOpen(const fs::path& stateDir) {
    std::error_code ec;
    for (const auto& e : fs::directory_iterator(stateDir / "journal", ec))
        if (e.path().extension() == ".json") return true;
    return fs::exists(stateDir / "mobile-terminal" / "journal.json", ec);
}

/// Unpacks the verified archive into <root>/versions/<version> (through a .partial folder, so
/// a half-unpacked release is never taken for one).
Status unpack(const fs::path& archive, const fs::path& root, const FirmwareVersion& version) {
    const auto target = root / "versions" / version.toString();
    const auto partial = root / "versions" / (version.toString() + ".partial");
    std::error_code ec;
    fs::remove_all(partial, ec);
    fs::create_directories(partial, ec);
    if (ec)
        return releaseError("release.not-writable",
                            TIS_TEXT("self_update", "Die neue Version kann nicht abgelegt werden."),
                            tiservice::utf8Of(partial) + ": " + ec.message());
    std::string out;
    // GNU tar refuses members that climb out of the folder ("..") and absolute names.
    const int rc = runProgram("tar",
                              {"-xzf", QString::fromStdString(tiservice::utf8Of(archive)), "-C",
                               QString::fromStdString(tiservice::utf8Of(partial)), "--no-same-owner"},
                              120'000, &out);
    if (rc != 0 || !fs::exists(partial / "bin" / "tiservice", ec)) {
        fs::remove_all(partial, ec);
        return releaseError("release.unpack-failed",
                            TIS_TEXT("self_update", "Die neue Version ließ sich nicht auspacken."),
                            "tar " + std::to_string(rc) + ": " + out.substr(0, 300));
    }
    fs::remove_all(target, ec);
    fs::rename(partial, target, ec);
    if (ec)
        return releaseError("release.not-writable",
                            TIS_TEXT("self_update", "Die neue Version kann nicht abgelegt werden."),
                            tiservice::utf8Of(target) + ": " + ec.message());
    return Status::success();
}

std::string readText(const fs::path& file) {
    auto t = store::readFile(file, 4096);
    if (!t.ok()) return {};
    auto s = *t;
    while (!s.empty() && (s.back() == '\n' || s.back() == '\r' || s.back() == ' ')) s.pop_back();
    return s;
}

}  // namespace

ReleaseCheck checkForRelease(const ConnectionSettings& settings, const fs::path& stateDir, const Clock& clock,
                             const Installation& installation) {
    ReleaseCheck check;
    const auto& channel = settings.updateServer.releaseChannel;
    if (channel.empty() || settings.updateServer.metadataUrl.empty()) return check;
    if (journalsOpen(stateDir)) {
        log::logger()->info("release check skipped: an update is underway");
        return check;
    }
    net::ClientOptions http;
    http.maxAttempts = 1;
    http.connectTimeout = std::chrono::milliseconds(3'000);
    http.totalTimeout = std::chrono::milliseconds(30'000);
    auto server = catalog::openUpdateServer(settings, stateDir, clock, http, "trust-releases");
    if (!server.ok()) {
        keep(check, server.error());
        return check;
    }
    const auto path = releaseTarget(channel, thisPlatform());
    auto target = (*server)->findTarget(path);
    if (!target.ok()) {
        if (target.error().code != trust::errors::kUnknownTarget) keep(check, target.error());
        return check;  // no release published for this platform and channel
    }
    const auto custom = QJsonDocument::fromJson(QByteArray::fromStdString(target->file.customJson)).object();
    const auto platform = custom.value("platform").toString().toStdString();
    const auto version = FirmwareVersion::parse(custom.value("version").toString().toStdString());
    if (platform != thisPlatform()) {
        check.refused =
            releaseError("release.wrong-platform",
                         TIS_TEXT("self_update",
                                  "Die angebotene neue Version ist für ein anderes Betriebssystem (%1) und wird nicht "
                                  "installiert.")
                             .arg(LocalizedText::same(platform.empty() ? "?" : platform)),
                         path + " platform '" + platform + "'");
        return check;
    }
    if (!version.ok()) {
        check.refused = releaseError(
            "release.invalid",
            TIS_TEXT("self_update", "Die angebotene neue Version nennt keine gültige Versionsnummer."), path);
        return check;
    }
    // Never back: an older release, even a correctly signed one, is not installed.
    if (!(installation.version < *version)) {
        if (*version < installation.version)
            log::logger()->info("release {} refused: older than the running {}", version->toString(),
                                installation.version.toString());
        return check;
    }
    check.newer = *version;
    if (installation.kind != Installation::Kind::Standalone) return check;

    std::error_code ec;
    if (fs::exists(installation.root / "versions" / version->toString() / "failed", ec)) return check;
    if (readText(installation.root / "pending") == version->toString()) {
        check.staged = true;
        return check;
    }
    const auto archive = installation.root / "downloads" / ("tiservice-" + version->toString() + ".tar.gz");
    auto file = (*server)->download(*target, archive);
    if (!file.ok()) {
        // A file that does not match its signed length and hashes is a refusal, not a network problem.
        keep(check, file.error());
        return check;
    }
    if (auto s = unpack(*file, installation.root, *version); !s.ok()) {
        check.error = s.error();
        return check;
    }
    fs::remove(*file, ec);
    if (auto s = store::writeAtomically(installation.root / "pending", version->toString() + "\n"); !s.ok()) {
        check.error = s.error();
        return check;
    }
    log::logger()->info("release {} verified and unpacked beside {}; used at the next start", version->toString(),
                        installation.version.toString());
    check.staged = true;
    return check;
}

std::optional<LocalizedText> describe(const ReleaseCheck& check, const Installation& installation) {
    if (check.refused)
        return TIS_TEXT("self_update", "Eine angebotene neue Version von tiservice wurde abgelehnt: %1")
            .arg(check.refused->message)
            .append(TIS_TEXT("self_update", "tiservice arbeitet mit der installierten Version weiter."));
    if (!check.newer) return std::nullopt;
    const auto v = check.newer->toString();
    if (check.staged)
        return TIS_TEXT("self_update",
                        "tiservice %1 ist geladen und geprüft; es wird beim nächsten Start verwendet (jetzt: %2).")
            .arg(v, installation.version.toString());
    if (installation.kind == Installation::Kind::Standalone) return std::nullopt;  // said as an error, or failed before
    return TIS_TEXT("self_update",
                    "Eine neuere Version von tiservice ist verfügbar: %1 (installiert: %2). Sie kommt über die "
                    "Paketverwaltung dieses PCs oder mit dem Update Ihrer Praxissoftware.")
        .arg(v, installation.version.toString());
}

Switch usePendingRelease(const Installation& installation, const std::string& programName) {
    Switch sw;
    if (installation.kind != Installation::Kind::Standalone) return sw;
    const auto root = installation.root;
    const auto pending = readText(root / "pending");
    if (pending.empty()) return sw;
    std::error_code ec;
    fs::remove(root / "pending", ec);
    const auto to = FirmwareVersion::parse(pending);
    if (!to.ok() || !(installation.version < *to)) return sw;
    sw.from = installation.version;
    sw.to = *to;
    const auto dir = root / "versions" / pending;
    const auto program = dir / "bin" / programName;
    std::string out;
    const int rc = runProgram(program, {"--self-check"}, 30'000, &out);
    if (rc != 0) {
        (void)store::writeAtomically(dir / "failed",
                                     "start check: exit " + std::to_string(rc) + "\n" + out.substr(0, 500));
        log::logger()->info("release {} failed its start check (exit {}); staying on {}", pending, rc,
                            installation.version.toString());
        sw.result = Switch::Result::FellBack;
        sw.message = TIS_TEXT("self_update",
                              "Die neue Version %1 von tiservice ließ sich nicht starten; tiservice bleibt bei %2.")
                         .arg(pending, installation.version.toString());
        return sw;
    }
    // current → versions/<new>, through a new link renamed over the old one (never a moment without).
    const auto next = root / "current.next";
    fs::remove(next, ec);
    fs::create_directory_symlink(fs::path("versions") / pending, next, ec);
    if (!ec) fs::rename(next, root / "current", ec);
    if (ec) {
        sw.result = Switch::Result::FellBack;
        log::logger()->info("release {} not put in place: {}", pending, ec.message());
        sw.message = TIS_TEXT("self_update", "Die neue Version %1 ließ sich nicht einsetzen; tiservice bleibt bei %2.")
                         .arg(pending, installation.version.toString());
        return sw;
    }
    (void)store::writeAtomically(root / "previous", installation.version.toString() + "\n");
    log::logger()->info("switched from {} to {}", installation.version.toString(), pending);
    sw.result = Switch::Result::Switched;
    sw.executable = program;
    sw.message = TIS_TEXT("self_update", "tiservice wurde von %1 auf %2 aktualisiert.")
                     .arg(installation.version.toString(), pending);
    return sw;
}

}  // namespace tiservice::release
