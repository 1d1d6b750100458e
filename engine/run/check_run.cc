#include "run/check_run.h"

#include <utility>

#include "run/clause_catalog.h"

namespace treaty::run {

namespace {

PipelineOptions OptionsOf(const CheckRequest& request) {
  PipelineOptions options;
  options.policy_roots = request.policy_roots;
  options.fact_paths = request.fact_paths;
  options.eval.as_of = request.as_of;
  options.eval.show_defeated = request.show_defeated;
  options.check_vacuity = true;
  options.on_fact_bytes = request.on_fact_bytes;
  return options;
}

}  // namespace

CheckRun RunCheck(const CheckRequest& request, const base::FileSystem& fs, base::SourceSet& sources,
                  base::DiagnosticEngine& diags) {
  CheckRun run;
  PipelineSinks sinks;
  sinks.findings = [&run](std::vector<findings::Finding>&& found, const facts::FactSet&) {
    run.findings = std::move(found);
  };
  PipelineRun done = RunPipeline(OptionsOf(request), sinks, fs, sources, diags);
  run.frontend = std::move(done.frontend);
  run.facts = std::move(done.facts);
  run.summary = done.summary;
  run.evaluated = done.evaluated;
  run.times = done.times;
  if (run.evaluated) run.clauses = DescribeClauses(run.frontend.portfolio, sources);
  return run;
}

StreamedRun RunStreamed(const CheckRequest& request, size_t batch, const base::FileSystem& fs,
                        base::SourceSet& sources, base::DiagnosticEngine& diags,
                        const FindingSink& sink,
                        const std::function<void(const StreamProgress&)>& progress) {
  PipelineOptions options = OptionsOf(request);
  options.facts = PipelineOptions::Facts::kStreamed;
  options.batch = batch;
  PipelineSinks sinks;
  sinks.findings = sink;
  sinks.progress = progress;
  PipelineRun done = RunPipeline(options, sinks, fs, sources, diags);
  StreamedRun run;
  run.frontend = std::move(done.frontend);
  run.summary = done.summary;
  run.fact_files = done.fact_files;
  run.kept = done.kept;
  run.evaluated = done.evaluated;
  run.times = done.times;
  if (run.evaluated) run.clauses = DescribeClauses(run.frontend.portfolio, sources);
  return run;
}

}  // namespace treaty::run
