set(FLEET_PROTOCOL_TESTS fleet/sync_messages_test.cpp)
