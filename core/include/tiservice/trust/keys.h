#pragma once
// TUF keys and signatures on OpenSSL: ed25519, ecdsa-sha2-nistp256 and rsassa-pss-sha256,
// as the TUF specification writes them (public keys hex for ed25519, PEM otherwise;
// signatures hex). Private keys live in PEM files with mode 0600 and never in logs.

#include <filesystem>
#include <memory>
#include <string>
#include <string_view>

#include "tiservice/core_export.h"
#include "tiservice/error.h"

namespace tiservice::trust {

/// A public key as listed in TUF metadata.
struct PublicKey {
    std::string keytype;  ///< "ed25519", "ecdsa", "rsa"
    std::string scheme;   ///< "ed25519", "ecdsa-sha2-nistp256", "rsassa-pss-sha256"
    std::string publicValue;  ///< keyval.public

    /// The key's id: SHA-256 of the canonical JSON of {keytype, scheme, keyval}.
    [[nodiscard]] TISERVICE_CORE_EXPORT std::string keyId() const;
    /// Canonical JSON of the key object.
    [[nodiscard]] TISERVICE_CORE_EXPORT std::string canonicalJson() const;
    /// True when the scheme is one tiservice verifies.
    [[nodiscard]] TISERVICE_CORE_EXPORT bool supported() const;
    /// Verifies a hex signature over `data`. False for unsupported keys, malformed keys or
    /// signatures, and wrong signatures — never throws.
    [[nodiscard]] TISERVICE_CORE_EXPORT bool verify(std::string_view data, std::string_view signatureHex) const;
};

/// A private key for signing (publisher side and tests).
class TISERVICE_CORE_EXPORT SigningKey {
public:
    enum class Type { Ed25519, EcdsaP256, RsaPss };

    static Result<SigningKey> generate(Type type);
    /// Reads a PEM private key; the scheme follows from the key.
    static Result<SigningKey> load(const std::filesystem::path& pemFile);
    /// Writes the private key as PEM with mode 0600, atomically.
    Status save(const std::filesystem::path& pemFile) const;

    [[nodiscard]] const PublicKey& publicKey() const { return public_; }
    [[nodiscard]] std::string keyId() const { return public_.keyId(); }
    /// Hex signature over `data` in the key's scheme.
    [[nodiscard]] std::string sign(std::string_view data) const;

    SigningKey(const SigningKey&);
    SigningKey& operator=(const SigningKey&);
    SigningKey(SigningKey&&) noexcept;
    SigningKey& operator=(SigningKey&&) noexcept;
    ~SigningKey();

private:
    SigningKey() = default;
    struct Impl;
    std::shared_ptr<Impl> impl_;
    PublicKey public_;
};

/// Lower-case hex.
TISERVICE_CORE_EXPORT std::string toHex(std::string_view bytes);
/// Hash of data as lower-case hex; algorithm "sha256" or "sha512". Empty for others.
TISERVICE_CORE_EXPORT std::string hashHex(std::string_view algorithm, std::string_view data);

}  // namespace tiservice::trust
