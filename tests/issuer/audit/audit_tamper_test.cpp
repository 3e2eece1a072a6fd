// The tamper suite: copies of real kiosk logs, each changed the way an attacker would, must be
// found by audit verify and the first bad row named; the untouched logs verify.
#include "audit_scenario.h"
#include "issuer/audit/log_verifier.h"
#include "entrylog/checkpoint.h"

#include <algorithm>
#include <catch2/catch.hpp>
#include <functional>

namespace accred::test {
namespace {

// The findings of verifying path, joined, for matching.
std::string findings(const LogVerdict& v) {
    std::string all;
    for (const auto& f : v.findings)
        all += "[" + std::to_string(f.seq) + "] " + f.what + "\n";
    return all;
}

LogVerdict verify(AuditScenario& s, const std::string& path) {
    return verify_log_file(path, s.context()).verdict;
}

} // namespace

TEST_CASE("audit tamper suite: every change to a real log is found and named", "[audit]") {
    AuditScenario& s = shared_scenario();
    const std::string gate = "main_gate"; // 8 rows

    SECTION("untouched logs verify, with their desk checkpoint") {
        for (const auto& g : s.gates()) {
            const LogVerdict v = verify(s, s.copy_log(g, g + ".db"));
            INFO(g << "\n" << findings(v));
            CHECK(v.ok());
            CHECK(v.gate == g);
            REQUIRE(v.desk_checkpoint);
            CHECK(v.rows_after_checkpoint == 0);
        }
    }
    SECTION("a row edited") {
        const auto path = s.copy_log(gate, "edited.db");
        tamper_sql(path, "DROP TRIGGER entries_no_update; UPDATE entries SET holder = 'D099' "
                         "WHERE seq = 4");
        const LogVerdict v = verify(s, path);
        INFO(findings(v));
        REQUIRE_FALSE(v.ok());
        CHECK(v.findings.front().seq == 4);
        CHECK_THAT(v.findings.front().what, Catch::Contains("row 4"));
    }
    SECTION("a row deleted") {
        const auto path = s.copy_log(gate, "deleted.db");
        tamper_sql(path, "DROP TRIGGER entries_no_delete; DELETE FROM entries WHERE seq = 3");
        const LogVerdict v = verify(s, path);
        INFO(findings(v));
        REQUIRE_FALSE(v.ok());
        CHECK(v.findings.front().seq == 3);
        CHECK_THAT(v.findings.front().what, Catch::Contains("row 3 is missing"));
    }
    SECTION("two rows swapped") {
        const auto path = s.copy_log(gate, "swapped.db");
        auto rows = read_log_readonly(path);
        REQUIRE(rows);
        auto contents = rows.value();
        std::swap(contents.rows[1], contents.rows[2]); // rows 2 and 3 change places
        contents.rows[1].seq = 2;
        contents.rows[2].seq = 3;
        write_log_file(path, contents.kiosk_id, contents.rows, contents.checkpoints);
        const LogVerdict v = verify(s, path);
        INFO(findings(v));
        REQUIRE_FALSE(v.ok());
        CHECK(v.findings.front().seq == 2);
    }
    SECTION("a forged row inserted, correctly hashed, later rows renumbered") {
        const auto path = s.copy_log(gate, "forged.db");
        auto contents = read_log_readonly(path).value();
        EntryRecord forged = contents.rows[2];
        forged.holder = "X001";
        forged.prev_hash = contents.rows[2].hash;
        forged.seq = 4;
        forged.hash = entry_hash(forged);
        contents.rows.insert(contents.rows.begin() + 3, forged);
        for (std::size_t i = 4; i < contents.rows.size(); ++i)
            contents.rows[i].seq = i + 1;
        write_log_file(path, contents.kiosk_id, contents.rows, {});
        const LogVerdict v = verify(s, path);
        INFO(findings(v));
        REQUIRE_FALSE(v.ok());
        CHECK(v.findings.front().seq == 5); // the old row 4 does not link to the forged row
    }
    SECTION("the tail cut, the file's own checkpoints removed too") {
        const auto path = s.copy_log(gate, "cut.db");
        tamper_sql(path, "DROP TRIGGER entries_no_delete; DROP TRIGGER checkpoints_no_delete; "
                         "DELETE FROM entries WHERE seq > 6; DELETE FROM checkpoints");
        const LogVerdict v = verify(s, path);
        INFO(findings(v));
        REQUIRE_FALSE(v.ok());
        CHECK_THAT(v.findings.front().what, Catch::Contains("desk's checkpoint"));
        CHECK_THAT(v.findings.front().what, Catch::Contains("is missing"));
    }
    SECTION("rebuilt and re-signed with a different kiosk key") {
        const auto path = s.copy_log(gate, "resigned.db");
        auto contents = read_log_readonly(path).value();
        const SigningKey rogue = key_from_label("rogue kiosk");
        const std::string rogue_id = fingerprint(rogue.public_key());
        for (auto& r : contents.rows) {
            r.kiosk_id = rogue_id;
            if (r.holder == std::optional<std::string>("D001")) r.holder = "D004";
        }
        rechain(contents.rows);
        auto cp = sign_checkpoint(rogue, rogue_id, contents.rows.size(), contents.rows.back().hash,
                                  brussels(1, 4, 17, 0));
        REQUIRE(cp);
        write_log_file(path, rogue_id, contents.rows, {cp.value()});
        const LogVerdict v = verify(s, path);
        INFO(findings(v));
        REQUIRE_FALSE(v.ok());
        CHECK_THAT(findings(v), Catch::Contains("not registered at the desk"));
    }
    SECTION("a checkpoint in the file signed by another key for the same kiosk id") {
        const auto path = s.copy_log(gate, "othercp.db");
        auto contents = read_log_readonly(path).value();
        Checkpoint cp = contents.checkpoints.back();
        const SigningKey rogue = key_from_label("rogue kiosk");
        cp.kiosk_public_key = rogue.public_key().bytes;
        const auto sig = rogue.sign(checkpoint_signed_bytes(cp));
        std::copy(sig.begin(), sig.end(), cp.signature.begin());
        contents.checkpoints.push_back(cp);
        write_log_file(path, contents.kiosk_id, contents.rows, contents.checkpoints);
        const LogVerdict v = verify(s, path);
        INFO(findings(v));
        REQUIRE_FALSE(v.ok());
        CHECK_THAT(findings(v), Catch::Contains("not validly signed"));
    }
    SECTION("a row's credential replaced by a badge signed with a foreign key") {
        const auto path = s.copy_log(gate, "foreign.db");
        auto contents = read_log_readonly(path).value();
        const SigningKey foreign = key_from_label("foreign event key");
        contents.rows[0].credential = s.fixture().credential_with(
            "P002", [](Claims&) {}, &foreign);
        rechain(contents.rows); // a consistent chain, but no checkpoint can vouch for it
        write_log_file(path, contents.kiosk_id, contents.rows, {});
        const LogVerdict v = verify(s, path);
        INFO(findings(v));
        REQUIRE_FALSE(v.ok());
        CHECK_THAT(findings(v), Catch::Contains("[1] row 1: its credential"));
        CHECK_THAT(findings(v), Catch::Contains("desk's checkpoint"));
    }
    SECTION("rows that do not fit the gate: another zone, an exit at an entry gate") {
        // The first admitted row changed, the chain made consistent again (a tamperer, or a
        // stolen kiosk writing its own rows).
        const auto misfit = [&](const std::string& name,
                                const std::function<void(EntryRecord&)>& change) {
            const auto path = s.copy_log(gate, name);
            auto contents = read_log_readonly(path).value();
            auto row = std::find_if(contents.rows.begin(), contents.rows.end(), row_admits);
            REQUIRE(row != contents.rows.end());
            change(*row);
            rechain(contents.rows);
            write_log_file(path, contents.kiosk_id, contents.rows, {});
            return findings(verify(s, path));
        };
        CHECK_THAT(misfit("zone.db", [](EntryRecord& r) { r.zone = "plenary"; }),
                   Catch::Contains("names zone plenary, but gate main_gate"));
        CHECK_THAT(misfit("exit.db", [](EntryRecord& r) { r.direction = Direction::exit; }),
                   Catch::Contains("records an exit at gate main_gate"));
    }
}

TEST_CASE("audit tamper suite: the file replaced by an older copy", "[audit]") {
    AuditScenario s; // changed below: its own
    const std::string gate = "main_gate";
    const auto older = s.copy_log(gate, "older.db");
    s.kiosk(gate).handle_scan(s.fixture().credential("X001"), brussels(1, 4, 17, 30));
    s.desk_checkpoint(gate, brussels(1, 4, 17, 31));
    const LogVerdict v = verify(s, older);
    INFO(findings(v));
    REQUIRE_FALSE(v.ok());
    CHECK(v.findings.front().seq == 9); // the row the desk's checkpoint covers
    CHECK_THAT(v.findings.front().what, Catch::Contains("row 9 is missing"));
    CHECK(verify(s, s.copy_log(gate, "current.db")).ok());
}

} // namespace accred::test
