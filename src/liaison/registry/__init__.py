"""The registry: records of the organization's relations with the UN system, in and out."""
