// Everything the kiosk screen says, in each language, read from assets/kiosk/strings.toml: the
// drawing code holds keys, never words.
#pragma once

#include "crypto/outcome.h"
#include "crypto/reason.h"

#include <cstddef>
#include <initializer_list>
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace accred {

class ScreenText {
  public:
    // Parses the strings file. Refuses (naming the file, language and key) a file without a
    // "languages" list, a language without its table, a value that is not text, and a language
    // missing a key the first language has or having one it lacks: a guard must never see a
    // blank or a key name. required_keys must all be present in the first language.
    static Outcome<ScreenText> parse(std::string_view toml_text, const std::string& source,
                                     const std::vector<std::string>& required_keys);
    // Reads and parses path (at most 1 MiB).
    static Outcome<ScreenText> load(const std::string& path,
                                    const std::vector<std::string>& required_keys);

    std::size_t language_count() const { return languages_.size(); }
    // "en", "fr", "nl"... in the file's order.
    const std::string& language_code(std::size_t language) const { return languages_[language]; }

    // The text of key in language with "{0}", "{1}"... replaced by args. A key that does not
    // exist comes back as "[key]", visible in tests, never blank on screen.
    std::string get(std::size_t language, std::string_view key,
                    std::initializer_list<std::string_view> args = {}) const;
    bool has(std::string_view key) const;

  private:
    std::vector<std::string> languages_;
    std::vector<std::map<std::string, std::string, std::less<>>> texts_; // per language
};

// Every key the screen uses: the fixed ones, reason.X / action.X for the whole vocabulary, and
// note.X for each noted reason.
std::vector<std::string> screen_required_keys();

// The reasons that can fail beside a worse one (every rule after the signature), each with a
// short note for the verdict's "Also: ..." line.
inline constexpr Reason kNotedReasons[] = {
    Reason::wrong_event,
    Reason::not_yet_valid,
    Reason::expired,
    Reason::revoked,
    Reason::superseded,
    Reason::zone_not_granted,
    Reason::insufficient_clearance,
    Reason::zone_closed,
    Reason::already_inside,
    Reason::escort_without_principal,
    Reason::capacity_reached,
    Reason::stale_revocations,
    Reason::clock_suspect,
};
// "note.expired": the key of a reason's note.
std::string note_key(Reason reason);

} // namespace accred
