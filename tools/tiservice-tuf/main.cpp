// tiservice-tuf: the TUF client on the command line, for operators and tests.
//
//   tiservice-tuf --metadata-dir DIR init ROOT_FILE
//   tiservice-tuf --metadata-dir DIR --metadata-url URL refresh
//   tiservice-tuf --metadata-dir DIR --metadata-url URL --target-name PATH [--target-name PATH ...]
//                 --target-base-url URL --target-dir DIR download
//
// Exit 0 on full success, 1 on any failure with the reason on stderr.

#include <iostream>
#include <optional>
#include <string>
#include <vector>

#include "command_line.h"
#include "this_program.h"
#include "tiservice/i18n.h"
#include "tiservice/trust/tuf_client.h"

using namespace tiservice;

namespace {

constexpr Message kHelp = TIS_TEXT("tiservice-tuf", R"(tiservice-tuf – prüft Update-Daten des Herstellers nach The Update Framework (TUF 1.0)

  tiservice-tuf --metadata-dir ORDNER init ROOT_DATEI
        ROOT_DATEI als vertrauenswürdigen Startpunkt übernehmen (wird ORDNER/root.json); kein Netz.
  tiservice-tuf --metadata-dir ORDNER --metadata-url URL refresh
        Metadaten nach dem TUF-Client-Ablauf aktualisieren.
  tiservice-tuf --metadata-dir ORDNER --metadata-url URL --target-name PFAD [--target-name PFAD ...]
                --target-base-url URL --target-dir ORDNER download
        aktualisieren, dann jede Datei in der angegebenen Reihenfolge nach ORDNER/PFAD laden und
        prüfen; beim ersten Fehler aufhören.

Optionen:
  --ca-file DATEI  vertrauenswürdige CA für https:// (sonst der Systemspeicher oder SSL_CERT_FILE)
  --lang de|en     Sprache der Meldungen
  -h, --help       diese Hilfe

Rückgabewerte: 0 alles erfolgreich, 1 Fehler (der Grund steht auf stderr).
)");

using command_line::UsageError;

int fail(const Error& e) {
    std::cerr << "tiservice-tuf: " << e.describe() << "\n";
    return 1;
}

int usage(const LocalizedText& what) {
    std::cerr << "tiservice-tuf: " << tr(what) << "\n" << tr(kHelp);
    return 1;
}

}  // namespace

int main(int argc, char** argv) {
    tiservice::cli::claimQtMainThread();
    tiservice::cli::useUtf8Console();
    std::vector<std::string> args = tiservice::cli::arguments(argc, argv);
    std::optional<std::filesystem::path> metadataDir, targetDir, caFile, rootFile;
    std::optional<std::string> metadataUrl, targetBaseUrl, command;
    std::vector<std::string> targetNames;
    try {
        for (command_line::OptionReader o(args); o.next();) {
            const auto& a = o.name();
            if (o.is("-h", "--help")) {
                std::cout << tr(kHelp);
                return 0;
            } else if (o.is("--metadata-dir")) metadataDir = o.path();
            else if (o.is("--metadata-url")) metadataUrl = o.value();
            else if (o.is("--target-name")) targetNames.push_back(o.value());
            else if (o.is("--target-base-url")) targetBaseUrl = o.value();
            else if (o.is("--target-dir")) targetDir = o.path();
            else if (o.is("--ca-file")) caFile = o.path();
            else if (o.is("--lang")) {
                auto l = parseLanguage(o.value());
                if (!l) throw UsageError{TIS_TEXT("tiservice-tuf", "--lang erwartet de oder en")};
                setCurrentLanguage(*l);
            } else if (!command) command = a;
            else if (*command == "init" && !rootFile) rootFile = tiservice::pathFromUtf8(a);
            else throw UsageError{TIS_TEXT("tiservice-tuf", "unerwartetes Argument %1").arg(a)};
        }
    } catch (const UsageError& e) {
        return usage(e.text);
    }
    if (!command) return usage(TIS_TEXT("tiservice-tuf", "Befehl fehlt"));
    if (!metadataDir) return usage(TIS_TEXT("tiservice-tuf", "--metadata-dir fehlt"));

    if (*command == "init") {
        if (!rootFile) return usage(TIS_TEXT("tiservice-tuf", "init braucht ROOT_DATEI"));
        auto s = trust::TufClient::trustRoot(*metadataDir, *rootFile);
        if (!s.ok()) return fail(s.error());
        return 0;
    }
    if (*command != "refresh" && *command != "download") return usage(TIS_TEXT("tiservice-tuf", "unbekannter Befehl %1").arg(*command));
    if (!metadataUrl) return usage(TIS_TEXT("tiservice-tuf", "--metadata-url fehlt"));
    if (*command == "download" && (targetNames.empty() || !targetBaseUrl || !targetDir))
        return usage(TIS_TEXT("tiservice-tuf", "download braucht --target-name, --target-base-url und --target-dir"));

    trust::TufClientOptions options;
    options.metadataDir = *metadataDir;
    options.metadataUrl = *metadataUrl;
    options.targetBaseUrl = targetBaseUrl.value_or("");
    if (caFile) options.http.caFile = *caFile;
    options.http.totalTimeout = std::chrono::minutes(30);  // large targets
    trust::TufClient client(options);
    if (auto s = client.refresh(); !s.ok()) return fail(s.error());
    if (*command == "refresh") return 0;
    for (const auto& name : targetNames) {
        auto target = client.findTarget(name);
        if (!target.ok()) return fail(target.error());
        auto file = client.download(*target, *targetDir / tiservice::pathFromUtf8(name));
        if (!file.ok()) return fail(file.error());
    }
    return 0;
}
