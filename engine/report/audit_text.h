#pragma once
/// The text of `treaty audit` and its subcommands around the findings report: the line saying
/// a run was recorded, the comparison with the previous run, the runs `audit history` lists,
/// and the heading and waiver lines of `audit show`. User text goes through base::VisibleText.
/// Pure: returns strings, prints nothing.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "findings/run_record.h"
#include "report/text_style.h"

namespace treaty::report {

/// "run 3 recorded in audit.sqlite (as of 2026-11-29, label `weekly`)\n".
std::string RecordedLine(int64_t run, std::string_view db, std::string_view as_of,
                         const std::string& label);

/// "since run N: …" and the findings that changed, or `first_run` when no run came before.
std::string ChangesSince(const findings::RunChanges& changes, const TextStyle& style,
                         std::string_view first_run);

/// The history table, newest first ("no runs recorded in DB" when there is none).
std::string RenderHistoryText(const std::vector<findings::RunInfo>& runs, std::string_view db);

/// "run N: recorded …, as of …" and the roots, then an empty line.
std::string RenderRunHeading(const findings::RunInfo& info);

/// One line per waiver a run applied: "waiver W on C (until D) waived N findings".
std::string RenderWaiverLines(const std::vector<findings::WaiverRecord>& waivers);

}  // namespace treaty::report
