#include "base/input_file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cctype>
#include <cerrno>
#include <cstring>

namespace treaty::base {

namespace {

std::string TooLarge(uint64_t max_bytes) {
  return max_bytes == kMaxInputBytes
             ? "the file is larger than 4 GiB"
             : "the file is larger than " + std::to_string(max_bytes) + " bytes";
}

/// Why `st` is not a regular file of at most `max_bytes`, or "" when it is one.
std::string Refusal(const struct stat& st, uint64_t max_bytes) {
  if (S_ISDIR(st.st_mode)) return "is a directory";
  if (!S_ISREG(st.st_mode)) return "not a regular file";
  if (static_cast<uint64_t>(st.st_size) > max_bytes) return TooLarge(max_bytes);
  return "";
}

Status ErrnoStatus(int err) {
  return err == ENOENT ? Status::NotFound(ErrnoMessage(err)) : Status::IoError(ErrnoMessage(err));
}

}  // namespace

std::string ErrnoMessage(int err) {
  std::string s = std::strerror(err);
  if (!s.empty()) s[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(s[0])));
  return s;
}

Result<FilePtr> OpenInputFile(const std::string& path, uint64_t max_bytes) {
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0) return ErrnoStatus(errno);
  if (std::string why = Refusal(st, max_bytes); !why.empty()) return Status::IoError(why);
  const int fd = ::open(path.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC);
  if (fd < 0) return ErrnoStatus(errno);
  FilePtr file(::fdopen(fd, "rb"), &std::fclose);
  if (!file) {
    const int err = errno;
    ::close(fd);
    return ErrnoStatus(err);
  }
  // The path may have been replaced between stat and open.
  if (::fstat(fd, &st) != 0) return ErrnoStatus(errno);
  if (std::string why = Refusal(st, max_bytes); !why.empty()) return Status::IoError(why);
  const int flags = ::fcntl(fd, F_GETFL);
  if (flags >= 0) ::fcntl(fd, F_SETFL, flags & ~O_NONBLOCK);
  return file;
}

Result<std::string> ReadInputFile(const std::string& path, uint64_t max_bytes) {
  auto opened = OpenInputFile(path, max_bytes);
  if (!opened.ok()) return opened.status();
  std::FILE* in = opened.value().get();
  struct stat st {};
  std::string text;
  if (::fstat(::fileno(in), &st) == 0) text.reserve(static_cast<size_t>(st.st_size));
  char buffer[1 << 16];
  for (;;) {
    const size_t n = std::fread(buffer, 1, sizeof buffer, in);
    if (text.size() + n > max_bytes) return Status::IoError(TooLarge(max_bytes));
    text.append(buffer, n);
    if (n < sizeof buffer) {
      if (std::ferror(in)) return Status::IoError(ErrnoMessage(errno));
      break;
    }
  }
  return text;
}

}  // namespace treaty::base
