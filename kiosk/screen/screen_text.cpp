#include "screen_text.h"

#include "crypto/file_io.h"
#include "crypto/reason.h"
#include "kiosk/screen/manual_lookup_layout.h"
#include "kiosk/screen/manual_lookup_layout.h"
#include "kiosk/screen/verdict_words.h"

#include <toml++/toml.h>

namespace accred {
namespace {

constexpr std::size_t kMaxStringsFile = 1 << 20; // a few hundred short lines per language
constexpr std::size_t kMaxTextBytes = 400;       // one line on a screen

// Flattens nested tables into dotted keys: [en] action.granted = "..." -> "action.granted".
Status flatten(const toml::table& table, const std::string& prefix, const std::string& where,
               std::map<std::string, std::string, std::less<>>& out) {
    for (const auto& [key, node] : table) {
        const std::string name =
            prefix.empty() ? std::string(key.str()) : prefix + "." + std::string(key.str());
        if (const auto* sub = node.as_table()) {
            if (auto s = flatten(*sub, name, where, out); !s) return s;
        } else if (const auto* text = node.as_string()) {
            if (text->get().empty() || text->get().size() > kMaxTextBytes)
                return Error{where + ": " + name + " must be 1.." + std::to_string(kMaxTextBytes) +
                             " bytes of text"};
            out[name] = text->get();
        } else {
            return Error{where + ": " + name + " is not text"};
        }
    }
    return Done{};
}

} // namespace

Outcome<ScreenText> ScreenText::parse(std::string_view toml_text, const std::string& source,
                                      const std::vector<std::string>& required_keys) {
    toml::table root;
    try {
        root = toml::parse(toml_text, source);
    } catch (const toml::parse_error& e) {
        return Error{source + ":" + std::to_string(e.source().begin.line) + ": " +
                     std::string(e.description())};
    }
    const toml::array* languages = root["languages"].as_array();
    if (!languages || languages->empty())
        return Error{source + ": no \"languages\" list (e.g. languages = [\"en\", \"fr\"])"};
    ScreenText text;
    for (const auto& node : *languages) {
        const auto* code = node.as_string();
        if (!code) return Error{source + ": \"languages\" must list language codes as text"};
        const toml::table* table = root[code->get()].as_table();
        if (!table)
            return Error{source + ": language " + code->get() + " has no [" + code->get() +
                         "] table"};
        std::map<std::string, std::string, std::less<>> strings;
        if (auto s = flatten(*table, "", source + " [" + code->get() + "]", strings); !s)
            return s.error();
        text.languages_.push_back(code->get());
        text.texts_.push_back(std::move(strings));
    }
    const auto& first = text.texts_.front();
    for (const auto& key : required_keys)
        if (!first.contains(key))
            return Error{source + ": [" + text.languages_.front() + "] lacks " + key};
    for (std::size_t i = 1; i < text.texts_.size(); ++i) {
        for (const auto& [key, value] : first)
            if (!text.texts_[i].contains(key))
                return Error{source + ": [" + text.languages_[i] + "] lacks " + key};
        for (const auto& [key, value] : text.texts_[i])
            if (!first.contains(key))
                return Error{source + ": [" + text.languages_[i] + "] has " + key + ", which [" +
                             text.languages_.front() + "] lacks"};
    }
    return text;
}

Outcome<ScreenText> ScreenText::load(const std::string& path,
                                     const std::vector<std::string>& required_keys) {
    auto bytes = read_small_file(path, kMaxStringsFile);
    if (!bytes) return bytes.error();
    return parse(std::string_view(bytes.value()), path, required_keys);
}

std::string ScreenText::get(std::size_t language, std::string_view key,
                            std::initializer_list<std::string_view> args) const {
    if (texts_.empty()) return "[" + std::string(key) + "]";
    if (language >= texts_.size()) language = 0;
    const auto it = texts_[language].find(key);
    if (it == texts_[language].end()) return "[" + std::string(key) + "]";
    std::string out;
    const std::string& pattern = it->second;
    for (std::size_t i = 0; i < pattern.size(); ++i) {
        // "{N}" with a single digit N: the screen never needs more than ten arguments.
        if (pattern[i] == '{' && i + 2 < pattern.size() && pattern[i + 2] == '}' &&
            pattern[i + 1] >= '0' && pattern[i + 1] <= '9') {
            const std::size_t n = static_cast<std::size_t>(pattern[i + 1] - '0');
            if (n < args.size()) out += *(args.begin() + n);
            i += 2;
            continue;
        }
        out += pattern[i];
    }
    return out;
}

bool ScreenText::has(std::string_view key) const {
    return !texts_.empty() && texts_.front().contains(key);
}

std::vector<std::string> screen_required_keys() {
    std::vector<std::string> keys = {"language_name",
                                     "waiting.title",
                                     "waiting.hint",
                                     "waiting.scanner_only",
                                     "camera.lost",
                                     "camera.lost_hint",
                                     "verdict.granted",
                                     "verdict.denied",
                                     "verdict.attention",
                                     "verdict.exit",
                                     "verdict.override",
                                     "holder.entering",
                                     "holder.leaving",
                                     "holder.override_by",
                                     "photo.no_match",
                                     "photo.none",
                                     "action.attention_admitted",
                                     "action.exit_unrecorded",
                                     "status.kiosk",
                                     "status.bundle",
                                     "status.revocations",
                                     "status.revocations_stale",
                                     "status.revocations_stale_short",
                                     "status.clock_simulated_short",
                                     "status.clock_simulated",
                                     "status.clock_suspect",
                                     "status.log_ok",
                                     "status.log_failed",
                                     "status.granted",
                                     "status.denied",
                                     "status.inside",
                                     "status.exit_mode",
                                     "status.muted",
                                     "status.locked",
                                     "status.desk_online",
                                     "status.desk_connecting",
                                     "status.desk_offline",
                                     "status.desk_unsent",
                                     "status.desk_unsent_one",
                                     "duration.minutes",
                                     "duration.hours",
                                     "duration.days",
                                     "button.language",
                                     "button.override",
                                     "button.exit_mode",
                                     "button.entry_mode",
                                     "button.lock",
                                     "button.unlock",
                                     "button.mute",
                                     "button.unmute",
                                     "pin.title_override",
                                     "pin.title_unlock",
                                     "pin.supervisor",
                                     "pin.prompt",
                                     "pin.checking",
                                     "pin.wrong",
                                     "pin.not_possible",
                                     "pin.nothing",
                                     "pin.throttled",
                                     "pin.clear",
                                     "pin.ok",
                                     "pin.cancel",
                                     "lock.title",
                                     "lock.hint",
                                     "mode.exit_banner",
                                     "mode.not_allowed",
                                     "note.also",
                                     "note.separator"};
    for (int r = 0; r <= static_cast<int>(Reason::internal_error); ++r) {
        const std::string name(reason_name(static_cast<Reason>(r)));
        keys.push_back("reason." + name);
        keys.push_back("action." + name);
    }
    for (const Reason r : kNotedReasons)
        keys.push_back(note_key(r));
    for (const auto& more : {verdict_words_keys(), manual_lookup_keys()})
        keys.insert(keys.end(), more.begin(), more.end());
    return keys;
}

std::string note_key(Reason reason) {
    return "note." + std::string(reason_name(reason));
}

} // namespace accred
