#pragma once
/// `--format junit`: JUnit XML (the schema of Jenkins' xUnit plugin, junit-10.xsd) for CI test
/// tabs. `treaty check`: a <testsuite> per agreement, a <testcase> per finding (classname the
/// agreement, name "CLAUSE on FACT, FACT"), a <failure> with the message and explanation for
/// open findings, <skipped> for waived, pending and defeated ones, and one empty (passing)
/// <testcase> for each clause without findings. `treaty test`: a <testsuite> per policy file, a
/// <testcase> per test. Diagnostics form a last <testsuite name="diagnostics">, errors as
/// <error>. No times or timestamps: the output is byte-for-byte deterministic.

#include <string>

#include "report/check_report.h"
#include "report/test_report.h"

namespace treaty::report {

std::string RenderJunit(const CheckReport& report);
std::string RenderTestJunit(const TestReport& report);

}  // namespace treaty::report
