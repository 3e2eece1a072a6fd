# The fleet PKI and mutual-TLS transport (fleet/tls, docs/fleet-pki.md). Tag: [tls].
set(FLEET_TLS_TESTS
  fleet/tls_pki_test.cpp
  fleet/tls_handshake_test.cpp
)
