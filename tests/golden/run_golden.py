#!/usr/bin/env python3
"""End-to-end golden tests: run the real `treaty` binary on each case and compare whole outputs.

A case is a directory holding a file `cmd` (the arguments after `treaty`, one line, run from the
case directory; several lines run several commands) and `expected` (what the run printed).
`expected` holds, for each command: `$ treaty ARGS`, the standard output, `--- stderr`, the
standard error, and `--- exit N`, compared byte for byte (CRLF line ends, as in CSV output, are
kept). Colour is off (NO_COLOR=1). Use --update to rewrite
`expected` from the actual output after checking it by eye. A case may hold a file `scratch`
naming files its commands create (an audit store, a report), one per line: they are deleted
before and after the case runs, so every run starts from the same state.
"""
import argparse
import difflib
import os
import shlex
import subprocess
import sys


def remove_scratch(case_dir):
    path = os.path.join(case_dir, "scratch")
    if not os.path.isfile(path):
        return
    with open(path, encoding="utf-8") as f:
        for name in (line.strip() for line in f):
            target = os.path.join(case_dir, name)
            if name and os.path.isfile(target):
                os.remove(target)


def run_case(treaty, case_dir):
    remove_scratch(case_dir)
    try:
        return run_commands(treaty, case_dir)
    finally:
        remove_scratch(case_dir)


def run_commands(treaty, case_dir):
    out = []
    with open(os.path.join(case_dir, "cmd"), encoding="utf-8") as f:
        commands = [line.strip() for line in f if line.strip() and not line.startswith("#")]
    env = dict(os.environ, NO_COLOR="1", TREATY_TEST="1")
    for command in commands:
        args = shlex.split(command)
        proc = subprocess.run([treaty] + args, cwd=case_dir, env=env, capture_output=True,
                              timeout=120)
        out.append(f"$ treaty {command}\n")
        out.append(proc.stdout.decode("utf-8", "replace"))
        out.append("--- stderr\n")
        out.append(proc.stderr.decode("utf-8", "replace"))
        out.append(f"--- exit {proc.returncode}\n")
    return "".join(out)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--treaty", required=True)
    ap.add_argument("--update", action="store_true")
    ap.add_argument("suites", nargs="+")
    a = ap.parse_args()
    treaty = os.path.abspath(a.treaty)
    cases = []
    for suite in a.suites:
        if os.path.isfile(os.path.join(suite, "cmd")):
            cases.append(suite)
            continue
        for name in sorted(os.listdir(suite)):
            d = os.path.join(suite, name)
            if os.path.isfile(os.path.join(d, "cmd")):
                cases.append(d)
    passed = failed = 0
    for case in cases:
        actual = run_case(treaty, case)
        expected_path = os.path.join(case, "expected")
        if a.update:
            with open(expected_path, "w", encoding="utf-8", newline="") as f:
                f.write(actual)
            passed += 1
            continue
        try:
            with open(expected_path, encoding="utf-8", newline="") as f:
                expected = f.read()
        except FileNotFoundError:
            expected = ""
        if actual == expected:
            passed += 1
        else:
            failed += 1
            print(f"FAIL {case}")
            sys.stdout.writelines(difflib.unified_diff(
                expected.splitlines(True), actual.splitlines(True), "expected", "actual"))
    print(f"{passed} passed, {failed} failed")
    return 1 if failed or not cases else 0


if __name__ == "__main__":
    sys.exit(main())
