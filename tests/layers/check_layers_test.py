#!/usr/bin/env python3
"""scripts/check_layers.py catches what it is for: on a copy of engine/ with deliberate bad
includes (a base header including run/, a report file including an ANTLR header) it must fail
and name each file:line; on small made-up engines it must refuse a layer's private link to the
layers above it (and allow it to the layer itself), and links in a cycle.

  check_layers_test.py SOURCE_DIR [ANTLR_INCLUDE_DIR]
"""
import os
import shutil
import subprocess
import sys
import tempfile

failures = []


def run_check(script, root, antlr_dir):
    command = [sys.executable, script, "--root", root]
    if antlr_dir:
        command += ["--antlr-include-dir", antlr_dir]
    done = subprocess.run(command, capture_output=True, text=True)
    return done.returncode, done.stdout + done.stderr


def expect(condition, what, output):
    if not condition:
        failures.append(f"{what}\n--- check_layers.py printed:\n{output}")


def insert_line(path, number, text):
    """Makes `text` line `number` of the file (1-based)."""
    with open(path, encoding="utf-8") as f:
        lines = f.read().split("\n")
    lines.insert(number - 1, text)
    with open(path, "w", encoding="utf-8") as f:
        f.write("\n".join(lines))


def first_source(engine, layer, suffix):
    folder = os.path.join(engine, layer)
    return sorted(n for n in os.listdir(folder) if n.endswith(suffix))[0]


def bad_includes_in_real_engine(script, source_dir, antlr_dir, scratch):
    root = os.path.join(scratch, "copy")
    shutil.copytree(os.path.join(source_dir, "engine"), os.path.join(root, "engine"))
    engine = os.path.join(root, "engine")
    rc, output = run_check(script, root, antlr_dir)
    expect(rc == 0, "the unchanged copy of engine/ should pass", output)

    header = first_source(engine, "base", ".h")
    insert_line(os.path.join(engine, "base", header), 2, '#include "run/check_run.h"')
    source = first_source(engine, "report", ".cc")
    insert_line(os.path.join(engine, "report", source), 2, '#include "TreatyParser.h"')
    rc, output = run_check(script, root, antlr_dir)
    expect(rc == 1, f"check_layers.py should exit 1 on the bad includes, not {rc}", output)
    expect(
        f"engine/base/{header}:2: layer base includes run/check_run.h, which is not beneath it"
        in output,
        f"check_layers.py should name engine/base/{header}:2",
        output,
    )
    expect(
        f"engine/report/{source}:2: layer report includes the ANTLR header TreatyParser.h"
        in output,
        f"check_layers.py should name engine/report/{source}:2",
        output,
    )


def private_links_stay_private(script, scratch):
    root = os.path.join(scratch, "made-up")
    engine = os.path.join(root, "engine")
    files = {
        "CMakeLists.txt": "treaty_layer(low DEPS fmt::fmt)\n"
        "treaty_layer(mid\n  PRIVATE_DEPS treaty_low)  # a comment\n"
        "treaty_layer(top DEPS treaty_mid)\n",
        "low/low.h": "#pragma once\n",
        "mid/mid.cc": '#include "low/low.h"\n#include <fmt/format.h>\n',
        "mid/mid.h": "#pragma once\n",
        "top/top.cc": '#include "mid/mid.h"\n#include "low/low.h"\n',
    }
    for name, text in files.items():
        os.makedirs(os.path.dirname(os.path.join(engine, name)), exist_ok=True)
        with open(os.path.join(engine, name), "w", encoding="utf-8") as f:
            f.write(text)
    rc, output = run_check(script, root, None)
    expect(rc == 1, f"check_layers.py should exit 1 on top including low/, not {rc}", output)
    expect(
        "engine/top/top.cc:2: layer top includes low/low.h, which is not beneath it "
        "(top may include: mid, top)" in output,
        "check_layers.py should refuse top/ a private link of mid/",
        output,
    )
    expect("mid/mid.cc" not in output, "check_layers.py should let mid/ include low/", output)


def links_in_a_cycle_fail(script, scratch):
    root = os.path.join(scratch, "cycle")
    engine = os.path.join(root, "engine")
    os.makedirs(engine)
    with open(os.path.join(engine, "CMakeLists.txt"), "w", encoding="utf-8") as f:
        f.write("treaty_layer(low PRIVATE_DEPS treaty_top)\ntreaty_layer(top DEPS treaty_low)\n")
    rc, output = run_check(script, root, None)
    expect(rc == 1, f"check_layers.py should exit 1 on links in a cycle, not {rc}", output)
    expect("the layers link in a cycle: low -> top -> low" in output, "name the cycle", output)


def main():
    source_dir = sys.argv[1]
    antlr_dir = sys.argv[2] if len(sys.argv) > 2 else None
    script = os.path.join(source_dir, "scripts", "check_layers.py")
    with tempfile.TemporaryDirectory(prefix="check-layers-") as scratch:
        bad_includes_in_real_engine(script, source_dir, antlr_dir, scratch)
        private_links_stay_private(script, scratch)
        links_in_a_cycle_fail(script, scratch)
    for failure in failures:
        print(f"FAIL: {failure}")
    if failures:
        return 1
    print("check_layers.py names a bad include; private links stay private; a cycle fails")
    return 0


if __name__ == "__main__":
    sys.exit(main())
