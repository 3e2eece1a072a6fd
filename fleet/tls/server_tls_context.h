// Internal to fleet/tls: the desk server's TLS context (plain OpenSSL, no networking), kept apart
// from the event-driven server so that what the handshake checks can be read in one place.
#pragma once

#include "crypto/outcome.h"
#include "openssl_util.h"
#include "peer_identity.h"

#include <functional>
#include <string>

namespace accred::tls_internal {

using SslCtxPtr = std::unique_ptr<SSL_CTX, OsslDeleter<SSL_CTX_free>>;
using AdmitFn = std::function<bool(const PeerIdentity&)>;

// A server context from desk_dir's fleet/ca.crt, server.crt and server.key (decrypted with
// passphrase): TLS 1.3 only; no session tickets, resumption or renegotiation (a resumed session
// would skip the client certificate and so *admit); the fleet CA as the only trust anchor; a
// client certificate required, and *admit asked at depth 0 once OpenSSL's own chain and date
// checks have passed (false, or a throw, aborts the handshake with an alert). admit must outlive
// the context and be thread-safe. An Error names the file or the passphrase at fault.
Outcome<SslCtxPtr> make_server_tls_context(const std::string& desk_dir,
                                           const std::string& passphrase, const AdmitFn* admit);

// *admit(peer), with a missing callback or one that throws counted as a refusal.
bool admits(const AdmitFn* admit, const PeerIdentity& peer);

} // namespace accred::tls_internal
