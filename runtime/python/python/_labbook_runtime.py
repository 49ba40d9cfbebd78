"""The Lambda Python runtime of the lab sandbox: what awslambdaric does on AWS, here.

Rust (lab-python's engine) calls three functions: `start` (a cold start: a fresh execution
environment importing the handler), `invoke` (one event), and `discard` (the environment is
gone, e.g. after a timeout). Everything a learner can observe follows the real runtime:
the handler string, `Runtime.*` faults and their messages, error results, the context object,
the log format, `os.environ`, and how return values are marshalled.
"""

import sys
import time as _time
import _labbook

# --- clocks: never reach std::time (it panics on wasm32-unknown-unknown) -----------------
_time.time = _labbook.wall
_time.time_ns = lambda: int(_labbook.wall() * 1e9)
_time.monotonic = _time.perf_counter = _time.process_time = _time.thread_time = _labbook.perf
_time.monotonic_ns = _time.perf_counter_ns = lambda: int(_labbook.perf() * 1e9)
_time.process_time_ns = _time.thread_time_ns = _time.monotonic_ns
_time.sleep = _labbook.sleep

import os
import io
import json
import decimal
import linecache
import logging
import traceback
import importlib
import importlib.machinery
import builtins
import _io
import _labbook_fs

TASK_ROOT = "/var/task"
# Where Lambda's Python runtime looks for modules, in its order: the function's code, then
# layers (both the site-packages layout and the plain `python/` folder of a layer zip).
SEARCH_PATH = [TASK_ROOT, "/opt/python/lib/python3.13/site-packages", "/opt/python"]


# --- files: the sandbox's in-memory filesystem (/tmp, /var/task, /opt), never the host's disk
# RustPython's own open() needs a host filesystem it does not have on wasm32 (and must not use
# natively): every way to open a file leads to _labbook_fs instead.
builtins.open = io.open = _io.open = _labbook_fs.open
io.open_code = _io.open_code = _labbook_fs.open_code


class TimedOut(BaseException):
    """Raised inside the handler when the function's timeout passes (the Rust side sends it)."""


# --- the function's files ------------------------------------------------------------------
_files = {}


class _SourceLoader:
    def __init__(self, path):
        self.path = path

    def create_module(self, spec):
        return None

    def exec_module(self, module):
        source = _files.get(self.path)
        if source is None:  # a module the function wrote to /tmp
            with _labbook_fs.open(self.path, encoding="utf-8") as f:
                source = f.read()
        # Tracebacks quote the learner's lines: linecache serves them (there is no disk).
        linecache.cache[self.path] = (len(source), None, source.splitlines(True), self.path)
        # Set by hand: a spec with has_location would ask for a bytecode cache path, which
        # needs sys.implementation.cache_tag (None in this sandbox).
        module.__file__ = self.path
        code = compile(source, self.path, "exec", dont_inherit=True)
        exec(code, module.__dict__)


class _FunctionFinder:
    """Finds modules among the function's files (`/var/task`, then layers), before the
    standard library, as Lambda's sys.path puts /var/task first."""

    @classmethod
    def find_spec(cls, name, path=None, target=None):
        rel = name.replace(".", "/")
        for root in SEARCH_PATH:
            for candidate, is_pkg in ((f"{root}/{rel}.py", False), (f"{root}/{rel}/__init__.py", True)):
                if candidate in _files:
                    return cls._spec(name, candidate, is_pkg)
        # Folders of /tmp the function put on sys.path (code it downloaded there at run time).
        for root in list(sys.path):
            if isinstance(root, str) and (root == "/tmp" or root.startswith("/tmp/")):
                for candidate, is_pkg in ((f"{root}/{rel}.py", False), (f"{root}/{rel}/__init__.py", True)):
                    if _labbook_fs.isfile(candidate):
                        return cls._spec(name, candidate, is_pkg)
        return None

    @staticmethod
    def _spec(name, path, is_pkg):
        spec = importlib.machinery.ModuleSpec(name, _SourceLoader(path), origin=path, is_package=is_pkg)
        if is_pkg:
            spec.submodule_search_locations = [path.rsplit("/", 1)[0]]
        return spec

    @classmethod
    def invalidate_caches(cls):
        pass


sys.meta_path.insert(0, _FunctionFinder)
sys.path[:0] = SEARCH_PATH


