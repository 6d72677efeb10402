// tiservice-repo: the publisher side of the vendor's update server (TUF repository).

#include <iostream>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include <QJsonDocument>
#include <QJsonObject>

#include "command_line.h"
#include "this_program.h"
#include "tiservice/firmware_version.h"
#include "tiservice/paths.h"
#include "tiservice/release/self_update.h"
#include "tiservice/trust/repository.h"

using namespace tiservice;
using namespace tiservice::trust;

namespace {

constexpr Message kHelp =
    TIS_TEXT("tiservice-repo", R"(tiservice-repo – Update-Repository des Herstellers (TUF) anlegen, füllen, signieren

  tiservice-repo --repo ORDNER init [--key-type ed25519|ecdsa|rsa] [--threshold ROLLE=N] [--keys ROLLE=N]
                 [--expires ROLLE=TAGE] [--no-consistent-snapshot] [--target-hashes sha256[,sha512]]
        Schlüssel je Rolle erzeugen (PEM, Modus 0600) und Version 1 veröffentlichen. Jede Datei
        wird mit SHA-256 verzeichnet (mit --target-hashes sha256,sha512 zusätzlich mit SHA-512).
  tiservice-repo --repo ORDNER add-target DATEI --path ZIELPFAD [--custom JSON] [--role ROLLE]
  tiservice-repo --repo ORDNER remove-target --path ZIELPFAD [--role ROLLE]
  tiservice-repo --repo ORDNER add-release ARCHIV.tar.gz --version VERSION [--platform PLATTFORM]
                 [--channel stable|beta]
        eine neue Version von tiservice anbieten (Standard: linux-x86_64, stable); jede Installation
        findet sie beim nächsten Start unter releases/KANAL/PLATTFORM/tiservice.tar.gz
  tiservice-repo --repo ORDNER delegate --name ROLLE --paths MUSTER[,MUSTER] [--terminating]
                 [--threshold N] [--keys N] [--from ROLLE]
  tiservice-repo --repo ORDNER publish            geänderte Rollen signieren, Snapshot und Timestamp erneuern
  tiservice-repo --repo ORDNER rotate-key --role ROLLE   Schlüssel einer Rolle ersetzen
  tiservice-repo --repo ORDNER renew-timestamp    neuen Timestamp signieren

ROLLE: root, timestamp, snapshot, targets oder eine delegierte Rolle.
Veröffentlicht wird nach ORDNER/published/{metadata,targets}; der Update-Server liefert diesen Ordner aus.
Die Vertrauensbasis für Installer ist ORDNER/published/metadata/1.root.json.
)");

using command_line::UsageError;

/// Thresholds, key counts and days: whole numbers from 1 up.
int number(const std::string& option, const std::string& text) {
    const int v = command_line::number<int>(option, text);
    if (v < 1) throw UsageError{TIS_TEXT("tiservice-repo", "%1 erwartet eine Zahl ab 1, nicht \"%2\"").arg(option, text)};
    return v;
}

int fail(const Error& e) {
    std::cerr << "tiservice-repo: " << e.describe() << "\n";
    return 1;
}

bool setRoleValue(RepositoryOptions& o, const std::string& option, const std::string& spec, int RoleSettings::*field) {
    const auto eq = spec.find('=');
    if (eq == std::string::npos) return false;
    const auto role = spec.substr(0, eq);
    const int v = number(option, spec.substr(eq + 1));
    RoleSettings* r = role == "root" ? &o.root : role == "targets" ? &o.targets : role == "snapshot" ? &o.snapshot
                    : role == "timestamp" ? &o.timestamp : nullptr;
    if (!r) return false;
    r->*field = v;
    return true;
}

UsageError roleValueExpected(const std::string& option, const LocalizedText& value) {
    return UsageError{TIS_TEXT("tiservice-repo", "%1 erwartet ROLLE=%2").arg(option, value)};
}

}  // namespace

