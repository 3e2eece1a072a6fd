#include "manual_lookup_model.h"

#include "crypto/credential.h"

#include <sodium.h>

namespace accred {

ManualLookupModel::~ManualLookupModel() {
    clear_pin();
}

void ManualLookupModel::clear_pin() {
    if (!pin_.empty()) sodium_memzero(pin_.data(), pin_.size());
    pin_.clear();
}

void ManualLookupModel::open(bool needs_pin) {
    close();
    stage_ = LookupStage::search;
    needs_pin_ = needs_pin;
}

void ManualLookupModel::close() {
    stage_ = LookupStage::closed;
    query_.clear();
    hits_.clear();
    selected_ = picked_ = supervisor_ = 0;
    checking_ = false;
    message_key_.clear();
    message_arg_.clear();
    prefix_typed_.clear();
    clear_pin();
}

const LookupHit* ManualLookupModel::picked() const {
    return stage_ == LookupStage::pin && picked_ < hits_.size() ? &hits_[picked_] : nullptr;
}

std::optional<LookupAction> ManualLookupModel::search() {
    message_key_.clear();
    if (query_.find_first_not_of(' ') == std::string::npos) {
        hits_.clear(); // nothing to search: no stale list under an empty field
        selected_ = 0;
        return std::nullopt;
    }
    return LookupAction{LookupAction::Kind::search, query_, {}};
}

std::optional<LookupAction> ManualLookupModel::on_text(std::string_view utf8) {
    if (stage_ == LookupStage::pin) return on_pin_text(utf8);
    if (checking_ || stage_ != LookupStage::search) return std::nullopt;
    // The guard may have typed part of a name before scanning: the line starts at the prefix.
    // Looked for before the query's length is checked: SDL hands typed text over in pieces of
    // up to 32 bytes, and a scanner's piece must not be dropped for the name before it.
    std::string typed = query_ + std::string(utf8);
    if (const auto at = typed.find(kCredentialPrefix); at != std::string::npos)
        return hand_to_scan(typed.substr(at));
    if (typed.size() > kMaxQuery) return std::nullopt;
    query_ = std::move(typed);
    return search();
}

// A PIN is digits only, and the prefix starts with a letter: the characters of a prefix being
// typed are held back, so that the "1" of "AC1:" never joins the PIN.
std::optional<LookupAction> ManualLookupModel::on_pin_text(std::string_view utf8) {
    if (checking_) return std::nullopt; // the decision under way finishes first
    for (std::size_t i = 0; i < utf8.size(); ++i) {
        const char c = utf8[i];
        if (kCredentialPrefix.starts_with(prefix_typed_ + c)) {
            prefix_typed_ += c;
            if (prefix_typed_ == kCredentialPrefix) // with the rest of this piece of text
                return hand_to_scan(prefix_typed_ + std::string(utf8.substr(i + 1)));
            continue;
        }
        prefix_typed_.clear();
        if (c >= '0' && c <= '9' && pin_.size() < kMaxPinDigits) pin_ += c;
    }
    return std::nullopt;
}

std::optional<LookupAction> ManualLookupModel::hand_to_scan(std::string line) {
    close();
    LookupAction scan;
    scan.kind = LookupAction::Kind::scan;
    scan.query = std::move(line);
    return scan;
}

std::optional<LookupAction> ManualLookupModel::pick(const Supervisors& supervisors) {
    if (selected_ >= hits_.size()) return std::nullopt;
    picked_ = selected_;
    message_key_.clear();
    if (needs_pin_) {
        if (supervisors.empty()) {
            message_key_ = "lookup.no_supervisor"; // a PIN is required and nobody can give one
            return std::nullopt;
        }
        stage_ = LookupStage::pin;
        supervisor_ = 0;
        clear_pin();
        return std::nullopt;
    }
    checking_ = true;
    return LookupAction{LookupAction::Kind::decide, {}, {hits_[picked_].holder, {}, {}}};
}

std::optional<LookupAction> ManualLookupModel::send_pin(const Supervisors& supervisors) {
    if (pin_.empty() || supervisor_ >= supervisors.size() || picked_ >= hits_.size())
        return std::nullopt;
    LookupAction action{LookupAction::Kind::decide,
                        {},
                        {hits_[picked_].holder, supervisors[supervisor_].first, pin_}};
    clear_pin();
    checking_ = true;
    message_key_.clear();
    return action;
}

std::optional<LookupAction> ManualLookupModel::on_key(LookupKey key,
                                                      const Supervisors& supervisors) {
    if (!is_open() || (checking_ && key != LookupKey::escape)) return std::nullopt;
    const bool pin = stage_ == LookupStage::pin;
    switch (key) {
    case LookupKey::enter:
        return pin ? send_pin(supervisors) : pick(supervisors);
    case LookupKey::backspace:
        if (pin) {
            if (!pin_.empty()) {
                sodium_memzero(&pin_.back(), 1);
                pin_.pop_back();
            }
            return std::nullopt;
        }
        if (query_.empty()) return std::nullopt;
        // One character, not one byte: drop UTF-8 continuation bytes with their lead.
        while (!query_.empty() && (static_cast<unsigned char>(query_.back()) & 0xC0) == 0x80)
            query_.pop_back();
        if (!query_.empty()) query_.pop_back();
        return search();
    case LookupKey::escape:
        if (checking_) return std::nullopt; // the decision is under way: its verdict follows
        if (pin) {
            stage_ = LookupStage::search;
            clear_pin();
            message_key_.clear();
        } else {
            close();
        }
        return std::nullopt;
    case LookupKey::tab:
        if (pin && !supervisors.empty()) supervisor_ = (supervisor_ + 1) % supervisors.size();
        return std::nullopt;
    case LookupKey::up:
        if (!pin && selected_ > 0) --selected_;
        return std::nullopt;
    case LookupKey::down:
        if (!pin && selected_ + 1 < hits_.size()) ++selected_;
        return std::nullopt;
    }
    return std::nullopt;
}

std::optional<LookupAction> ManualLookupModel::on_pick(std::size_t index,
                                                       const Supervisors& supervisors) {
    if (stage_ != LookupStage::search || checking_ || index >= hits_.size()) return std::nullopt;
    selected_ = index;
    return pick(supervisors);
}

void ManualLookupModel::on_supervisor(std::size_t index, std::size_t count) {
    if (stage_ == LookupStage::pin && !checking_ && index < count) supervisor_ = index;
}

void ManualLookupModel::on_answer(const LookupAnswer& answer) {
    if (!is_open()) return;
    if (!answer.query.empty()) {
        // A search's answer: shown only for the query still in the field.
        if (stage_ != LookupStage::search || checking_ || answer.query != query_) return;
        hits_ = answer.hits;
        if (hits_.size() > kMaxResults) hits_.resize(kMaxResults);
        selected_ = 0;
        message_key_ = !answer.error.empty() ? "lookup.error" : hits_.empty() ? "lookup.none" : "";
        message_arg_ = answer.error;
        return;
    }
    if (!checking_) return;
    checking_ = false;
    if (!answer.error.empty()) {
        message_key_ = "lookup.error";
        message_arg_ = answer.error;
    } else if (answer.pin == PinCheck::wrong || answer.pin == PinCheck::must_wait) {
        // A wrong PIN that starts a wait says so at once, rather than at the next attempt.
        message_key_ = answer.wait_seconds > 0 ? "pin.throttled" : "pin.wrong";
        message_arg_ = std::to_string(answer.wait_seconds);
    } else {
        message_key_ = "pin.not_possible";
    }
}

} // namespace accred
