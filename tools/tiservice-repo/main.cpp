// tiservice-repo: the publisher side of the vendor's update server (TUF repository).

#include <iostream>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include <QJsonDocument>
#include <QJsonObject>

#include "tiservice/trust/repository.h"

using namespace tiservice;
using namespace tiservice::trust;

namespace {

const char* kHelp = R"(tiservice-repo – Update-Repository des Herstellers (TUF) anlegen, füllen, signieren
tiservice-repo – create, fill and sign the vendor's update repository (TUF)

  tiservice-repo --repo DIR init [--key-type ed25519|ecdsa|rsa] [--threshold ROLE=N] [--keys ROLE=N]
                 [--expires ROLE=DAYS] [--no-consistent-snapshot]
        Schlüssel je Rolle erzeugen (PEM, Modus 0600) und Version 1 veröffentlichen.
        create keys per role (PEM, mode 0600) and publish version 1.
  tiservice-repo --repo DIR add-target FILE --path TARGET_PATH [--custom JSON] [--role ROLE]
  tiservice-repo --repo DIR remove-target --path TARGET_PATH [--role ROLE]
  tiservice-repo --repo DIR delegate --name ROLE --paths PATTERN[,PATTERN] [--terminating]
                 [--threshold N] [--keys N] [--from ROLE]
  tiservice-repo --repo DIR publish            geänderte Rollen signieren, Snapshot und Timestamp erneuern
                                               sign changed roles, renew snapshot and timestamp
  tiservice-repo --repo DIR rotate-key --role ROLE   Schlüssel einer Rolle ersetzen / replace a role's keys
  tiservice-repo --repo DIR renew-timestamp    neuen Timestamp signieren / sign a new timestamp

ROLE: root, timestamp, snapshot, targets (oder eine delegierte Rolle / or a delegated role).
Veröffentlicht wird nach DIR/published/{metadata,targets}; der Update-Server liefert diesen Ordner aus.
Die Vertrauensbasis für Installer ist DIR/published/metadata/1.root.json.
Published to DIR/published/{metadata,targets}; the update server serves that folder.
The trust anchor for installers is DIR/published/metadata/1.root.json.
)";

int fail(const Error& e) {
    std::cerr << "tiservice-repo: " << e.describe() << "\n";
    return 1;
}

bool setRoleValue(RepositoryOptions& o, const std::string& spec, int RoleSettings::*field) {
    const auto eq = spec.find('=');
    if (eq == std::string::npos) return false;
    const auto role = spec.substr(0, eq);
    const int v = std::stoi(spec.substr(eq + 1));
    RoleSettings* r = role == "root" ? &o.root : role == "targets" ? &o.targets : role == "snapshot" ? &o.snapshot
                    : role == "timestamp" ? &o.timestamp : nullptr;
    if (!r) return false;
    r->*field = v;
    return true;
}

}  // namespace

int main(int argc, char** argv) {
    std::vector<std::string> args(argv + 1, argv + argc);
    std::optional<std::string> repoDir, command, file, path, role, name, paths, custom, from;
    RepositoryOptions options;
    RoleSettings delegation{1, 1, 90};
    bool terminating = false;
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
            } else if (a == "--repo") repoDir = value();
            else if (a == "--key-type") {
                const auto t = value();
                if (t == "ed25519") options.keyType = SigningKey::Type::Ed25519;
                else if (t == "ecdsa") options.keyType = SigningKey::Type::EcdsaP256;
                else if (t == "rsa") options.keyType = SigningKey::Type::RsaPss;
                else throw std::runtime_error("--key-type: ed25519 | ecdsa | rsa");
            } else if (a == "--threshold") {
                const auto v = value();
                if (v.find('=') == std::string::npos) delegation.threshold = std::stoi(v);
                else if (!setRoleValue(options, v, &RoleSettings::threshold)) throw std::runtime_error("--threshold ROLE=N");
            } else if (a == "--keys") {
                const auto v = value();
                if (v.find('=') == std::string::npos) delegation.keyCount = std::stoi(v);
                else if (!setRoleValue(options, v, &RoleSettings::keyCount)) throw std::runtime_error("--keys ROLE=N");
            } else if (a == "--expires") {
                if (!setRoleValue(options, value(), &RoleSettings::expiresDays)) throw std::runtime_error("--expires ROLE=DAYS");
            } else if (a == "--no-consistent-snapshot") options.consistentSnapshot = false;
            else if (a == "--path") path = value();
            else if (a == "--role") role = value();
            else if (a == "--name") name = value();
            else if (a == "--paths") paths = value();
            else if (a == "--custom") custom = value();
            else if (a == "--from") from = value();
            else if (a == "--terminating") terminating = true;
            else if (!command) command = a;
            else if (!file) file = a;
            else throw std::runtime_error("unexpected argument " + a);
        }
    } catch (const std::exception& e) {
        std::cerr << "tiservice-repo: " << e.what() << "\n" << kHelp;
        return 1;
    }
    if (!repoDir || !command) {
        std::cerr << kHelp;
        return 1;
    }
    if (*command == "init") {
        auto repo = Repository::create(*repoDir, options);
        if (!repo.ok()) return fail(repo.error());
        std::cout << "Vertrauensbasis / trust anchor: " << repo->trustedRootFile().string() << "\n";
        return 0;
    }
    auto repo = Repository::open(*repoDir);
    if (!repo.ok()) return fail(repo.error());
    Status s;
    if (*command == "add-target") {
        if (!file || !path) {
            std::cerr << "tiservice-repo: add-target FILE --path TARGET_PATH\n";
            return 1;
        }
        QJsonObject customJson;
        if (custom) {
            QJsonParseError e{};
            customJson = QJsonDocument::fromJson(QByteArray::fromStdString(*custom), &e).object();
            if (e.error != QJsonParseError::NoError) {
                std::cerr << "tiservice-repo: --custom ist kein JSON-Objekt / is not a JSON object\n";
                return 1;
            }
        }
        s = repo->addTarget(*file, *path, customJson, role.value_or("targets"));
    } else if (*command == "remove-target") {
        if (!path) {
            std::cerr << "tiservice-repo: remove-target --path TARGET_PATH\n";
            return 1;
        }
        s = repo->removeTarget(*path, role.value_or("targets"));
    } else if (*command == "delegate") {
        if (!name || !paths) {
            std::cerr << "tiservice-repo: delegate --name ROLE --paths PATTERN[,PATTERN]\n";
            return 1;
        }
        std::vector<std::string> patterns;
        std::size_t start = 0;
        while (start <= paths->size()) {
            const auto comma = paths->find(',', start);
            patterns.push_back(paths->substr(start, comma - start));
            if (comma == std::string::npos) break;
            start = comma + 1;
        }
        s = repo->delegate(*name, patterns, terminating, delegation, from.value_or("targets"));
    } else if (*command == "publish") {
        s = repo->publish();
    } else if (*command == "rotate-key") {
        if (!role) {
            std::cerr << "tiservice-repo: rotate-key --role ROLE\n";
            return 1;
        }
        s = repo->rotateKeys(*role);
    } else if (*command == "renew-timestamp") {
        s = repo->renewTimestamp();
    } else {
        std::cerr << "tiservice-repo: unbekannter Befehl / unknown command " << *command << "\n" << kHelp;
        return 1;
    }
    if (!s.ok()) return fail(s.error());
    return 0;
}
