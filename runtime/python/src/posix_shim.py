# The `posix` module of the lab sandbox: what os.py, os.path, logging, random, uuid and friends
# need, with no host filesystem or processes behind it. RustPython's real `posix` needs the
# host_env feature, which does not build for wasm32-unknown-unknown; using this stand-in on every
# target keeps the browser and the tests identical. The runtime fills `environ` per function.
# Files are the sandbox's in-memory filesystem (the frozen `_labbook_fs`: /tmp, /var/task,
# /opt), never the host's disk.

environ = {}

error = OSError
_have_functions = []
F_OK, R_OK, W_OK, X_OK = 0, 4, 2, 1
O_RDONLY, O_WRONLY, O_RDWR, O_APPEND, O_CREAT, O_EXCL, O_TRUNC = 0, 1, 2, 1024, 64, 128, 512
SEEK_SET, SEEK_CUR, SEEK_END = 0, 1, 2
EX_OK = 0

def _nosys(*a, **k):
    raise OSError(38, "Function not implemented in the lab sandbox")

# Imported on first use, not here: this module runs while the interpreter is being built (os
# imports it), before our frozen Python is there to import.
_fs_module = []
def _fs():
    if not _fs_module:
        import _labbook_fs
        _fs_module.append(_labbook_fs)
    return _fs_module[0]

def stat(path, *, dir_fd=None, follow_symlinks=True): return _fs().stat(path)
def lstat(path, *, dir_fd=None): return _fs().lstat(path)
def fstat(fd): return _fs().fstat(fd)
def listdir(path="."): return _fs().listdir(path)
def scandir(path="."): return _fs().scandir(path)
def mkdir(path, mode=0o777, *, dir_fd=None): return _fs().mkdir(path, mode)
def rmdir(path, *, dir_fd=None): return _fs().rmdir(path)
def unlink(path, *, dir_fd=None): return _fs().unlink(path)
def remove(path, *, dir_fd=None): return _fs().unlink(path)
def rename(src, dst, *, src_dir_fd=None, dst_dir_fd=None): return _fs().rename(src, dst)
def replace(src, dst, *, src_dir_fd=None, dst_dir_fd=None): return _fs().rename(src, dst)
def access(path, mode, *, dir_fd=None, effective_ids=False, follow_symlinks=True): return _fs().access(path, mode)
def chmod(path, mode, *, dir_fd=None, follow_symlinks=True): return _fs().chmod(path, mode)
def utime(path, times=None, *, ns=None, dir_fd=None, follow_symlinks=True): return _fs().utime(path, times, ns=ns)
def truncate(path, length): return _fs().truncate(path, length)
def ftruncate(fd, length): return _fs().truncate(fd, length)
def getcwd(): return _fs().getcwd()
def getcwdb(): return _fs().getcwd().encode()
def chdir(path): return _fs().chdir(path)
def strerror(code): return _fs().strerror(code)
def readlink(path, *, dir_fd=None):
    _fs().stat(path)
    raise OSError(22, "Invalid argument", path)
def getpid(): return 8
def getppid(): return 1
def getuid(): return 993
def geteuid(): return 993
def getgid(): return 990
def getegid(): return 990
def getlogin(): return "sbx_user1051"
def putenv(key, value): pass
def unsetenv(key): pass
def cpu_count(): return 1
def isatty(fd): return False
def device_encoding(fd): return None
def umask(mask): return 0o022
def get_terminal_size(fd=1): _nosys()
def _exit(code): raise SystemExit(code)
def fsync(fd): pass
def times(): return (0.0, 0.0, 0.0, 0.0, 0.0)
def open(path, flags, mode=0o777, *, dir_fd=None): return _fs().os_open(path, flags, mode)
def read(fd, n): return _fs().os_read(fd, n)
def write(fd, data): return _fs().os_write(fd, data)
def lseek(fd, pos, how): return _fs().os_lseek(fd, pos, how)
def close(fd): return _fs().os_close(fd)
def statvfs(path): return _fs().statvfs(path)
dup = dup2 = pipe = kill = system = _nosys
symlink = link = _nosys

class DirEntry:
    """os.DirEntry, what os.scandir yields (here so that os.DirEntry exists from the start)."""
    __slots__ = ("name", "path", "_node")
    def __init__(self, name, path, node):
        self.name, self.path, self._node = name, path, node
    def is_dir(self, *, follow_symlinks=True): return self._node.is_dir()
    def is_file(self, *, follow_symlinks=True): return not self._node.is_dir()
    def is_symlink(self): return False
    def is_junction(self): return False
    def stat(self, *, follow_symlinks=True): return _fs()._stat_of(self._node)
    def inode(self): return self._node.ino
    def __fspath__(self): return self.path
    def __repr__(self): return "<DirEntry %r>" % (self.name,)

class uname_result(tuple):
    sysname = property(lambda s: s[0]); nodename = property(lambda s: s[1])
    release = property(lambda s: s[2]); version = property(lambda s: s[3]); machine = property(lambda s: s[4])
def uname():
    return uname_result(("Linux", "169.254.0.1", "5.10.0-lambda", "#1 SMP", "wasm32"))

class statvfs_result(tuple):
    f_bsize = property(lambda s: s[0]); f_frsize = property(lambda s: s[1]); f_blocks = property(lambda s: s[2])
    f_bfree = property(lambda s: s[3]); f_bavail = property(lambda s: s[4]); f_files = property(lambda s: s[5])
    f_ffree = property(lambda s: s[6]); f_favail = property(lambda s: s[7]); f_flag = property(lambda s: s[8])
    f_namemax = property(lambda s: s[9])

class terminal_size(tuple):
    columns = property(lambda s: s[0]); lines = property(lambda s: s[1])

class stat_result(tuple):
    """os.stat_result: a 10-tuple (times as ints) with float times, ns times and block sizes as
    attributes, like CPython's struct sequence."""
    n_sequence_fields = 10
    _fields = ("st_mode", "st_ino", "st_dev", "st_nlink", "st_uid", "st_gid", "st_size")
    def __new__(cls, seq, extra=None):
        self = tuple.__new__(cls, tuple(seq)[:10])
        for i, name in enumerate(cls._fields):
            setattr(self, name, self[i])
        extra = dict(extra or {})
        for i, name in ((7, "st_atime"), (8, "st_mtime"), (9, "st_ctime")):
            setattr(self, name, extra.get(name, self[i]))
            setattr(self, name + "_ns", extra.get(name + "_ns", int(self[i] * 1e9)))
        self.st_blksize = extra.get("st_blksize", 4096)
        self.st_blocks = extra.get("st_blocks", 0)
        return self
    def __reduce__(self):
        return (stat_result, (tuple(self), dict(self.__dict__)))
    def __repr__(self):
        return "os.stat_result(%s)" % ", ".join(
            "%s=%r" % (n, getattr(self, n)) for n in self._fields + ("st_atime", "st_mtime", "st_ctime"))
