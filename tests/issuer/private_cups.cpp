// The private cupsd: configuration files written for this folder, the daemon started in the
// foreground as our child, and stopped with it.
#include "private_cups.h"

#include "crypto/file_io.h"

#include <cerrno>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <filesystem>
#include <stdexcept>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>
#include <utility>
#include <vector>

namespace accred::test {
namespace {

constexpr const char* kCupsd = "/usr/sbin/cupsd";
constexpr auto kStartTimeout = std::chrono::seconds(10);
constexpr auto kStopTimeout = std::chrono::seconds(5);

void write_file(const std::string& path, const std::string& text, mode_t mode) {
    Status written = write_new_file(path, as_bytes(text), mode);
    if (!written) throw std::runtime_error(written.error().message);
    ::chmod(path.c_str(), mode); // write_new_file's mode passes through the umask
}

std::string read_text(const std::string& path) {
    auto text = read_small_file(path, 1 << 20);
    return text ? text.value() : "(" + path + ": " + text.error().message + ")";
}

// Only the socket, no browsing or sharing, and no authentication: the socket's folder is ours.
constexpr const char* kCupsdConfRest = R"(Browsing No
BrowseLocalProtocols none
WebInterface No
LogLevel info
DefaultAuthType None
<Location />
  Order allow,deny
  Allow all
</Location>
<Policy default>
  <Limit All>
    Order deny,allow
  </Limit>
</Policy>
)";

std::string cupsd_conf(const std::string& socket) {
    return "Listen " + socket + "\n" + kCupsdConfRest;
}

// Every folder cupsd writes is under dir; FileDevice allows the file: device URIs queues print
// to. SystemGroup root: the test's user, so that no group must exist.
std::string cups_files_conf(const std::string& dir) {
    std::string conf = "FileDevice Yes\nSystemGroup root\nSandboxing Relaxed\n";
    const std::pair<const char*, const char*> folders[] = {{"ServerRoot", ""},
                                                           {"RequestRoot", "/spool"},
                                                           {"CacheDir", "/cache"},
                                                           {"StateDir", "/state"},
                                                           {"TempDir", "/tmp"},
                                                           {"ErrorLog", "/log/error_log"},
                                                           {"AccessLog", "/log/access_log"},
                                                           {"PageLog", "/log/page_log"}};
    for (const auto& [directive, path] : folders)
        conf += std::string(directive) + " " + dir + path + "\n";
    return conf;
}

// A PPD whose one filter takes PDF to the printer: cupsd runs it as user lp with the document's
// path as argument 6, and writes its output to the queue's device.
constexpr const char* kPpdHead = R"PPD(*PPD-Adobe: "4.3"
*FormatVersion: "4.3"
*FileVersion: "1.0"
*LanguageVersion: English
*LanguageEncoding: ISOLatin1
*PCFileName: "BADGES.PPD"
*Manufacturer: "Test"
*Product: "(Badge file)"
*ModelName: "Badge file"
*ShortNickName: "Badge file"
*NickName: "Badge file"
*PSVersion: "(3010.000) 0"
*ColorDevice: True
*cupsVersion: 2.4
*OpenUI *PageSize/Page Size: PickOne
*DefaultPageSize: A4
*PageSize A4/A4: ""
*CloseUI: *PageSize
*DefaultImageableArea: A4
*ImageableArea A4: "0 0 595 842"
*DefaultPaperDimension: A4
*PaperDimension A4: "595 842"
)PPD";

std::string copy_ppd(const std::string& filter) {
    return kPpdHead + ("*cupsFilter: \"application/pdf 0 " + filter + "\"\n");
}

bool answers(const std::string& socket) {
    sockaddr_un address{};
    address.sun_family = AF_UNIX;
    std::strncpy(address.sun_path, socket.c_str(), sizeof address.sun_path - 1);
    const int fd = ::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd < 0) return false;
    const bool ok = ::connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0;
    ::close(fd);
    return ok;
}

// The command's output and error, and whether it exited 0.
bool run(const std::string& command, std::string& output) {
    FILE* pipe = ::popen((command + " 2>&1").c_str(), "r");
    if (pipe == nullptr) return false;
    char buffer[4096];
    for (std::size_t n; (n = std::fread(buffer, 1, sizeof buffer, pipe)) > 0;)
        output.append(buffer, n);
    return ::pclose(pipe) == 0;
}

} // namespace

