"""Signed records: who made a record, and has it changed since.

Each installation holds one Ed25519 key pair in the user's data folder
(``<data>/keys/signing-key.pem``, see :mod:`smedigital.library.paths`), made on first use and
written atomically with owner-only permissions (0600). A record (any JSON object, e.g. the
assessment record a workbook carries) is signed over its **canonical bytes**: JSON with keys
sorted, no spaces (``,`` and ``:`` as separators), UTF-8 without ``\\u`` escapes for non-ASCII,
no NaN or infinity, and the record's own ``signature`` field left out. The signature block
added under ``signature`` carries the algorithm, the signer's public key and its fingerprint,
the signature and the signing time.

An office keeps a small **trusted-keys file** (YAML, ``smedigital-trusted-keys``): per key its
fingerprint, holder's name, organisation and the date it was added. :func:`verify_record`
tells one of four things: signed by a known key (and whose), signed by an unknown key,
unsigned, or signature invalid (changed after signing, or a block that does not hold
together). The fingerprint is the SHA-256 of the raw public key, so a key cannot pass for
another one on the list.
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import hashlib
import json
import math
import os
import re
import tempfile
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from smedigital.core.text import Text

ALGORITHM = "Ed25519"
SIGNATURE_FIELD = "signature"
KEY_DIR = "keys"
KEY_FILE = "signing-key.pem"
TRUSTED_FORMAT = "smedigital-trusted-keys"
TRUSTED_VERSION = 1

TRUSTED, UNKNOWN_KEY, UNSIGNED, INVALID = "trusted", "unknown_key", "unsigned", "invalid"
_FPR = re.compile(r"^[0-9a-f]{64}$")


class TrustError(Exception):
    """A key or trusted-keys file that cannot be used; ``problems`` hold every reason, in both languages."""

    def __init__(self, source: str, problems: Sequence[tuple[str, Text]]):
        self.source = source
        self.problems = list(problems)
        super().__init__(f"{source}: " + "; ".join(self.lines("en")))

    def lines(self, lang: str = "zh") -> list[str]:
        return [f"{loc}: {msg.get(lang)}" if loc else msg.get(lang) for loc, msg in self.problems]


# --------------------------------------------------------------------------- canonical bytes


def canonical_bytes(record: Mapping[str, Any]) -> bytes:
    """The bytes a signature covers: ``record`` without its ``signature``, as canonical JSON.

    Keys sorted, separators ``,`` and ``:`` without spaces, UTF-8 (non-ASCII written as is),
    floats as Python writes them (shortest repr); NaN and infinity are refused, as are keys
    that are not strings, so two programs never disagree about the bytes.
    """
    if not isinstance(record, Mapping):
        raise TypeError("a record is a JSON object")
    body = {k: v for k, v in record.items() if k != SIGNATURE_FIELD}
    _check_json(body, "")
    return json.dumps(body, sort_keys=True, ensure_ascii=False, separators=(",", ":"),
                      allow_nan=False).encode("utf-8")


def _check_json(value: Any, where: str) -> None:
    if isinstance(value, Mapping):
        for k, v in value.items():
            if not isinstance(k, str):
                raise ValueError(f"{where or 'record'}: key {k!r} is not a string")
            _check_json(v, f"{where}.{k}" if where else k)
    elif isinstance(value, (list, tuple)):
        for i, v in enumerate(value):
            _check_json(v, f"{where}[{i}]")
    elif isinstance(value, float) and not math.isfinite(value):
        raise ValueError(f"{where}: {value} cannot be signed (not a finite number)")
    elif value is not None and not isinstance(value, (str, int, float, bool)):
        raise ValueError(f"{where}: a {type(value).__name__} is not JSON")


def fingerprint(public_key: Ed25519PublicKey | bytes) -> str:
    """SHA-256 of the raw 32-byte public key, 64 lower-case hex digits."""
    raw = public_key if isinstance(public_key, bytes) else public_key.public_bytes(
        serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    return hashlib.sha256(raw).hexdigest()


def show_fingerprint(fpr: str) -> str:
    """A fingerprint in groups of four for reading aloud or comparing by eye."""
    return " ".join(fpr[i:i + 4] for i in range(0, len(fpr), 4))


def normalise_fingerprint(text: str) -> str:
    return re.sub(r"[\s:]", "", text).lower()


# --------------------------------------------------------------------------- the installation's key


def key_path(base: Path | None = None) -> Path:
    if base is None:
        # here: importing smedigital.library.paths runs the library package (sqlite3, logging: ~20 ms), which a
        # process that only verifies signatures (an aggregation worker) never needs
        from smedigital.library.paths import data_dir

        base = data_dir()
    return base / KEY_DIR / KEY_FILE


def _atomic_write(path: Path, data: bytes, mode: int = 0o600, replace: bool = True) -> bool:
    """Write ``data`` to ``path`` through a temporary file in the same folder.

    With ``replace`` false an existing file is kept (and False returned): two programs making
    the key at once end up with one key, not one each.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        os.chmod(tmp, mode)
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        if replace:
            os.replace(tmp, path)
            return True
        try:
            os.link(tmp, path)
        except FileExistsError:
            return False
        except OSError:  # a file system without hard links: fall back to an exclusive create
            try:
                with open(path, "xb") as out:
                    out.write(data)
                os.chmod(path, mode)
            except FileExistsError:
                return False
        return True
    finally:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass


