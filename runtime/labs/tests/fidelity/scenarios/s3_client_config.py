"""botocore's Config as a handler reads it back from `client.meta.config`: retries normalised
(`max_attempts` N becomes `total_max_attempts` N+1, `mode` defaults to 'standard', and the
caller's own dict is changed too), the defaults botocore resolves (signature version, checksum
settings, compression), timeouts and region, Config.merge, and the errors of a bad retries
option. The user agent differs by platform and is only checked for its prefix."""
from botocore.config import Config


def config_of(client):
    out = {}
    for key in sorted(vars(client.meta.config)):
        if key.startswith("_"):
            continue
        value = getattr(client.meta.config, key)
        if key == "user_agent":
            value = value.split(" ")[0].split("/")[0] if value else value
        out[key] = value
    return out


def error(fn):
    try:
        fn()
        return None
    except Exception as e:
        return [type(e).__name__, str(e)]


def scenario(boto3):
    out = {}
    mine = {"max_attempts": 3}
    cases = {
        "default": None,
        "max_attempts": Config(retries=mine),
        "total_wins": Config(retries={"total_max_attempts": 5, "max_attempts": 2}),
        "mode_only": Config(retries={"mode": "adaptive"}),
        "legacy_zero": Config(retries={"max_attempts": 0, "mode": "legacy"}, connect_timeout=5, read_timeout=7),
        "region": Config(region_name="eu-west-1"),
        "checksums": Config(request_checksum_calculation="when_required", response_checksum_validation="when_required"),
    }
    for name, config in cases.items():
        client = boto3.client("s3", config=config) if config is not None else boto3.client("s3")
        out[name] = config_of(client)
        out[name + "_region"] = client.meta.region_name
    out["callers_dict_after"] = mine
    merged = Config(retries={"max_attempts": 1}, read_timeout=9).merge(Config(read_timeout=3))
    out["merged"] = [merged.retries, merged.read_timeout, merged.connect_timeout]
    out["bad_option"] = error(lambda: Config(retries={"attempts": 3}))
    out["bad_mode"] = error(lambda: Config(retries={"mode": "fast"}))
    out["negative"] = error(lambda: Config(retries={"max_attempts": -1}))
    out["unknown_kwarg"] = error(lambda: Config(retry={"max_attempts": 1}))
    return out
