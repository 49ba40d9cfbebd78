"""Runs fidelity scenarios with real boto3 against moto: the reference side of the comparison.

    python run_moto.py OUT.json [scenario ...]

Each scenario runs in its own `moto.mock_aws()` (a fresh account), region us-east-1, fake
credentials. OUT.json gets {"versions": {...}, "results": {name: result}}; a scenario that
raises gets {"$exception": "<traceback>"} instead of a result (a bug in the scenario).
"""

import importlib.util
import json
import os
import sys
import traceback

HERE = os.path.dirname(os.path.abspath(__file__))
SCENARIOS = os.path.join(HERE, "scenarios")

os.environ.update({
    "AWS_ACCESS_KEY_ID": "testing",
    "AWS_SECRET_ACCESS_KEY": "testing",
    "AWS_SESSION_TOKEN": "testing",
    "AWS_SECURITY_TOKEN": "testing",
    "AWS_DEFAULT_REGION": "us-east-1",
    "AWS_REGION": "us-east-1",
})
os.environ.pop("AWS_PROFILE", None)
os.environ.pop("AWS_ENDPOINT_URL", None)
sys.path.insert(0, HERE)

import boto3  # noqa: E402
import botocore  # noqa: E402
import moto  # noqa: E402


def load(name):
    spec = importlib.util.spec_from_file_location(name, os.path.join(SCENARIOS, name + ".py"))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def main():
    out_path = sys.argv[1]
    names = sys.argv[2:] or sorted(f[:-3] for f in os.listdir(SCENARIOS) if f.endswith(".py"))
    results = {}
    for name in names:
        boto3.DEFAULT_SESSION = None
        try:
            module = load(name)
            with moto.mock_aws():
                results[name] = module.scenario(boto3)
            json.dumps(results[name])
        except Exception:
            results[name] = {"$exception": traceback.format_exc()}
    versions = {"moto": moto.__version__, "boto3": boto3.__version__, "botocore": botocore.__version__}
    with open(out_path, "w") as f:
        json.dump({"versions": versions, "results": results}, f, indent=1, sort_keys=True, ensure_ascii=False)


if __name__ == "__main__":
    main()
