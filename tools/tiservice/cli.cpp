#include "cli.h"

#include <atomic>
#include <condition_variable>
#include <mutex>
#include <ostream>
#include <thread>

#include "exit_codes.h"
#include "tiservice/build_info.h"
#include "tiservice/catalog/catalog_source.h"
#include "tiservice/clock.h"
#include "tiservice/logger.h"
#include "tiservice/net/http_client.h"
#include "tiservice/paths.h"
#include "tiservice/release/self_update.h"

namespace tiservice::cli {
namespace {

constexpr Message kUsage = TIS_TEXT("cli", "Aufruf: tiservice [Optionen] <Befehl> [Befehlsoptionen]");

constexpr Message kPurpose =
    TIS_TEXT("cli", "hält Konnektor und Kartenterminals der Praxis auf einem von der gematik zugelassenen Stand.");

std::string option(std::string_view flags, const LocalizedText& text, Language l) {
    std::string line = "  " + std::string(flags);
    if (line.size() < 24) line.resize(24, ' ');
    else line += "  ";
    return line + text.in(l) + "\n";
}

/// The look for a new tiservice release at every start, beside the command (never in the way:
/// after the command it waits a moment at most, then ends its requests). Not beside the
/// commands that install, plan or change something on the connector.
class ReleaseLookout {
public:
    ReleaseLookout(const std::string& command, std::span<const std::string> commandArgs) {
        if (command == "update" || command == "plan" || command == "password" || command == "setup" ||
            command == "fleet")
            return;
        std::filesystem::path config = defaultConfigFolder() / "tiservice.ini";
        // The command's own --config, in either spelling; UTF-8 (a folder "Jürgen" stays one).
        for (std::size_t i = 0; i < commandArgs.size(); ++i) {
            if (commandArgs[i] == "--config" && i + 1 < commandArgs.size()) config = pathFromUtf8(commandArgs[i + 1]);
            else if (commandArgs[i].starts_with("--config=")) config = pathFromUtf8(commandArgs[i].substr(9));
        }
        for (const auto& a : commandArgs)
            if (a == "-h" || a == "--help") return;
        auto settings = loadConnectionSettings(config);
        if (!settings.ok() || settings->updateServer.releaseChannel.empty()) return;
        installation_ = release::findInstallation(currentExecutable());
        worker_ = std::thread([this, s = std::move(settings).value()] {
            const net::ThreadCancellation cancellation([this] { return stop_.load(); });
            release::ReleaseCheck found;
            try {
                found = release::checkForRelease(s, defaultStateFolder(), *SystemClock::shared(), installation_);
            } catch (const std::exception& e) {  // a file system surprise never ends the command
                log::logger()->info("release check failed: {}", e.what());
            }
            std::lock_guard lock(mutex_);
            result_ = std::move(found);
            done_.notify_all();
        });
    }
    ~ReleaseLookout() { end(); }
    ReleaseLookout(const ReleaseLookout&) = delete;
    ReleaseLookout& operator=(const ReleaseLookout&) = delete;

    /// Waits a moment for the answer, then says what it found (on stderr: stdout stays the command's).
    void finish(std::ostream& err) {
        if (!worker_.joinable()) return;
        {
            std::unique_lock lock(mutex_);
            done_.wait_for(lock, std::chrono::seconds(5), [this] { return result_.has_value(); });
        }
        end();
        if (!result_) return;
        if (result_->error) log::logger()->info("release check: {}", result_->error->describe(Language::English));
        if (auto text = release::describe(*result_, installation_)) err << "\n" << tr(*text) << "\n";
    }

private:
    void end() {
        stop_ = true;
        if (worker_.joinable()) worker_.join();
    }

