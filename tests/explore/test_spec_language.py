"""The explorer agrees with the verifier on the spec-language programs (struct values, `len`
and `has` of spec maps, a choose whose value the code picks): each verified one passes, and
each seeded bug that changes behaviour is found as a refinement violation."""

from __future__ import annotations

from pathlib import Path

import pytest

from armada_ls.explore import Bounds, explore_path

PROGRAMS = Path(__file__).resolve().parents[1] / "verify" / "programs"

VERIFIED = ["specstruct_record", "specstruct_map_records", "specstruct_cached",
            "specstruct_block_field", "specstruct_journal", "specchoose_ticket", "specchoose_slot",
            "specchoose_memory_ids", "speclen_log", "speclen_set_mirror", "speclen_quota"]
BUGS = ["specstruct_record_swapped", "specstruct_map_records_tag_lost",
        "specstruct_cached_wrong_field", "specstruct_journal_tag_dropped", "specchoose_ticket_same", "specchoose_ticket_retother",
        "specchoose_slot_out_of_range", "specchoose_slot_wrong_block", "speclen_quota_off_by_one",
        "speclen_log_header_skips", "speclen_set_mirror_double_count"]


@pytest.mark.parametrize("name", VERIFIED)
def test_verified_program_passes(name: str) -> None:
    res = explore_path(str(PROGRAMS / name), Bounds(max_seconds=120))
    assert res.status == "pass", res.violation


@pytest.mark.parametrize("name", BUGS)
def test_behaviour_changing_bug_is_found(name: str) -> None:
    res = explore_path(str(PROGRAMS / name), Bounds(max_seconds=120))
    assert res.status == "fail", res.status
    assert res.violation is not None and res.violation.kind == "refinement", res.violation
