# The desk's side of the fleet (issuer/fleet/): included by tests/fleet/CMakeLists.txt.
set(FLEET_DESK_TESTS
  issuer/fleet/desk_fleet_fixture.cpp
  issuer/fleet/desk_sync_test.cpp
  issuer/fleet/desk_presence_test.cpp
  issuer/fleet/desk_evidence_test.cpp
  issuer/fleet/fleet_records_test.cpp
  issuer/fleet/revocation_file.cpp
)