    release::Installation installation_;
    std::thread worker_;
    std::atomic<bool> stop_{false};
    std::mutex mutex_;
    std::condition_variable done_;
    std::optional<release::ReleaseCheck> result_;
};

}  // namespace

std::string versionText(Language l) {
    std::string text = "tiservice " + std::string(build_info::version());
    text += " " + TIS_TEXT("cli", "(Commit %1)").arg(build_info::commit()).in(l) + "\n";
    text += TIS_TEXT("cli", "Bibliotheken: %1").arg(build_info::libraries()).in(l) + "\n";
    return text;
}

std::string helpText(const std::vector<Command>& commands, Language l) {
    std::string t = "tiservice " + std::string(build_info::version()) + " – " + kPurpose.in(l) + "\n\n";
    t += kUsage.in(l) + "\n\n";
    t += TIS_TEXT("cli", "Befehle:").in(l) + "\n";
    for (const auto& c : commands) t += option(c.name, c.summary, l);
    t += "\n" + TIS_TEXT("cli", "Optionen:").in(l) + "\n";
    t += option("-h, --help", TIS_TEXT("cli", "diese Hilfe zeigen"), l);
    t += option("-V, --version", TIS_TEXT("cli", "Version und Bibliotheken zeigen"), l);
    t += option("--lang de|en", TIS_TEXT("cli", "Sprache der Ausgaben (Standard: aus LANG, sonst Deutsch)"), l);
    t += "\n" + TIS_TEXT("cli", "Rückgabewerte von status (die der anderen Befehle nennt ihre Hilfe):").in(l) + "\n";
    t += option("0", TIS_TEXT("cli", "erledigt; alles aktuell"), l);
    t += option("1", TIS_TEXT("cli", "Handlungsbedarf: ein Update steht an"), l);
    t += option("2", TIS_TEXT("cli", "Zulassung abgelaufen oder TI-Zugang gesperrt"), l);
    t += option("3", TIS_TEXT("cli", "konnte nicht ausgeführt werden (Fehlermeldung auf stderr)"), l);
    t += "\n" + TIS_TEXT("cli", "Dateien:").in(l) + "\n";
    t += option(tiservice::utf8Of(defaultConfigFolder() / "tiservice.ini"), TIS_TEXT("cli", "Verbindungseinstellungen"),
                l);
    t += option(tiservice::utf8Of(defaultStateFolder()), TIS_TEXT("cli", "Protokoll, Update-Archiv, Vertrauensdaten"),
                l);
    // The numbers come with the approval catalog (the last verified one, else the built-in table).
    const auto verified = catalog::loadVerifiedCatalog(defaultStateFolder());
    const auto* known = verified.ok() ? &*verified : nullptr;
    t += "\n" + TIS_TEXT("cli", "Support:").in(l) + "\n";
    for (const auto* id : {"cgm", "self"}) t += "  " + catalog::supportContactText(known, id).in(l) + "\n";
    return t;
}

int run(std::span<const std::string> args, const std::vector<Command>& commands, std::ostream& out,
        std::ostream& err) {
    // --lang is honoured first, so every message below is already in the chosen language.
    for (std::size_t i = 0; i < args.size(); ++i) {
        std::string_view value;
        if (args[i] == "--lang" && i + 1 == args.size()) {
            err << tr(TIS_TEXT("cli", "Nach --lang fehlt die Sprache: de oder en.")) << "\n";
            return general_exit::kUsage;
        }
        if (args[i] == "--lang") value = args[i + 1];
        else if (args[i].starts_with("--lang=")) value = std::string_view(args[i]).substr(7);
        else continue;
        if (auto lang = parseLanguage(value)) {
            setCurrentLanguage(*lang);
        } else {
            err << tr(TIS_TEXT("cli", "Unbekannte Sprache \"%1\". Erlaubt sind de und en.").arg(value)) << "\n";
            return general_exit::kUsage;
        }
    }
    const Language l = currentLanguage();

    // --help and --version before the command are the tool's; after it, the command's own
    // ("tiservice status --help" shows what status does). --lang may stand anywhere.
    std::vector<std::string> rest;
    for (std::size_t i = 0; i < args.size(); ++i) {
        const std::string& a = args[i];
        if (a == "--lang") { ++i; continue; }
        if (a.starts_with("--lang=")) continue;
        if (rest.empty() && (a == "-h" || a == "--help" || a == "help")) {
            out << helpText(commands, l);
            return general_exit::kDone;
        }
        if (rest.empty() && (a == "-V" || a == "--version")) {
            out << versionText(l);
            const auto installed = release::findInstallation(currentExecutable());
            if (installed.kind == release::Installation::Kind::Standalone)
                out << tr(TIS_TEXT("cli", "Eigenständige Installation in %1, Version %2")
                              .arg(tiservice::utf8Of(installed.root), installed.version.toString()))
                    << "\n";
            return general_exit::kDone;
        }
        // The start check a new release must pass before it is used (release/self_update.h).
        if (rest.empty() && a == "--self-check") {
            out << "tiservice " << build_info::version() << ": ok\n";
            return general_exit::kDone;
        }
        rest.push_back(a);
    }

    if (rest.empty()) {
        err << helpText(commands, l);
        return general_exit::kUsage;
    }
    if (rest.front().starts_with("-")) {
        err << tr(TIS_TEXT("cli", "Unbekannte Option \"%1\". Hilfe: tiservice --help").arg(rest.front())) << "\n";
        return general_exit::kUsage;
    }
    for (const auto& c : commands)
        if (c.name == rest.front()) {
            const auto commandArgs = std::span<const std::string>(rest).subspan(1);
            ReleaseLookout lookout(c.name, commandArgs);
            const int rc = c.run(commandArgs, out, err);
            out.flush();
            lookout.finish(err);
            return rc;
        }

    err << tr(TIS_TEXT("cli", "Unbekannter Befehl \"%1\". Hilfe: tiservice --help").arg(rest.front())) << "\n";
    return general_exit::kUsage;
}

}  // namespace tiservice::cli
