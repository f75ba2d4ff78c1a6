"""Ingestion: reading the documents an office holds and proposing the records they state, each
with the paragraph it came from, for a person to accept, correct or reject."""
