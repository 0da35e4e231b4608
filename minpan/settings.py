"""One settings file, configured from the environment.

Every variable is read here and checked; a bad value stops start-up with a
message that says which variable is wrong and what would be accepted.
"""
import datetime as dt
import os
import re
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

from minpan.policies.presets import PRESETS

BASE_DIR = Path(__file__).resolve().parent.parent


def _env_bool(name: str, default: bool) -> bool:
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    if raw.lower() in ("1", "true", "yes", "on"):
        return True
    if raw.lower() in ("0", "false", "no", "off"):
        return False
    raise ImproperlyConfigured(f"{name}={raw!r} 无效：请用 1/0、true/false、yes/no 或 on/off。")


def _env_int(name: str, default: int, *, low: int, high: int | None, bad: str, out: str) -> int:
    """An integer setting: `bad` ends the message for what is not one, `out` for one outside [low, high]."""
    raw = os.environ.get(name, "").strip()
    try:
        value = int(raw) if raw else default
    except ValueError:
        raise ImproperlyConfigured(f"{name}={raw!r} 无效：{bad}") from None
    if value < low or (high is not None and value > high):
        raise ImproperlyConfigured(f"{name}={value} 无效：{out}")
    return value


# Only these: psycopg is the one database driver installed, and the worker needs a file
# (not :memory:) to share SQLite with the server.
_DB_SCHEMES = ("sqlite", "postgres", "postgresql")
_DB_FORMS = "sqlite:///文件（相对项目目录）、sqlite:////绝对路径 或 postgres://用户:密码@主机:端口/库名?sslmode=require"


def database_from_url(url: str, base_dir: Path) -> dict:
    """Turn DATABASE_URL into Django's DATABASES entry. The query is kept as OPTIONS
    (`?sslmode=require`, `?connect_timeout=10`, SQLite's `?timeout=20`)."""
    scheme = url.split("://", 1)[0] if "://" in url else ""
    if scheme not in _DB_SCHEMES:
        raise ImproperlyConfigured(f"DATABASE_URL 的协议 {scheme!r} 不受支持：请用 {_DB_FORMS}。")
    try:
        db = dj_database_url.parse(url)
    except ValueError:
        raise ImproperlyConfigured(f"DATABASE_URL 无效（端口须是数字，特殊字符须转义）：请用 {_DB_FORMS}。") from None
    options = db.pop("OPTIONS", {})
    if scheme == "sqlite":
        name = db.get("NAME", "")
        if not name or name == ":memory:":
            raise ImproperlyConfigured("DATABASE_URL 无效：SQLite 地址需要文件名，例如 sqlite:///db.sqlite3。")
        return _sqlite(base_dir / name, options)
    if not db.get("NAME"):
        raise ImproperlyConfigured("DATABASE_URL 无效：PostgreSQL 地址缺少数据库名，例如 postgres://user:pass@127.0.0.1:5432/minpan。")
    db.update({
        "PORT": str(db.get("PORT") or ""),
        "CONN_MAX_AGE": 60,
        "CONN_HEALTH_CHECKS": True,
        "TEST": {"NAME": f"test_{db['NAME']}"},
    })
    if options:
        db["OPTIONS"] = options
    return dict(db)


def _sqlite(path: Path, options: dict | None = None) -> dict:
    return {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": path,
        # WAL lets readers go on while one writer commits; IMMEDIATE takes the
        # write lock at BEGIN so two transitions on SQLite queue instead of deadlocking.
        # The URL's own options (e.g. ?timeout=20) come on top.
        "OPTIONS": {
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=5000;",
            "transaction_mode": "IMMEDIATE",
            **(options or {}),
        },
    }


DEBUG = _env_bool("MINPAN_DEBUG", True)
# As the environment set it: the test runner turns DEBUG off for every test, production does not change
MINPAN_PRODUCTION = not DEBUG

SECRET_KEY = os.environ.get("MINPAN_SECRET_KEY", "")
if not DEBUG and len(SECRET_KEY) < 50:
    # Django's own check (security.W009) only warns, and only under `check --deploy`.
    got = f"只有 {len(SECRET_KEY)} 个字符" if SECRET_KEY else "未设置"
    raise ImproperlyConfigured(
        f"MINPAN_DEBUG=0 时 MINPAN_SECRET_KEY 须至少 50 个随机字符（现{got}），"
        "例如用 python -c 'import secrets; print(secrets.token_urlsafe(50))' 生成。"
    )
