#pragma once
// The simulator's own small PKI: on first start a CA and a server certificate (SAN
// konnektor.konlan, localhost, 127.0.0.1), reused on later starts; on request a client
// certificate as a password-protected .p12, like the one a real connector exports.

#include <filesystem>
#include <string>
#include <vector>

namespace tiservice::sim::pki {

struct Material {
    std::filesystem::path caCertificate;      ///< ca.pem — what clients trust
    std::filesystem::path serverCertificate;  ///< server.pem (chain: server, CA)
    std::filesystem::path serverKey;          ///< server-key.pem, mode 0600
    std::filesystem::path caKey;              ///< ca-key.pem, mode 0600
};

/// Creates the CA and server certificate in `folder` unless they exist. Throws on failure.
Material ensure(const std::filesystem::path& folder);

/// Issues a client certificate signed by the CA and writes it with its key as PKCS#12,
/// protected by `password`. Throws on failure.
void issueClientP12(const Material& material, const std::filesystem::path& out, const std::string& password,
                    const std::string& commonName = "Praxis-Clientsystem");

}  // namespace tiservice::sim::pki
