#include "kiosk_csr.h"

#include "openssl_util.h"

#include <openssl/pem.h>

namespace accred {

using namespace tls_internal;

Outcome<std::string> make_kiosk_csr(const SigningKey& kiosk_key, const std::string& kiosk_id,
                                    const std::string& gate) {
    const std::string expected = fingerprint(kiosk_key.public_key());
    if (kiosk_id != expected)
        return Error{"the kiosk id " + kiosk_id + " is not the fingerprint of the kiosk key (" +
                     expected + ")"};
    if (!printable_id(gate, 64))
        return Error{"the gate id must be 1 to 64 printable ASCII characters"};
    auto pkey = ed25519_private_key(kiosk_key);
    if (!pkey) return pkey.error();

    X509ReqPtr req(X509_REQ_new());
    X509NamePtr name(X509_NAME_new());
    if (!req || !name) return Error{"out of memory"};
    const auto* cn = reinterpret_cast<const unsigned char*>(kiosk_id.data());
    const auto* ou = reinterpret_cast<const unsigned char*>(gate.data());
    if (X509_REQ_set_version(req.get(), X509_REQ_VERSION_1) != 1 ||
        X509_NAME_add_entry_by_NID(name.get(), NID_commonName, MBSTRING_UTF8, cn,
                                   static_cast<int>(kiosk_id.size()), -1, 0) != 1 ||
        X509_NAME_add_entry_by_NID(name.get(), NID_organizationalUnitName, MBSTRING_UTF8, ou,
                                   static_cast<int>(gate.size()), -1, 0) != 1 ||
        X509_REQ_set_subject_name(req.get(), name.get()) != 1 ||
        X509_REQ_set_pubkey(req.get(), pkey->get()) != 1)
        return Error{"cannot build the certificate request: " + openssl_error()};
    // Ed25519 signs the message itself: no separate digest (md = nullptr).
    if (X509_REQ_sign(req.get(), pkey->get(), nullptr) <= 0)
        return Error{"cannot sign the certificate request: " + openssl_error()};

    BioPtr bio(BIO_new(BIO_s_mem()));
    if (!bio || PEM_write_bio_X509_REQ(bio.get(), req.get()) != 1)
        return Error{"cannot write the certificate request: " + openssl_error()};
    char* data = nullptr;
    const long len = BIO_get_mem_data(bio.get(), &data);
    return std::string(data, static_cast<std::size_t>(len));
}

} // namespace accred
