"""Users, their roles and what each role may do. Passwords are stored only as Argon2 hashes.

There is no default user and no default password: an administrator creates each account.
"""

from __future__ import annotations

import re

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import select
from sqlalchemy.orm import Session

from liaison.errors import InvalidRequest, LiaisonError, NotFound
from liaison.model import User
from liaison.reference.vocabulary import vocabulary

# Least privilege: each role may do exactly what is listed, nothing more.
PERMISSIONS: dict[str, frozenset[str]] = {
    "reader": frozenset({"read"}),
    "editor": frozenset({"read", "edit"}),
    "admin": frozenset({"read", "edit", "administer"}),
}
MIN_PASSWORD_LENGTH = 12
_USERNAME = re.compile(r"^[a-z0-9][a-z0-9._-]{1,63}$")
_hasher = PasswordHasher()


def _check_role(role: str) -> None:
    if role not in vocabulary("user_role"):
        raise LiaisonError(f"unknown role '{role}': use one of {', '.join(PERMISSIONS)}")


# Passwords people pick first, refused whatever their length: words and keyboard runs, with
# the digits and years that get added to reach a minimum length.
_COMMON_STEMS = (
    "password",
    "passw0rd",
    "p@ssword",
    "qwerty",
    "azerty",
    "letmein",
    "welcome",
    "iloveyou",
    "admin",
    "administrator",
    "changeme",
    "secret",
    "liaison",
    "geneva",
    "unitednations",
    "monkey",
    "dragon",
    "football",
    "sunshine",
    "princess",
    "abc",
    "abcdef",
    "asdf",
    "zxcvbn",
    "qwertyuiop",
    "asdfghjkl",
    "1q2w3e4r",
    "trustno1",
    "master",
    "login",
    "default",
)
_FILLER = re.compile(r"[\d!@#$%^&*?._-]*")


def _looks_common(password: str) -> bool:
    lowered = password.lower()
    if lowered.isdigit() and lowered in "01234567890123456789" + "98765432109876543210":
        return True  # a run of digits
    for stem in _COMMON_STEMS:
        for candidate in (lowered, lowered[::-1]):
            if candidate.startswith(stem) and _FILLER.fullmatch(candidate[len(stem) :]):
                return True
            if candidate.endswith(stem) and _FILLER.fullmatch(candidate[: -len(stem)]):
                return True
    return False


def password_problem(password: str) -> str | None:
    """Why a password is refused, or None when it is acceptable."""
    if len(password) < MIN_PASSWORD_LENGTH:
        return f"a password needs at least {MIN_PASSWORD_LENGTH} characters"
    if not password.strip():
        return "a password cannot be only spaces"
    if len(set(password)) == 1:
        return "a password cannot be one character repeated"
    if _looks_common(password):
        return "this password is too common: choose one that others are unlikely to pick"
    return None


def _check_password(password: str) -> None:
    problem = password_problem(password)
    if problem:
        raise InvalidRequest(problem)


def create_user(session: Session, username: str, password: str, role: str) -> User:
    if not _USERNAME.match(username):
        raise LiaisonError(
            f"'{username}' is not a user name: 2-64 lower-case letters, digits, '.', '_' or '-'"
        )
    _check_role(role)
    _check_password(password)
    if session.scalar(select(User).where(User.username == username)) is not None:
        raise LiaisonError(f"the user '{username}' already exists")
    user = User(username=username, password_hash=_hasher.hash(password), role=role, active=True)
    session.add(user)
    session.flush()
    return user


def get_user(session: Session, username: str) -> User:
    user = session.scalar(select(User).where(User.username == username))
    if user is None:
        raise NotFound(f"no user '{username}'")
    return user


def set_password(session: Session, username: str, password: str) -> None:
    _check_password(password)
    get_user(session, username).password_hash = _hasher.hash(password)


def set_role(session: Session, username: str, role: str) -> None:
    _check_role(role)
    get_user(session, username).role = role


def authenticate(session: Session, username: str, password: str) -> User | None:
    """The active user with this name and password, or None (never says which was wrong)."""
    user = session.scalar(select(User).where(User.username == username))
    if user is None or not user.active:
        _hasher.hash(password)  # spend the same time as a real check
        return None
    try:
        _hasher.verify(user.password_hash, password)
    except (VerificationError, InvalidHashError):
        return None
    if _hasher.check_needs_rehash(user.password_hash):
        user.password_hash = _hasher.hash(password)
    return user


def may(user: User, permission: str) -> bool:
    return user.active and permission in PERMISSIONS.get(user.role, frozenset())


def has_admin(session: Session) -> bool:
    return (
        session.scalar(select(User.id).where(User.role == "admin", User.active.is_(True)).limit(1))
        is not None
    )


def list_users(session: Session) -> list[User]:
    return list(session.scalars(select(User).order_by(User.username)))