if not SECRET_KEY:
    SECRET_KEY = "dev-only-insecure-key-never-use-in-production-" + "x" * 20

# ---- personal data at rest and its retention (docs/security.md) ----------------------
# The writer's phone and ID numbers are encrypted with a key from here (minpan.cases.encryption).
# MINPAN_DATA_KEYS lists keys newest first (rotation: put the new one in front, `minpan privacy
# rekey`, then drop the old); MINPAN_DATA_KEY is the one key when there is no rotation going on.
_data_keys = [k.strip() for k in (os.environ.get("MINPAN_DATA_KEYS") or os.environ.get("MINPAN_DATA_KEY") or "").split(",") if k.strip()]
if any(len(k) < 32 for k in _data_keys):
    raise ImproperlyConfigured(
        "MINPAN_DATA_KEY / MINPAN_DATA_KEYS 中的每个密钥须至少 32 个随机字符，"
        "例如用 python -c 'import secrets; print(secrets.token_urlsafe(32))' 生成；多个密钥用逗号分隔，新的在前。"
    )
if not _data_keys and not DEBUG:
    raise ImproperlyConfigured(
        "MINPAN_DEBUG=0 时须设置 MINPAN_DATA_KEY（加密留言人电话和证件号的密钥，至少 32 个随机字符），"
        "并与数据库分开保管：丢失密钥，已加密的号码将无法读出。"
    )
MINPAN_DATA_KEYS = _data_keys or ["dev-only-data-key-never-use-in-production-0000"]

# The writers' query passwords (查询密码) are stored as HMAC-SHA256 under this key, so a stolen
# database alone cannot be brute-forced offline (the passwords are about 40 bits); the portal's
# rate limits stop guessing online. Changing the key invalidates every stored password (writers
# then use 忘记查询密码), so it is kept like MINPAN_DATA_KEY: apart from the backups.
MINPAN_QUERY_KEY = os.environ.get("MINPAN_QUERY_KEY", "").strip()
if MINPAN_QUERY_KEY and len(MINPAN_QUERY_KEY) < 32 or not MINPAN_QUERY_KEY and not DEBUG:
    raise ImproperlyConfigured(
        f"MINPAN_QUERY_KEY（查询密码的散列密钥）{'未设置' if not MINPAN_QUERY_KEY else f'只有 {len(MINPAN_QUERY_KEY)} 个字符'}："
        "MINPAN_DEBUG=0 时必须设置，且至少 32 个随机字符，"
        "例如用 python -c 'import secrets; print(secrets.token_urlsafe(32))' 生成，并与数据库分开保管："
        "更换或丢失密钥后，已发出的查询密码全部失效。"
    )
MINPAN_QUERY_KEY = MINPAN_QUERY_KEY or "dev-only-query-key-never-use-in-production-0000"

# Personal data of a closed case is purged this many years after it was closed (archived, or
# answered/not accepted and never archived). None of the policies we follow names a period: they
# keep the record "按照档案管理规定" (Tongliao 第十六条, Yuncheng 四(五), Xizang 三(六)); the case
# row, its dates, unit and events stay for that archive, only the writer's identity goes.
MINPAN_RETENTION_YEARS = _env_int("MINPAN_RETENTION_YEARS", 3, low=1, high=30,
                                  bad="请填整数年数，例如 3。", out="须在 1 到 30 年之间。")

ALLOWED_HOSTS = [h.strip() for h in os.environ.get("MINPAN_ALLOWED_HOSTS", "127.0.0.1,localhost").split(",") if h.strip()]

# A preset's name, or the path of a city's own TOML file (`minpan policy new --from tongliao > city.toml`).
MINPAN_POLICY = os.environ.get("MINPAN_POLICY", "").strip() or "tongliao"
MINPAN_POLICY_FILE = ""
if MINPAN_POLICY.endswith(".toml") or os.sep in MINPAN_POLICY:
    from minpan.policies.files import PolicyFileError, load_file

    try:
        _own = load_file(MINPAN_POLICY)
    except PolicyFileError as exc:
        raise ImproperlyConfigured(f"MINPAN_POLICY：{exc}") from None
    if _own.name in PRESETS and _own != PRESETS[_own.name]:
        raise ImproperlyConfigured(
            f"MINPAN_POLICY：{MINPAN_POLICY} 的 name = {_own.name!r} 与内置制度同名但规则不同："
            "请改用本市自己的代号（例如 name = \"mycity\"），已有留言按代号引用制度。"
        )
    MINPAN_POLICY_FILE, MINPAN_POLICY = str(Path(MINPAN_POLICY).resolve()), _own.name