@dataclass(frozen=True)
class Identity:
    """This installation's key pair."""

    private_key: Ed25519PrivateKey
    path: Path

    @property
    def public_key(self) -> Ed25519PublicKey:
        return self.private_key.public_key()

    @property
    def public_bytes(self) -> bytes:
        return self.public_key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)

    @property
    def fingerprint(self) -> str:
        return fingerprint(self.public_bytes)


def load_or_create_identity(base: Path | None = None) -> Identity:
    """The installation's key pair, made on first use (private key file 0600, written atomically).

    An existing key file that cannot be read is an error, never silently replaced: a new key
    would be a new identity that no office trusts.
    """
    path = key_path(base)
    if not path.exists():
        key = Ed25519PrivateKey.generate()
        pem = key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                serialization.NoEncryption())
        if _atomic_write(path, pem, 0o600, replace=False):
            return Identity(key, path)
    try:
        if os.name == "posix" and path.stat().st_mode & 0o077:
            os.chmod(path, 0o600)  # readable by others: tighten it back to the owner alone
        loaded = serialization.load_pem_private_key(path.read_bytes(), password=None)
    except (OSError, ValueError, TypeError) as exc:
        raise TrustError(str(path), [("", Text(
            f"签名密钥文件无法读取（{type(exc).__name__}）；请从备份恢复，不要删除后重建，否则单位需重新信任新密钥。",
            f"the signing key file cannot be read ({type(exc).__name__}); restore it from a backup rather than "
            "deleting it: a new key is a new identity the office must trust again"))]) from exc
    if not isinstance(loaded, Ed25519PrivateKey):
        raise TrustError(str(path), [("", Text("签名密钥不是 Ed25519 密钥", "the signing key is not an Ed25519 key"))])
    return Identity(loaded, path)


# --------------------------------------------------------------------------- signing


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def sign_record(record: Mapping[str, Any], identity: Identity | None = None,
                now: dt.datetime | None = None) -> dict[str, Any]:
    """A copy of ``record`` with a ``signature`` block over its canonical bytes."""
    ident = identity or load_or_create_identity()
    body = canonical_bytes(record)
    when = (now or dt.datetime.now(dt.UTC)).astimezone(dt.UTC).replace(microsecond=0)
    block = {"alg": ALGORITHM, "key": _b64(ident.public_bytes), "fingerprint": ident.fingerprint,
             "signed_at": when.isoformat().replace("+00:00", "Z"), "sig": _b64(ident.private_key.sign(body))}
    out = {k: v for k, v in record.items() if k != SIGNATURE_FIELD}
    out[SIGNATURE_FIELD] = block
    return out


