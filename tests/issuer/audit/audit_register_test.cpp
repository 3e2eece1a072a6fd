// The desk's kiosk register and kept checkpoints in desk.db, and the migration that adds them to
// a workspace made before them.
#include "issuer/audit/audit_context.h"
#include "issuer/audit/kiosk_register.h"
#include "issuer/desk.h"
#include "entrylog/checkpoint.h"
#include "support/demo_event.h"
#include "support/test_support.h"

#include <catch2/catch.hpp>
#include <fstream>

namespace accred::test {
namespace {

Desk make_desk(const TempDir& tmp) {
    auto desk = Desk::create(tmp.file("desk"), demo_event_toml(), demo_event(), "pass",
                             KdfCost::minimum_for_tests());
    REQUIRE(desk);
    return std::move(desk).value();
}

Checkpoint signed_at(const SigningKey& key, std::uint64_t seq, std::uint8_t head_byte) {
    Hash32 head{};
    head.fill(head_byte);
    auto cp = sign_checkpoint(key, fingerprint(key.public_key()), seq, head, 1396339200);
    REQUIRE(cp);
    return cp.value();
}

} // namespace

TEST_CASE("desk.db version 1 workspaces are upgraded with the kiosk register", "[audit]") {
    TempDir tmp;
    {
        Desk desk = make_desk(tmp);
        // What a version 1 desk.db lacks: the kiosk register (2), the accreditation journal (3)
        // and the fleet's tables (4).
        REQUIRE(desk.db().exec("DROP TABLE fleet_certificates; DROP TABLE fleet_withdrawn; "
                               "DROP TABLE fleet_contact; DROP TABLE fleet_forks; "
                               "DROP TABLE fleet_revocation_updates; "
                               "DROP TABLE kiosk_checkpoints; DROP TABLE kiosks; "
                               "DROP TABLE accreditation_journal; UPDATE meta SET "
                               "value = '1' WHERE key = 'schema_version'"));
    }
    auto reopened = Desk::open(tmp.file("desk"));
    REQUIRE(reopened);
    auto q = reopened->db().prepare("SELECT value FROM meta WHERE key = 'schema_version'");
    REQUIRE(q);
    REQUIRE(q->step().value());
    CHECK(q->column_text(0) == "6");
    CHECK(registered_kiosks(reopened->db()).value().empty());
    REQUIRE(reopened->db().exec("SELECT count(*) FROM fleet_withdrawn"));
    REQUIRE(reopened->db().exec("UPDATE meta SET value = '7' WHERE key = 'schema_version'"));
    CHECK_FALSE(Desk::open(tmp.file("desk")));
}

TEST_CASE("A version 3 desk.db whose fleet was set up keeps it on the upgrade", "[audit]") {
    TempDir tmp;
    {
        Desk desk = make_desk(tmp);
        // An earlier issuer created the fleet's tables when `issuer fleet` first ran: the same
        // tables, already holding a withdrawn kiosk.
        REQUIRE(register_kiosk(desk.db(), key_from_label("kiosk").public_key(), "main_gate", 10));
        REQUIRE(desk.db().exec("INSERT INTO fleet_withdrawn(kiosk_id, withdrawn_at) "
                               "SELECT kiosk_id, 20 FROM kiosks; UPDATE meta SET value = '3' "
                               "WHERE key = 'schema_version'"));
    }
    auto reopened = Desk::open(tmp.file("desk"));
    REQUIRE(reopened);
    auto q = reopened->db().prepare("SELECT (SELECT value FROM meta WHERE key = "
                                    "'schema_version'), (SELECT count(*) FROM fleet_withdrawn)");
    REQUIRE(q);
    REQUIRE(q->step().value());
    CHECK(q->column_text(0) == "6");
    CHECK(q->column_int(1) == 1);
}

TEST_CASE("kiosk register: keys at one gate, newest valid checkpoint kept", "[audit]") {
    TempDir tmp;
    Desk desk = make_desk(tmp);
    const SigningKey kiosk = key_from_label("register kiosk");
    const SigningKey stranger = key_from_label("register stranger");
    REQUIRE(register_kiosk(desk.db(), kiosk.public_key(), "main_gate", 1));
    REQUIRE(register_kiosk(desk.db(), kiosk.public_key(), "main_gate", 2)); // again: no change
    CHECK_FALSE(register_kiosk(desk.db(), kiosk.public_key(), "hls_door", 3));

    CHECK(keep_checkpoint(desk.db(), signed_at(kiosk, 10, 1), 5).value() == KeptCheckpoint::stored);
    CHECK(keep_checkpoint(desk.db(), signed_at(kiosk, 10, 1), 5).value() ==
          KeptCheckpoint::already_held);
    CHECK(keep_checkpoint(desk.db(), signed_at(kiosk, 4, 2), 5).value() ==
          KeptCheckpoint::older_than_held);
    auto fork = keep_checkpoint(desk.db(), signed_at(kiosk, 10, 9), 5);
    REQUIRE_FALSE(fork);
    CHECK_THAT(fork.error().message, Catch::Contains("forked"));
    CHECK_FALSE(keep_checkpoint(desk.db(), signed_at(stranger, 20, 1), 5));
    Checkpoint altered = signed_at(kiosk, 30, 1);
    altered.seq = 31;
    CHECK_FALSE(keep_checkpoint(desk.db(), altered, 5));
    CHECK(keep_checkpoint(desk.db(), signed_at(kiosk, 12, 3), 5).value() == KeptCheckpoint::stored);

    auto context = audit_context_from_desk(desk);
    REQUIRE(context);
    REQUIRE(context->kiosks.size() == 1);
    CHECK(context->kiosks[0].gate == "main_gate");
    CHECK(context->newest_checkpoints.at(fingerprint(kiosk.public_key())).seq == 12);

    // A checkpoint file: a newer valid line replaces the held one; bad lines are problems.
    const std::string file = tmp.file("cps.txt");
    std::ofstream(file) << checkpoint_to_text(signed_at(kiosk, 40, 4)) << "\n\n"
                        << "accred-checkpoint v1 AAAA\n"
                        << checkpoint_to_text(signed_at(stranger, 50, 1)) << "\n";
    REQUIRE(add_checkpoint_file(context.value(), file));
    CHECK(context->newest_checkpoints.at(fingerprint(kiosk.public_key())).seq == 40);
    REQUIRE(context->checkpoint_problems.size() == 2);
    CHECK_THAT(context->checkpoint_problems[0], Catch::Contains("line 3"));
    CHECK_THAT(context->checkpoint_problems[1], Catch::Contains("not registered"));
}

} // namespace accred::test