elif MINPAN_POLICY not in PRESETS:
    raise ImproperlyConfigured(
        f"MINPAN_POLICY={MINPAN_POLICY!r} 不是已知的办理制度。可用：{', '.join(sorted(PRESETS))}，"
        "或本市制度文件的路径（以 .toml 结尾）。"
    )

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django_tasks",
    "django_tasks_db",
    "minpan.workdays",
    "minpan.units",
    "minpan.cases",
    "minpan.catalogue",
    "minpan.policies",
    "minpan.notify",
    "minpan.textmine",
    "minpan.similar",
    "minpan.desk",
    "minpan.portal",
    "minpan.privacy",
    "minpan.demo",
    "minpan.audit",
    "minpan.intake",
    "minpan.webhooks",
    "minpan.reports",
    "minpan.bulletins",
    "minpan.open311",
    "minpan.api",
    "minpan.knowledge",
    "minpan.ops",
    "rest_framework",
    "drf_spectacular",
]
# ---- signin: staff accounts and sessions (django-axes lockout, django-otp TOTP) ----
INSTALLED_APPS += ["axes", "django_otp", "django_otp.plugins.otp_totp"]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "csp.middleware.CSPMiddleware",
    "minpan.caching.NoStoreMiddleware",
    "minpan.error_pages.MethodNotAllowedPageMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "minpan.audit.trail.AuditMiddleware",  # after authentication: it records who was refused
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]
# ---- signin: after AuthenticationMiddleware and messages: who is verified by TOTP, the staff session's
# clocks and second factor; axes last, so it can turn a locked-out sign-in into its page.
MIDDLEWARE.insert(MIDDLEWARE.index("django.contrib.messages.middleware.MessageMiddleware") + 1,
                  "django_otp.middleware.OTPMiddleware")
MIDDLEWARE.insert(MIDDLEWARE.index("django_otp.middleware.OTPMiddleware") + 1, "minpan.desk.staffsession.StaffSessionMiddleware")
MIDDLEWARE.insert(MIDDLEWARE.index("minpan.desk.staffsession.StaffSessionMiddleware") + 1, "minpan.desk.second_factor.SecondFactorMiddleware")
MIDDLEWARE.append("axes.middleware.AxesMiddleware")

ROOT_URLCONF = "minpan.urls"
WSGI_APPLICATION = "minpan.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "minpan.notify.context.inbox",
            ],
        },
    },
]

# Django's renderer, with the common widgets and labels written in Python (minpan.form_renderer)
FORM_RENDERER = "minpan.form_renderer.FastWidgets"

_db_url = os.environ.get("DATABASE_URL", "").strip()
DATABASES = {"default": database_from_url(_db_url, BASE_DIR) if _db_url else _sqlite(BASE_DIR / "db.sqlite3")}
# A streaming replica of the primary (PostgreSQL's hot standby): reports and statistics read there
# (minpan.ops.replica); every write and every other read stays on DATABASE_URL. Under tests it
# mirrors the primary unless a test starts a real replica (tests/replica.py).
_replica_url = os.environ.get("DATABASE_REPLICA_URL", "").strip()
if _replica_url:
    if DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql" or not _replica_url.startswith(("postgres://", "postgresql://")):
        raise ImproperlyConfigured("DATABASE_REPLICA_URL 只用于 PostgreSQL 的流复制只读副本：DATABASE_URL 和它都须是 postgres://… 地址。")
    try:
        DATABASES["replica"] = database_from_url(_replica_url, BASE_DIR)
    except ImproperlyConfigured as exc:
        raise ImproperlyConfigured(str(exc).replace("DATABASE_URL", "DATABASE_REPLICA_URL")) from None
    DATABASES["replica"]["TEST"] = {"MIRROR": "default"}
