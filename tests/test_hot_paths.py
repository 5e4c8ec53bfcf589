"""The fast paths that the benchmarks rely on keep the slow paths' behaviour."""

import pytest

import AnalyticsClient as M


@pytest.mark.parametrize(
    "text",
    ["1\u00a02", "1\u2003", "\u30001", "1\x852", "1\x1c", "1\x7f", "1\t", "\u2028"],
)
def test_id_text_rejects_any_white_space_or_control_character(text):
    with pytest.raises(ValueError, match="job_id is not an id"):
        M._id_text("job_id", text)


def test_id_text_rejects_exactly_what_isspace_and_control_reject():
    rejected = []
    for code in range(0x3100):
        try:
            M._id_text("job_id", "1" + chr(code))
        except ValueError:
            rejected.append(code)

    expected = [
        code
        for code in range(0x3100)
        if chr(code).isspace() or code < 32 or code == 127
    ]
    assert rejected == expected
