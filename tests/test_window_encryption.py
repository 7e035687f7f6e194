"""The window and encrypted ledgers (issue 12): asked for the passphrase, asked again after
a wrong one; a new file is encrypted with a passphrase typed twice; the status bar says
whether the open file is encrypted."""
from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialog

import db
from gui.passphrase_dialog import MIN_LENGTH, PassphraseDialog
from tests.test_window_editing import key, type_text

PASSPHRASE = "olive grove at dawn"


def _status(window) -> str:
    return window.statusBar().currentMessage()


def test_an_encrypted_file_is_opened_after_a_wrong_passphrase(qtbot, window, dialogs,
                                                              tmp_path):
    qtbot.waitUntil(lambda: "not encrypted" in _status(window))  # the test's plain file
    path = tmp_path / "field.sqlite3"
    with db.open_ledger(path, passphrase=PASSPHRASE) as ledger:
        db.add_truce(ledger, db.Truce("Nationwide ceasefire", "2016-12-29"))
    db.cipher.forget(path)  # as in a new run of the program
    dialogs.paths = [path]
    dialogs.passphrases = ["olive grove at dusk", PASSPHRASE]
    window.open_database()
    asked = [problem for kind, problem in dialogs.asked if kind == "passphrase"]
    assert len(asked) == 2 and asked[0] == ""  # first asked without a reproach
    assert "does not open field.sqlite3" in asked[1]
    assert window.ledger.path == path and window.ledger.encrypted
    qtbot.waitUntil(lambda: "not encrypted" not in _status(window)
                    and "encrypted" in _status(window))


def test_cancelling_the_passphrase_keeps_the_file_open_before(qtbot, window, dialogs,
                                                               tmp_path, ledger_path):
    path = tmp_path / "field.sqlite3"
    db.open_ledger(path, passphrase=PASSPHRASE).close()
    db.cipher.forget(path)
    dialogs.paths = [path]
    window.open_database()  # no passphrase typed: cancelled
    assert window.ledger.path == ledger_path
    assert [kind for kind, _ in dialogs.asked if kind != "path"] == ["passphrase"]


def test_a_new_file_is_encrypted_with_the_passphrase_chosen(qtbot, window, dialogs,
                                                             tmp_path):
    path = tmp_path / "new.sqlite3"
    dialogs.paths, dialogs.new_passphrase = [path], PASSPHRASE
    window.new_database()
    assert window.ledger.path == path and window.ledger.encrypted
    assert not path.read_bytes().startswith(b"SQLite format 3")
    plain = tmp_path / "plain.sqlite3"
    dialogs.paths, dialogs.new_passphrase = [plain], None  # "without encryption", chosen
    window.new_database()
    assert window.ledger.path == plain and not window.ledger.encrypted
    assert plain.read_bytes().startswith(b"SQLite format 3")
    qtbot.waitUntil(lambda: "not encrypted" in _status(window))


def _typed_into(qtbot, dialog: PassphraseDialog, *steps) -> None:
    """Run `dialog` and type `steps` (text, or a key) into whatever has the focus."""
    def typing():
        assert QApplication.activeModalWidget() is dialog
        dialog.activateWindow()  # as the window system does a dialog it shows
        qtbot.waitUntil(lambda: QApplication.focusWidget() is dialog.first)
        for step in steps:
            if isinstance(step, str):
                type_text(qtbot, step)
            elif callable(step):
                step()
            else:
                key(qtbot, step)
    QTimer.singleShot(0, typing)
    dialog.exec()


