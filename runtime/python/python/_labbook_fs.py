"""The lab sandbox's filesystem: in memory, laid out and behaving like a Lambda environment's.

Handlers use files all the time on Lambda (download from S3 to /tmp, process, upload back;
read a config file shipped with the function), so `open()` and `os` must work. Nothing here
touches the host's disk, natively or in the browser: the sandbox is the same everywhere, and a
learner's code can never read or write the machine it runs on.

What a learner can observe, as on Lambda:
- `/tmp` is the only writable place. Its size is the function's ephemeral storage (512 MB by
  default); writing past it raises OSError(ENOSPC). It survives warm invocations of an
  execution environment and is empty after a cold start (`reset` is called by the bootstrap's
  `start`), which is a teaching point: /tmp is a cache, not storage.
- `/var/task` holds the function's files and `/opt` its layers; both are read-only mounts
  (EROFS), like everything else outside /tmp. The working directory is /var/task.
- errors are the OSError subclasses CPython raises, with errno, strerror and filename(s).

`posix` (the sandbox's stand-in, src/posix_shim.py) forwards os.stat/listdir/mkdir/… here, and
the bootstrap installs `open` as builtins.open and io.open. The file objects are the real
`_io` buffered and text classes over a raw file (`FileIO`) whose bytes live in memory.
"""

import _io
import errno as _errno
import _labbook
from posix import DirEntry, stat_result

# Lambda runs on Linux, so these are Linux's numbers. RustPython on wasm32-unknown-unknown has
# no platform errno table (its `errno` module is nearly empty there): fill in what is missing,
# so the sandbox and a handler's `e.errno == errno.ENOENT` behave the same on every target.
_LINUX_ERRNO = {
    "EPERM": 1, "ENOENT": 2, "EIO": 5, "EBADF": 9, "EAGAIN": 11, "EACCES": 13, "EBUSY": 16,
    "EEXIST": 17, "EXDEV": 18, "ENOTDIR": 20, "EISDIR": 21, "EINVAL": 22, "EMFILE": 24,
    "EFBIG": 27, "ENOSPC": 28, "ESPIPE": 29, "EROFS": 30, "ENAMETOOLONG": 36, "ENOSYS": 38,
    "ENOTEMPTY": 39, "ELOOP": 40,
}
if not hasattr(_errno, "errorcode"):
    _errno.errorcode = {}
for _name, _code in _LINUX_ERRNO.items():
    if not hasattr(_errno, _name):
        setattr(_errno, _name, _code)
    _errno.errorcode.setdefault(getattr(_errno, _name), _name)

# The OSError subclass CPython picks for an errno (OSError(2, ...) is a FileNotFoundError);
# chosen here, not by the platform, for the same reason.
_ERROR_CLASS = {
    _errno.ENOENT: FileNotFoundError, _errno.EEXIST: FileExistsError,
    _errno.ENOTDIR: NotADirectoryError, _errno.EISDIR: IsADirectoryError,
    _errno.EACCES: PermissionError, _errno.EPERM: PermissionError,
}

S_IFDIR = 0o040000
S_IFREG = 0o100000
MB = 1024 * 1024
TMP_DEFAULT_MB = 512
TASK_ROOT = "/var/task"
# Lambda runs the function as sbx_user1051; /var/task and /opt belong to root.
SANDBOX_UID, SANDBOX_GID = 993, 990
DEFAULT_BUFFER_SIZE = _io.DEFAULT_BUFFER_SIZE


class _Node:
    """A file (`data` is a bytearray) or a directory (`children` is a dict)."""

    __slots__ = ("mode", "data", "children", "ino", "uid", "gid", "atime", "mtime", "ctime", "tmp")
    _next_ino = [2]

    def __init__(self, mode, tmp, uid=0, gid=0, data=None):
        self.mode = mode
        self.tmp = tmp  # inside the writable /tmp mount
        self.data = bytearray(data or b"") if mode & S_IFREG else None
        self.children = {} if mode & S_IFDIR else None
        self.ino = _Node._next_ino[0]
        _Node._next_ino[0] += 1
        self.uid, self.gid = uid, gid
        self.atime = self.mtime = self.ctime = _labbook.wall()

    def is_dir(self):
        return self.children is not None

    def touch(self):
        self.mtime = self.ctime = _labbook.wall()