DATABASE_ROUTERS = ["minpan.ops.replica.ReplicaRouter"]
# The statistics' covering indexes (Index(include=...), cases.models) serve PostgreSQL; SQLite builds
# them without the extra columns, as intended. Its warning (models.W040) would greet every `make run`.
SILENCED_SYSTEM_CHECKS = ["models.W040"]

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# ---- signin: passwords, lockout, second factor, staff sessions ----
# Argon2 first: new and re-hashed passwords use it; PBKDF2 only reads hashes made before.
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
]
# Every way in (desk, admin, anything calling authenticate) passes axes first: one failure count.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_HANDLER = "minpan.desk.lockout.SignInHandler"
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = dt.timedelta(minutes=15)
# username + address: someone guessing from one machine cannot lock a colleague out everywhere.
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
# 15 minutes from the fifth failure, as before: tries during the lock neither count nor prolong it.
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
AXES_CLIENT_IP_CALLABLE = "minpan.desk.lockout.client_ip"
AXES_USERNAME_CALLABLE = "minpan.desk.lockout.username_of"
AXES_LOCKOUT_CALLABLE = "minpan.desk.lockout.locked_out"
# Successful sign-ins are the audit log's to keep; axes would keep a second copy forever.
AXES_DISABLE_ACCESS_LOG = True
AXES_VERBOSE = False
AXES_ENABLE_ADMIN = False  # shown in Chinese as desk's 登录失败记录 instead

# TOTP for staff: when on, nobody signed in reaches a page before the second step.
MINPAN_REQUIRE_TOTP = _env_bool("MINPAN_REQUIRE_TOTP", False)
OTP_TOTP_ISSUER = "民盼通办"


# A signed-in staff session ends after this long without a request, and this long after sign-in
# at the latest (minpan.desk.staffsession); the portal's anonymous sessions keep Django's own age.
MINPAN_SESSION_IDLE_MINUTES = _env_int("MINPAN_SESSION_IDLE_MINUTES", 30, low=1, high=30, bad="请填 1 到 30 之间的整数（分钟）。",
                                       out="须在 1 到 30 分钟之间（等级保护要求的上限是 30 分钟）。")
MINPAN_SESSION_MAX_HOURS = _env_int("MINPAN_SESSION_MAX_HOURS", 12, low=1, high=12, bad="请填 1 到 12 之间的整数（小时）。",
                                    out="须在 1 到 12 小时之间（等级保护要求的上限是 12 小时）。")
# ---- end signin ----

LANGUAGE_CODE = "zh-hans"
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

# Every asset is served by the project itself (government intranets are often offline):
# runserver serves them in development, WhiteNoise after `minpan collectstatic` in production.
STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "var" / "static"
STATICFILES_DIRS = [Path(__file__).resolve().parent / "static"]

# Uploaded attachments live outside the web root and are served only through a view that checks access.
MINPAN_FILES_DIR = Path(os.environ.get("MINPAN_FILES_DIR", "") or BASE_DIR / "var" / "files")

# Trained text models (versioned artefacts written by `minpan classify train`).
MINPAN_MODELS_DIR = Path(os.environ.get("MINPAN_MODELS_DIR", "") or BASE_DIR / "var" / "models")
# The worker retrains the models from staff labels every this many hours (0: never).
try:
    MINPAN_RETRAIN_HOURS = float(os.environ.get("MINPAN_RETRAIN_HOURS", "") or 168)
except ValueError:
    raise ImproperlyConfigured(
        f"MINPAN_RETRAIN_HOURS={os.environ['MINPAN_RETRAIN_HOURS']!r} 无效：请填小时数，例如 168（每周），0 为不定期训练。"
    ) from None
if not 0 <= MINPAN_RETRAIN_HOURS <= 24 * 366 or MINPAN_RETRAIN_HOURS != MINPAN_RETRAIN_HOURS:
    raise ImproperlyConfigured(f"MINPAN_RETRAIN_HOURS={MINPAN_RETRAIN_HOURS:g} 无效：须在 0 到 8784 小时之间（0 为不定期训练）。")

# The password of the demo city's accounts (`minpan demo load`); empty: the published demo password.
MINPAN_DEMO_PASSWORD = os.environ.get("MINPAN_DEMO_PASSWORD", "")

# Behind a reverse proxy that overwrites it, the header with the client's address
# (e.g. HTTP_X_REAL_IP); the portal's rate limits key on it. Empty: REMOTE_ADDR.
MINPAN_TRUSTED_PROXY_HEADER = os.environ.get("MINPAN_TRUSTED_PROXY_HEADER", "").strip()

LOGIN_URL = "/desk/login/"
LOGIN_REDIRECT_URL = "/desk/"

# Background work: Django's Tasks API (the django-tasks backport) on the database backend,
# so SQLite needs no broker and workers on several machines can share one PostgreSQL.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