def _is_function_module(module):
    f = getattr(module, "__file__", None) or ""
    # /tmp too: a handler may write a module there and import it (sys.path.append('/tmp')).
    return f.startswith(TASK_ROOT + "/") or f.startswith("/opt/") or f.startswith("/tmp/")


# --- logging and output ----------------------------------------------------------------------
_log = []
_request_id = [None]


class _Capture(io.TextIOBase):
    """sys.stdout/sys.stderr: print() output goes to the log unprefixed, as on Lambda."""

    def writable(self):
        return True

    def write(self, s):
        if s:
            _log.append(s)
        return len(s)


class _RequestIdFilter(logging.Filter):
    def filter(self, record):
        record.aws_request_id = _request_id[0] or ""
        return True


class _LambdaFormatter(logging.Formatter):
    # awslambdaric's default text format; times in UTC with milliseconds.
    def __init__(self):
        super().__init__("[%(levelname)s]\t%(asctime)s.%(msecs)03dZ\t%(aws_request_id)s\t%(message)s", "%Y-%m-%dT%H:%M:%S")
        self.converter = _time.gmtime


class _LambdaHandler(logging.Handler):
    def emit(self, record):
        try:
            _log.append(self.format(record) + "\n")
        except Exception:
            self.handleError(record)


def _setup_logging():
    root = logging.getLogger()
    for h in list(root.handlers):
        root.removeHandler(h)
    handler = _LambdaHandler()
    handler.setFormatter(_LambdaFormatter())
    handler.addFilter(_RequestIdFilter())
    root.addHandler(handler)
    # As on Lambda: the root logger is at WARNING unless the function sets a level, so
    # logger.info() shows nothing until `logger.setLevel(logging.INFO)`.
    root.setLevel(logging.WARNING)
    for name in list(logging.Logger.manager.loggerDict):
        logger = logging.Logger.manager.loggerDict[name]
        if isinstance(logger, logging.Logger):
            logger.setLevel(logging.NOTSET)
            logger.handlers.clear()


def _take_log():
    text = "".join(_log)
    _log.clear()
    return text


# --- environment -----------------------------------------------------------------------------
_config = {}


def _lambda_environment(cfg):
    name = cfg["name"]
    stream = cfg["log_stream"]
    env = dict(cfg.get("environment") or {})
    # Variables Lambda sets itself; a function cannot override these reserved keys.
    env.update({
        "AWS_REGION": "us-east-1",
        "AWS_DEFAULT_REGION": "us-east-1",
        "AWS_EXECUTION_ENV": "AWS_Lambda_" + cfg["runtime"],
        "AWS_LAMBDA_FUNCTION_NAME": name,
        "AWS_LAMBDA_FUNCTION_MEMORY_SIZE": str(cfg["memory_mb"]),
        "AWS_LAMBDA_FUNCTION_VERSION": "$LATEST",
        "AWS_LAMBDA_INITIALIZATION_TYPE": "on-demand",
        "AWS_LAMBDA_LOG_GROUP_NAME": "/aws/lambda/" + name,
        "AWS_LAMBDA_LOG_STREAM_NAME": stream,
        "AWS_LAMBDA_RUNTIME_API": "127.0.0.1:9001",
        "AWS_ACCESS_KEY_ID": "ASIAQLABBOOKEXAMPLE1",
        "AWS_SECRET_ACCESS_KEY": "labbook/secret/only/works/against/the/mock/cloud",
        "AWS_SESSION_TOKEN": "IQoJb3JpZ2luX2VjELABBOOK",
        "LAMBDA_TASK_ROOT": TASK_ROOT,
        "LAMBDA_RUNTIME_DIR": "/var/runtime",
        "_HANDLER": cfg["handler"],
        "TZ": ":UTC",
        "LANG": "en_US.UTF-8",
        "PATH": "/var/lang/bin:/usr/local/bin:/usr/bin/:/bin:/opt/bin",
        "LD_LIBRARY_PATH": "/var/lang/lib:/lib64:/usr/lib64:/var/runtime:/var/runtime/lib:/var/task:/var/task/lib:/opt/lib",
        "PYTHONPATH": "/var/runtime",
    })
    return env


# --- errors ----------------------------------------------------------------------------------
def _user_frames(tb):
    """The traceback entries in the function's own files (runtime frames are not the
    learner's business, and Lambda does not show them either)."""
    return [f for f in traceback.extract_tb(tb) if f.filename.startswith((TASK_ROOT + "/", "/opt/", "/tmp/"))]


