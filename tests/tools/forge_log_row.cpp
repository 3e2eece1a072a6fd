// Test tool: what a thief holding a stolen kiosk can write into its log. Appends one row through
// the kiosk's own log code (so it is chained and hashed like any other, and the kiosk pushes it
// to the desk as its own), made from the log's last row with the fields given changed.
//
//   forge_log_row LOG_DB HOLDER CREDENTIAL_TEXT entry|exit TIME [ZONE]
//
// TIME is UTC seconds. When the credential verifies against the kiosk's event key (given in
// ACCRED_EVENT_PUB, a public key file), its id and issue are copied too, as a thief copying a
// real badge would; otherwise the row carries the text as it is. Exit 0 with the new row's seq.
#include "crypto/credential.h"
#include "crypto/key_file.h"
#include "crypto/trust_store.h"
#include "entrylog/entry_log.h"
#include "entrylog/entry_store.h"

#include <cstdio>
#include <cstdlib>
#include <string>

using namespace accred;

int main(int argc, char** argv) {
    if (argc != 6 && argc != 7) {
        std::fprintf(stderr, "usage: forge_log_row LOG_DB HOLDER CREDENTIAL entry|exit TIME [ZONE]\n");
        return 2;
    }
    const std::string path = argv[1];
    auto contents = read_log_readonly(path);
    if (!contents || contents->rows.empty()) {
        std::fprintf(stderr, "forge_log_row: %s: no rows to start from\n", path.c_str());
        return 2;
    }
    EntryRecord row = contents->rows.back();
    row.holder = argv[2];
    row.credential = argv[3];
    row.cti.reset();
    row.issue.reset();
    row.direction = std::string(argv[4]) == "exit" ? Direction::exit : Direction::entry;
    row.verdict = Verdict::granted;
    row.reason = row.direction == Direction::exit ? Reason::exit_recorded : Reason::granted;
    row.admitted = true;
    row.other_reasons.clear();
    row.override_by.reset();
    row.original_reason.reset();
    row.time = std::atoll(argv[5]);
    if (argc == 7) row.zone = argv[6];
    if (const char* pub = std::getenv("ACCRED_EVENT_PUB")) {
        auto key = read_public_key_file(pub);
        if (!key) return std::fprintf(stderr, "forge_log_row: %s\n", key.error().message.c_str()), 2;
        TrustStore trusted;
        trusted.add(key.value());
        const Verification v = verify_credential(row.credential, trusted, {});
        if (v.ok()) {
            row.cti = v.claims().cti;
            row.issue = v.claims().issue;
        }
    }
    auto log = EntryLog::open(path, contents->kiosk_id);
    if (!log) return std::fprintf(stderr, "forge_log_row: %s\n", log.error().message.c_str()), 2;
    auto stored = log->append(row);
    if (!stored)
        return std::fprintf(stderr, "forge_log_row: %s\n", stored.error().message.c_str()), 2;
    std::printf("%llu\n", static_cast<unsigned long long>(stored->seq));
    return 0;
}