# Notifications. E-mail through Django's backends (SMTP when MINPAN_EMAIL_HOST is set, else
# files under var/mail: not the console, whose output ends in logs with people's addresses);
# SMS through a log backend that masks numbers, or an HTTP gateway given by URL and key.
if os.environ.get("MINPAN_EMAIL_HOST"):
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_HOST = os.environ["MINPAN_EMAIL_HOST"]
    try:
        EMAIL_PORT = int(os.environ.get("MINPAN_EMAIL_PORT", "25"))
    except ValueError:
        raise ImproperlyConfigured("MINPAN_EMAIL_PORT 必须是数字。") from None
    EMAIL_HOST_USER = os.environ.get("MINPAN_EMAIL_USER", "")
    EMAIL_HOST_PASSWORD = os.environ.get("MINPAN_EMAIL_PASSWORD", "")
    EMAIL_USE_TLS = _env_bool("MINPAN_EMAIL_TLS", False)
    EMAIL_TIMEOUT = 60  # a hung server must not outlive the send's claim (MINPAN_STALE_CLAIM_SECONDS)
else:
    EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
    EMAIL_FILE_PATH = BASE_DIR / "var" / "mail"
DEFAULT_FROM_EMAIL = os.environ.get("MINPAN_EMAIL_FROM", "minpan@localhost")

MINPAN_SMS_BACKEND = os.environ.get("MINPAN_SMS_BACKEND", "log").strip()
MINPAN_SMS_URL = os.environ.get("MINPAN_SMS_URL", "").strip()
MINPAN_SMS_KEY = os.environ.get("MINPAN_SMS_KEY", "").strip()
if MINPAN_SMS_BACKEND not in ("log", "http"):
    raise ImproperlyConfigured(f"MINPAN_SMS_BACKEND={MINPAN_SMS_BACKEND!r} 无效：用 log（只记日志）或 http（短信网关）。")
if MINPAN_SMS_BACKEND == "http" and not (MINPAN_SMS_URL.startswith(("http://", "https://")) and MINPAN_SMS_KEY):
    raise ImproperlyConfigured("MINPAN_SMS_BACKEND=http 时须设置 MINPAN_SMS_URL（http:// 或 https:// 开头）和 MINPAN_SMS_KEY。")

SESSION_COOKIE_HTTPONLY = True
# Django's database sessions, the row read by a statement built once (minpan.sessions)
SESSION_ENGINE = "minpan.sessions"
CSRF_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
if not DEBUG:
    SESSION_COOKIE_SECURE = _env_bool("MINPAN_SECURE_COOKIES", True)
    CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE

MINPAN_LOG_LEVEL = os.environ.get("MINPAN_LOG_LEVEL", "").strip().upper() or "INFO"
if MINPAN_LOG_LEVEL not in ("DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL"):
    raise ImproperlyConfigured(f"MINPAN_LOG_LEVEL={MINPAN_LOG_LEVEL!r} 无效：用 DEBUG、INFO、WARNING、ERROR 或 CRITICAL。")

# The audit trail (minpan.audit) is kept this many days; 网络安全法 第二十一条 asks for at least 180.
MINPAN_AUDIT_KEEP_DAYS = _env_int("MINPAN_AUDIT_KEEP_DAYS", 365, low=180, high=None, bad="请填天数，例如 365。",
                                  out="网络日志须留存不少于六个月（网络安全法第二十一条），请填 180 或更大的天数。")

# A send (or a queued task) claimed this many seconds ago and not finished is taken to be lost
# with its worker (killed, machine down) and taken over. Longer than any send may take.
MINPAN_STALE_CLAIM_SECONDS = _env_int("MINPAN_STALE_CLAIM_SECONDS", 900, low=120, high=86400, bad="请填秒数，例如 900。",
                                      out="须在 120 到 86400 秒之间（须长于一次发送的最长用时）。")
# /healthz answers 503 when no worker has beaten for this long (a worker beats every 15 seconds
# between its batches; a batch of queued tasks may hold it up for a minute or two).
MINPAN_WORKER_STALE_SECONDS = _env_int("MINPAN_WORKER_STALE_SECONDS", 300, low=60, high=86400, bad="请填秒数，例如 300。",
                                       out="须在 60 到 86400 秒之间。")

# Every handler escapes control characters (no forged lines) and masks phone, ID and card numbers,
# e-mail addresses, passwords and tokens (minpan.audit.logs).
_CLEAN = {"filters": ["clean"], "formatter": "clean"}
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"clean": {"()": "minpan.audit.logs.CleanLogFilter"}},
    "formatters": {"clean": {"()": "minpan.audit.logs.CleanFormatter"}},
    "handlers": {
        "console": {"class": "logging.StreamHandler", **_CLEAN},
        # `minpan worker` runs django-tasks-db's db_worker in batch mode every second, which
        # sets its loggers to INFO ("Starting worker", "No more tasks"): only failures are shown.
        "tasks": {"class": "logging.StreamHandler", "level": "WARNING", **_CLEAN},
    },
    "loggers": {
        "minpan": {"handlers": ["console"], "level": MINPAN_LOG_LEVEL},
        # Django's own warnings name the path asked for ("Not Found: /…"), which is the client's text
        "django": {"handlers": ["console"], "level": "WARNING"},
        "django_tasks": {"handlers": ["tasks"]},
        "django_tasks_db": {"handlers": ["tasks"]},
    },
}

