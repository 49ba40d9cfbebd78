# The `posix` module of the lab sandbox: what os.py, os.path, logging, random, uuid and friends
# need, with no real filesystem or processes behind it. RustPython's real `posix` needs the
# host_env feature, which does not build for wasm32-unknown-unknown; using this stand-in on every
# target keeps the browser and the tests identical. The runtime fills `environ` per function.

environ = {}

error = OSError
_have_functions = []
F_OK, R_OK, W_OK, X_OK = 0, 4, 2, 1
O_RDONLY, O_WRONLY, O_RDWR, O_APPEND, O_CREAT, O_EXCL, O_TRUNC = 0, 1, 2, 1024, 64, 128, 512
SEEK_SET, SEEK_CUR, SEEK_END = 0, 1, 2
EX_OK = 0

def _nofile(path=None, *a, **k):
    raise FileNotFoundError(2, "No such file or directory", path)
def _nosys(*a, **k):
    raise OSError(38, "Function not implemented in the lab sandbox")

def stat(path, *, dir_fd=None, follow_symlinks=True): _nofile(path)
def lstat(path, *, dir_fd=None): _nofile(path)
def fstat(fd): _nosys()
def listdir(path="."): _nofile(path)
def scandir(path="."): _nofile(path)
def access(path, mode, *, dir_fd=None, effective_ids=False, follow_symlinks=True): return False
def getcwd(): return "/var/task"
def getcwdb(): return b"/var/task"
def getpid(): return 8
def getppid(): return 1
def getuid(): return 993
def geteuid(): return 993
def getgid(): return 990
def getegid(): return 990
def getlogin(): return "sbx_user1051"
def putenv(key, value): pass
def unsetenv(key): pass
def strerror(code): return "errno %d" % code
def cpu_count(): return 1
def isatty(fd): return False
def device_encoding(fd): return None
def umask(mask): return 0o022
def get_terminal_size(fd=1): _nosys()
def _exit(code): raise SystemExit(code)
def fsync(fd): pass
def times(): return (0.0, 0.0, 0.0, 0.0, 0.0)
mkdir = makedirs_ = rmdir = remove = unlink = rename = replace = chdir = chmod = _nosys
open = close = read = write = lseek = dup = dup2 = pipe = kill = system = _nosys
symlink = readlink = link = utime = truncate = ftruncate = _nosys

class uname_result(tuple):
    sysname = property(lambda s: s[0]); nodename = property(lambda s: s[1])
    release = property(lambda s: s[2]); version = property(lambda s: s[3]); machine = property(lambda s: s[4])
def uname():
    return uname_result(("Linux", "169.254.0.1", "5.10.0-lambda", "#1 SMP", "wasm32"))

class terminal_size(tuple):
    columns = property(lambda s: s[0]); lines = property(lambda s: s[1])

class stat_result(tuple):
    pass
