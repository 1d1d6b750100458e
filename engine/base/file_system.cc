#include "base/file_system.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <system_error>

namespace treaty::base {

namespace fs = std::filesystem;

Result<std::string> RealFileSystem::ReadFile(const std::string& path) const {
  std::error_code ec;
  if (fs::is_directory(path, ec)) return Status::IoError("is a directory");
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::NotFound("no such file");
  std::ostringstream ss;
  ss << in.rdbuf();
  if (in.bad()) return Status::IoError("read failed");
  return ss.str();
}

Result<std::vector<std::string>> RealFileSystem::ListFiles(
    const std::string& path, const std::vector<std::string>& extensions) const {
  std::error_code ec;
  auto matches = [&](const std::string& p) {
    return std::any_of(extensions.begin(), extensions.end(), [&](const std::string& ext) {
      return p.size() >= ext.size() && p.compare(p.size() - ext.size(), ext.size(), ext) == 0;
    });
  };
  if (!fs::exists(path, ec)) return Status::NotFound("no such file or directory");
  std::vector<std::string> out;
  if (!fs::is_directory(path, ec)) {
    out.push_back(path);
    return out;
  }
  for (auto it = fs::recursive_directory_iterator(path, ec);
       !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
    if (it->is_regular_file(ec) && matches(it->path().string())) {
      out.push_back(it->path().lexically_normal().string());
    }
  }
  if (ec) return Status::IoError(ec.message());
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace treaty::base
