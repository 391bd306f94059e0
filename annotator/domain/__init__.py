"""The domain: immutable snapshots of projects, documents, claims and sources, rating scales,
the document body model, and the text and anchoring rules. Pure Python, no I/O."""
