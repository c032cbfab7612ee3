"""Derived tables kept as Arrow files read back as the frame that was stored, and never half."""

import pandas as pd

from wijktools import paths
from wijktools.opendata import frames
from wijktools.profile import cohort


def test_the_kwb_rows_kept_in_data_derived_equal_the_parsed_csv(tmp_path, monkeypatch):
    monkeypatch.setattr(paths, "derived_dir", lambda: tmp_path)
    source = paths.raw_dir() / cohort.KWB2024_FILE
    parsed = cohort._read_kwb2024(source)
    # as in data/raw: 2024,NL00,Nederland,Nederland,Land,,17942942,...
    assert parsed.loc["NL00", "aantal_inwoners"] == 17942942
    first = frames.derived("proef", [source], lambda: cohort._read_kwb2024(source)).to_pandas()
    again = frames.derived("proef", [source], lambda: pd.DataFrame()).to_pandas()  # read, not built
    pd.testing.assert_frame_equal(first, parsed)
    pd.testing.assert_frame_equal(again, parsed)


def test_a_truncated_derived_file_is_built_again(tmp_path, monkeypatch):
    monkeypatch.setattr(paths, "derived_dir", lambda: tmp_path)
    source = paths.raw_dir() / cohort.KWB2024_FILE
    frame = pd.DataFrame({"code": ["GM0262", "GM1980"], "n": [34289, 47000]})
    frames.derived("proef", [source], lambda: frame)
    [stored] = tmp_path.glob("proef-*.arrow")
    stored.write_bytes(stored.read_bytes()[:100])  # a copy cut short
    rebuilt = frames.derived("proef", [source], lambda: frame).to_pandas()
    pd.testing.assert_frame_equal(rebuilt, frame)
    assert [p.name for p in tmp_path.glob("proef-*.arrow")] == [stored.name]
    pd.testing.assert_frame_equal(frames.read(stored), frame)
