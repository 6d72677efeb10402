#include "pki.h"

#include <sys/stat.h>

#include <cstdio>
#include <memory>
#include <stdexcept>

#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/pkcs12.h>
#include <openssl/rand.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include "tiservice/paths.h"
#include "tiservice/store/atomic_file.h"

namespace tiservice::sim::pki {
namespace {

struct Free {
    void operator()(EVP_PKEY* p) const { EVP_PKEY_free(p); }
    void operator()(X509* p) const { X509_free(p); }
    void operator()(FILE* p) const { std::fclose(p); }
    void operator()(PKCS12* p) const { PKCS12_free(p); }
    void operator()(BIO* p) const { BIO_free(p); }
};
using Key = std::unique_ptr<EVP_PKEY, Free>;
using Cert = std::unique_ptr<X509, Free>;
using File = std::unique_ptr<FILE, Free>;

[[noreturn]] void fail(const std::string& what) {
    char buf[256] = {};
    ERR_error_string_n(ERR_get_error(), buf, sizeof buf);
    throw std::runtime_error("PKI: " + what + ": " + buf);
}

Key newKey() {
    Key key(EVP_EC_gen("P-256"));
    if (!key) fail("key generation");
    return key;
}

File openForWrite(const std::filesystem::path& path, bool secret) {
#ifdef _WIN32
    (void)secret;  // the user's own profile folder: its ACL keeps others out; there is no umask
    File f(tiservice::store::openStdioFile(path, "wb"));
#else
    const mode_t old = umask(secret ? 077 : 022);
    File f(tiservice::store::openStdioFile(path, "wb"));
    umask(old);
#endif
    if (!f) throw std::runtime_error("PKI: cannot write " + tiservice::utf8Of(path));
    return f;
}

void addExtension(X509* cert, X509* issuer, int nid, const char* value) {
    X509V3_CTX ctx;
    X509V3_set_ctx_nodb(&ctx);
    X509V3_set_ctx(&ctx, issuer, cert, nullptr, nullptr, 0);
    X509_EXTENSION* ext = X509V3_EXT_conf_nid(nullptr, &ctx, nid, value);
    if (ext == nullptr) fail(std::string("extension ") + value);
    X509_add_ext(cert, ext, -1);
    X509_EXTENSION_free(ext);
}

Cert makeCertificate(EVP_PKEY* key, const std::string& commonName, X509* issuer, long days) {
    Cert cert(X509_new());
    X509_set_version(cert.get(), 2);
    unsigned char serial[16];
    RAND_bytes(serial, sizeof serial);
    serial[0] &= 0x7f;
    BIGNUM* bn = BN_bin2bn(serial, sizeof serial, nullptr);
    BN_to_ASN1_INTEGER(bn, X509_get_serialNumber(cert.get()));
    BN_free(bn);
    X509_gmtime_adj(X509_getm_notBefore(cert.get()), -24L * 3600);
    X509_gmtime_adj(X509_getm_notAfter(cert.get()), days * 24L * 3600);
    X509_set_pubkey(cert.get(), key);
    X509_NAME* name = X509_get_subject_name(cert.get());
    X509_NAME_add_entry_by_txt(name, "C", MBSTRING_ASC, reinterpret_cast<const unsigned char*>("DE"), -1, -1, 0);
    X509_NAME_add_entry_by_txt(name, "O", MBSTRING_UTF8,
                               reinterpret_cast<const unsigned char*>("konnektor-sim (Testumgebung)"), -1, -1, 0);
    X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_UTF8, reinterpret_cast<const unsigned char*>(commonName.c_str()),
                               -1, -1, 0);
    X509_set_issuer_name(cert.get(), issuer != nullptr ? X509_get_subject_name(issuer) : name);
    return cert;
}

void sign(X509* cert, EVP_PKEY* key) {
    if (X509_sign(cert, key, EVP_sha256()) == 0) fail("signing");
}

void writeKey(EVP_PKEY* key, const std::filesystem::path& path) {
    auto f = openForWrite(path, true);
    if (PEM_write_PrivateKey(f.get(), key, nullptr, nullptr, 0, nullptr, nullptr) != 1) fail("writing key");
}

void writeCert(X509* cert, FILE* f) {
    if (PEM_write_X509(f, cert) != 1) fail("writing certificate");
}

Key readKey(const std::filesystem::path& path) {
    File f(tiservice::store::openStdioFile(path, "rb"));
    if (!f) throw std::runtime_error("PKI: cannot read " + tiservice::utf8Of(path));
    Key key(PEM_read_PrivateKey(f.get(), nullptr, nullptr, nullptr));
    if (!key) fail("reading key " + tiservice::utf8Of(path));
    return key;
}

Cert readCert(const std::filesystem::path& path) {
    File f(tiservice::store::openStdioFile(path, "rb"));
    if (!f) throw std::runtime_error("PKI: cannot read " + tiservice::utf8Of(path));
    Cert cert(PEM_read_X509(f.get(), nullptr, nullptr, nullptr));
    if (!cert) fail("reading certificate " + tiservice::utf8Of(path));
    return cert;
}

}  // namespace

