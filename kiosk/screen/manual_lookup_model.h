// The guard's manual lookup panel (F6) for a badge that will not scan: type an id or part of a
// name, pick one of the people found, enter a supervisor's PIN where the gate requires one.
// Pure state: actions come back as values for the app to hand to the engine worker, so every
// step is tested without a window.
#pragma once

#include "kiosk/screen/manual_lookup_action.h"
#include "kiosk/screen/manual_lookup_answer.h"

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace accred {

enum class LookupStage { closed, search, pin };
enum class LookupKey { enter, backspace, escape, tab, up, down };

class ManualLookupModel {
  public:
    using Supervisors = std::vector<std::pair<std::string, std::string>>; // id, name
    ~ManualLookupModel();

    // Opens an empty search. needs_pin: the gate's manual_lookup is "pin".
    void open(bool needs_pin);
    // Closes the panel, forgetting the query, results and any PIN digits.
    void close();
    LookupStage stage() const { return stage_; }
    bool is_open() const { return stage_ != LookupStage::closed; }

    // Typed text: appended to the query (a new search), or on the PIN stage its digits only.
    // A badge's line typed by a handheld scanner (it starts with the credential's prefix "AC1:",
    // which no name or id does) closes the panel and comes back as a scan action holding the
    // line so far: a guard who scans a badge with the panel open gets the scan's verdict, not a
    // search for "AC1:" nor, on the PIN stage, the badge's digits as a wrong PIN. While a
    // decision is under way the panel takes no text at all, as before.
    std::optional<LookupAction> on_text(std::string_view utf8);
    // A key on the keyboard or the panel. Enter on a result picks it (and asks for the decision
    // when no PIN is needed); Enter on the PIN stage sends the PIN; Escape steps back, then closes.
    std::optional<LookupAction> on_key(LookupKey key, const Supervisors& supervisors);
    // A result touched: selects it and picks it, as Enter would.
    std::optional<LookupAction> on_pick(std::size_t index, const Supervisors& supervisors);
    // A supervisor touched on the PIN stage.
    void on_supervisor(std::size_t index, std::size_t count);
    // The worker's answer: results for the current query (stale ones ignored), or a PIN refused.
    void on_answer(const LookupAnswer& answer);

    const std::string& query() const { return query_; }
    const std::vector<LookupHit>& hits() const { return hits_; }
    std::size_t selected() const { return selected_; }
    // The person picked for the PIN stage (null before).
    const LookupHit* picked() const;
    std::size_t supervisor() const { return supervisor_; }
    std::size_t pin_length() const { return pin_.size(); }
    bool checking() const { return checking_; }
    bool needs_pin() const { return needs_pin_; }
    const std::string& message_key() const { return message_key_; }
    const std::string& message_arg() const { return message_arg_; }

    static constexpr std::size_t kMaxResults = 6;
    static constexpr std::size_t kMaxQuery = 64;
    static constexpr std::size_t kMaxPinDigits = 12;

  private:
    std::optional<LookupAction> search();
    std::optional<LookupAction> pick(const Supervisors& supervisors);
    std::optional<LookupAction> send_pin(const Supervisors& supervisors);
    std::optional<LookupAction> on_pin_text(std::string_view utf8);
    std::optional<LookupAction> hand_to_scan(std::string line);
    void clear_pin();

    LookupStage stage_ = LookupStage::closed;
    bool needs_pin_ = true;
    std::string query_;
    std::vector<LookupHit> hits_;
    std::size_t selected_ = 0;
    std::size_t picked_ = 0;
    std::size_t supervisor_ = 0;
    std::string pin_;
    std::string prefix_typed_; // on the PIN stage: a start of "AC1:" typed, held back from the PIN
    bool checking_ = false;
    std::string message_key_; // lookup.* or pin.* strings key, or empty
    std::string message_arg_;
};

} // namespace accred