int main(int argc, char** argv) {
    tiservice::cli::claimQtMainThread();
    tiservice::cli::useUtf8Console();
    std::vector<std::string> args = tiservice::cli::arguments(argc, argv);
    std::optional<std::filesystem::path> repoDir, file;
    std::optional<std::string> command, path, role, name, paths, custom, from, version, platform, channel;
    RepositoryOptions options;
    RoleSettings delegation{1, 1, 90};
    bool terminating = false;
    try {
        for (command_line::OptionReader o(args); o.next();) {
            const auto& a = o.name();
            if (o.is("-h", "--help")) {
                std::cout << tr(kHelp);
                return 0;
            } else if (o.is("--repo")) repoDir = o.path();
            else if (o.is("--key-type")) {
                const auto t = o.value();
                if (t == "ed25519") options.keyType = SigningKey::Type::Ed25519;
                else if (t == "ecdsa") options.keyType = SigningKey::Type::EcdsaP256;
                else if (t == "rsa") options.keyType = SigningKey::Type::RsaPss;
                else
                    throw UsageError{TIS_TEXT("tiservice-repo", "--key-type erwartet ed25519, ecdsa oder rsa")};
            } else if (o.is("--threshold")) {
                const auto v = o.value();
                if (v.find('=') == std::string::npos) delegation.threshold = number(a, v);
                else if (!setRoleValue(options, a, v, &RoleSettings::threshold)) throw roleValueExpected(a, LocalizedText::same("N"));
            } else if (o.is("--keys")) {
                const auto v = o.value();
                if (v.find('=') == std::string::npos) delegation.keyCount = number(a, v);
                else if (!setRoleValue(options, a, v, &RoleSettings::keyCount)) throw roleValueExpected(a, LocalizedText::same("N"));
            } else if (o.is("--expires")) {
                if (!setRoleValue(options, a, o.value(), &RoleSettings::expiresDays))
                    throw roleValueExpected(a, TIS_TEXT("tiservice-repo", "TAGE"));
            } else if (o.is("--no-consistent-snapshot")) options.consistentSnapshot = false;
            else if (o.is("--target-hashes")) options.targetHashes = command_line::commaList(o.value());
            else if (o.is("--path")) path = o.value();
            else if (o.is("--role")) role = o.value();
            else if (o.is("--name")) name = o.value();
            else if (o.is("--paths")) paths = o.value();
            else if (o.is("--custom")) custom = o.value();
            else if (o.is("--from")) from = o.value();
            else if (o.is("--version")) version = o.value();
            else if (o.is("--platform")) platform = o.value();
            else if (o.is("--channel")) channel = o.value();
            else if (o.is("--terminating")) terminating = true;
            else if (!command) command = a;
            else if (!file) file = tiservice::pathFromUtf8(a);
            else throw UsageError{TIS_TEXT("tiservice-repo", "unerwartetes Argument %1").arg(a)};
        }
    } catch (const UsageError& e) {
        std::cerr << "tiservice-repo: " << tr(e.text) << "\n" << tr(kHelp);
        return 1;
    }
    if (!repoDir || !command) {
        std::cerr << tr(kHelp);
        return 1;
    }
    if (*command == "init") {
        auto repo = Repository::create(*repoDir, options);
        if (!repo.ok()) return fail(repo.error());
        std::cout
            << tr(TIS_TEXT("tiservice-repo", "Vertrauensbasis: %1").arg(tiservice::utf8Of(repo->trustedRootFile())))
            << "\n";
        return 0;
    }
    auto repo = Repository::open(*repoDir);
    if (!repo.ok()) return fail(repo.error());
    Status s;
    if (*command == "add-target") {
        if (!file || !path) {
            std::cerr << "tiservice-repo: " << tr(TIS_TEXT("tiservice-repo", "Aufruf: add-target DATEI --path ZIELPFAD")) << "\n";
            return 1;
        }
        QJsonObject customJson;
        if (custom) {
            QJsonParseError e{};
            customJson = QJsonDocument::fromJson(QByteArray::fromStdString(*custom), &e).object();
            if (e.error != QJsonParseError::NoError) {
                std::cerr << "tiservice-repo: " << tr(TIS_TEXT("tiservice-repo", "--custom ist kein JSON-Objekt")) << "\n";
                return 1;
            }
        }
        s = repo->addTarget(*file, *path, customJson, role.value_or("targets"));
    } else if (*command == "add-release") {
        if (!file || !version || !FirmwareVersion::parse(*version).ok()) {
            std::cerr << "tiservice-repo: "
                      << tr(TIS_TEXT("tiservice-repo",
                                     "Aufruf: add-release ARCHIV.tar.gz --version VERSION (z. B. 1.3.0)"))
                      << "\n";
            return 1;
        }
        const std::string p = platform.value_or(std::string(release::thisPlatform()));
        const std::string c = channel.value_or("stable");
        if (c != "stable" && c != "beta") {
            std::cerr << "tiservice-repo: " << tr(TIS_TEXT("tiservice-repo", "--channel erwartet stable oder beta"))
                      << "\n";
            return 1;
        }
        s = repo->addTarget(*file, release::releaseTarget(c, p),
                            QJsonObject{{"version", QString::fromStdString(*version)},
                                        {"platform", QString::fromStdString(p)},
                                        {"channel", QString::fromStdString(c)}},
                            role.value_or("targets"));
    } else if (*command == "remove-target") {
        if (!path) {
            std::cerr << "tiservice-repo: " << tr(TIS_TEXT("tiservice-repo", "Aufruf: remove-target --path ZIELPFAD")) << "\n";
            return 1;
        }
        s = repo->removeTarget(*path, role.value_or("targets"));
    } else if (*command == "delegate") {
        if (!name || !paths) {
            std::cerr << "tiservice-repo: " << tr(TIS_TEXT("tiservice-repo", "Aufruf: delegate --name ROLLE --paths MUSTER[,MUSTER]")) << "\n";
            return 1;
        }
        s = repo->delegate(*name, command_line::commaList(*paths), terminating, delegation, from.value_or("targets"));
    } else if (*command == "publish") {
        s = repo->publish();
    } else if (*command == "rotate-key") {
        if (!role) {
            std::cerr << "tiservice-repo: " << tr(TIS_TEXT("tiservice-repo", "Aufruf: rotate-key --role ROLLE")) << "\n";
            return 1;
        }
        s = repo->rotateKeys(*role);
    } else if (*command == "renew-timestamp") {
        s = repo->renewTimestamp();
    } else {
        std::cerr << "tiservice-repo: " << tr(TIS_TEXT("tiservice-repo", "unbekannter Befehl %1").arg(*command))
                  << "\n"
                  << tr(kHelp);
        return 1;
    }
    if (!s.ok()) return fail(s.error());
    return 0;
}
