// A private CUPS scheduler for tests: the real cupsd (Debian cups-daemon) in a temporary folder
// with its own configuration, spool, cache and logs, listening only on a unix socket there, so
// that it neither needs nor touches the machine's CUPS. Queues print to files in that folder.
#pragma once

#include "support/test_support.h"

#include <string>
#include <sys/types.h>

namespace accred::test {

class PrivateCups {
  public:
    // Starts cupsd and waits (up to 10 s) until it answers on its socket; throws
    // std::runtime_error saying why when it cannot (no cupsd, a refused configuration, ...), with
    // its output and error log.
    PrivateCups();
    // Stops cupsd (SIGTERM, then SIGKILL after 5 s) and waits for it.
    ~PrivateCups();
    PrivateCups(const PrivateCups&) = delete;
    PrivateCups& operator=(const PrivateCups&) = delete;

    // The scheduler's address, for cupsSetServer or `lpadmin -h`.
    const std::string& socket() const { return socket_; }
    // Adds an enabled queue whose device is the file output_path (created by cupsd when a job
    // prints, mode 0600): a PPD queue whose one filter copies the document unchanged. (A raw
    // queue with a file: device completes its jobs without writing anything in CUPS 2.4: with no
    // filter and no backend, nothing copies the document.) Throws with lpadmin's output.
    void add_file_queue(const std::string& name, const std::string& info,
                        const std::string& output_path, bool make_default);
    // The scheduler's error log so far, for a failure's message.
    std::string error_log() const;
    std::string file(const std::string& name) const { return dir_.file(name); }

  private:
    void wait_until_ready();
    void stop();

    TempDir dir_;
    std::string socket_;
    pid_t pid_ = -1;
};

} // namespace accred::test
