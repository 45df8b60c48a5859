"""The app's users file and `rtw user add`: hashed passwords, one role each, a worker's own case."""

import io
import os
import stat
from pathlib import Path

import bcrypt
import pytest

from rtw_scheduler.scenario_io import InputError
from rtw_scheduler.users import add_user, load_users
from tests.rtw_scheduler.test_cli import run


def test_a_user_is_stored_with_a_bcrypt_hash_in_a_file_only_its_owner_reads(tmp_path: Path) -> None:
    path = tmp_path / "users.yaml"
    add_user(path, "ana", "Ana P", "clinician", "long enough pass")
    user = load_users(path).credentials.usernames["ana"]
    assert "long enough pass" not in path.read_text()
    assert bcrypt.checkpw(b"long enough pass", user.password.encode())
    assert stat.S_IMODE(path.stat().st_mode) == 0o600 and user.role == "clinician"


def test_adding_a_second_user_keeps_the_first_and_the_cookie_key(tmp_path: Path) -> None:
    path = tmp_path / "users.yaml"
    add_user(path, "ana", "Ana P", "clinician", "long enough pass")
    key = load_users(path).cookie.key
    add_user(path, "sam", "Sam W", "worker", "another pass", case=3)
    users = load_users(path)
    assert list(users.credentials.usernames) == ["ana", "sam"] and users.cookie.key == key
    assert users.credentials.usernames["sam"].case == 3


def test_a_plain_text_password_in_the_file_is_refused_with_its_field(tmp_path: Path) -> None:
    path = tmp_path / "users.yaml"
    path.write_text("cookie: {key: " + "k" * 40 + "}\ncredentials:\n  usernames:\n    ana: {name: A, "
                    "password: hunter22, roles: [clinician]}\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"credentials\.usernames\.ana\.password"):
        load_users(path)


def test_rtw_user_add_reads_the_password_from_standard_input(tmp_path: Path,
                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO("from stdin 123\n"))
    result = run("user", "add", "sue", "--role", "supervisor", "--name", "Sue L", "--users", str(tmp_path / "u.yaml"))
    assert result.code == 0 and "sue (Sue L) signs in as supervisor" in result.out
    stored = load_users(tmp_path / "u.yaml").credentials.usernames["sue"].password
    assert bcrypt.checkpw(b"from stdin 123", stored.encode())


@pytest.mark.parametrize("extra,password,message", [
    (["--role", "worker"], "long enough pass", "--case CASE is required for a worker"),
    (["--role", "hr", "--case", "2"], "long enough pass", "only for a worker"),
    (["--role", "hr"], "short", "at least 8 characters"),
])
def test_rtw_user_add_refuses_what_cannot_sign_in(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                  extra: list[str], password: str, message: str) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO(password + "\n"))
    result = run("user", "add", "bo", "--name", "Bo", "--users", str(tmp_path / "u.yaml"), *extra)
    assert result.code == 2 and message in result.err and not (tmp_path / "u.yaml").exists()


def test_rewriting_a_world_readable_users_file_leaves_it_readable_by_its_owner_only(tmp_path: Path) -> None:
    path = tmp_path / "users.yaml"
    add_user(path, "ana", "Ana P", "clinician", "long enough pass")
    path.chmod(0o644)
    add_user(path, "sue", "Sue L", "supervisor", "long enough pass")
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert sorted(p.name for p in tmp_path.iterdir()) == ["users.yaml"], "no temporary file left behind"


def test_writing_the_users_file_restores_the_process_umask(tmp_path: Path) -> None:
    previous = os.umask(0o022)
    try:
        add_user(tmp_path / "users.yaml", "ana", "Ana P", "clinician", "long enough pass")
        assert os.umask(0o022) == 0o022
    finally:
        os.umask(previous)


def test_rtw_user_add_names_the_file_and_field_of_a_bad_users_file(tmp_path: Path,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "u.yaml"
    path.write_text("cookie: {key: short}\n", encoding="utf-8")
    monkeypatch.setattr("sys.stdin", io.StringIO("long enough pass\n"))
    result = run("user", "add", "bo", "--role", "hr", "--name", "Bo", "--users", str(path))
    assert result.code == 2 and f"{path}: cookie.key" in result.err and "Traceback" not in result.err
    assert path.read_text(encoding="utf-8") == "cookie: {key: short}\n"
