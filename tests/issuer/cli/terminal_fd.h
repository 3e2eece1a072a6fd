// Pseudo-terminals and standard-error redirection for tests of what is shown only on a terminal.
#pragma once

#include <fcntl.h>
#include <stdlib.h>
#include <unistd.h>

namespace accred::test {

// A pseudo-terminal's terminal side (ok() is false where none can be opened).
class Terminal {
  public:
    Terminal() {
        master_ = ::posix_openpt(O_RDWR | O_NOCTTY);
        if (master_ < 0 || ::grantpt(master_) != 0 || ::unlockpt(master_) != 0) return;
        const char* name = ::ptsname(master_);
        if (name) fd_ = ::open(name, O_RDWR | O_NOCTTY);
    }
    ~Terminal() {
        if (fd_ >= 0) ::close(fd_);
        if (master_ >= 0) ::close(master_);
    }
    Terminal(const Terminal&) = delete;
    Terminal& operator=(const Terminal&) = delete;
    bool ok() const { return fd_ >= 0; }
    int fd() const { return fd_; }

  private:
    int master_ = -1;
    int fd_ = -1;
};

// Points descriptor 2 (stderr) at fd while it lives.
class StderrOnto {
  public:
    explicit StderrOnto(int fd) : saved_(::dup(STDERR_FILENO)) { ::dup2(fd, STDERR_FILENO); }
    ~StderrOnto() {
        ::dup2(saved_, STDERR_FILENO);
        ::close(saved_);
    }
    StderrOnto(const StderrOnto&) = delete;
    StderrOnto& operator=(const StderrOnto&) = delete;

  private:
    int saved_;
};

} // namespace accred::test
