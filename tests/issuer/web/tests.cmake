# The web desk's pages (issuer/web/) over real HTTP on the loopback: included by
# tests/fleet/CMakeLists.txt, in the fleet's executable (cpp-httplib, the desk's fleet fixture).
set(WEB_DESK_TESTS
  issuer/desk_workspace.cpp
  issuer/web/web_fixture.cpp
  issuer/web/page_audit_test.cpp
  issuer/web/page_journal_test.cpp
  issuer/web/page_operations_test.cpp
  issuer/web/reason_text_test.cpp
  issuer/web/web_desk_test.cpp
)
