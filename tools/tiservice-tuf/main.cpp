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

#include "tiservice/i18n.h"
#include "tiservice/trust/tuf_client.h"

using namespace tiservice;

namespace {

const char* kHelp = R"(tiservice-tuf – prüft Update-Daten des Herstellers nach The Update Framework (TUF 1.0)
tiservice-tuf – verifies the vendor's update data with The Update Framework (TUF 1.0)

  tiservice-tuf --metadata-dir DIR init ROOT_FILE
        ROOT_FILE als vertrauenswürdigen Startpunkt übernehmen (wird DIR/root.json); kein Netz.
        trust ROOT_FILE (it becomes DIR/root.json); no network.
  tiservice-tuf --metadata-dir DIR --metadata-url URL refresh
        Metadaten nach dem TUF-Client-Ablauf aktualisieren. / run the client workflow.
  tiservice-tuf --metadata-dir DIR --metadata-url URL --target-name PATH [--target-name PATH ...]
                --target-base-url URL --target-dir DIR download
        aktualisieren, dann jede Datei in der angegebenen Reihenfolge nach DIR/PATH laden und
        prüfen; beim ersten Fehler aufhören. / refresh, then download and verify each target
        in order into DIR/PATH; stop at the first failure.

Optionen / options:
  --ca-file FILE   vertrauenswürdige CA für https:// (sonst der Systemspeicher oder SSL_CERT_FILE)
  --lang de|en     Sprache der Meldungen / language of messages
  -h, --help       diese Hilfe / this help

Rückgabe / exit: 0 alles erfolgreich / full success, 1 Fehler (Grund auf stderr) / failure (reason on stderr).
)";

int fail(const Error& e) {
    std::cerr << "tiservice-tuf: " << e.describe() << "\n";
    return 1;
}

int usage(const std::string& what) {
    std::cerr << "tiservice-tuf: " << what << "\n" << kHelp;
    return 1;
}

}  // namespace

int main(int argc, char** argv) {
    std::vector<std::string> args(argv + 1, argv + argc);
    std::optional<std::string> metadataDir, metadataUrl, targetBaseUrl, targetDir, caFile, command, rootFile;
    std::vector<std::string> targetNames;
    try {
        for (std::size_t i = 0; i < args.size(); ++i) {
            const auto& a = args[i];
            const auto value = [&]() -> std::string {
                if (i + 1 >= args.size()) throw std::runtime_error("missing value for " + a);
                return args[++i];
            };
            if (a == "-h" || a == "--help") {
                std::cout << kHelp;
                return 0;
            } else if (a == "--metadata-dir") metadataDir = value();
            else if (a == "--metadata-url") metadataUrl = value();
            else if (a == "--target-name") targetNames.push_back(value());
            else if (a == "--target-base-url") targetBaseUrl = value();
            else if (a == "--target-dir") targetDir = value();
            else if (a == "--ca-file") caFile = value();
            else if (a == "--lang") {
                auto l = parseLanguage(value());
                if (!l) throw std::runtime_error("--lang: de | en");
                setCurrentLanguage(*l);
            } else if (!command) command = a;
            else if (*command == "init" && !rootFile) rootFile = a;
            else throw std::runtime_error("unexpected argument " + a);
        }
    } catch (const std::exception& e) {
        return usage(e.what());
    }
    if (!command) return usage("Befehl fehlt / missing command");
    if (!metadataDir) return usage("--metadata-dir fehlt / missing");

    if (*command == "init") {
        if (!rootFile) return usage("init braucht ROOT_FILE / init needs ROOT_FILE");
        auto s = trust::TufClient::trustRoot(*metadataDir, *rootFile);
        if (!s.ok()) return fail(s.error());
        return 0;
    }
    if (*command != "refresh" && *command != "download") return usage("unbekannter Befehl / unknown command " + *command);
    if (!metadataUrl) return usage("--metadata-url fehlt / missing");
    if (*command == "download" && (targetNames.empty() || !targetBaseUrl || !targetDir))
        return usage("download braucht --target-name, --target-base-url und --target-dir / needs them");

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
        auto file = client.download(*target, std::filesystem::path(*targetDir) / name);
        if (!file.ok()) return fail(file.error());
    }
    return 0;
}