def _location(frames):
    for f in reversed(frames):
        return {"file": f.filename, "line": f.lineno}
    return None


def _fault(error_type, message, stack=(), location=None):
    return {"errorMessage": message, "errorType": error_type, "stackTrace": list(stack), "_location": location}


def _log_error(err):
    lines = ["[ERROR] %s: %s" % (err["errorType"], err["errorMessage"]), "Traceback (most recent call last):"]
    lines.extend(s.rstrip("\n") for s in err["stackTrace"])
    _log.append("\n".join(lines) + "\n")


def _exception_result(exc):
    frames = _user_frames(exc.__traceback__)
    err = _fault(type(exc).__name__, str(exc), traceback.format_list(frames), _location(frames))
    _log_error(err)
    return err


# --- marshalling -----------------------------------------------------------------------------
def _marshal(value):
    """JSON text of a handler's return value, as the runtime sends it: Decimal values become raw
    numbers (the runtime's encoder accepts them); anything else not JSON-serializable is a
    Runtime.MarshalError with json's own message."""
    out = []

    def emit(v):
        if v is None:
            out.append("null")
        elif v is True:
            out.append("true")
        elif v is False:
            out.append("false")
        elif isinstance(v, str):
            out.append(json.dumps(v, ensure_ascii=False))
        elif isinstance(v, int):
            out.append(int.__repr__(v))
        elif isinstance(v, float):
            out.append(json.dumps(v))
        elif isinstance(v, decimal.Decimal):
            if not v.is_finite():
                raise ValueError("Out of range float values are not JSON compliant")
            out.append(str(v) if v == v.to_integral_value() or "E" not in str(v) else format(v, "f"))
        elif isinstance(v, dict):
            out.append("{")
            first = True
            for k, item in v.items():
                if isinstance(k, str):
                    key = k
                elif k is None or isinstance(k, (bool, int, float)):
                    key = json.dumps(k)
                else:
                    raise TypeError(f"keys must be str, int, float, bool or None, not {type(k).__name__}")
                if not first:
                    out.append(",")
                first = False
                out.append(json.dumps(key, ensure_ascii=False))
                out.append(":")
                emit(item)
            out.append("}")
        elif isinstance(v, (list, tuple)):
            out.append("[")
            for i, item in enumerate(v):
                if i:
                    out.append(",")
                emit(item)
            out.append("]")
        else:
            raise TypeError(f"Object of type {type(v).__name__} is not JSON serializable")

    emit(value)
    return "".join(out)


# --- the context object ----------------------------------------------------------------------
class LambdaContext:
    """The `context` argument, with the attributes and method of awslambdaric's."""

    def __init__(self, request_id, deadline_ms):
        cfg = _config
        self.aws_request_id = request_id
        self.log_group_name = "/aws/lambda/" + cfg["name"]
        self.log_stream_name = cfg["log_stream"]
        self.function_name = cfg["name"]
        self.function_version = "$LATEST"
        self.invoked_function_arn = "arn:aws:lambda:us-east-1:123456789012:function:" + cfg["name"]
        self.memory_limit_in_mb = str(cfg["memory_mb"])  # a string on Lambda too
        self.client_context = None
        self.identity = None
        self.tenant_id = None
        self._deadline_ms = deadline_ms

    def get_remaining_time_in_millis(self):
        return max(int(self._deadline_ms - _time.time() * 1000), 0)

    def __repr__(self):
        return (
            f"LambdaContext([aws_request_id={self.aws_request_id},log_group_name={self.log_group_name},"
            f"log_stream_name={self.log_stream_name},function_name={self.function_name},"
            f"memory_limit_in_mb={self.memory_limit_in_mb},function_version={self.function_version},"
            f"invoked_function_arn={self.invoked_function_arn},client_context=None,identity=None,tenant_id=None])"
        )


# --- the entry points Rust calls ---------------------------------------------------------------
_handler = [None]


def discard():
    """The execution environment ends: forget the function's modules and state."""
    _handler[0] = None
    for name, module in list(sys.modules.items()):
        if module is not None and _is_function_module(module):
            del sys.modules[name]
    importlib.invalidate_caches()
    # A new environment gets a new default boto3 session; importing boto3 here for a handler
    # that never uses it would only slow its cold start.
    boto3 = sys.modules.get("boto3")
    if boto3 is not None:
        boto3._reset()
    # The environment's disk goes with it (and its memory is freed now, not at the next start).
    _labbook_fs.reset()


