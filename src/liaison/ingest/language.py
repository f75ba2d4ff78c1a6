"""A cheap test of whether a text is written language at all, or noise.

The classifier must not suggest goals for random bytes or strings of random letters (they can
match a word or two of the SDG texts by chance). :func:`looks_like_language` reads a few
counts, no model, no word list beyond the commonest function words of English, French and
Spanish:

* control characters and the replacement character ``U+FFFD`` (what undecodable bytes become)
  are almost absent from written text;
* most of what is not a space is letters, the letters are of one script, and symbols that
  prose rarely uses (``<>|{}[]^~`@#$%&*=+_\\``) are rare;
* in Latin script: few letters carry accents (random Latin-1 bytes are mostly accented),
  vowels make a fair share of the letters of ordinary words, words rarely switch case back and
  forth (``GfYOjImD``) or pile up five consonants, and average word length is modest;
* a longer text (twelve words or more) that is not a list of acronyms uses function words
  (``the``, ``of``, ``de``, ``la``, ``que`` …).

Short texts (a name, a heading) are judged on the character tests only, so ``Thematic`` or
``U4SSC`` pass. Texts in a non-Latin script pass when their letters are of that one script.
"""

from __future__ import annotations

import re
import unicodedata

_ENGLISH = (
    "a an and are as at be by for from has have in is it its of on or that the this to was "
    "were which will with not also been their into than these those who other such"
)
_FRENCH = (
    "au aux ce ces dans de des du elle en est et il ils la le les leur lui par pas plus pour "
    "qu que qui sa se ses son sur un une"
)
_SPANISH = "al como con del el ella entre es esta este las lo los para por se su sus una y"
FUNCTION_WORDS = frozenset(" ".join((_ENGLISH, _FRENCH, _SPANISH)).split())
_WORD = re.compile(r"[^\W\d_]+")
_VOWELS = frozenset("aeiouyàáâãäåæèéêëìíîïòóôõöøùúûüýÿœ")
_CONSONANT_RUN = re.compile(r"[bcdfghjklmnpqrstvwxz]{5,}")
_CASE_CHANGE = re.compile(r"(?<=[a-z])(?=[A-Z])|(?<=[A-Z])(?=[a-z])")
_ALLOWED_CONTROLS = frozenset("\t\n\r\f\v")
_RARE_SYMBOLS = frozenset("<>|{}[]^~`@#$%&*=+_\\")


def _script(char: str) -> str:
    """The script of a letter, by the first word of its Unicode name (LATIN, CYRILLIC, CJK …)."""
    name = unicodedata.name(char, "")
    return name.split(" ", 1)[0] if name else "?"


def _is_acronym(word: str) -> bool:
    return len(word) >= 2 and word.isupper()


def _odd(word: str) -> bool:
    """A word no language writes: case switching back and forth (``IoT`` and ``eHealth``
    switch twice, ``GfYOjImD`` six times) or five consonants in a row."""
    return len(_CASE_CHANGE.findall(word)) >= 3 or bool(_CONSONANT_RUN.search(word.lower()))


def looks_like_language(text: str) -> bool:
    """Whether ``text`` reads as written language rather than noise (see the module)."""
    stripped = text.strip()
    if not stripped:
        return False
    bad = sum(
        1
        for c in stripped
        if c == "\ufffd"
        or (unicodedata.category(c) in ("Cc", "Cs", "Co", "Cn") and c not in _ALLOWED_CONTROLS)
    )
    if bad > max(1, len(stripped) // 100):
        return False
    visible = [c for c in stripped if not c.isspace()]
    letters = [c for c in visible if c.isalpha()]
    if not letters or len(letters) < 0.5 * len(visible):
        return False
    rare = sum(1 for c in visible if c in _RARE_SYMBOLS)
    if rare > max(1, 0.03 * len(visible)):
        return False
    scripts: dict[str, int] = {}
    for c in letters:
        script = _script(c)
        scripts[script] = scripts.get(script, 0) + 1
    main, count = max(scripts.items(), key=lambda kv: kv[1])
    if count < 0.9 * len(letters):
        return False
    if main != "LATIN":
        return True
    return _latin_text_reads(stripped, letters)


def _latin_text_reads(text: str, letters: list[str]) -> bool:
    """The Latin-script tests: accents, vowels, case, consonant runs, word length, function
    words."""
    accented = sum(1 for c in letters if not c.isascii())
    if accented > 0.25 * len(letters):
        return False
    words = _WORD.findall(text)
    ordinary = [w for w in words if not _is_acronym(w) and len(w) > 1]
    odd = sum(1 for w in ordinary if _odd(w))
    if len(letters) < 12:
        return odd == 0 and (not ordinary or any(_VOWELS.intersection(w.lower()) for w in ordinary))
    if ordinary:
        chars = "".join(ordinary).lower()
        vowel_share = sum(1 for c in chars if c in _VOWELS) / len(chars)
        if not 0.25 <= vowel_share <= 0.7:
            return False
        if odd > 0.15 * len(ordinary):
            return False
    if sum(len(w) for w in words) / len(words) > 12:
        return False
    if len(words) >= 12 and len(ordinary) >= 0.5 * len(words):
        function = sum(1 for w in words if w.lower() in FUNCTION_WORDS)
        if function < 0.06 * len(words):
            return False
    return True
