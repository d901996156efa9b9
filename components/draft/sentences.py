"""Where a report's sentences and clauses start and end: a sentence ends at 。!? 】 or a line end, a clause at , ; :."""

from __future__ import annotations

import re
from dataclasses import dataclass

SENTENCE_END = "。!?！？】"  # 【…】 is a header of its own (【测试用虚构文本】), not part of the sentence after it
SENTENCE = re.compile(rf"[^{SENTENCE_END}\n]+(?:[{SENTENCE_END}]+[”’」』)）]*)?")
CLAUSE_BREAK = ",，;；:："
ITEM_BREAK = CLAUSE_BREAK + "、"


@dataclass(frozen=True)
class Sentence:
    start: int
    end: int
    paragraph: int  # the line it is on: a period that heads a paragraph carries on to the paragraph's later sentences


def sentences(text: str) -> list[Sentence]:
    """Every sentence of the text, without the spaces around it (so that text[start:end] is its verbatim quote)."""
    found = []
    for paragraph, line in enumerate(re.finditer(r"[^\n]+", text)):
        for match in SENTENCE.finditer(line.group()):
            body = match.group()
            start = line.start() + match.start() + len(body) - len(body.lstrip())
            end = line.start() + match.end() - (len(body) - len(body.rstrip()))
            if start < end:
                found.append(Sentence(start, end, paragraph))
    return found


def part_around(text: str, sentence: Sentence, position: int, breaks: str = CLAUSE_BREAK) -> tuple[int, int]:
    """The start and end of the clause (or, with ITEM_BREAK, the list item) of the sentence that holds `position`."""
    start = position
    while start > sentence.start and not _breaks(text, start - 1, breaks):
        start -= 1
    end = position
    while end < sentence.end and not _breaks(text, end, breaks):
        end += 1
    return start, end


def _breaks(text: str, at: int, breaks: str) -> bool:
    """Whether text[at] ends a clause: a comma between digits is a thousands separator (2,136人), not a break."""
    thousands = text[at] == "," and text[at - 1 : at].isdigit() and text[at + 1 : at + 2].isdigit()
    return text[at] in breaks and not thousands


def occurrences(haystack: str, needle: str) -> int:
    """How many times `needle` is written in `haystack`, overlapping ones included."""
    return sum(1 for i in range(len(haystack) - len(needle) + 1) if haystack.startswith(needle, i))


def unique_span(text: str, sentence: Sentence, start: int, end: int) -> tuple[int, int]:
    """The span widened, two characters at a time to the left (where a figure's name usually is) and then to the
    right, until what it holds is written only once in the sentence."""
    quote = text[sentence.start : sentence.end]
    while occurrences(quote, text[start:end]) > 1 and (start > sentence.start or end < sentence.end):
        if start > sentence.start:
            start = max(sentence.start, start - 2)
        else:
            end = min(sentence.end, end + 2)
    return start, end
