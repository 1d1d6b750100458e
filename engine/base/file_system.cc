#include "base/file_system.h"

#include <algorithm>
#include <cstdio>
#include <memory>

#include "base/input_file.h"

namespace treaty::base {

Result<std::string> RealFileSystem::ReadFile(const std::string& path) const {
  return ReadInputFile(path);
}

Status FileSystem::ReadChunks(const std::string& path, size_t chunk,
                              const std::function<bool(std::string_view)>& consume) const {
  auto text = ReadFile(path);
  if (!text.ok()) return text.status();
  const std::string_view all = text.value();
  chunk = std::max<size_t>(chunk, 1);
  for (size_t at = 0; at < all.size(); at += chunk) {
    if (!consume(all.substr(at, chunk))) break;
  }
  return Status::Ok();
}

Status RealFileSystem::ReadChunks(const std::string& path, size_t chunk,
                                  const std::function<bool(std::string_view)>& consume) const {
  auto opened = OpenInputFile(path);  // a regular file, never a FIFO or a device
  if (!opened.ok()) return opened.status();
  FilePtr in = std::move(opened.value());
  std::string buffer(std::max<size_t>(chunk, 1), '\0');
  for (;;) {
    const size_t n = std::fread(buffer.data(), 1, buffer.size(), in.get());
    if (n > 0 && !consume(std::string_view(buffer.data(), n))) break;
    if (n < buffer.size()) {
      if (std::ferror(in.get())) return Status::IoError("read failed");
      break;
    }
  }
  return Status::Ok();
}

FileListing RealFileSystem::ListFiles(const std::string& path,
                                      const std::vector<std::string>& extensions) const {
  return WalkDirectory(path, extensions);
}

}  // namespace treaty::base
