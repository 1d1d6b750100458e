#pragma once
/// What identifies a run's inputs in the audit store: its roots, lexically normalised so that
/// the same audit run from the same directory finds its previous run, and the digests of the
/// policy and fact files it read.

#include <map>
#include <string>
#include <vector>

#include "base/source_file.h"
#include "findings/fingerprint.h"
#include "findings/run_record.h"

namespace treaty::store {

/// Roots as given, lexically normalised: "./fixtures/" and "fixtures" are the same root.
std::vector<std::string> NormalizeRoots(const std::vector<std::string>& roots);

/// Sets `record`'s policy_digest (the `.treaty` files of `sources`) and fact_digest (the fact
/// files, hashed as they streamed past: path -> SHA-256, so a large one is never in memory
/// whole), each over its files in path order (store::DigestFiles).
void DigestRunInputs(const base::SourceSet& sources,
                     const std::map<std::string, findings::Sha256>& fact_hashes,
                     findings::RunRecord& record);

}  // namespace treaty::store
