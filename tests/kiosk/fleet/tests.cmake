# The kiosk's side of the fleet (kiosk/fleet/, docs/fleet.md), built into accred_fleet_tests by
# tests/fleet/CMakeLists.txt. Paths relative to tests/.
set(FLEET_KIOSK_TESTS
  kiosk/fleet/fleet_fixture.cpp
  kiosk/fleet/fleet_setup_test.cpp
  kiosk/fleet/peer_presence_test.cpp
  kiosk/fleet/sync_client_offline_test.cpp
  kiosk/fleet/sync_client_server_test.cpp
  kiosk/fleet/sync_log_reader_test.cpp
  entrylog/entry_row_trip_test.cpp
  kiosk/app/sync_mailbox_test.cpp
  kiosk/fleet/update_bytes_test.cpp
)
