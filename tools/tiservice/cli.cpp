#include "cli.h"

#include <ostream>

#include "tiservice/build_info.h"
#include "tiservice/paths.h"

namespace tiservice::cli {
namespace {

const LocalizedText kUsage{
    "Aufruf: tiservice [Optionen] <Befehl> [Befehlsoptionen]",
    "Usage: tiservice [options] <command> [command options]"};

const LocalizedText kPurpose{
    "hält Konnektor und Kartenterminals der Praxis auf einem von der gematik zugelassenen Stand.",
    "keeps the practice's connector and card terminals on firmware approved by gematik."};

std::string option(std::string_view flags, const LocalizedText& text, Language l) {
    std::string line = "  " + std::string(flags);
    if (line.size() < 24) line.resize(24, ' ');
    else line += "  ";
    return line + text.in(l) + "\n";
}

}  // namespace

std::string versionText(Language l) {
    std::string text = "tiservice " + std::string(build_info::version());
    text += (l == Language::English ? " (commit " : " (Commit ") + std::string(build_info::commit()) + ")\n";
    text += (l == Language::English ? "Libraries: " : "Bibliotheken: ") + std::string(build_info::libraries()) + "\n";
    return text;
}

std::string helpText(const std::vector<Command>& commands, Language l) {
    std::string t = "tiservice " + std::string(build_info::version()) + " – " + kPurpose.in(l) + "\n\n";
    t += kUsage.in(l) + "\n\n";
    t += l == Language::English ? "Commands:\n" : "Befehle:\n";
    for (const auto& c : commands) t += option(c.name, c.summary, l);
    t += l == Language::English ? "\nOptions:\n" : "\nOptionen:\n";
    t += option("-h, --help", {"diese Hilfe zeigen", "show this help"}, l);
    t += option("-V, --version", {"Version und Bibliotheken zeigen", "show the version and libraries"}, l);
    t += option("--lang de|en", {"Sprache der Ausgaben (Standard: aus LANG, sonst Deutsch)",
                                 "language of all output (default: from LANG, else German)"}, l);
    t += l == Language::English ? "\nExit codes:\n" : "\nRückgabewerte:\n";
    t += option("0", {"erledigt; alles aktuell", "done; everything current"}, l);
    t += option("1", {"Handlungsbedarf: ein Update steht an", "action needed: an update is due"}, l);
    t += option("2", {"Zulassung abgelaufen oder TI-Zugang gesperrt", "approval expired or TI access blocked"}, l);
    t += option("3", {"konnte nicht ausgeführt werden (Fehlermeldung auf stderr)",
                      "could not be done (the reason is on stderr)"}, l);
    t += l == Language::English ? "\nFiles:\n" : "\nDateien:\n";
    t += option((defaultConfigFolder() / "tiservice.ini").string(),
                {"Verbindungseinstellungen", "connection settings"}, l);
    t += option(defaultStateFolder().string(),
                {"Protokoll, Update-Archiv, Vertrauensdaten", "log, update archive, trust data"}, l);
    t += l == Language::English
             ? "\nSupport: CGM-installed practices 0800 551 551 2 (free), self-installers 030 2464 908 908.\n"
             : "\nSupport: von CGM installiert 0800 551 551 2 (kostenlos), Selbstinstallierer 030 2464 908 908.\n";
    return t;
}

int run(std::span<const std::string> args, const std::vector<Command>& commands, std::ostream& out,
        std::ostream& err) {
    // --lang is honoured first, so every message below is already in the chosen language.
    for (std::size_t i = 0; i < args.size(); ++i) {
        std::string_view value;
        if (args[i] == "--lang" && i + 1 < args.size()) value = args[i + 1];
        else if (args[i].starts_with("--lang=")) value = std::string_view(args[i]).substr(7);
        else continue;
        if (auto lang = parseLanguage(value)) {
            setCurrentLanguage(*lang);
        } else {
            err << tr({"Unbekannte Sprache \"" + std::string(value) + "\". Erlaubt sind de und en.",
                       "Unknown language \"" + std::string(value) + "\". Allowed are de and en."})
                << "\n";
            return kExitFailed;
        }
    }
    const Language l = currentLanguage();

    std::vector<std::string> rest;
    for (std::size_t i = 0; i < args.size(); ++i) {
        const std::string& a = args[i];
        if (a == "--lang") { ++i; continue; }
        if (a.starts_with("--lang=")) continue;
        if (a == "-h" || a == "--help" || a == "help") { out << helpText(commands, l); return kExitOk; }
        if (a == "-V" || a == "--version") { out << versionText(l); return kExitOk; }
        rest.push_back(a);
    }

    if (rest.empty()) {
        err << helpText(commands, l);
        return kExitFailed;
    }
    if (rest.front().starts_with("-")) {
        err << tr({"Unbekannte Option \"" + rest.front() + "\". Hilfe: tiservice --help",
                   "Unknown option \"" + rest.front() + "\". Help: tiservice --help"})
            << "\n";
        return kExitFailed;
    }
    for (const auto& c : commands)
        if (c.name == rest.front())
            return c.run(std::span<const std::string>(rest).subspan(1), out, err);

    err << tr({"Unbekannter Befehl \"" + rest.front() + "\". Hilfe: tiservice --help",
               "Unknown command \"" + rest.front() + "\". Help: tiservice --help"})
        << "\n";
    return kExitFailed;
}

}  // namespace tiservice::cli
