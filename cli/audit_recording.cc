#include "audit_recording.h"

#include <cstdio>

#include <fmt/format.h>

namespace treaty::cli {

namespace {

// The store an audit writes: checked for damage first, waiting up to `lock_timeout` seconds
// for another audit's write, and saying so on stderr when it has to wait.
base::Result<store::AuditStore> OpenStoreToWrite(const std::string& path, int lock_timeout,
                                                 Progress& progress) {
  store::OpenOptions options;
  options.create = true;
  options.check_integrity = true;
  options.busy_timeout_ms = lock_timeout * 1000;
  options.on_wait = [&progress, lock_timeout] {
    progress.Clear();
    std::fputs(fmt::format("treaty: waiting for the audit store lock held by another audit (up "
                           "to {} s, --lock-timeout)…\n",
                           lock_timeout)
                   .c_str(),
               stderr);
    std::fflush(stderr);
  };
  return store::AuditStore::Open(path, options);
}

}  // namespace

void AuditRecording::Add(const std::vector<findings::Finding>& batch, Progress& progress) {
  if (failure_) return;
  if (!recorder_) {
    progress.Say(fmt::format("opening {}…", db_));
    auto opened = OpenStoreToWrite(db_, lock_timeout_, progress);
    if (!opened.ok()) {
      failure_ = opened.status().message();
      return;
    }
    store_.emplace(std::move(opened.value()));
    auto started_run = store_->StartRun();
    if (!started_run.ok()) {
      failure_ = fmt::format("the run was not recorded: {}", started_run.status().message());
      return;
    }
    recorder_.emplace(std::move(started_run.value()));
  }
  if (base::Status s = recorder_->Add(batch); !s.ok()) {
    failure_ = fmt::format("the run was not recorded: {}", s.message());
  }
}

}  // namespace treaty::cli
