#!/usr/bin/env python3
"""Generates a whole-process workload for `treaty check`: a policy directory with M clauses and
a JSONL file with N deployment facts (LANGUAGE.md §2, §7). Most clauses are keyed on cloud /
channel / segment equality or membership plus a model, so the rule index matters; some are
unkeyed, some permits override earlier clauses, one clause is a most-favoured-pricing join.

    bench/gen_workload.py --facts 100000 --clauses 1000 --out DIR
    treaty check --policies DIR/policies DIR/facts.jsonl --as-of 2026-06-01

With --manifests K the facts go instead to K small YAML files DIR/manifests/mNN.yaml (one fact
per YAML document), the shape of a pre-commit check of changed deployment manifests.
"""
import argparse
import json
import os
import random

VOCABULARY = """taxonomy cloud { Azure AWS Google Oracle }
taxonomy channel {
  Azure  { azure_openai azure_foundry }
  AWS    { bedrock sagemaker }
  Google { vertex }
  Oracle { oci }
}
taxonomy segment {
  enterprise    { fortune_500 large_enterprise }
  public_sector { us_natsec civilian_gov }
  smb
  startup
}
taxonomy api { stateless product }

kind deployment "A planned or running model deployment" {
  provider:       text
  model:          text
  cloud:          cloud
  channel:        channel
  api:            api
  segment:        segment
  start:          date
  end:            date optional
  price_per_mtok: number optional
  active from start until end
}
"""

CHANNELS = [("Azure", "azure_openai"), ("Azure", "azure_foundry"), ("AWS", "bedrock"),
            ("AWS", "sagemaker"), ("Google", "vertex"), ("Oracle", "oci")]
LEAF_CHANNELS = [c for _, c in CHANNELS]
SEGMENTS = ["fortune_500", "large_enterprise", "us_natsec", "civilian_gov", "smb", "startup"]
SEGMENT_SETS = SEGMENTS + ["enterprise", "public_sector"]
CLOUDS = ["Azure", "AWS", "Google", "Oracle"]


def clause(rng, i, models, earlier):
    cid = f"{i % 10}.{i}"
    model = rng.choice(models)
    r = rng.randrange(100)
    if r < 40:
        body = (f"forbid deployment\n      when deployment.channel == {rng.choice(LEAF_CHANNELS)}"
                f" and deployment.model == \"{model}\"\n"
                f"       and deployment.price_per_mtok < {rng.randrange(4)}")
    elif r < 70:
        body = (f"exclusive deployment.cloud to Azure\n"
                f"      when deployment.segment in {rng.choice(SEGMENT_SETS)}"
                f" and deployment.model == \"{model}\"\n"
                f"      unless deployment.api == product")
    elif r < 85:
        body = (f"require deployment.price_per_mtok <= 3\n"
                f"      when deployment.cloud == {rng.choice(CLOUDS)}"
                f" and deployment.model == \"{model}\"")
    elif r < 97 and earlier:
        target = rng.choice(earlier)
        body = (f"overrides \"{target}\"\n    permit deployment"
                f" when deployment.channel == {rng.choice(LEAF_CHANNELS)}")
    else:
        body = ("forbid deployment\n      when deployment.price_per_mtok > 4.4"
                " and deployment.provider != \"OpenAI\"")
    return cid, f'  clause "{cid}" "Clause {i}" {{\n    {body}\n  }}\n'


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--facts", type=int, default=100000)
    ap.add_argument("--clauses", type=int, default=1000)
    ap.add_argument("--seed", type=int, default=42)
    ap.add_argument("--out", required=True)
    ap.add_argument("--manifests", type=int, default=0,
                    help="write the facts as this many YAML files instead of facts.jsonl")
    args = ap.parse_args()
    rng = random.Random(args.seed)
    models = [f"model-{i}" for i in range(200)]
    policies = os.path.join(args.out, "policies")
    os.makedirs(policies, exist_ok=True)
    with open(os.path.join(policies, "vocabulary.treaty"), "w") as f:
        f.write(VOCABULARY)
    earlier = []
    for a in range((args.clauses + 9) // 10):
        agreement = f"AG{a:04}"
        text = [f'agreement {agreement} "Agreement {a}" {{\n  parties OpenAI, Partner{a}\n'
                f"  effective 2025-01-01\n"]
        for i in range(a * 10, min(args.clauses, a * 10 + 10)):
            cid, src = clause(rng, i, models, earlier)
            text.append(src)
            earlier.append(f"{agreement}/{cid}")
        text.append("}\n")
        with open(os.path.join(policies, f"{agreement}.treaty"), "w") as f:
            f.write("".join(text))
    with open(os.path.join(policies, "mfn.treaty"), "w") as f:
        f.write('agreement MFN "Most-favoured pricing" {\n  parties OpenAI, Microsoft\n'
                '  effective 2025-01-01\n'
                '  clause "6.2" "Most-favoured pricing on Azure Foundry" {\n'
                '    forbid deployment as azure, deployment as other\n'
                '      when azure.channel == azure_foundry and azure.segment == fortune_500\n'
                '       and other.channel == bedrock and other.segment == fortune_500\n'
                '       and azure.model == other.model and overlaps(azure, other)\n'
                '       and other.price_per_mtok * 3 < azure.price_per_mtok\n  }\n}\n')
    facts = []
    for i in range(args.facts):
        cloud, channel = rng.choice(CHANNELS)
        fact = {"kind": "deployment", "id": f"dep-{i}", "provider": "OpenAI",
                "model": rng.choice(models), "cloud": cloud, "channel": channel,
                "api": rng.choice(["stateless", "product"]),
                "segment": rng.choice(SEGMENTS),
                "start": f"2026-{rng.randrange(1, 13):02}-{rng.randrange(1, 29):02}"}
        if rng.randrange(10) < 8:
            fact["price_per_mtok"] = 0.5 * (2 + rng.randrange(8))
        facts.append(fact)
    if args.manifests:
        write_manifests(os.path.join(args.out, "manifests"), facts, args.manifests)
        return
    with open(os.path.join(args.out, "facts.jsonl"), "w") as f:
        for fact in facts:
            f.write(json.dumps(fact) + "\n")


def write_manifests(folder, facts, count):
    """Facts spread over `count` YAML files, one fact per YAML document."""
    os.makedirs(folder, exist_ok=True)
    for k in range(count):
        docs = []
        for fact in facts[k::count]:
            docs.append("".join(f"{key}: {value}\n" for key, value in fact.items()))
        with open(os.path.join(folder, f"m{k:02}.yaml"), "w") as f:
            f.write("---\n".join(docs))


if __name__ == "__main__":
    main()