# --------------------------------------------------------------------------- trusted keys


@dataclass(frozen=True, slots=True)
class TrustedKey:
    fingerprint: str
    holder: str
    organisation: str
    added: dt.date


class _NoDatesLoader(yaml.SafeLoader):
    """Dates stay text so a bad one is reported with its place."""


def _date_as_text(loader: yaml.SafeLoader, node: yaml.Node) -> Any:
    return loader.construct_scalar(node)  # type: ignore[arg-type]  # a timestamp is a scalar node


_NoDatesLoader.add_constructor("tag:yaml.org,2002:timestamp", _date_as_text)


def parse_trusted_keys(data: Any, source: str = "<trusted keys>") -> dict[str, TrustedKey]:
    """Trusted keys by fingerprint; raises TrustError with every problem and its location."""
    problems: list[tuple[str, Text]] = []

    def bad(loc: str, zh: str, en: str) -> None:
        problems.append((loc, Text(zh, en)))

    if not isinstance(data, dict):
        raise TrustError(source, [("", Text("文件顶层应为映射", "the file must hold a mapping at the top"))])
    if data.get("format") != TRUSTED_FORMAT:
        bad("format", f"应为 {TRUSTED_FORMAT}", f"must be {TRUSTED_FORMAT}")
    fv = data.get("format_version")
    if not isinstance(fv, int) or isinstance(fv, bool) or fv < 1:
        bad("format_version", "应为整数", "must be a whole number")
    elif fv > TRUSTED_VERSION:
        bad("format_version", f"为 {fv}，比本程序能读的新，请更新 smedigital",
            f"is {fv}, newer than this program reads; please update smedigital")
    keys = data.get("keys")
    if keys is None:
        keys = []
    if not isinstance(keys, list):
        bad("keys", "应为列表", "must be a list")
        keys = []
    out: dict[str, TrustedKey] = {}
    for i, k in enumerate(keys):
        where = f"keys[{i}]"
        if not isinstance(k, dict):
            bad(where, "应为映射", "must be a mapping")
            continue
        for extra in set(k) - {"fingerprint", "holder", "organisation", "added"}:
            bad(f"{where}.{extra}", "不是本格式的字段", "is not a field of this format")
        fpr = normalise_fingerprint(k["fingerprint"]) if isinstance(k.get("fingerprint"), str) else ""
        if not _FPR.match(fpr):
            bad(f"{where}.fingerprint", "应为 64 位十六进制数字（可含空格）",
                "must be 64 hexadecimal digits (spaces allowed)")
        elif fpr in out:
            bad(f"{where}.fingerprint", "与前面的密钥重复", "repeats an earlier key")
        texts = []
        for field_name in ("holder", "organisation"):
            v = k.get(field_name)
            if not isinstance(v, str) or not v.strip():
                bad(f"{where}.{field_name}", "缺少或为空", "is missing or empty")
                v = ""
            texts.append(v.strip())
        added = k.get("added")
        day = None
        if isinstance(added, dt.date):
            day = added
        elif isinstance(added, str):
            try:
                day = dt.date.fromisoformat(added.strip())
            except ValueError:
                pass
        if day is None:
            bad(f"{where}.added", f"{added!r} 不是 YYYY-MM-DD 格式的有效日期", f"{added!r} is not a real date as YYYY-MM-DD")
        if _FPR.match(fpr) and day is not None and all(texts):
            out[fpr] = TrustedKey(fpr, texts[0], texts[1], day)
    if problems:
        raise TrustError(source, problems)
    return out


def load_trusted_keys(path: str | Path) -> dict[str, TrustedKey]:
    p = Path(path)
    try:
        text = p.read_text(encoding="utf-8")
    except FileNotFoundError:
        return {}  # no list yet: every signed record is from an unknown key
    except (OSError, UnicodeDecodeError) as exc:
        from smedigital.core.yamlread import read_problem

        said = read_problem(exc)
        raise TrustError(str(p), [("", Text(said.zh, str(said)))]) from exc
    try:
        data = yaml.load(text, Loader=_NoDatesLoader)  # noqa: S506 - a SafeLoader
    except yaml.YAMLError as exc:
        from smedigital.core.yamlread import yaml_problem

        said = yaml_problem(exc)  # its line and column in each language
        raise TrustError(str(p), [("", Text(said.zh, str(said)))]) from exc
    return parse_trusted_keys(data, str(p))