Material ensure(const std::filesystem::path& folder) {
    std::filesystem::create_directories(folder);
    const auto dir = std::filesystem::absolute(folder);
    Material m{dir / "ca.pem", dir / "server.pem", dir / "server-key.pem", dir / "ca-key.pem"};
    if (std::filesystem::exists(m.caCertificate) && std::filesystem::exists(m.caKey) &&
        std::filesystem::exists(m.serverCertificate) && std::filesystem::exists(m.serverKey))
        return m;

    auto caKey = newKey();
    auto ca = makeCertificate(caKey.get(), "konnektor-sim Test-CA", nullptr, 3650);
    addExtension(ca.get(), ca.get(), NID_basic_constraints, "critical,CA:TRUE,pathlen:0");
    addExtension(ca.get(), ca.get(), NID_key_usage, "critical,keyCertSign,cRLSign");
    addExtension(ca.get(), ca.get(), NID_subject_key_identifier, "hash");
    sign(ca.get(), caKey.get());

    auto serverKey = newKey();
    auto server = makeCertificate(serverKey.get(), "konnektor.konlan", ca.get(), 825);
    addExtension(server.get(), ca.get(), NID_basic_constraints, "critical,CA:FALSE");
    addExtension(server.get(), ca.get(), NID_key_usage, "critical,digitalSignature");
    addExtension(server.get(), ca.get(), NID_ext_key_usage, "serverAuth");
    addExtension(server.get(), ca.get(), NID_subject_alt_name, "DNS:konnektor.konlan,DNS:localhost,IP:127.0.0.1,IP:::1");
    addExtension(server.get(), ca.get(), NID_authority_key_identifier, "keyid:always");
    sign(server.get(), caKey.get());

    writeKey(caKey.get(), m.caKey);
    writeKey(serverKey.get(), m.serverKey);
    {
        auto f = openForWrite(m.serverCertificate, false);
        writeCert(server.get(), f.get());
        writeCert(ca.get(), f.get());
    }
    {
        auto f = openForWrite(m.caCertificate, false);
        writeCert(ca.get(), f.get());
    }
    return m;
}

void issueClientP12(const Material& material, const std::filesystem::path& out, const std::string& password,
                    const std::string& commonName) {
    auto caKey = readKey(material.caKey);
    auto ca = readCert(material.caCertificate);
    auto key = newKey();
    auto cert = makeCertificate(key.get(), commonName, ca.get(), 825);
    addExtension(cert.get(), ca.get(), NID_basic_constraints, "critical,CA:FALSE");
    addExtension(cert.get(), ca.get(), NID_key_usage, "critical,digitalSignature");
    addExtension(cert.get(), ca.get(), NID_ext_key_usage, "clientAuth");
    sign(cert.get(), caKey.get());

    STACK_OF(X509)* chain = sk_X509_new_null();
    sk_X509_push(chain, ca.get());
    std::unique_ptr<PKCS12, Free> p12(
        PKCS12_create(password.c_str(), commonName.c_str(), key.get(), cert.get(), chain, 0, 0, 0, 0, 0));
    sk_X509_free(chain);
    if (!p12) fail("creating PKCS#12");
    auto f = openForWrite(out, true);
    if (i2d_PKCS12_fp(f.get(), p12.get()) != 1) fail("writing PKCS#12");
}

}  // namespace tiservice::sim::pki
