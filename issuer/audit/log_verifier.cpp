#include "log_verifier.h"

#include "crypto/count_noun.h"
#include "entrylog/checkpoint.h"
#include "entrylog/entry_chain.h"
#include "issuer/audit/audit_time.h"
#include "issuer/audit/row_evidence.h"

namespace accred {
namespace {

std::string row_name(std::uint64_t seq) {
    return "row " + std::to_string(seq);
}

// verify_against_checkpoint on a chain already verified, where row seq is rows[seq - 1]: only
// the row concerned (or the last row, when it is missing) is handed over, so that a log with
// thousands of stored checkpoints is not scanned once per checkpoint.
std::optional<ChainProblem> against(std::span<const EntryRecord> rows, const Checkpoint& cp) {
    if (cp.seq >= 1 && cp.seq <= rows.size())
        return verify_against_checkpoint(rows.subspan(cp.seq - 1, 1), cp);
    return verify_against_checkpoint(rows.empty() ? rows : rows.last(1), cp);
}

// Registration and gate: a log vouched for by an unregistered key proves nothing, whoever
// signed it (a log rebuilt and re-signed with another kiosk key looks exactly like this).
const RegisteredKiosk* check_registration(const LogContents& log, const AuditContext& c,
                                          LogVerdict& v) {
    const RegisteredKiosk* reg = c.kiosk(log.kiosk_id);
    if (reg == nullptr) {
        v.findings.push_back({0, "kiosk " + log.kiosk_id +
                                     " is not registered at the desk: the log is vouched for by "
                                     "a kiosk key the desk never enrolled (re-signed?)"});
        if (!log.rows.empty()) v.gate = log.rows.front().gate;
        return nullptr;
    }
    v.gate = reg->gate;
    for (const EntryRecord& row : log.rows)
        if (row.gate != reg->gate) {
            v.findings.push_back({row.seq, row_name(row.seq) + " was logged at gate " + row.gate +
                                               ", but kiosk " + log.kiosk_id +
                                               " is registered at gate " + reg->gate});
            break;
        }
    return reg;
}

void check_stored_checkpoints(const LogContents& log, const RegisteredKiosk* reg, bool chain_ok,
                              LogVerdict& v) {
    std::size_t index = 0;
    for (const Checkpoint& cp : log.checkpoints) {
        ++index;
        const std::string name =
            "stored checkpoint " + std::to_string(index) + " (" + row_name(cp.seq) + ")";
        std::optional<Finding> f;
        if (!verify_checkpoint_signature(cp))
            f = Finding{cp.seq, name + " is not validly signed by the key it names"};
        else if (cp.kiosk_id != log.kiosk_id)
            f = Finding{cp.seq, name + " belongs to kiosk " + cp.kiosk_id};
        else if (reg != nullptr && reg->key.bytes != cp.kiosk_public_key)
            f = Finding{cp.seq, name + " is signed by a key that is not kiosk " + log.kiosk_id +
                                    "'s registered key"};
        else if (chain_ok)
            if (auto p = against(log.rows, cp)) f = Finding{p->seq, name + ": " + p->what};
        if (f) { // the first is named; the others would repeat it
            v.findings.push_back(*f);
            return;
        }
    }
}

void check_desk_checkpoint(const LogContents& log, const AuditContext& c, bool chain_ok,
                           LogVerdict& v) {
    const auto held = c.newest_checkpoints.find(log.kiosk_id);
    if (held == c.newest_checkpoints.end()) {
        v.warnings.push_back("the desk holds no checkpoint of kiosk " + log.kiosk_id +
                             ": a cut or replaced log cannot be told from this one");
        return;
    }
    const Checkpoint& cp = held->second;
    v.desk_checkpoint = cp;
    const std::string when = format_audit_time(c.event.time_zone, cp.time);
    if (chain_ok)
        if (auto p = against(log.rows, cp))
            v.findings.push_back({p->seq, "against the desk's checkpoint of " + when + " (" +
                                              row_name(cp.seq) + "): " + p->what +
                                              " (tail cut, or the file replaced by another copy)"});
    if (log.rows.size() > cp.seq) {
        v.rows_after_checkpoint = log.rows.size() - cp.seq;
        v.warnings.push_back(count_noun(v.rows_after_checkpoint, "row", "rows") +
                             " after the desk's newest checkpoint (" + row_name(cp.seq) + ", " +
                             when + ") " +
                             std::string(noun_for(v.rows_after_checkpoint, "is", "are")) +
                             " protected only by the file");
    }
}

// How many rows with a problem of their own verify names; the rest are counted. A forged row
// rarely comes alone, and the first few show what kind of forgery it is.
constexpr std::size_t kRowProblemsNamed = 3;

// Each row's credential, and its zone and direction against the gate it was logged at (the
// registered one; the row's own for a kiosk the desk does not know, which is a finding anyway).
void check_row_evidence(const LogContents& log, const AuditContext& c,
                        const RegisteredKiosk* reg, LogVerdict& v) {
    RowEvidenceCheck checker(c);
    std::size_t bad = 0;
    for (const EntryRecord& row : log.rows)
        if (auto p = checker.problem(row, reg != nullptr ? reg->gate : row.gate))
            if (++bad <= kRowProblemsNamed)
                v.findings.push_back({row.seq, row_name(row.seq) + ": " + *p});
    if (bad > kRowProblemsNamed)
        v.findings.back().what += " (and " + std::to_string(bad - kRowProblemsNamed) +
                                  " more rows with a credential or gate problem)";
}

} // namespace

LogVerdict verify_log_contents(const LogContents& log, const AuditContext& c,
                               const std::string& path) {
    LogVerdict v;
    v.path = path;
    v.kiosk_id = log.kiosk_id;
    v.rows = log.rows.size();
    v.stored_checkpoints = log.checkpoints.size();
    const auto chain = verify_chain(log.rows);
    if (chain) // verify_chain's words do not always name the row; a reviewer needs it first
        v.findings.push_back({chain->seq, chain->what.starts_with("row ")
                                              ? chain->what
                                              : row_name(chain->seq) + ": " + chain->what});
    if (!log.rows.empty() && log.rows.front().kiosk_id != log.kiosk_id)
        v.findings.push_back({1, "row 1 is kiosk " + log.rows.front().kiosk_id +
                                     "'s but the file says it is kiosk " + log.kiosk_id +
                                     "'s log"});
    const RegisteredKiosk* reg = check_registration(log, c, v);
    check_stored_checkpoints(log, reg, !chain, v);
    check_desk_checkpoint(log, c, !chain, v);
    check_row_evidence(log, c, reg, v);
    return v;
}

VerifiedLog verify_log_file(const std::string& path, const AuditContext& c) {
    VerifiedLog out;
    auto contents = read_log_readonly(path);
    if (!contents) {
        out.verdict.path = path;
        out.verdict.unreadable = true;
        out.verdict.findings.push_back(
            {0, "cannot be read as an entry log: " + contents.error().message});
        return out;
    }
    out.contents = std::move(contents).value();
    out.verdict = verify_log_contents(out.contents, c, path);
    return out;
}

} // namespace accred