PrivateCups::PrivateCups() {
    const std::string dir = dir_.path().string();
    socket_ = dir + "/cups.sock";
    if (::access(kCupsd, X_OK) != 0)
        throw std::runtime_error(std::string(kCupsd) +
                                 " not found: install cups-daemon (scripts/debian-packages.txt)");
    // cupsd runs filters as user lp: the folder (mkdtemp's 0700) must let it reach them.
    ::chmod(dir.c_str(), 0755);
    for (const char* sub : {"spool", "cache", "state", "tmp", "log", "filter"})
        std::filesystem::create_directory(dir_.path() / sub);
    write_file(file("cupsd.conf"), cupsd_conf(socket_), 0644);
    write_file(file("cups-files.conf"), cups_files_conf(dir), 0644);
    // cupsd refuses a filter that others may write; 0755, owned by us.
    write_file(file("filter/copy"), "#!/bin/sh\nexec cat \"${6:-/dev/stdin}\"\n", 0755);

    const std::string conf = file("cupsd.conf"), files = file("cups-files.conf");
    const std::string out = file("cupsd.out");
    std::vector<const char*> argv{"cupsd", "-f", "-c", conf.c_str(), "-s", files.c_str(), nullptr};
    pid_ = ::fork();
    if (pid_ < 0) throw std::runtime_error(std::string("fork: ") + std::strerror(errno));
    if (pid_ == 0) { // only async-signal-safe calls until exec
        const int fd = ::open(out.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
        if (fd >= 0) {
            ::dup2(fd, 1);
            ::dup2(fd, 2);
        }
        ::execv(kCupsd, const_cast<char* const*>(argv.data()));
        ::_exit(127);
    }
    try {
        wait_until_ready();
    } catch (...) {
        stop(); // the destructor does not run for a constructor that throws
        throw;
    }
}

void PrivateCups::wait_until_ready() {
    const auto deadline = std::chrono::steady_clock::now() + kStartTimeout;
    while (!answers(socket_)) {
        int status = 0;
        if (::waitpid(pid_, &status, WNOHANG) == pid_) {
            pid_ = -1;
            // Its own check of the configuration says why, where the daemon says nothing.
            std::string check;
            run(std::string(kCupsd) + " -t -c '" + file("cupsd.conf") + "' -s '" +
                    file("cups-files.conf") + "'",
                check);
            throw std::runtime_error("cupsd exited (status " + std::to_string(status) +
                                     "): " + read_text(file("cupsd.out")) + check + error_log());
        }
        if (std::chrono::steady_clock::now() > deadline)
            throw std::runtime_error("cupsd did not answer on " + socket_ +
                                     " within 10 s: " + read_text(file("cupsd.out")) + error_log());
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
}

PrivateCups::~PrivateCups() {
    stop();
}

void PrivateCups::stop() {
    if (pid_ <= 0) return;
    ::kill(pid_, SIGTERM);
    const auto deadline = std::chrono::steady_clock::now() + kStopTimeout;
    while (::waitpid(pid_, nullptr, WNOHANG) == 0) {
        if (std::chrono::steady_clock::now() > deadline) {
            ::kill(pid_, SIGKILL);
            ::waitpid(pid_, nullptr, 0);
            break;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    pid_ = -1;
}

void PrivateCups::add_file_queue(const std::string& name, const std::string& info,
                                 const std::string& output_path, bool make_default) {
    const std::string ppd = file(name + ".ppd");
    write_file(ppd, copy_ppd(file("filter/copy")), 0644);
    const std::string lpadmin = "lpadmin -h '" + socket_ + "' ";
    std::string output;
    bool ok = run(lpadmin + "-p '" + name + "' -E -v 'file://" + output_path + "' -P '" + ppd +
                      "' -D '" + info + "'",
                  output);
    if (ok && make_default) ok = run(lpadmin + "-d '" + name + "'", output);
    if (!ok) throw std::runtime_error("lpadmin failed: " + output + error_log());
}

std::string PrivateCups::error_log() const {
    return "\n--- cupsd error_log ---\n" + read_text(file("log/error_log"));
}

} // namespace accred::test
