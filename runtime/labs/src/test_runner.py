
# The handler of a test lab (`labbook_test_runner.run`): runs the learner's test module the way
# pytest runs a file of plain test functions, prints one line per test, and returns what
# happened for the lab's `tests` checks. TEST_MODULE and TEST_FILE are set above this line.

import importlib
import inspect
import traceback


def _line_in_tests(tb):
    """The last line of the learner's test file in a traceback, or None."""
    line = None
    for frame in traceback.extract_tb(tb):
        if frame.filename == TEST_FILE:
            line = frame.lineno
    return line


def _describe(exc):
    text = str(exc)
    name = type(exc).__name__
    return f"{name}: {text}" if text else name


def _collect(module):
    """Test functions in file order: module-level functions named test*, defined in the file
    (a function imported from elsewhere is not one of the learner's tests), and the test*
    methods of classes named Test*, as pytest collects them."""
    found = []
    for name, value in vars(module).items():
        if name.startswith("test") and inspect.isfunction(value) and value.__module__ == module.__name__:
            found.append((name, value))
        elif name.startswith("Test") and inspect.isclass(value) and value.__module__ == module.__name__:
            for meth_name, meth in vars(value).items():
                if meth_name.startswith("test") and inspect.isfunction(meth):
                    found.append((f"{name}.{meth_name}", (value, meth_name)))
    return found


def _run_one(test):
    if isinstance(test, tuple):
        cls, meth_name = test
        instance = cls()
        setup = getattr(instance, "setup_method", None)
        if setup is not None:
            setup(getattr(instance, meth_name))
        getattr(instance, meth_name)()
        return
    params = [p for p in inspect.signature(test).parameters.values() if p.default is inspect.Parameter.empty]
    if params:
        names = ", ".join(p.name for p in params)
        raise TypeError(
            f"this test takes arguments ({names}); pytest fixtures are not available here: "
            "build the event inside the test, or in a helper function the test calls"
        )
    test()


def run(event, context):
    short = TEST_FILE.rsplit("/", 1)[-1]
    try:
        module = importlib.import_module(TEST_MODULE)
    except SyntaxError as e:
        message = f"SyntaxError: {e.msg} (line {e.lineno})"
        print(f"ERROR {short}: {message}")
        return {"loaded": False, "error": message, "line": e.lineno, "tests": []}
    except Exception as e:
        line = _line_in_tests(e.__traceback__)
        where = f" (line {line})" if line else ""
        message = f"{_describe(e)}{where}"
        print(f"ERROR {short}: importing the test file raised {message}")
        return {"loaded": False, "error": message, "line": line, "tests": []}

    results = []
    for name, test in _collect(module):
        try:
            _run_one(test)
        except AssertionError as e:
            outcome, message, line = "failed", _describe(e), _line_in_tests(e.__traceback__)
        except Exception as e:
            outcome, message, line = "error", _describe(e), _line_in_tests(e.__traceback__)
        else:
            outcome, message, line = "passed", "", None
        results.append({"name": name, "outcome": outcome, "message": message, "line": line})
        where = f" (line {line})" if line else ""
        detail = f": {message}{where}" if message else ""
        print(f"{short}::{name} {outcome.upper()}{detail}")

    passed = sum(1 for r in results if r["outcome"] == "passed")
    print(f"{len(results)} test(s): {passed} passed, {len(results) - passed} failed")
    return {"loaded": True, "tests": results, "passed": passed, "failed": len(results) - passed}
