// A one-line progress bar for the desk's long commands: roster import, issue, badges, bundle,
// and the audit's merge and verify.
#pragma once

#include <cstddef>
#include <iosfwd>
#include <string>

namespace accred {

// Drawn on stderr, and only when stderr is a terminal: a pipe, a log file or a script reading
// --json output never sees it. Redrawn only when the percentage changes.
class ProgressBar {
  public:
    // On std::cerr; enabled false (under --json, say) draws nothing.
    ProgressBar(std::string label, bool enabled);
    // On out, when enabled and fd (the descriptor behind out) is a terminal.
    ProgressBar(std::string label, bool enabled, std::ostream& out, int fd);
    ProgressBar(const ProgressBar&) = delete;
    ProgressBar& operator=(const ProgressBar&) = delete;
    ~ProgressBar() { finish(); }

    void update(std::size_t done, std::size_t total);
    // Ends the bar's line, if one was drawn, so that what follows starts on a line of its own.
    void finish();
    // Erases the bar's line, if one was drawn, so that a line printed now is not glued to it;
    // the next update draws it again below.
    void clear();
    bool drawing() const { return enabled_; }

  private:
    std::string label_;
    std::ostream& out_;
    bool enabled_;
    int last_percent_ = -1;
};

} // namespace accred