def start(config_json):
    """Cold start: a fresh environment imports the handler's module.
    Returns (error dict or None, log text)."""
    global _config
    discard()
    cfg = json.loads(config_json)
    _config = cfg
    _files.clear()
    _files.update(cfg["files"])
    # A new environment: an empty /tmp of the configured size, the function's files in
    # /var/task and its layers in /opt, and /var/task as the working directory.
    _labbook_fs.reset(cfg["files"], cfg.get("ephemeral_storage_mb"))
    for path in list(linecache.cache):
        if path.startswith(TASK_ROOT) or path.startswith("/opt/") or path.startswith("/tmp/"):
            del linecache.cache[path]
    os.environ.clear()
    os.environ.update(_lambda_environment(cfg))
    sys.stdout = sys.stderr = _Capture()
    _setup_logging()
    _request_id[0] = None
    _trace_deadline(True)
    try:
        err = _load_handler(cfg["handler"])
    finally:
        _trace_deadline(False)
    if err is not None:
        _log_error(err)
    return err, _take_log()


def _load_handler(handler):
    try:
        modname, fname = handler.rsplit(".", 1)
    except ValueError as e:
        return _fault("Runtime.MalformedHandlerName", f"Bad handler '{handler}': {e}")
    modname = modname.replace("/", ".")
    try:
        module = importlib.import_module(modname)
    except ImportError as e:
        return _fault("Runtime.ImportModuleError", f"Unable to import module '{modname}': {e}")
    except SyntaxError as e:
        trace = [f'  File "{e.filename}" Line {e.lineno}\n        {(e.text or "").strip()}\n']
        loc = {"file": e.filename, "line": e.lineno} if e.lineno else None
        return _fault("Runtime.UserCodeSyntaxError", f"Syntax error in module '{modname}': {e}", trace, loc)
    except TimedOut:
        raise
    except BaseException as e:  # an exception while the module's top level runs
        frames = _user_frames(e.__traceback__)
        return _fault(type(e).__name__, str(e), traceback.format_list(frames), _location(frames))
    fn = getattr(module, fname, None)
    if fn is None:
        return _fault("Runtime.HandlerNotFound", f"Handler '{fname}' missing on module '{modname}'")
    _handler[0] = fn
    return None


# --- timeouts without a watchdog ----------------------------------------------------------
# Natively a watchdog thread interrupts the interpreter at the deadline. In the browser there
# are no threads, so the runtime traces the learner's own frames (their files in /var/task,
# layers in /opt, modules written to /tmp) and ends the invocation at the first line past the
# deadline: Lambda's `Task timed out` with its log and retries, instead of the page having to
# kill the whole worker. Library frames are not traced, so boto3 and the stdlib run at full
# speed; a single long call into native code still needs the page's own deadline.
_USER_CODE = (TASK_ROOT + "/", "/opt/", "/tmp/")


def _deadline_call(frame, event, arg):
    if frame.f_code.co_filename.startswith(_USER_CODE):
        if _labbook.past_deadline():
            raise TimedOut()
        return _deadline_line
    return None


def _deadline_line(frame, event, arg):
    # Raised again on every line, so `except BaseException: pass` cannot outlive the timeout.
    if _labbook.past_deadline():
        raise TimedOut()
    return _deadline_line


def _trace_deadline(on):
    if _labbook.deadline_by_line():
        sys.settrace(_deadline_call if on else None)


def invoke(event_json, request_id, deadline_ms):
    """One invocation. Returns (status, payload, log text): status "ok" with the marshalled
    result, "error" with the error dict, or "timeout"."""
    _request_id[0] = request_id
    try:
        event = json.loads(event_json)
        context = LambdaContext(request_id, deadline_ms)
        _trace_deadline(True)
        try:
            result = _handler[0](event, context)
        except TimedOut:
            return "timeout", None, _take_log()
        except BaseException as e:
            return "error", _exception_result(e), _take_log()
        finally:
            _trace_deadline(False)
        try:
            payload = _marshal(result)
        except TimedOut:
            return "timeout", None, _take_log()
        except Exception as e:
            err = _fault("Runtime.MarshalError", f"Unable to marshal response: {e}")
            _log_error(err)
            return "error", err, _take_log()
        return "ok", payload, _take_log()
    finally:
        _request_id[0] = None
