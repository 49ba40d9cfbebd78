"""Prints the IAM policies inside CloudFormation/SAM templates, as JSON on stdout.

Usage: python template_policies.py TEMPLATE...

Templates are read with cfn-lint's own decoder (YAML with the short intrinsic tags `!Ref`,
`!GetAtt`, ... or JSON), so they parse exactly as cfn-lint parses them; intrinsic functions come
out in their long form ({"Fn::GetAtt": [...]}). A policy is any mapping with a `Statement` key.

Output: [{"file": TEMPLATE, "line": 1-based line of the policy, "sam_inline": bool, "policy": {...}}]
where sam_inline marks a statement list given directly in a SAM function's `Policies`, which SAM
wraps in a policy document itself (so it has no `Version` of its own).
"""

import json
import sys

from cfnlint.decode import decode_str


def walk(node, path, resource_type, found, file):
    if isinstance(node, dict):
        if "Statement" in node:
            sam_inline = (
                resource_type.startswith("AWS::Serverless::")
                and len(path) >= 2
                and path[-2] == "Policies"
                and isinstance(path[-1], int)
            )
            found.append({"file": file, "line": node.start_mark.line + 1, "sam_inline": sam_inline, "policy": node})
            return
        for key, value in node.items():
            walk(value, path + [key], resource_type, found, file)
    elif isinstance(node, list):
        for i, value in enumerate(node):
            walk(value, path + [i], resource_type, found, file)


def main():
    found = []
    for file in sys.argv[1:]:
        with open(file, encoding="utf-8") as f:
            template, matches = decode_str(f.read())
        if template is None:
            sys.exit(f"{file}: does not parse: {matches}")
        for name, resource in (template.get("Resources") or {}).items():
            if isinstance(resource, dict):
                walk(resource, [], str(resource.get("Type", "")), found, file)
    json.dump(found, sys.stdout)


main()
