"""`minpan backup` / `minpan restore`: the database and the uploaded files (MINPAN_FILES_DIR) in one
tar archive with a manifest naming every member and its SHA-256.

The database is copied by the database's own means, not by Django's dumpdata: SQLite's online
backup API (a consistent copy while the server and the worker write) and PostgreSQL's pg_dump
(one snapshot, in its custom format) and pg_restore. dumpdata reads model by model outside one
snapshot, so a backup taken while cases are handled could hold an event without its case or cut
a hash chain; and loaddata would not bring back what lives beside the rows — the append-only
triggers on the event log, the sequences' positions — nor run in minutes on a city's volume."""
from __future__ import annotations

import datetime as dt
import glob
import hashlib
import io
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from pathlib import Path, PurePosixPath

from django.conf import settings
from django.db import connection, connections

FORMAT = "minpan-backup/1"
MANIFEST = "manifest.json"
DB_MEMBER = {"sqlite": "database.sqlite3", "postgresql": "database.pgdump"}
FILES = "files/"


class ArchiveError(Exception):
    """What is wrong with the archive or the database, in words for the operator."""


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def pg_tool(name: str) -> str:
    """pg_dump / pg_restore: MINPAN_PG_BIN's, else the newest under /usr/lib/postgresql, else PATH's
    (Debian's /usr/bin wrappers pick a version by themselves)."""
    own = os.environ.get("MINPAN_PG_BIN", "").strip()
    candidates = [Path(own) / name] if own else []
    candidates += sorted((Path(p) for p in glob.glob(f"/usr/lib/postgresql/*/bin/{name}")),
                         key=lambda p: int(p.parent.parent.name) if p.parent.parent.name.isdigit() else 0, reverse=True)
    for c in candidates:
        if c.is_file() and os.access(c, os.X_OK):
            return str(c)
    found = shutil.which(name)
    if not found:
        raise ArchiveError(f"找不到 {name}：请安装 PostgreSQL 客户端（与服务器同一主版本或更新），或用 MINPAN_PG_BIN 指明其目录。")
    return found


def pg_env() -> dict[str, str]:
    """The connection as libpq's environment, so no password shows in the process list."""
    s = connection.settings_dict
    env = {**os.environ, "PGDATABASE": str(s["NAME"]), "PGHOST": s["HOST"] or "127.0.0.1", "PGPORT": str(s["PORT"] or 5432),
           "PGUSER": s["USER"] or "", "PGPASSWORD": s["PASSWORD"] or ""}
    for key, value in (s.get("OPTIONS") or {}).items():
        if key in ("sslmode", "sslrootcert", "sslcert", "sslkey", "connect_timeout"):
            env[f"PG{key.upper()}" if key != "connect_timeout" else "PGCONNECT_TIMEOUT"] = str(value)
    return env


def _run(args: list[str]) -> None:
    done = subprocess.run(args, env=pg_env(), capture_output=True, text=True, check=False)  # noqa: S603 (our own argv)
    if done.returncode:
        raise ArchiveError(f"{Path(args[0]).name} 失败：{done.stderr.strip()[-2000:]}")


def files_root() -> Path:
    return Path(settings.MINPAN_FILES_DIR)


def _files(root: Path) -> list[tuple[str, Path]]:
    if not root.is_dir():
        return []
    return sorted((p.relative_to(root).as_posix(), p) for p in root.rglob("*") if p.is_file() and not p.is_symlink())


def backup(target: Path) -> dict:
    """Write the archive to `target` (through a temporary file beside it, so a half-written archive
    never carries the final name). Returns the manifest."""
    vendor = connection.vendor
    if vendor not in DB_MEMBER:
        raise ArchiveError(f"不支持的数据库：{vendor}")
    target = target.resolve()
    with tempfile.TemporaryDirectory(prefix="minpan-backup-") as tmp:
        db_copy = Path(tmp) / DB_MEMBER[vendor]
        if vendor == "sqlite":
            connection.ensure_connection()
            out = sqlite3.connect(db_copy)
            try:
                connection.connection.backup(out)
            finally:
                out.close()
        else:
            _run([pg_tool("pg_dump"), "--format=custom", "--no-owner", "--no-privileges", f"--file={db_copy}"])
        files = _files(files_root())
        manifest = {
            "format": FORMAT,
            "created_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
            "database": {"vendor": vendor, "member": db_copy.name, "sha256": sha256_of(db_copy), "bytes": db_copy.stat().st_size},
            "files": {name: {"sha256": sha256_of(path), "bytes": path.stat().st_size} for name, path in files},
        }
        partial = target.with_name(target.name + ".partial")
        with tarfile.open(partial, "w") as tar:
            data = json.dumps(manifest, ensure_ascii=False, indent=1).encode()
            info = tarfile.TarInfo(MANIFEST)
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))
            tar.add(db_copy, arcname=db_copy.name)
            for name, path in files:
                tar.add(path, arcname=FILES + name, recursive=False)
        os.replace(partial, target)
    return manifest


