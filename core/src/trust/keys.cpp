#include "tiservice/trust/keys.h"
#include "tiservice/paths.h"
#include "tiservice/store/atomic_file.h"

#include <sys/stat.h>

#include <cstdio>
#include <fstream>
#include <sstream>

#include <openssl/bio.h>
#include <openssl/core_names.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/rsa.h>
#include <QJsonObject>

#include "tiservice/trust/canonical_json.h"

namespace tiservice::trust {
namespace {

struct PkeyFree {
    void operator()(EVP_PKEY* p) const { EVP_PKEY_free(p); }
};
struct CtxFree {
    void operator()(EVP_MD_CTX* p) const { EVP_MD_CTX_free(p); }
};
struct BioFree {
    void operator()(BIO* p) const { BIO_free(p); }
};
using Pkey = std::unique_ptr<EVP_PKEY, PkeyFree>;
using MdCtx = std::unique_ptr<EVP_MD_CTX, CtxFree>;
using Bio = std::unique_ptr<BIO, BioFree>;

std::optional<std::string> fromHex(std::string_view hex) {
    if (hex.size() % 2 != 0) return std::nullopt;
    std::string out;
    out.reserve(hex.size() / 2);
    const auto nibble = [](char c) -> int {
        if (c >= '0' && c <= '9') return c - '0';
        if (c >= 'a' && c <= 'f') return c - 'a' + 10;
        if (c >= 'A' && c <= 'F') return c - 'A' + 10;
        return -1;
    };
    for (std::size_t i = 0; i < hex.size(); i += 2) {
        const int hi = nibble(hex[i]), lo = nibble(hex[i + 1]);
        if (hi < 0 || lo < 0) return std::nullopt;
        out += static_cast<char>(hi * 16 + lo);
    }
    return out;
}

bool isEcdsa(const PublicKey& k) {
    return (k.keytype == "ecdsa" || k.keytype == "ecdsa-sha2-nistp256") && k.scheme == "ecdsa-sha2-nistp256";
}

Pkey loadPublic(const PublicKey& k) {
    if (k.keytype == "ed25519" && k.scheme == "ed25519") {
        auto raw = fromHex(k.publicValue);
        if (!raw || raw->size() != 32) return nullptr;
        return Pkey(EVP_PKEY_new_raw_public_key(EVP_PKEY_ED25519, nullptr,
                                                reinterpret_cast<const unsigned char*>(raw->data()), raw->size()));
    }
    if (isEcdsa(k) || (k.keytype == "rsa" && k.scheme == "rsassa-pss-sha256")) {
        Bio bio(BIO_new_mem_buf(k.publicValue.data(), static_cast<int>(k.publicValue.size())));
        Pkey key(PEM_read_bio_PUBKEY(bio.get(), nullptr, nullptr, nullptr));
        if (!key) return nullptr;
        if (isEcdsa(k)) {
            char group[64] = {};
            std::size_t len = 0;
            if (EVP_PKEY_get_base_id(key.get()) != EVP_PKEY_EC ||
                EVP_PKEY_get_utf8_string_param(key.get(), OSSL_PKEY_PARAM_GROUP_NAME, group, sizeof group, &len) != 1 ||
                std::string(group) != "prime256v1")
                return nullptr;
        } else if (EVP_PKEY_get_base_id(key.get()) != EVP_PKEY_RSA || EVP_PKEY_get_bits(key.get()) < 2048) {
            return nullptr;
        }
        return key;
    }
    return nullptr;
}

std::string publicValueOf(EVP_PKEY* key, SigningKey::Type type) {
    if (type == SigningKey::Type::Ed25519) {
        unsigned char raw[32];
        std::size_t len = sizeof raw;
        EVP_PKEY_get_raw_public_key(key, raw, &len);
        return toHex(std::string_view(reinterpret_cast<const char*>(raw), len));
    }
    Bio bio(BIO_new(BIO_s_mem()));
    PEM_write_bio_PUBKEY(bio.get(), key);
    char* data = nullptr;
    const long n = BIO_get_mem_data(bio.get(), &data);
    return std::string(data, static_cast<std::size_t>(n));
}

PublicKey describe(EVP_PKEY* key, SigningKey::Type type) {
    switch (type) {
        case SigningKey::Type::Ed25519: return {"ed25519", "ed25519", publicValueOf(key, type)};
        case SigningKey::Type::EcdsaP256: return {"ecdsa", "ecdsa-sha2-nistp256", publicValueOf(key, type)};
        case SigningKey::Type::RsaPss: return {"rsa", "rsassa-pss-sha256", publicValueOf(key, type)};
    }
    return {};
}

Error keyError(const std::string& what) {
    ERR_clear_error();
    return Error{.code = "trust.key",
                 .message = TIS_TEXT("keys", "Schlüssel-Fehler: %1").arg(what),
                 .action = TIS_TEXT("keys", "Schlüsseldatei prüfen."),
                 .detail = what};
}

}  // namespace

std::string toHex(std::string_view bytes) {
    static const char* digits = "0123456789abcdef";
    std::string out;
    out.reserve(bytes.size() * 2);
    for (unsigned char c : bytes) {
        out += digits[c >> 4];
        out += digits[c & 15];
    }
    return out;
}

std::string hashHex(std::string_view algorithm, std::string_view data) {
    const EVP_MD* md = algorithm == "sha256" ? EVP_sha256() : algorithm == "sha512" ? EVP_sha512() : nullptr;
    if (!md) return {};
    unsigned char out[EVP_MAX_MD_SIZE];
    unsigned int len = 0;
    EVP_Digest(data.data(), data.size(), out, &len, md, nullptr);
    return toHex(std::string_view(reinterpret_cast<const char*>(out), len));
}

std::string PublicKey::canonicalJson() const {
    QJsonObject o{{"keytype", QString::fromStdString(keytype)},
                  {"scheme", QString::fromStdString(scheme)},
                  {"keyval", QJsonObject{{"public", QString::fromStdString(publicValue)}}}};
    return *trust::canonicalJson(o);
}

std::string PublicKey::keyId() const { return hashHex("sha256", canonicalJson()); }

bool PublicKey::supported() const { return loadPublic(*this) != nullptr; }

bool PublicKey::verify(std::string_view data, std::string_view signatureHex) const {
    const auto sig = fromHex(signatureHex);
    if (!sig || sig->empty()) return false;
    Pkey key = loadPublic(*this);
    if (!key) return false;
    MdCtx ctx(EVP_MD_CTX_new());
    EVP_PKEY_CTX* pctx = nullptr;
    const EVP_MD* md = scheme == "ed25519" ? nullptr : EVP_sha256();
    if (EVP_DigestVerifyInit(ctx.get(), &pctx, md, nullptr, key.get()) != 1) {
        ERR_clear_error();
        return false;
    }
    if (scheme == "rsassa-pss-sha256") {
        EVP_PKEY_CTX_set_rsa_padding(pctx, RSA_PKCS1_PSS_PADDING);
        EVP_PKEY_CTX_set_rsa_pss_saltlen(pctx, RSA_PSS_SALTLEN_AUTO);
        EVP_PKEY_CTX_set_rsa_mgf1_md(pctx, EVP_sha256());
    }
    const int ok = EVP_DigestVerify(ctx.get(), reinterpret_cast<const unsigned char*>(sig->data()), sig->size(),
                                    reinterpret_cast<const unsigned char*>(data.data()), data.size());
    ERR_clear_error();
    return ok == 1;
}

struct SigningKey::Impl {
    Pkey key;
    Type type = Type::Ed25519;
};

SigningKey::SigningKey(const SigningKey&) = default;
SigningKey& SigningKey::operator=(const SigningKey&) = default;
SigningKey::SigningKey(SigningKey&&) noexcept = default;
SigningKey& SigningKey::operator=(SigningKey&&) noexcept = default;
SigningKey::~SigningKey() = default;

Result<SigningKey> SigningKey::generate(Type type) {
    Pkey key;
    switch (type) {
        case Type::Ed25519: key.reset(EVP_PKEY_Q_keygen(nullptr, nullptr, "ED25519")); break;
        case Type::EcdsaP256: key.reset(EVP_PKEY_Q_keygen(nullptr, nullptr, "EC", "P-256")); break;
        case Type::RsaPss: key.reset(EVP_PKEY_Q_keygen(nullptr, nullptr, "RSA", static_cast<size_t>(3072))); break;
    }
    if (!key) return keyError("generation failed");
    SigningKey k;
    k.impl_ = std::make_shared<Impl>();
    k.public_ = describe(key.get(), type);
    k.impl_->key = std::move(key);
    k.impl_->type = type;
    return k;
}

Result<SigningKey> SigningKey::load(const std::filesystem::path& pemFile) {
    FILE* f = store::openStdioFile(pemFile, "rb");
    if (!f) return keyError("cannot read " + tiservice::utf8Of(pemFile));
    Pkey key(PEM_read_PrivateKey(f, nullptr, nullptr, nullptr));
    std::fclose(f);
    if (!key) return keyError("not a PEM private key: " + tiservice::utf8Of(pemFile));
    Type type;
    switch (EVP_PKEY_get_base_id(key.get())) {
        case EVP_PKEY_ED25519: type = Type::Ed25519; break;
        case EVP_PKEY_EC: type = Type::EcdsaP256; break;
        case EVP_PKEY_RSA: type = Type::RsaPss; break;
        default: return keyError("unsupported key type in " + tiservice::utf8Of(pemFile));
    }
    SigningKey k;
    k.impl_ = std::make_shared<Impl>();
    k.public_ = describe(key.get(), type);
    k.impl_->key = std::move(key);
    k.impl_->type = type;
    if (!k.public_.supported()) return keyError("unsupported key parameters in " + tiservice::utf8Of(pemFile));
    return k;
}

Status SigningKey::save(const std::filesystem::path& pemFile) const {
    auto tmp = pemFile;
    tmp += ".tmp";
#ifdef _WIN32
    // A file in the user's own profile folder is his alone (its ACL); there is no umask.
    FILE* f = store::openStdioFile(tmp, "wb");
#else
    const mode_t old = umask(077);
    FILE* f = store::openStdioFile(tmp, "wb");
    umask(old);
#endif
    if (!f) return keyError("cannot write " + tiservice::utf8Of(tmp));
    const bool ok = PEM_write_PrivateKey(f, impl_->key.get(), nullptr, nullptr, 0, nullptr, nullptr) == 1;
    const bool closed = std::fclose(f) == 0;
    if (!ok || !closed) return keyError("cannot write " + tiservice::utf8Of(tmp));
    std::error_code ec;
    std::filesystem::permissions(tmp, std::filesystem::perms::owner_read | std::filesystem::perms::owner_write, ec);
    std::filesystem::rename(tmp, pemFile, ec);
    if (ec) return keyError("cannot write " + tiservice::utf8Of(pemFile) + ": " + ec.message());
    return Status::success();
}

std::string SigningKey::sign(std::string_view data) const {
    MdCtx ctx(EVP_MD_CTX_new());
    EVP_PKEY_CTX* pctx = nullptr;
    const EVP_MD* md = impl_->type == Type::Ed25519 ? nullptr : EVP_sha256();
    EVP_DigestSignInit(ctx.get(), &pctx, md, nullptr, impl_->key.get());
    if (impl_->type == Type::RsaPss) {
        EVP_PKEY_CTX_set_rsa_padding(pctx, RSA_PKCS1_PSS_PADDING);
        EVP_PKEY_CTX_set_rsa_pss_saltlen(pctx, RSA_PSS_SALTLEN_DIGEST);
        EVP_PKEY_CTX_set_rsa_mgf1_md(pctx, EVP_sha256());
    }
    std::size_t len = 0;
    EVP_DigestSign(ctx.get(), nullptr, &len, reinterpret_cast<const unsigned char*>(data.data()), data.size());
    std::string sig(len, '\0');
    EVP_DigestSign(ctx.get(), reinterpret_cast<unsigned char*>(sig.data()), &len,
                   reinterpret_cast<const unsigned char*>(data.data()), data.size());
    sig.resize(len);
    return toHex(sig);
}

}  // namespace tiservice::trust
