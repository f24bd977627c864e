"""Chinese-language helpers: numbers and comparisons, units, word segmentation, text normalisation, figures read back from text."""
