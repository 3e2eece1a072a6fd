# The fleet PKI and mutual-TLS transport (fleet/tls, docs/fleet-pki.md). Tag: [tls].
set(FLEET_TLS_TESTS
  fleet/tls_fixture.cpp
  fleet/tcp_flood.cpp
  fleet/tls_pki_test.cpp
  fleet/tls_handshake_test.cpp
  fleet/tls_flood_test.cpp
  fleet/connection_limits_test.cpp
  fleet/web_tls_test.cpp
)
