"""Tools for bank and kind authors: bank and kind lint, phrase mining, new kinds, learning a kind from a report."""
