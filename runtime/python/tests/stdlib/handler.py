"""Exercises every standard-library module a Lambda handler commonly reaches for (issue #19).

Runs unchanged on CPython 3.13: tests/stdlib.rs compares its result in the sandbox with what
CPython returns (pinned in the test). Each entry is something a handler does with the module.
"""
import base64
import codecs
import csv
import dataclasses
import datetime
import decimal
import functools
import gzip
import hashlib
import hmac
import io
import itertools
import logging
import pickle
import re
import statistics
import struct
import tarfile
import typing
import urllib.parse
import uuid
import zipfile
import zlib
import zoneinfo


@dataclasses.dataclass(frozen=True)
class Row:
    name: str
    qty: int = 0


class Point(typing.NamedTuple):
    x: int
    y: int


def zip_round_trip():
    text = "id,qty\n" + "".join(f"item-{i},{i}\n" for i in range(200))
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", compression=zipfile.ZIP_DEFLATED) as z:
        z.writestr("data/orders.csv", text)
        z.writestr("README.txt", b"stored", compress_type=zipfile.ZIP_STORED)
    raw = buf.getvalue()
    with open("/tmp/archive.zip", "wb") as f:
        f.write(raw)
    with zipfile.ZipFile("/tmp/archive.zip") as z:
        infos = [(i.filename, i.compress_type, i.file_size) for i in z.infolist()]
        body = z.read("data/orders.csv").decode()
        z.extractall("/tmp/out")
        bad = z.testzip()
    with open("/tmp/out/data/orders.csv") as f:
        extracted = f.read() == text
    return {"infos": infos, "same": body == text, "extracted": extracted, "bad": bad,
            "smaller": len(raw) < len(text), "is_zip": zipfile.is_zipfile(io.BytesIO(raw)),
            # Member names without the UTF-8 flag are cp437 (archives from older tools).
            "cp437": [b"caf\x82 \xc9t\xe9".decode("cp437"), "é░".encode("cp437").hex(),
                      codecs.lookup("IBM437").name]}


def gzip_round_trip():
    data = b"hello lambda\n" * 100
    packed = gzip.compress(data, mtime=0)
    with gzip.open("/tmp/log.gz", "wt") as f:
        f.write("line 1\nline 2\n")
    with gzip.open("/tmp/log.gz", "rt") as f:
        lines = f.read().splitlines()
    return {"back": gzip.decompress(packed) == data, "magic": packed[:2].hex(), "lines": lines,
            "zlib": zlib.decompress(zlib.compress(data, 9)) == data, "crc": zlib.crc32(b"abc"),
            "adler": zlib.adler32(b"abc")}


def tar_round_trip():
    buf = io.BytesIO()
    with tarfile.open(fileobj=buf, mode="w:gz") as t:
        for name, body in [("a.txt", b"alpha"), ("dir/b.txt", b"beta" * 10)]:
            info = tarfile.TarInfo(name)
            info.size = len(body)
            info.mtime = 0
            t.addfile(info, io.BytesIO(body))
    buf.seek(0)
    with tarfile.open(fileobj=buf, mode="r:gz") as t:
        names = t.getnames()
        b = t.extractfile("dir/b.txt").read()
    return {"names": names, "b": b.decode()}