def save_trusted_keys(path: str | Path, keys: Mapping[str, TrustedKey] | Sequence[TrustedKey]) -> None:
    """Write the list (atomically; readable by others: it holds no secret)."""
    items = list(keys.values()) if isinstance(keys, Mapping) else list(keys)
    data = {"format": TRUSTED_FORMAT, "format_version": TRUSTED_VERSION,
            "keys": [{"fingerprint": k.fingerprint, "holder": k.holder, "organisation": k.organisation,
                      "added": k.added.isoformat()} for k in items]}
    text = ("# Keys this office trusts to sign assessment records (smedigital).\n"
            + yaml.safe_dump(data, allow_unicode=True, sort_keys=False))
    _atomic_write(Path(path), text.encode("utf-8"), 0o644)


# --------------------------------------------------------------------------- verifying


@dataclass(frozen=True, slots=True)
class Verdict:
    status: str  # trusted | unknown_key | unsigned | invalid
    message: Text
    fingerprint: str | None = None
    holder: TrustedKey | None = None

    @property
    def ok(self) -> bool:
        return self.status == TRUSTED


def verify_record(record: Mapping[str, Any], trusted: Mapping[str, TrustedKey], body: bytes | None = None) -> Verdict:
    """Whether ``record`` is signed, by whom, and whether it is unchanged since. ``body``: the record's
    :func:`canonical_bytes` when the caller has made them already (a workbook's checksum covers the same values)."""
    block = record.get(SIGNATURE_FIELD) if isinstance(record, Mapping) else None
    if block is None:
        return Verdict(UNSIGNED, Text("未签名：无法确认记录的来源和是否被改动",
                                      "unsigned: neither its origin nor its integrity can be checked"))
    if not isinstance(block, Mapping) or block.get("alg") != ALGORITHM:
        return _invalid("签名块格式不对或算法不是 Ed25519", "the signature block is malformed or not Ed25519")
    try:
        key_raw = base64.b64decode(str(block.get("key", "")), validate=True)
        sig = base64.b64decode(str(block.get("sig", "")), validate=True)
        public_key = Ed25519PublicKey.from_public_bytes(key_raw)
    except (binascii.Error, ValueError):
        return _invalid("签名块中的公钥或签名无法解码", "the public key or signature in the block cannot be decoded")
    fpr = fingerprint(key_raw)
    stated = block.get("fingerprint")
    if stated is not None and normalise_fingerprint(str(stated)) != fpr:
        return _invalid("签名块所称的指纹与其公钥不符", "the block's fingerprint does not match its public key", fpr)
    try:
        public_key.verify(sig, canonical_bytes(record) if body is None else body)
    except InvalidSignature:
        return _invalid("签名无效：记录在签名后被改动，或签名不属于此记录",
                        "signature invalid: the record was changed after signing, or the signature is not for it", fpr)
    except (TypeError, ValueError):
        return _invalid("记录含有无法规范化的值，签名无法核对", "the record holds values that cannot be made canonical", fpr)
    who = trusted.get(fpr)
    shown = show_fingerprint(fpr)
    if who is None:
        return Verdict(UNKNOWN_KEY, Text(f"签名完好，但密钥不在信任列表中（指纹 {shown}）",
                                         f"signed and intact, by a key not on the trusted list (fingerprint {shown})"), fpr)
    return Verdict(TRUSTED, Text(f"由已信任的密钥签名：{who.holder}（{who.organisation}），记录未被改动",
                                 f"signed by a trusted key: {who.holder} ({who.organisation}); unchanged since"), fpr, who)


def _invalid(zh: str, en: str, fpr: str | None = None) -> Verdict:
    return Verdict(INVALID, Text(zh, en), fpr)