# ---- REST API (minpan.api): bearer tokens only (no session, so no CSRF), JSON only, Chinese errors
MINPAN_API_RATE = os.environ.get("MINPAN_API_RATE", "").strip() or "600/min"
if not re.fullmatch(r"[1-9][0-9]{0,6}/(s|sec|m|min|h|hour|d|day)", MINPAN_API_RATE):
    raise ImproperlyConfigured(f"MINPAN_API_RATE={MINPAN_API_RATE!r} 无效：请写 次数/时段，如 600/min（时段为 s、min、hour 或 day）。")
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": ["minpan.api.auth.BearerToken"],
    "DEFAULT_PERMISSION_CLASSES": ["minpan.api.auth.PersonToken"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["rest_framework.parsers.JSONParser"],
    "DEFAULT_THROTTLE_CLASSES": ["minpan.api.auth.PerToken"],
    "DEFAULT_THROTTLE_RATES": {"token": MINPAN_API_RATE},
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "minpan.api.errors.handle",
    "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "民盼通办 REST 接口",
    "DESCRIPTION": "办理人员以本人令牌查看和办理留言，权限与办理台相同；渠道以渠道令牌提交留言。"
                   "令牌用 minpan token create 生成，请求时加 Authorization: Bearer 令牌。错误一律以 JSON 的 detail 给出中文说明。",
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "SCHEMA_PATH_PREFIX": "/api/v1",
    "SERVERS": [{"url": "/", "description": "本系统"}],
}

# ---- Headers: Content-Security-Policy, HTTPS --------------------------------------------
# Every script and style is a file of our own under /static/: no inline <script>, no on*=""
# handlers, no style="" attributes, no eval (htmx's allowEval is off in desk/base.html).
# Downloads set their own, stricter policy (sandbox), which the middleware leaves alone.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
    },
}
# Our own Chinese page when the CSRF check fails (Django's is English, with an inline <style>).
CSRF_FAILURE_VIEW = "minpan.error_pages.csrf_failure"
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"


def _env_seconds(name: str, default: int) -> int:
    raw = os.environ.get(name, "").strip()
    if not raw:
        return default
    if not raw.isdigit() or int(raw) > 2 * 365 * 86400:
        raise ImproperlyConfigured(f"{name}={raw!r} 无效：请填 0 到 63072000 之间的秒数（一年为 31536000，0 为不发送）。")
    return int(raw)


# With MINPAN_DEBUG=0 minpan is reached over HTTPS only: plain HTTP is redirected and browsers
# are told (HSTS) never to try plain HTTP again. Behind a proxy that ends TLS, the proxy's
# header (MINPAN_PROXY_SSL_HEADER=HTTP_X_FORWARDED_PROTO) says the original request was HTTPS;
# only set it when the proxy overwrites that header on every request.
SECURE_SSL_REDIRECT = _env_bool("MINPAN_SSL_REDIRECT", not DEBUG)
# A load balancer asks /healthz over plain HTTP on the private network: answered, not redirected.
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SECURE_HSTS_SECONDS = _env_seconds("MINPAN_HSTS_SECONDS", 0 if DEBUG else 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = _env_bool("MINPAN_HSTS_INCLUDE_SUBDOMAINS", True)
SECURE_HSTS_PRELOAD = _env_bool("MINPAN_HSTS_PRELOAD", True)
_proxy_ssl = os.environ.get("MINPAN_PROXY_SSL_HEADER", "").strip()
if _proxy_ssl and not re.fullmatch(r"HTTP_[A-Z0-9_]+", _proxy_ssl):
    raise ImproperlyConfigured(
        f"MINPAN_PROXY_SSL_HEADER={_proxy_ssl!r} 无效：请写 Django 的请求头名，例如 HTTP_X_FORWARDED_PROTO（代理在其中写 https）。"
    )
SECURE_PROXY_SSL_HEADER = (_proxy_ssl, "https") if _proxy_ssl else None