def test_the_new_passphrase_is_typed_twice_alike_and_long_enough(qtbot):
    short = "x" * (MIN_LENGTH - 1)
    dialog = PassphraseDialog(None, "office.sqlite3", new=True)
    qtbot.addWidget(dialog)
    seen = []
    # Enter on a passphrase too short does nothing: the dialog stays until Escape.
    _typed_into(qtbot, dialog, short, Qt.Key_Tab, short, Qt.Key_Return,
                lambda: seen.append((dialog.isVisible(), dialog.ok.isEnabled(),
                                     dialog.hint.text())), Qt.Key_Escape)
    assert seen == [(True, False, f"Too short: at least {MIN_LENGTH} characters, "
                                  "better a few words.")]
    assert dialog.result() == QDialog.Rejected and dialog.typed is None
    dialog = PassphraseDialog(None, "office.sqlite3", new=True)
    qtbot.addWidget(dialog)
    _typed_into(qtbot, dialog, PASSPHRASE, Qt.Key_Tab, PASSPHRASE, Qt.Key_Return)
    assert dialog.result() == QDialog.Accepted and dialog.typed == PASSPHRASE
    assert dialog.first.text() == ""  # not kept in the closed dialog


def test_two_different_passphrases_are_said_to_differ(qtbot):
    dialog = PassphraseDialog(None, "office.sqlite3", new=True)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.activateWindow()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is dialog.first)
    type_text(qtbot, PASSPHRASE)
    key(qtbot, Qt.Key_Tab)
    type_text(qtbot, "olive grove at dusk")
    assert not dialog.ok.isEnabled()
    assert dialog.hint.text() == "The two passphrases differ."
    assert dialog.second.echoMode() == dialog.second.EchoMode.Password


def test_the_open_plain_file_is_encrypted_from_the_file_menu(qtbot, window, dialogs,
                                                             make_breach, ledger_path):
    db.save_breach(window.ledger, make_breach(place="Saraqib"))
    assert window.encrypt_action.isEnabled() and not window.passphrase_action.isEnabled()
    dialogs.new_passphrase = PASSPHRASE
    window.encrypt_action.trigger()
    assert window.ledger.path == ledger_path and window.ledger.encrypted
    assert not ledger_path.read_bytes().startswith(b"SQLite format 3")
    assert [row.place for row in db.list_breaches(window.ledger)] == ["Saraqib"]
    assert window.passphrase_action.isEnabled() and not window.encrypt_action.isEnabled()
    assert "field.sqlite3" not in str(dialogs.asked)
    assert any(kind == "info" and "is encrypted, and its backups" in text
               for kind, text in dialogs.asked)


def test_the_passphrase_is_changed_after_the_one_it_has_is_typed(qtbot, dialogs, tmp_path):
    from tests.conftest import show_window
    path = tmp_path / "office.sqlite3"
    window = show_window(qtbot, db.open_ledger(path, passphrase=PASSPHRASE))
    dialogs.passphrases = ["olive grove at dusk", PASSPHRASE]
    dialogs.new_passphrase = "cedar hill at noon"
    window.passphrase_action.trigger()
    asked = [problem for kind, problem in dialogs.asked if kind == "passphrase"]
    assert len(asked) == 2 and "does not open office.sqlite3" in asked[1]
    assert any(kind == "info" and "Passphrase changed" in text
               for kind, text in dialogs.asked), dialogs.asked
    window.close()
    db.cipher.forget(path)
    with db.open_ledger(path, passphrase="cedar hill at noon") as ledger:
        assert ledger.encrypted
    db.cipher.forget(path)
    try:
        db.open_ledger(path, passphrase=PASSPHRASE).close()
        raise AssertionError("the old passphrase still opens the file")
    except db.PassphraseError as error:
        assert error.code == "passphrase_wrong"


def test_the_first_start_makes_an_encrypted_file_and_the_next_asks_for_it(qtbot, dialogs):
    from db.paths import default_database_path
    from gui.app import open_first_ledger
    path = default_database_path()
    assert not path.exists()
    dialogs.new_passphrase = PASSPHRASE
    ledger = open_first_ledger(None)  # the very first start: no file anywhere
    assert ledger.path == path and ledger.encrypted
    assert [kind for kind, _ in dialogs.asked] == ["new passphrase"]
    ledger.close()
    db.cipher.forget(path)  # the next start of the program
    dialogs.passphrases = [PASSPHRASE]
    again = open_first_ledger(None)
    assert again.path == path and again.encrypted
    assert [kind for kind, _ in dialogs.asked] == ["new passphrase", "passphrase"]
    again.close()
    db.cipher.forget(path)
    assert open_first_ledger(None) is None  # the passphrase not given: no window
