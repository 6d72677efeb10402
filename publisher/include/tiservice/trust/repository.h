#pragma once
// The publisher side of TUF, used by tools/tiservice-repo and the tests: a repository
// folder with private keys per role (PEM, mode 0600), its working state, and the
// published tree that an update server serves:
//
//   <dir>/repository.json        roles, keys, thresholds, expiry periods, targets, versions
//   <dir>/keys/<role>-<n>.pem    private keys (never commit these)
//   <dir>/published/metadata/    1.root.json …, N.snapshot.json, N.targets.json, timestamp.json, …
//   <dir>/published/targets/     target files, also as <sha256>.<name> for consistent snapshots

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include <QJsonObject>

#include "tiservice/clock.h"
#include "tiservice/core_export.h"
#include "tiservice/error.h"
#include "tiservice/trust/keys.h"

namespace tiservice::trust {

struct RoleSettings {
    int threshold = 1;
    int keyCount = 1;
    int expiresDays = 365;
};

struct RepositoryOptions {
    SigningKey::Type keyType = SigningKey::Type::Ed25519;
    bool consistentSnapshot = true;
    RoleSettings root{1, 1, 365};
    RoleSettings targets{1, 1, 90};
    RoleSettings snapshot{1, 1, 7};
    RoleSettings timestamp{1, 1, 1};
    /// Hashes listed for each target; clients check every one listed. SHA-256 alone is what
    /// TUF's reference implementation lists too; add "sha512" for a second, independent one.
    std::vector<std::string> targetHashes{"sha256"};
};

/// Signs a "signed" object with each key: the envelope TUF clients read.
std::string signMetadata(const QJsonObject& signedObject, const std::vector<SigningKey>& keys);

class Repository {
public:
    /// Creates keys and publishes version 1 of every role. `clock` dates the expiry.
    static Result<Repository> create(const std::filesystem::path& dir, const RepositoryOptions& options,
                                     std::shared_ptr<const Clock> clock = nullptr);
    static Result<Repository> open(const std::filesystem::path& dir, std::shared_ptr<const Clock> clock = nullptr);

    /// Adds (or replaces) a target: the file is copied into the repository. `role` is
    /// "targets" or a delegated role. Takes effect with publish().
    Status addTarget(const std::filesystem::path& file, const std::string& targetPath, const QJsonObject& custom = {},
                     const std::string& role = "targets");
    Status removeTarget(const std::string& targetPath, const std::string& role = "targets");
    /// Delegates `paths` from `from` ("targets" or a delegated role) to a new role with its own keys.
    Status delegate(const std::string& name, const std::vector<std::string>& paths, bool terminating,
                    const RoleSettings& settings, const std::string& from = "targets");
    /// Signs every changed role with new versions, then a new snapshot and timestamp.
    Status publish();
    /// Replaces the keys of a top-level role. A new root version is published, signed by
    /// the old and the new root keys; then snapshot and timestamp are renewed.
    Status rotateKeys(const std::string& role);
    /// A new timestamp (version + 1, fresh expiry) for the same snapshot.
    Status renewTimestamp();

    [[nodiscard]] std::filesystem::path metadataDir() const;
    [[nodiscard]] std::filesystem::path targetsDir() const;
    [[nodiscard]] std::filesystem::path trustedRootFile() const;  ///< 1.root.json: what the installer ships
    /// The private keys of a role (for tests that craft metadata).
    [[nodiscard]] std::vector<SigningKey> keys(const std::string& role) const;
    /// The working state (for tests that craft metadata).
    [[nodiscard]] const QJsonObject& state() const;

    Repository(Repository&&) noexcept;
    Repository& operator=(Repository&&) noexcept;
    ~Repository();

private:
    Repository();
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace tiservice::trust