class _ZoneDir(dict):
    """`/usr/share/zoneinfo`, the time-zone database Lambda's images carry (zoneinfo reads it):
    ~600 TZif files from the runtime (`_labbook.tz_names`/`tz_file`), laid out on first use
    so a cold start that never touches a time zone does not pay for them."""

    __slots__ = ("filled",)

    def _fill(self):
        if getattr(self, "filled", False):
            return
        self.filled = True
        for name in _labbook.tz_names():
            parts = name.split("/")
            children = self
            for part in parts[:-1]:
                node = dict.get(children, part)
                if node is None:
                    node = _Node(S_IFDIR | 0o755, False)
                    dict.__setitem__(children, part, node)
                children = node.children
            dict.__setitem__(children, parts[-1], _Node(S_IFREG | 0o644, False, data=_labbook.tz_file(name)))

    def get(self, key, default=None):
        self._fill()
        return dict.get(self, key, default)

    def __getitem__(self, key):
        self._fill()
        return dict.__getitem__(self, key)

    def __contains__(self, key):
        self._fill()
        return dict.__contains__(self, key)

    def __iter__(self):
        self._fill()
        return dict.__iter__(self)

    def __len__(self):
        self._fill()
        return dict.__len__(self)

    def keys(self):
        self._fill()
        return dict.keys(self)

    def items(self):
        self._fill()
        return dict.items(self)

    def values(self):
        self._fill()
        return dict.values(self)


class _State:
    root = None
    tmp = None
    cwd = TASK_ROOT
    limit = TMP_DEFAULT_MB * MB
    used = 0
    fds = {}
    next_fd = 3


def reset(files=None, tmp_mb=None):
    """A new execution environment: an empty /tmp of `tmp_mb` MB, `files` (absolute path ->
    text) in /var/task and /opt, read-only, and /var/task as the working directory."""
    root = _Node(S_IFDIR | 0o755, False)
    tmp = _Node(S_IFDIR | 0o1777, True)
    root.children["tmp"] = tmp
    var = _Node(S_IFDIR | 0o755, False)
    root.children["var"] = var
    var.children["task"] = _Node(S_IFDIR | 0o755, False)
    root.children["opt"] = _Node(S_IFDIR | 0o755, False)
    usr = root.children["usr"] = _Node(S_IFDIR | 0o755, False)
    share = usr.children["share"] = _Node(S_IFDIR | 0o755, False)
    zoneinfo = share.children["zoneinfo"] = _Node(S_IFDIR | 0o755, False)
    zoneinfo.children = _ZoneDir()
    for path, text in sorted((files or {}).items()):
        parts = [p for p in path.split("/") if p]
        if not parts or parts[0] == "tmp":
            continue
        node = root
        for name in parts[:-1]:
            child = node.children.get(name)
            if child is None:
                child = node.children[name] = _Node(S_IFDIR | 0o755, False)
            node = child
            if not node.is_dir():
                break  # a file where a folder should be: the first one given wins
        if node.is_dir() and parts[-1] not in node.children:
            data = text.encode("utf-8") if isinstance(text, str) else bytes(text)
            node.children[parts[-1]] = _Node(S_IFREG | 0o644, False, data=data)
    _State.root, _State.tmp = root, tmp
    _State.cwd = TASK_ROOT
    _State.limit = int((tmp_mb or TMP_DEFAULT_MB) * MB)
    _State.used = 0
    _State.fds = {}
    _State.next_fd = 3


# --- errors, as CPython reports them --------------------------------------------------------
def _error(code, path=None, path2=None):
    message = _STRERROR.get(code) or "errno %d" % code
    cls = _ERROR_CLASS.get(code, OSError)
    if path is None:
        return cls(code, message)
    if path2 is None:
        return cls(code, message, path)
    return cls(code, message, path, None, path2)


_STRERROR = {
    _errno.ENOENT: "No such file or directory",
    _errno.EEXIST: "File exists",
    _errno.EISDIR: "Is a directory",
    _errno.ENOTDIR: "Not a directory",
    _errno.ENOTEMPTY: "Directory not empty",
    _errno.EACCES: "Permission denied",
    _errno.EROFS: "Read-only file system",
    _errno.ENOSPC: "No space left on device",
    _errno.EBUSY: "Device or resource busy",
    _errno.EXDEV: "Invalid cross-device link",
    _errno.EINVAL: "Invalid argument",
    _errno.EBADF: "Bad file descriptor",
}


