#pragma once
/// The files `treaty init` writes: a small working portfolio (vocabulary, one agreement, its
/// tests, one compliant fact, treaty.yaml and a pre-commit config) on which `treaty check`,
/// `treaty test` and `treaty lint` pass at once. Paths are relative to the new project's root.

#include <array>
#include <string_view>

namespace treaty::cli {

struct InitTemplate {
  std::string_view path;
  std::string_view text;
};

inline constexpr std::array<InitTemplate, 6> kInitTemplates = {{
    {"treaty.yaml",
     R"(# Defaults for every `treaty` command run in this directory or below it. Options on the
# command line win over these.
policies: [policies]
facts: [fixtures]
fail_on: error      # error, warning, info or never
as_of: today        # or a date such as 2026-06-01, for reproducible checks
)"},
    {"policies/vocabulary.treaty",
     R"(// The vocabulary of the portfolio: taxonomies (hierarchies of names) and the kinds of fact
// that agreements talk about. Every fact names its kind; its fields are checked against it.

taxonomy cloud { Azure AWS Google }

taxonomy region {
  americas { us ca }
  emea     { eu uk }
}

kind deployment "A planned or running service deployment" {
  service: text
  cloud:   cloud
  regions: list of region
  start:   date
  end:     date optional
  active from start until end
}
)"},
    {"policies/example.treaty",
     R"(// An example agreement: replace it with yours. Each clause quotes the contract's wording
// (`text`) and states, as a rule, which facts would breach it.

agreement EXAMPLE "Example cloud hosting agreement" {
  parties Customer, Provider
  effective 2026-01-01

  clause "2.1" "Hosting exclusivity" {
    text "The Customer shall host its production services on the Provider's cloud (Azure) only."
    exclusive deployment.cloud to Azure
    message "{deployment.service} runs on {deployment.cloud}: Azure holds exclusivity"
  }

  clause "3.1" "No hosting in the United Kingdom" {
    text "No service shall be hosted in the United Kingdom without the Provider's consent."
    severity warning
    forbid deployment
      when any deployment.regions in [uk]
    message "{deployment.service} is hosted in the United Kingdom"
  }
}
)"},
    {"policies/tests/example_test.treaty",
     R"(// Tests of the example agreement, run by `treaty test`: each runs on its own `given` facts
// only. `given file` paths are relative to the directory that holds treaty.yaml.

test "EXAMPLE/2.1: a service on AWS breaches hosting exclusivity" {
  as_of 2026-06-01
  given deployment { id: "api-aws", service: "api", cloud: AWS, regions: [us], start: 2026-05-01 }
  expect violation "EXAMPLE/2.1" on "api-aws"
  expect no violation "EXAMPLE/3.1"
}

test "EXAMPLE/3.1: hosting in the UK is a warning" {
  as_of 2026-06-01
  given deployment { id: "web-uk", service: "web", cloud: Azure, regions: [eu, uk],
                     start: 2026-05-01 }
  expect violation "EXAMPLE/3.1" on "web-uk"
  expect findings 1
}

test "The example fixture complies" {
  as_of 2026-06-01
  given file "fixtures/deployments.yaml"
  expect no violation
}
)"},
    {"fixtures/deployments.yaml",
     R"(# Facts: what is planned or running, one YAML document per fact (separate them with `---`).
# Each names its `kind` (policies/vocabulary.treaty) and has an `id` unique in the run.
kind: deployment
id: web-eu
service: web shop
cloud: Azure
regions: [eu]
start: 2026-03-01
)"},
    {".pre-commit-config.yaml",
     R"(# pre-commit (https://pre-commit.com) runs Treaty on every commit: `pre-commit install` once.
# The hooks run the `treaty` binary on your PATH.
repos:
  - repo: local
    hooks:
      - id: treaty-check
        name: treaty check
        description: Check changed facts against the agreements in policies/
        entry: treaty check
        language: system
        files: ^fixtures/.*\.(ya?ml|jsonl)$
        require_serial: true
      - id: treaty-fmt
        name: treaty fmt
        description: Refuse policy files that are not in the canonical layout
        entry: treaty fmt --check
        language: system
        files: \.treaty$
)"},
}};

}  // namespace treaty::cli
