"""Near-duplicate detection: two outlets' versions of one wire story, and a different story."""

from __future__ import annotations

import pytest

from crimegraph.errors import InputError
from crimegraph.ingest import IngestOptions, NearDuplicateIndex, iter_documents, jaccard, signature
from crimegraph.model import Document

WIRE = (
    "Mexican authorities said on Thursday that soldiers had found a clandestine laboratory in the mountains "
    "of the northern state, where gunmen had been producing methamphetamine for export to the United States. "
    "According to the defense ministry, troops seized more than two tons of the synthetic drug, dozens of "
    "barrels of precursor chemicals and several rifles after a brief firefight in which no one was hurt. "
    "Officials said the site belonged to a faction of a powerful cartel that has fought rival groups for "
    "control of smuggling routes across the region for years. The discovery is one of the largest this year, "
    "the ministry said in a statement, adding that the investigation would continue and that prosecutors "
    "had opened a case against unknown persons. Local residents told reporters that trucks had been seen "
    "driving up the dirt road at night for several months before the raid took place."
)
# The same story as a second outlet ran it: a few words changed, one sentence added, one dropped.
REWRITE = (
    "Mexican authorities said on Thursday that soldiers had discovered a clandestine laboratory in the mountains "
    "of the northern state, where gunmen had been producing methamphetamine for export to the United States. "
    "According to the defense ministry, troops seized more than two tons of the synthetic drug, dozens of "
    "barrels of precursor chemicals and several rifles after a brief firefight in which no one was injured. "
    "Officials said the site belonged to a faction of a powerful cartel that has fought rival groups for "
    "control of smuggling routes across the region for years. The discovery is one of the largest this year, "
    "the ministry said in a statement, adding that the investigation would continue and that prosecutors "
    "had opened a case against unknown persons. Local residents told reporters that trucks had been seen "
    "driving up the dirt road at night for several months before the raid took place. "
    "The ministry did not say whether anyone had been arrested."
)
OTHER = (
    "Colombian police said on Thursday that they had arrested a regional commander of a dissident armed group "
    "accused of extorting cattle ranchers and coffee growers in the southwestern province. The suspect was "
    "captured at a checkpoint while travelling with false identity papers, and investigators believe he "
    "ordered the killing of two community leaders last year. The defense minister said the arrest was a "
    "blow to the group's finances, which depend on extortion, illegal gold mining and the coca trade."
)


def test_the_two_versions_really_are_near_duplicates_and_the_other_story_is_not():
    assert jaccard(WIRE, REWRITE) >= 0.8
    assert jaccard(WIRE, OTHER) < 0.1


def test_rewrite_found_as_near_duplicate_of_the_earliest_version():
    index = NearDuplicateIndex()
    index.add("wire", WIRE)
    index.add("copy", REWRITE)
    assert index.find(REWRITE.replace("Thursday", "Friday")) == "wire"
    assert index.find(OTHER) is None
    assert index.find(REWRITE, exclude="wire") == "copy"


def test_exact_same_text_is_found_and_empty_text_never_matches():
    index = NearDuplicateIndex()
    index.add("wire", WIRE)
    assert index.find(WIRE.upper()) == "wire"
    assert index.find("") is None
    index.add("empty", "")
    assert index.find("") is None


def test_threshold_is_respected():
    half = " ".join(WIRE.split()[: len(WIRE.split()) // 2])
    assert jaccard(WIRE, half) < 0.6
    index = NearDuplicateIndex(threshold=0.8)
    index.add("wire", WIRE)
    assert index.find(half) is None
    loose = NearDuplicateIndex(threshold=0.3)
    loose.add("wire", WIRE)
    assert loose.find(half) == "wire"


def test_signatures_persist_and_rebuild_the_index():
    index = NearDuplicateIndex()
    for doc_id, text in (("a", WIRE), ("b", OTHER)):
        index.add(doc_id, text)
    rows = list(index.signatures())
    assert [doc_id for doc_id, _ in rows] == ["a", "b"]
    assert all(isinstance(sig, bytes) for _, sig in rows)
    assert rows[0][1] == signature(WIRE)  # module-level function, same default parameters
    rebuilt = NearDuplicateIndex.from_signatures(rows)
    assert len(rebuilt) == 2
    assert rebuilt.find(REWRITE) == "a"
    assert rebuilt.find_signature(signature(OTHER)) == "b"


def test_signature_from_other_parameters_is_refused_with_the_item_named():
    index = NearDuplicateIndex()
    with pytest.raises(InputError, match="doc-7.*num_perm=64"):
        index.add_signature("doc-7", signature(WIRE, num_perm=64))
    with pytest.raises(InputError, match="doc-8"):
        index.add_signature("doc-8", b"garbage")


def test_iter_documents_links_near_duplicates(tmp_path):
    (tmp_path / "a.txt").write_text("Lab found in the mountains\n\n" + WIRE, encoding="utf-8")
    (tmp_path / "b.txt").write_text("Army finds meth lab\n\n" + REWRITE, encoding="utf-8")
    (tmp_path / "c.txt").write_text("Commander arrested\n\n" + OTHER, encoding="utf-8")
    index = NearDuplicateIndex()
    docs = [d for d in iter_documents([tmp_path], IngestOptions(), dedup=index)]
    assert all(isinstance(d, Document) for d in docs)
    first, second, third = docs
    assert first.duplicate_of is None
    assert second.duplicate_of == first.id
    assert third.duplicate_of is None
    assert len(index) == 3
