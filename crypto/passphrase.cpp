#include "passphrase.h"

#include "file_io.h"

#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <sodium.h>
#include <string_view>
#include <termios.h>
#include <unistd.h>

namespace accred {
namespace {

constexpr std::size_t kMaxPassphrase = 1024;

// Keeps the first line only, without its line ending.
void cut_at_line_end(SecretBuffer& buffer) {
    const std::string_view text = buffer.view();
    const auto end = text.find_first_of("\r\n");
    if (end != std::string_view::npos) buffer.truncate(end);
}

Outcome<SecretBuffer> prompt_on_tty(const std::string& prompt) {
    const int fd = ::open("/dev/tty", O_RDWR | O_CLOEXEC);
    if (fd < 0)
        return Error{"no passphrase given: use --passphrase-file, set " +
                     std::string(kPassphraseEnv) + ", or run from a terminal"};
    termios saved{};
    const bool is_tty = ::tcgetattr(fd, &saved) == 0;
    if (is_tty) {
        termios quiet = saved;
        quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO);
        ::tcsetattr(fd, TCSAFLUSH, &quiet);
    }
    [[maybe_unused]] auto w = ::write(fd, prompt.data(), prompt.size());
    SecretBuffer buffer(kMaxPassphrase);
    std::size_t len = 0;
    while (len < buffer.size()) {
        char c = 0;
        const ssize_t n = ::read(fd, &c, 1);
        if (n <= 0 || c == '\n') break;
        buffer.data()[len++] = static_cast<std::uint8_t>(c);
    }
    if (is_tty) ::tcsetattr(fd, TCSAFLUSH, &saved);
    w = ::write(fd, "\n", 1);
    ::close(fd);
    buffer.truncate(len);
    return buffer;
}

} // namespace

Outcome<SecretBuffer> obtain_passphrase(const PassphraseSource& source) {
    if (source.file) {
        auto content = read_secret_file(*source.file, kMaxPassphrase);
        if (!content) return content.error();
        cut_at_line_end(content.value());
        if (content->empty()) return Error{"the passphrase file " + *source.file + " is empty"};
        return content;
    }
    const char* env = source.env != nullptr ? std::getenv(source.env) : nullptr;
    if (env != nullptr) {
        const std::size_t len = std::strlen(env);
        if (len == 0) return Error{std::string(source.env) + " is set but empty"};
        if (len > kMaxPassphrase) return Error{std::string(source.env) + " is too long"};
        SecretBuffer buffer(len);
        std::memcpy(buffer.data(), env, len);
        // getenv's string is the process's own copy (for a variable inherited at exec, the very
        // bytes /proc/PID/environ and a core dump show): wiped there, and the variable removed so
        // that no child inherits it. The parent's copy is the parent's.
        sodium_memzero(const_cast<char*>(env), len);
        unsetenv(source.env);
        return buffer;
    }
    auto first = prompt_on_tty(source.prompt);
    if (!first) return first;
    if (first->empty()) return Error{"empty passphrase"};
    if (source.confirm) {
        auto second = prompt_on_tty("Repeat the passphrase: ");
        if (!second) return second;
        if (second->size() != first->size() ||
            sodium_memcmp(second->data(), first->data(), first->size()) != 0)
            return Error{"the two passphrases differ"};
    }
    return first;
}

Outcome<SecretBuffer> obtain_new_passphrase(const std::optional<std::string>& file,
                                            const std::string& prompt) {
    PassphraseSource source;
    source.file = file;
    source.prompt = prompt;
    source.confirm = true;
    auto passphrase = obtain_passphrase(source);
    if (passphrase && passphrase->size() < kMinNewPassphraseLength)
        return Error{"the passphrase must be at least " +
                     std::to_string(kMinNewPassphraseLength) + " characters"};
    return passphrase;
}

namespace {
constexpr const char* kWrongPassphrase = "wrong passphrase, or the secret key file was altered";
} // namespace

Error wrong_passphrase_error() {
    return Error{kWrongPassphrase, ErrorKind::refusal};
}

} // namespace accred
