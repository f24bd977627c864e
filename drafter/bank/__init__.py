"""The phrase bank as data: kinds of report, their slots and variants, figures specs and their samples."""