def strerror(code):
    return _STRERROR.get(code) or "Unknown error %d" % code


# --- paths ------------------------------------------------------------------------------------
def _fspath(path):
    """`path` as str (and whether it was bytes), as os functions accept str, bytes and PathLike."""
    if isinstance(path, str):
        return path, False
    if isinstance(path, (bytes, bytearray)):
        return bytes(path).decode("utf-8", "surrogateescape"), True
    fspath = getattr(type(path), "__fspath__", None)
    if fspath is None:
        raise TypeError("expected str, bytes or os.PathLike object, not " + type(path).__name__)
    return _fspath(fspath(path))


def _parts(path):
    """Components of the absolute, normalised form of `path` (relative to the working
    directory); `..` above the root stays at the root, as the kernel resolves it."""
    if "\x00" in path:
        raise ValueError("embedded null byte")
    full = path if path.startswith("/") else _State.cwd + "/" + path
    parts = []
    for p in full.split("/"):
        if p == "" or p == ".":
            continue
        if p == "..":
            if parts:
                parts.pop()
        else:
            parts.append(p)
    return parts


def _lookup(path, shown=None):
    """The node at `path`; ENOENT / ENOTDIR as the kernel reports them."""
    shown = path if shown is None else shown
    if path == "":
        raise _error(_errno.ENOENT, shown)
    node = _State.root
    for name in _parts(path):
        if not node.is_dir():
            raise _error(_errno.ENOTDIR, shown)
        node = node.children.get(name)
        if node is None:
            raise _error(_errno.ENOENT, shown)
    if path.endswith("/") and not node.is_dir():
        raise _error(_errno.ENOTDIR, shown)
    return node


def _parent(path, shown=None):
    """(directory node, last name) for creating, renaming or removing `path`."""
    shown = path if shown is None else shown
    if path == "":
        raise _error(_errno.ENOENT, shown)
    parts = _parts(path)
    if not parts:
        return None, ""
    node = _State.root
    for name in parts[:-1]:
        if not node.is_dir():
            raise _error(_errno.ENOTDIR, shown)
        node = node.children.get(name)
        if node is None:
            raise _error(_errno.ENOENT, shown)
    if not node.is_dir():
        raise _error(_errno.ENOTDIR, shown)
    return node, parts[-1]


def _writable_dir(node, shown):
    """Entries may be created or removed in `node` only inside /tmp (the rest is a read-only
    mount)."""
    if not node.tmp:
        raise _error(_errno.EROFS, shown)


def _can(node, bit):
    """Permission check for the sandbox user (root owns everything outside /tmp)."""
    shift = 6 if node.uid == SANDBOX_UID else 0
    return bool(node.mode & (bit << shift))


# --- space in /tmp ---------------------------------------------------------------------------
def _grow(node, new_size):
    """Account for `node` growing to `new_size`; ENOSPC past the ephemeral storage size."""
    extra = new_size - len(node.data)
    if extra > 0 and _State.used + extra > _State.limit:
        raise _error(_errno.ENOSPC)
    _State.used += extra


def _release(node):
    if node.is_dir():
        for child in node.children.values():
            _release(child)
    elif node.tmp:
        _State.used -= len(node.data)


def isfile(path):
    """Whether `path` is a regular file (for the module finder, without building a stat)."""
    try:
        return not _lookup(path).is_dir()
    except (OSError, ValueError):
        return False


def usage():
    """(bytes used in /tmp, its size): what `df /tmp` would say."""
    return _State.used, _State.limit


# --- os functions (posix forwards here) ------------------------------------------------------
def stat(path, *, dir_fd=None, follow_symlinks=True):
    if isinstance(path, int):
        return fstat(path)
    p, _ = _fspath(path)
    return _stat_of(_lookup(p, path))


lstat = stat


def fstat(fd):
    f = _State.fds.get(fd)
    if f is None:
        raise _error(_errno.EBADF)
    return _stat_of(f._node)


