#include "audit_context.h"

#include "crypto/file_io.h"
#include "entrylog/checkpoint.h"
#include "issuer/desk.h"

namespace accred {
namespace {

// A checkpoint file holds one line per kiosk and export; a few MiB is years of them.
constexpr std::size_t kMaxCheckpointFileBytes = 16u << 20;

} // namespace

const RegisteredKiosk* AuditContext::kiosk(const std::string& kiosk_id) const {
    for (const auto& k : kiosks)
        if (k.kiosk_id == kiosk_id) return &k;
    return nullptr;
}

Outcome<AuditContext> audit_context_from_desk(Desk& desk) {
    AuditContext c;
    c.event = desk.event();
    c.credential_keys.add(desk.event_public_key());
    auto kiosks = registered_kiosks(desk.db());
    if (!kiosks) return kiosks.error();
    c.kiosks = std::move(kiosks).value();
    for (const auto& k : c.kiosks)
        if (k.checkpoint) c.newest_checkpoints[k.kiosk_id] = *k.checkpoint;
    return c;
}

Status add_checkpoint_file(AuditContext& c, const std::string& path) {
    auto text = read_small_file(path, kMaxCheckpointFileBytes);
    if (!text) return text.error();
    std::size_t line_no = 0;
    std::size_t start = 0;
    const std::string& all = text.value();
    while (start < all.size()) {
        std::size_t end = all.find('\n', start);
        if (end == std::string::npos) end = all.size();
        std::string line = all.substr(start, end - start);
        start = end + 1;
        ++line_no;
        if (!line.empty() && line.back() == '\r') line.pop_back();
        if (line.empty()) continue;
        const std::string where = path + " line " + std::to_string(line_no) + ": ";
        auto cp = checkpoint_from_text(line);
        if (!cp) {
            c.checkpoint_problems.push_back(where + cp.error().message);
            continue;
        }
        if (!verify_checkpoint_signature(cp.value())) {
            c.checkpoint_problems.push_back(where + "the checkpoint of kiosk " + cp->kiosk_id +
                                            " is not validly signed (altered?)");
            continue;
        }
        const RegisteredKiosk* k = c.kiosk(cp->kiosk_id);
        if (k == nullptr || k->key.bytes != cp->kiosk_public_key) {
            c.checkpoint_problems.push_back(where + "signed by kiosk key " + cp->kiosk_id +
                                            ", which is not registered at the desk");
            continue;
        }
        auto held = c.newest_checkpoints.find(cp->kiosk_id);
        if (held != c.newest_checkpoints.end() && held->second.seq == cp->seq &&
            held->second.head != cp->head) {
            c.checkpoint_problems.push_back(where + "kiosk " + cp->kiosk_id +
                                            " signed two different logs at row " +
                                            std::to_string(cp->seq) + " (its log forked)");
            continue;
        }
        if (held == c.newest_checkpoints.end() || held->second.seq < cp->seq)
            c.newest_checkpoints[cp->kiosk_id] = cp.value();
    }
    return success();
}

Outcome<AuditContext> desk_audit_context(Desk& desk,
                                         const std::vector<std::string>& checkpoint_files) {
    auto context = audit_context_from_desk(desk);
    if (!context) return context.error();
    for (const auto& file : checkpoint_files)
        if (auto s = add_checkpoint_file(context.value(), file); !s) return s.error();
    return context;
}

} // namespace accred