def lambda_handler(event, context):
    log = io.StringIO()
    logger = logging.getLogger("stdlib-check")
    handler = logging.StreamHandler(log)
    handler.setFormatter(logging.Formatter("%(levelname)s %(name)s %(message)s"))
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    logger.info("processed %d rows", 3)
    logger.debug("not shown")

    rows = list(csv.DictReader(io.StringIO("name,qty\nwidget,2\ngadget,5\n")))
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerows([["a", "b,c"], [1, 'say "hi"']])

    paris = zoneinfo.ZoneInfo("Europe/Paris")
    when = datetime.datetime(2026, 7, 1, 12, 0, tzinfo=datetime.timezone.utc)
    D = decimal.Decimal
    key = b"secret"
    row = Row("widget", 2)
    signature = hmac.new(key, b"payload", hashlib.sha256).hexdigest()
    return {
        "zip": zip_round_trip(),
        "gzip": gzip_round_trip(),
        "tar": tar_round_trip(),
        "io": io.BytesIO(b"abc").read(2).decode(),
        "csv": [rows, out.getvalue()],
        "hashlib": [hashlib.md5(b"x").hexdigest(), hashlib.sha1(b"x").hexdigest()[:10],
                    hashlib.sha256(b"x").hexdigest()[:10], hashlib.sha512(b"x").hexdigest()[:10],
                    sorted(hashlib.algorithms_guaranteed)[:3]],
        "hmac": [signature[:16], hmac.compare_digest(signature, signature)],
        "base64": [base64.b64encode(b"\x00\xff").decode(), base64.urlsafe_b64encode(b"\xfb\xff").decode(),
                   base64.b64decode("aGk=").decode(), base64.b32encode(b"a").decode()],
        "uuid": [str(uuid.UUID("12345678123456781234567812345678")), uuid.uuid4().version,
                 str(uuid.uuid5(uuid.NAMESPACE_URL, "https://example.com"))],
        "decimal": [str(D("1.10") + D("2.205")), str((D("10") / D("3")).quantize(D("0.01"))),
                    str(D("2.675").quantize(D("0.01"), rounding=decimal.ROUND_HALF_UP))],
        "datetime": [when.astimezone(paris).isoformat(), str(when.astimezone(paris).tzname()),
                     datetime.datetime(2026, 1, 15, 8, tzinfo=zoneinfo.ZoneInfo("America/New_York")).utcoffset().total_seconds(),
                     datetime.datetime.fromisoformat("2026-03-01T10:00:00+00:00").timestamp(),
                     (datetime.date(2026, 3, 1) - datetime.timedelta(days=1)).isoformat(),
                     datetime.datetime(2026, 1, 2).strftime("%Y/%m/%d %a")],
        "urllib": [urllib.parse.unquote_plus("my+file%28v2%29.csv"), urllib.parse.quote("a b/c"),
                   urllib.parse.urlencode({"q": "x y", "n": 2}),
                   dict(urllib.parse.parse_qsl("a=1&b=two")), urllib.parse.urlparse("https://h.example/p?q=1").netloc],
        "logging": log.getvalue(),
        "dataclasses": [dataclasses.asdict(row), dataclasses.replace(row, qty=3).qty, repr(row)],
        "typing": [Point(1, 2)._asdict(), typing.get_type_hints(Row)["qty"].__name__,
                   [a.__name__ for a in typing.get_args(typing.Optional[int])]],
        "re": [re.findall(r"(\w+)=(\d+)", "a=1, b=22"), re.sub(r"\s+", " ", "a  b\n c"),
               bool(re.fullmatch(r"[a-z0-9-]{3,63}", "my-bucket"))],
        "struct": [struct.pack(">IH", 1, 2).hex(), list(struct.unpack("<hf", b"\x01\x00\x00\x00\x80?")),
                   struct.calcsize("<qd")],
        "itertools": [list(itertools.islice(itertools.count(5, 5), 3)),
                      [list(g) for _, g in itertools.groupby("aabbbc")],
                      list(itertools.batched(range(5), 2)) if hasattr(itertools, "batched") else "no batched",
                      list(itertools.chain.from_iterable([[1], [2, 3]]))],
        "functools": [functools.reduce(lambda a, b: a * b, range(1, 6)),
                      functools.lru_cache(maxsize=None)(lambda n: n * 2)(21),
                      functools.partial(int, base=2)("101")],
        "statistics": [statistics.mean([1, 2, 3, 4]), statistics.median([3, 1, 2]),
                       round(statistics.stdev([2, 4, 4, 4, 5, 5, 7, 9]), 4), statistics.mode("aab")],
        "pickle": [pickle.loads(pickle.dumps({"a": [1, 2.5, None], "row": row})) == {"a": [1, 2.5, None], "row": row},
                   len(pickle.dumps([1, 2, 3], protocol=2))],
    }