def _safe(name: str) -> bool:
    p = PurePosixPath(name)
    return not p.is_absolute() and ".." not in p.parts and name == p.as_posix()


def read_manifest(tar: tarfile.TarFile) -> dict:
    try:
        member = tar.getmember(MANIFEST)
        manifest = json.load(tar.extractfile(member))  # type: ignore[arg-type]
    except (KeyError, ValueError, TypeError):
        raise ArchiveError("这不是 minpan backup 生成的备份：缺少或无法读取 manifest.json。") from None
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise ArchiveError(f"备份格式不认识：{manifest.get('format') if isinstance(manifest, dict) else '?'}（应为 {FORMAT}）。")
    return manifest


def unpack(source: Path, into: Path) -> dict:
    """Extract every member the manifest names into `into`, checking each one's SHA-256; refuses
    members the manifest does not name, unsafe paths and links."""
    try:
        tar = tarfile.open(source, "r")
    except (OSError, tarfile.TarError) as exc:
        raise ArchiveError(f"无法打开备份 {source}：{exc}") from None
    with tar:
        manifest = read_manifest(tar)
        db = manifest["database"]
        expected = {db["member"]: db["sha256"], **{FILES + n: f["sha256"] for n, f in manifest["files"].items()}}
        seen = set()
        for member in tar.getmembers():
            if member.name == MANIFEST:
                continue
            if member.name not in expected or not member.isfile() or not _safe(member.name):
                raise ArchiveError(f"备份中有清单之外或不安全的条目：{member.name}")
            out = into / member.name
            out.parent.mkdir(parents=True, exist_ok=True)
            with tar.extractfile(member) as f, open(out, "wb") as w:  # type: ignore[union-attr]
                shutil.copyfileobj(f, w)
            if sha256_of(out) != expected[member.name]:
                raise ArchiveError(f"备份已损坏：{member.name} 的 SHA-256 与清单不符。")
            seen.add(member.name)
        missing = sorted(set(expected) - seen)
        if missing:
            raise ArchiveError(f"备份不完整：缺少 {', '.join(missing[:5])}{' 等' if len(missing) > 5 else ''}")
    return manifest


def database_in_use() -> str | None:
    """Why the database counts as holding data (then restore wants --force), or None."""
    tables = set(connection.introspection.table_names())
    for table, what in (("cases_case", "留言"), ("auth_user", "账号"), ("cases_event", "办理记录")):
        if table in tables:
            with connection.cursor() as cur:
                cur.execute(f"SELECT 1 FROM {connection.ops.quote_name(table)} LIMIT 1")  # noqa: S608  # nosec B608 (our own table names)
                if cur.fetchone():
                    return what
    return None


def restore(source: Path, *, force: bool) -> dict:
    vendor = connection.vendor
    with tempfile.TemporaryDirectory(prefix="minpan-restore-") as tmp:
        into = Path(tmp)
        manifest = unpack(source, into)
        if manifest["database"]["vendor"] != vendor:
            raise ArchiveError(f"这是 {manifest['database']['vendor']} 的备份，不能恢复到 {vendor} 数据库。")
        held = database_in_use()
        if held and not force:
            raise ArchiveError(f"目标数据库已有{held}：恢复会整个替换它。确认无误后加 --force。")
        db_file = into / manifest["database"]["member"]
        if vendor == "sqlite":
            src = sqlite3.connect(db_file)
            try:
                connection.ensure_connection()
                src.backup(connection.connection)
            finally:
                src.close()
        else:
            connections.close_all()  # our own sessions must not hold locks on what pg_restore drops
            _run([pg_tool("pg_restore"), "--clean", "--if-exists", "--no-owner", "--no-privileges",
                  "--single-transaction", "--exit-on-error", f"--dbname={pg_env()['PGDATABASE']}", str(db_file)])
        _put_files(into / FILES, files_root())
    return manifest


def _put_files(unpacked: Path, root: Path) -> None:
    """The archive's files replace what is under MINPAN_FILES_DIR: moved in beside it first, then
    swapped, so a failure halfway leaves the old tree in place."""
    root.parent.mkdir(parents=True, exist_ok=True)
    fresh = Path(tempfile.mkdtemp(prefix=".restoring-", dir=root.parent))
    if unpacked.is_dir():
        shutil.rmtree(fresh)
        shutil.copytree(unpacked, fresh)
    old = root.with_name(root.name + ".before-restore")
    if old.exists():
        shutil.rmtree(old)
    if root.exists():
        os.replace(root, old)
    os.replace(fresh, root)
    if old.exists():
        shutil.rmtree(old)
