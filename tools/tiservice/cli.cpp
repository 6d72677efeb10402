#include "cli.h"

#include <ostream>

#include "exit_codes.h"
#include "tiservice/build_info.h"
#include "tiservice/catalog/catalog_source.h"
#include "tiservice/paths.h"

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
    t += option((defaultConfigFolder() / "tiservice.ini").string(), TIS_TEXT("cli", "Verbindungseinstellungen"), l);
    t += option(defaultStateFolder().string(), TIS_TEXT("cli", "Protokoll, Update-Archiv, Vertrauensdaten"), l);
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
        if (args[i] == "--lang" && i + 1 < args.size()) value = args[i + 1];
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
        if (c.name == rest.front())
            return c.run(std::span<const std::string>(rest).subspan(1), out, err);

    err << tr(TIS_TEXT("cli", "Unbekannter Befehl \"%1\". Hilfe: tiservice --help").arg(rest.front())) << "\n";
    return general_exit::kUsage;
}

}  // namespace tiservice::cli
