"""Review: any document read into a Source, theme coverage, rule findings, safe fixes, reports."""