def _stat_of(node):
    size = 4096 if node.is_dir() else len(node.data)
    ns = lambda t: int(t * 1e9)
    return stat_result(
        (node.mode, node.ino, 2049 if node.tmp else 2050, 2 if node.is_dir() else 1, node.uid, node.gid, size,
         int(node.atime), int(node.mtime), int(node.ctime)),
        {"st_atime": node.atime, "st_mtime": node.mtime, "st_ctime": node.ctime,
         "st_atime_ns": ns(node.atime), "st_mtime_ns": ns(node.mtime), "st_ctime_ns": ns(node.ctime),
         "st_blksize": 4096, "st_blocks": (size + 4095) // 4096 * 8},
    )


def listdir(path="."):
    p, as_bytes = _fspath(path)
    node = _lookup(p, path)
    if not node.is_dir():
        raise _error(_errno.ENOTDIR, path)
    if not _can(node, 4):
        raise _error(_errno.EACCES, path)
    names = list(node.children)
    return [n.encode("utf-8", "surrogateescape") for n in names] if as_bytes else names


class _ScandirIterator:
    def __init__(self, entries):
        self._it = iter(entries)

    def __iter__(self):
        return self

    def __next__(self):
        return next(self._it)

    def close(self):
        self._it = iter(())

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()


def scandir(path="."):
    p, as_bytes = _fspath(path)
    names = listdir(path)
    node = _lookup(p, path)
    prefix = p if p.endswith("/") else p + "/"
    entries = []
    for name in names:
        s = name.decode("utf-8", "surrogateescape") if as_bytes else name
        full = (prefix + s).encode("utf-8", "surrogateescape") if as_bytes else prefix + s
        entries.append(DirEntry(name, full, node.children[s]))
    return _ScandirIterator(entries)


def mkdir(path, mode=0o777, *, dir_fd=None):
    p, _ = _fspath(path)
    parent, name = _parent(p, path)
    if parent is None or name in parent.children:
        raise _error(_errno.EEXIST, path)
    _writable_dir(parent, path)
    parent.children[name] = _Node(S_IFDIR | (mode & 0o7777 & ~0o022), True, SANDBOX_UID, SANDBOX_GID)
    parent.touch()


def rmdir(path, *, dir_fd=None):
    p, _ = _fspath(path)
    parent, name = _parent(p, path)
    node = _lookup(p, path) if parent is None else parent.children.get(name)
    if node is None:
        raise _error(_errno.ENOENT, path)
    if not node.is_dir():
        raise _error(_errno.ENOTDIR, path)
    if node is _State.tmp or parent is None:
        raise _error(_errno.EBUSY, path)
    _writable_dir(parent, path)
    if node.children:
        raise _error(_errno.ENOTEMPTY, path)
    del parent.children[name]
    parent.touch()


def unlink(path, *, dir_fd=None):
    p, _ = _fspath(path)
    parent, name = _parent(p, path)
    node = _lookup(p, path) if parent is None else parent.children.get(name)
    if node is None:
        raise _error(_errno.ENOENT, path)
    if node.is_dir():
        raise _error(_errno.EISDIR, path)
    _writable_dir(parent, path)
    del parent.children[name]
    _release(node)
    parent.touch()


remove = unlink


def rename(src, dst, *, src_dir_fd=None, dst_dir_fd=None):
    s, _ = _fspath(src)
    d, _ = _fspath(dst)
    sparent, sname = _parent(s, src)
    node = sparent.children.get(sname) if sparent is not None else None
    if node is None:
        raise _error(_errno.ENOENT if sparent is not None else _errno.EBUSY, src, dst)
    dparent, dname = _parent(d, dst)
    if dparent is None:
        raise _error(_errno.EBUSY, src, dst)
    if sparent.tmp != dparent.tmp:
        raise _error(_errno.EXDEV, src, dst)
    if not sparent.tmp or node is _State.tmp:
        raise _error(_errno.EROFS if node is not _State.tmp else _errno.EBUSY, src, dst)
    target = dparent.children.get(dname)
    if target is node:
        return
    if node.is_dir():
        probe = _parts(d)
        if _parts(s) == probe[: len(_parts(s))]:
            raise _error(_errno.EINVAL, src, dst)
    if target is not None:
        if target.is_dir() and not node.is_dir():
            raise _error(_errno.EISDIR, src, dst)
        if node.is_dir() and not target.is_dir():
            raise _error(_errno.ENOTDIR, src, dst)
        if target.is_dir() and target.children:
            raise _error(_errno.ENOTEMPTY, src, dst)
        _release(target)
    del sparent.children[sname]
    dparent.children[dname] = node
    sparent.touch()
    dparent.touch()
    node.ctime = _labbook.wall()


replace = rename


def access(path, mode, *, dir_fd=None, effective_ids=False, follow_symlinks=True):
    try:
        p, _ = _fspath(path)
        node = _lookup(p, path)
    except (OSError, ValueError):
        return False
    if mode & 2 and not node.tmp:
        return False
    return all(_can(node, bit) for bit in (4, 2, 1) if mode & bit)


def chmod(path, mode, *, dir_fd=None, follow_symlinks=True):
    p, _ = _fspath(path)
    node = _lookup(p, path)
    if not node.tmp:
        raise _error(_errno.EROFS, path)
    node.mode = (node.mode & ~0o7777) | (mode & 0o7777)
    node.ctime = _labbook.wall()


def utime(path, times=None, *, ns=None, dir_fd=None, follow_symlinks=True):
    p, _ = _fspath(path)
    node = _lookup(p, path)
    if not node.tmp:
        raise _error(_errno.EROFS, path)
    if ns is not None:
        node.atime, node.mtime = ns[0] / 1e9, ns[1] / 1e9
    elif times is not None:
        node.atime, node.mtime = times
    else:
        node.atime = node.mtime = _labbook.wall()


def truncate(path, length):
    if isinstance(path, int):
        f = _State.fds.get(path)
        if f is None:
            raise _error(_errno.EBADF)
        f.truncate(length)
        return
    p, _ = _fspath(path)
    node = _lookup(p, path)
    if node.is_dir():
        raise _error(_errno.EISDIR, path)
    if not node.tmp:
        raise _error(_errno.EROFS, path)
    _resize(node, length)


def _resize(node, length):
    if length < 0:
        raise _error(_errno.EINVAL)
    _grow(node, length)
    if length < len(node.data):
        del node.data[length:]
    else:
        node.data.extend(bytes(length - len(node.data)))
    node.touch()


def getcwd():
    return _State.cwd


def chdir(path):
    p, _ = _fspath(path)
    node = _lookup(p, path)
    if not node.is_dir():
        raise _error(_errno.ENOTDIR, path)
    _State.cwd = "/" + "/".join(_parts(p))


# --- files --------------------------------------------------------------------------------------
class FileIO(_io._RawIOBase):
    """The raw file under open()'s buffered and text layers, like `io.FileIO`: reads and writes
    go straight to the file's bytes, so other opens see them once the buffers are flushed."""

    def __init__(self, node, name, readable, writable, append, created):
        self._node = node
        self.name = name
        self._readable, self._writable, self._append = readable, writable, append
        # Append mode starts at the end, as CPython's FileIO seeks there on opening.
        self._pos = len(node.data) if append else 0
        if created:
            self.mode = "xb+" if readable else "xb"
        elif append:
            self.mode = "ab+" if readable else "ab"
        elif readable:
            self.mode = "rb+" if writable else "rb"
        else:
            self.mode = "wb"
        self.closefd = True
        self._fd = _State.next_fd
        _State.next_fd += 1
        _State.fds[self._fd] = self

    def _check(self, what):
        if self.closed:
            raise ValueError("I/O operation on closed file")
        if what == "r" and not self._readable:
            raise _io.UnsupportedOperation("File not open for reading")
        if what == "w" and not self._writable:
            raise _io.UnsupportedOperation("File not open for writing")

    def readable(self):
        self._check(None)
        return self._readable

    def writable(self):
        self._check(None)
        return self._writable

    def seekable(self):
        self._check(None)
        return True

    def isatty(self):
        self._check(None)
        return False

    def fileno(self):
        self._check(None)
        return self._fd

    def readinto(self, buffer):
        self._check("r")
        view = memoryview(buffer).cast("B")
        data = self._node.data
        chunk = data[self._pos:self._pos + len(view)]
        n = len(chunk)
        view[:n] = chunk
        self._pos += n
        self._node.atime = _labbook.wall()
        return n

    def read(self, size=-1):
        self._check("r")
        data = self._node.data
        if size is None or size < 0:
            chunk = bytes(data[self._pos:])
        else:
            chunk = bytes(data[self._pos:self._pos + size])
        self._pos += len(chunk)
        return chunk

    def readall(self):
        return self.read(-1)

    def write(self, b):
        self._check("w")
        data = self._node.data
        chunk = bytes(memoryview(b).cast("B"))
        if self._append:
            self._pos = len(data)
        end = self._pos + len(chunk)
        if end > len(data):
            room = _State.limit - _State.used
            grow = end - len(data)
            if grow > room:
                # Like write(2) on a full disk: what fits is written, then ENOSPC.
                fits = max(len(data) + room - self._pos, 0)
                if fits <= 0:
                    raise _error(_errno.ENOSPC)
                chunk = chunk[:fits]
                end = self._pos + fits
            if self._pos > len(data):
                _grow(self._node, self._pos)
                data.extend(bytes(self._pos - len(data)))
            _grow(self._node, end)
        data[self._pos:end] = chunk
        self._pos = end
        self._node.touch()
        return len(chunk)

    def seek(self, pos, whence=0):
        self._check(None)
        if whence == 0:
            new = pos
        elif whence == 1:
            new = self._pos + pos
        elif whence == 2:
            new = len(self._node.data) + pos
        else:
            raise ValueError("invalid whence (%r, should be 0, 1 or 2)" % (whence,))
        if new < 0:
            raise _error(_errno.EINVAL)
        self._pos = new
        return new

    def tell(self):
        self._check(None)
        return self._pos

    def truncate(self, size=None):
        self._check("w")
        _resize(self._node, self._pos if size is None else size)
        return self._pos if size is None else size

    def close(self):
        if not self.closed:
            _State.fds.pop(self._fd, None)
        super().close()

    def __repr__(self):
        if self.closed:
            return "<_io.FileIO [closed]>"
        return "<_io.FileIO name=%r mode=%r closefd=True>" % (self.name, self.mode)


FileIO.__module__ = "_io"


def _open_raw(file, flags_r, flags_w, create, truncate_, exclusive, append):
    """The raw file for `file`, created or truncated as the mode says, with the kernel's
    errors in the kernel's order."""
    p, _ = _fspath(file)
    parent, name = _parent(p, file)
    node = parent.children.get(name) if parent is not None else _State.root
    if node is not None and exclusive:
        raise _error(_errno.EEXIST, file)
    if node is None:
        if not create:
            raise _error(_errno.ENOENT, file)
        if p.endswith("/"):
            raise _error(_errno.EISDIR, file)
        _writable_dir(parent, file)
        if not _can(parent, 2):
            raise _error(_errno.EACCES, file)
        node = parent.children[name] = _Node(S_IFREG | 0o644, True, SANDBOX_UID, SANDBOX_GID)
        parent.touch()
    else:
        if p.endswith("/") and not node.is_dir():
            raise _error(_errno.ENOTDIR, file)
        if node.is_dir():
            raise _error(_errno.EISDIR, file)
        if flags_w and not node.tmp:
            raise _error(_errno.EROFS, file)
        if (flags_r and not _can(node, 4)) or (flags_w and not _can(node, 2)):
            raise _error(_errno.EACCES, file)
        if truncate_ and node.data:
            _resize(node, 0)
    return FileIO(node, file, flags_r, flags_w, append, exclusive)


# --- file descriptors: os.open and friends (tempfile, os.fdopen and low-level code use them) ---
O_RDONLY, O_WRONLY, O_RDWR, O_CREAT, O_EXCL, O_TRUNC, O_APPEND = 0, 1, 2, 64, 128, 512, 1024


def _fd(fd):
    f = _State.fds.get(fd)
    if f is None or f.closed:
        raise _error(_errno.EBADF)
    return f


def os_open(path, flags, mode=0o777, *, dir_fd=None):
    access = flags & 3
    raw = _open_raw(path, access != O_WRONLY, access in (O_WRONLY, O_RDWR), bool(flags & O_CREAT),
                    bool(flags & O_TRUNC), bool(flags & O_EXCL) and bool(flags & O_CREAT), bool(flags & O_APPEND))
    return raw._fd


def os_read(fd, n):
    f = _fd(fd)
    if not f._readable:
        raise _error(_errno.EBADF)
    return f.read(n)


def os_write(fd, data):
    f = _fd(fd)
    if not f._writable:
        raise _error(_errno.EBADF)
    return f.write(data)


def os_lseek(fd, pos, how):
    return _fd(fd).seek(pos, how)


def os_close(fd):
    _fd(fd).close()


def statvfs(path):
    """Sizes of the filesystem holding `path` (shutil.disk_usage('/tmp') shows the ephemeral
    storage); the read-only mounts report as full."""
    p, _ = _fspath(path)
    node = _lookup(p, path)
    blocks = _State.limit // 4096 if node.tmp else 0
    free = max(_State.limit - _State.used, 0) // 4096 if node.tmp else 0
    import posix
    return posix.statvfs_result((4096, 4096, blocks, free, free, 65536, 65536, 65536, 0 if node.tmp else 1, 255))


def open(file, mode="r", buffering=-1, encoding=None, errors=None, newline=None, closefd=True, opener=None):
    """builtins.open / io.open over the sandbox's files (the checks and layering of CPython's
    `_pyio.open`, on the native buffered and text classes)."""
    if isinstance(file, bool):
        raise TypeError("expected str, bytes or os.PathLike object, not bool")
    if not isinstance(file, (int, str, bytes, bytearray)):
        if getattr(type(file), "__fspath__", None) is None:
            raise TypeError("expected str, bytes or os.PathLike object, not " + type(file).__name__)
        file = type(file).__fspath__(file)
    if not isinstance(mode, str):
        raise TypeError("open() argument 'mode' must be str, not " + type(mode).__name__)
    if not isinstance(buffering, int):
        raise TypeError("'%s' object cannot be interpreted as an integer" % type(buffering).__name__)
    modes = set(mode)
    if modes - set("axrwb+t") or len(mode) > len(modes):
        raise ValueError("invalid mode: '%s'" % mode)
    creating, reading, writing, appending = "x" in modes, "r" in modes, "w" in modes, "a" in modes
    updating, text, binary = "+" in modes, "t" in modes, "b" in modes
    if text and binary:
        raise ValueError("can't have text and binary mode at once")
    if creating + reading + writing + appending > 1:
        raise ValueError("must have exactly one of create/read/write/append mode")
    if not (creating or reading or writing or appending):
        raise ValueError("Must have exactly one of create/read/write/append mode and at most one plus")
    if binary and encoding is not None:
        raise ValueError("binary mode doesn't take an encoding argument")
    if binary and errors is not None:
        raise ValueError("binary mode doesn't take an errors argument")
    if binary and newline is not None:
        raise ValueError("binary mode doesn't take a newline argument")
    if newline not in (None, "", "\n", "\r", "\r\n"):
        raise ValueError("illegal newline value: %s" % (newline,))
    if binary and buffering == 1:
        import warnings
        warnings.warn("line buffering (buffering=1) isn't supported in binary mode, the default buffer size will be used",
                      RuntimeWarning, 2)
    if not closefd and not isinstance(file, int):
        raise ValueError("Cannot use closefd=False with file name")
    if isinstance(file, int):
        # os.fdopen / open(fd): the file behind a descriptor from os.open (closefd is ignored:
        # closing the file object closes the descriptor).
        raw = _fd(file)
    elif opener is not None:
        # CPython's contract: opener(file, flags) returns a descriptor (tempfile's
        # NamedTemporaryFile opens this way).
        flags = (O_RDWR if updating else O_RDONLY if reading else O_WRONLY)
        flags |= (O_CREAT | O_TRUNC) if writing else (O_CREAT | O_EXCL) if creating else (O_CREAT | O_APPEND) if appending else 0
        fd = opener(file, flags)
        if not isinstance(fd, int):
            raise TypeError("expected an integer from opener")
        if fd < 0:
            raise ValueError("opener returned %d" % fd)
        raw = _fd(fd)
        raw.name = file
    else:
        raw = _open_raw(file, reading or updating, writing or appending or creating or updating,
                        writing or appending or creating, writing, creating, appending)
    try:
        line_buffering = buffering == 1
        if buffering == 1 or buffering < 0:
            buffering = DEFAULT_BUFFER_SIZE
        if buffering == 0:
            if binary:
                return raw
            raise ValueError("can't have unbuffered text I/O")
        if updating:
            buffer = _io.BufferedRandom(raw, buffering)
        elif creating or writing or appending:
            buffer = _io.BufferedWriter(raw, buffering)
        else:
            buffer = _io.BufferedReader(raw, buffering)
        if binary:
            return buffer
        if encoding is None or encoding == "locale":
            encoding = "UTF-8"  # Lambda's locale is en_US.UTF-8
        wrapper = _io.TextIOWrapper(buffer, encoding, errors, newline, line_buffering)
        try:
            wrapper.mode = mode
        except AttributeError:
            pass
        return wrapper
    except BaseException:
        if not isinstance(file, int) and opener is None:
            raw.close()
        raise


def open_code(path):
    return open(path, "rb")


reset()
